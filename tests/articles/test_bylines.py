"""Bylines as Vietnamese papers print them."""

import pytest

from articles.bylines import format_byline
from articles.models import BylineCredit, Contributor

R = BylineCredit.Role


def credits(*rows):
    """Unsaved credits: (name, role) in order; format_byline needs no database."""
    return [
        BylineCredit(contributor=Contributor(name=name), role=role, position=index)
        for index, (name, role) in enumerate(rows)
    ]


@pytest.mark.parametrize(
    ("rows", "printed"),
    [
        ([("Nguyễn Thanh", R.TEXT_PHOTO)], "Bài và ảnh: Nguyễn Thanh"),
        ([("Minh Hằng", R.TEXT), ("Lê Hợi", R.PHOTO)], "Bài: Minh Hằng; Ảnh: Lê Hợi"),
        ([("A", R.TEXT), ("B", R.TEXT), ("C", R.PHOTO)], "Bài: A, B; Ảnh: C"),
        ([("A", R.TEXT), ("C", R.PHOTO), ("B", R.TEXT)], "Bài: A, B; Ảnh: C"),
        ([("Nhóm PV", R.GROUP)], "Nhóm PV"),
        ([("Nhóm PV", R.GROUP), ("Lê Hợi", R.PHOTO)], "Nhóm PV; Ảnh: Lê Hợi"),
        ([("Hoàng Anh", R.TRANSLATION)], "Dịch: Hoàng Anh"),
        ([("Văn Tú", R.VIDEO), ("Thu Hà", R.GRAPHICS)], "Video: Văn Tú; Đồ họa: Thu Hà"),
        ([("Minh Hằng", R.TEXT), ("Minh Hằng", R.TEXT)], "Bài: Minh Hằng"),
        ([("  ", R.TEXT)], ""),
        ([], ""),
    ],
)
def test_format_byline(rows, printed):
    assert format_byline(credits(*rows)) == printed


def test_position_decides_the_order_not_the_list_order():
    rows = credits(("Lê Hợi", R.PHOTO), ("Minh Hằng", R.TEXT))
    rows[0].position, rows[1].position = 2, 1
    assert format_byline(rows) == "Bài: Minh Hằng; Ảnh: Lê Hợi"


@pytest.mark.django_db
def test_no_query_with_prefetched_credits(django_assert_num_queries, editor):
    from articles.models import Article
    from tests.factories import credit, make_article, make_contributor

    article = make_article()
    credit(article, make_contributor("Minh Hằng"), R.TEXT, 0)
    credit(article, make_contributor("Lê Hợi"), R.PHOTO, 1)
    loaded = Article.objects.for_listing().get(pk=article.pk)
    with django_assert_num_queries(0):
        assert format_byline(loaded.credits.all()) == "Bài: Minh Hằng; Ảnh: Lê Hợi"
