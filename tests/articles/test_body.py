"""The body as readers get it: photo markers become figures with renditions and credits."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from articles import services
from articles.body import featured_image, render_body
from articles.models import Article, ArticlePhoto
from tests.articles.conftest import photo_via_service
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def marker(photo, caption=""):
    inner = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure data-photo-id="{photo.pk}">{inner}</figure>'


def test_marker_becomes_a_figure_with_renditions_caption_and_credit(editor, photo):
    article = make_article(body=f"<p>Mở đầu.</p>{marker(photo, 'Cầu Hàm Rồng lúc sáng sớm')}")
    html = render_body(article)
    assert html.startswith('<p>Mở đầu.</p><figure class="photo">')
    assert 'srcset="' in html and " 480w" in html and " 800w" in html and " 1200w" in html
    assert 'width="800" height="500"' in html
    assert 'loading="lazy"' in html
    assert "<figcaption>Cầu Hàm Rồng lúc sáng sớm " in html
    assert '<span class="photo-credit">Ảnh: Lê Hợi</span></figcaption>' in html
    assert 'alt="Cầu Hàm Rồng lúc sáng sớm"' in html
    original = photo.image.url
    assert f'"{original}"' not in html and f"{original} " not in html


def test_caption_and_alt_come_from_the_use_when_the_marker_has_none(editor, photo):
    article = make_article(body=marker(photo))
    ArticlePhoto.objects.create(
        article=article, photo=photo, caption="Chú thích <ở> bài", alt="Cây cầu thép"
    )
    html = render_body(article)
    assert "<figcaption>Chú thích &lt;ở&gt; bài " in html
    assert 'alt="Cây cầu thép"' in html


def test_another_articles_caption_is_not_borrowed(editor, photo):
    other = make_article()
    ArticlePhoto.objects.create(article=other, photo=photo, caption="Chú thích bài khác")
    article = make_article(body=marker(photo))
    html = render_body(article)
    assert "bài khác" not in html
    assert 'alt="Cầu Hàm Rồng lúc bình minh"' in html  # falls back to the photo's title


def test_marker_of_a_deleted_photo_disappears(editor):
    article = make_article(body='<p>a</p><figure data-photo-id="999999"></figure><p>b</p>')
    assert render_body(article) == "<p>a</p><p>b</p>"


def test_body_without_photos_needs_no_query(django_assert_num_queries):
    article = make_article(body="<p>Chỉ có chữ.</p>")
    with django_assert_num_queries(0):
        assert render_body(article) == "<p>Chỉ có chữ.</p>"


@pytest.mark.parametrize("count", [1, 6])
def test_one_query_for_all_photos_of_the_body(editor, django_assert_num_queries, count):
    photos = [photo_via_service(editor, title=f"Ảnh {i}") for i in range(count)]
    article = make_article(body="".join(marker(p, f"Chú thích {i}") for i, p in enumerate(photos)))
    for p in photos:
        ArticlePhoto.objects.create(article=article, photo=p, alt="mô tả")
    with django_assert_num_queries(1):
        html = render_body(article)
    assert len(re.findall(r'<figure class="photo">', html)) == count


def test_photo_without_stored_renditions_gets_them_once(editor, django_assert_num_queries):
    from tests.factories import make_photo

    photo = make_photo()  # saved without the service: no renditions yet
    article = make_article(body=marker(photo, "Ảnh cũ"))
    ArticlePhoto.objects.create(article=article, photo=photo)
    assert 'width="800"' in render_body(article)
    photo.refresh_from_db()
    assert set(photo.renditions) >= {"w480", "w800", "w1200"}
    with django_assert_num_queries(1):
        render_body(article)


def test_photo_placed_without_a_use_is_shown_in_one_more_query(editor, django_assert_num_queries):
    from tests.factories import make_photo

    photo = make_photo(credit="Lê Hợi")
    article = make_article(body=marker(photo, "Ảnh đặt bằng tay"))  # no ArticlePhoto row
    render_body(article)  # renditions made once
    with django_assert_num_queries(2):
        html = render_body(article)
    assert "Ảnh đặt bằng tay" in html and "Ảnh: Lê Hợi" in html and 'width="800"' in html


def test_featured_image(editor, photo):
    article = make_article(
        featured_photo=photo, featured_caption="Toàn cảnh cầu", featured_alt="Cầu thép bắc qua sông"
    )
    loaded = Article.objects.for_listing().get(pk=article.pk)
    image = featured_image(loaded)
    assert (image.width, image.height) == (800, 500)
    assert image.src.endswith(".jpg") and image.src != photo.image.url
    assert "480w" in image.srcset and "1200w" in image.srcset
    assert (image.alt, image.caption, image.credit) == (
        "Cầu thép bắc qua sông",
        "Toàn cảnh cầu",
        "Ảnh: Lê Hợi",
    )
    assert featured_image(make_article()) is None


def test_credit_already_saying_anh_is_not_doubled(editor):
    photo = photo_via_service(editor, credit="Ảnh: TTXVN")
    article = make_article(body=marker(photo, "Hội nghị"))
    assert '<span class="photo-credit">Ảnh: TTXVN</span>' in render_body(article)


def test_service_written_body_round_trips_into_figures(editor, photo):
    body = (
        f'<p>Đoạn.</p><figure data-photo-id="{photo.pk}" onclick="x">'
        "<figcaption>Cầu</figcaption></figure>"
    )
    article = services.article_create(
        user=editor, title="Bài có ảnh", lead="Sapo.", section=article_section(), body=body
    ).article
    assert '<figure class="photo">' in render_body(article)


def article_section():
    from tests.factories import make_section

    return make_section()


# --- The body stored as readers get it (Article.body_html) ---------------------------------


def _stored(article) -> str:
    return Article.objects.values_list("body_html", flat=True).get(pk=article.pk)


def test_the_services_store_the_expanded_body_and_follow_a_new_caption(editor, photo, section):
    result = services.article_create(
        user=editor, title="Cầu Hàm Rồng", lead="Sapo.", section=section,
        body=f"<p>Mở đầu.</p>{marker(photo, 'Cầu lúc sáng sớm')}",
    )  # fmt: skip
    article = result.article
    assert _stored(article) == str(render_body(article))
    assert "Cầu lúc sáng sớm" in _stored(article) and "Ảnh: Lê Hợi" in _stored(article)
    services.article_update(
        article=article, user=editor, body=f"<p>Mở đầu.</p>{marker(photo, 'Cầu lúc hoàng hôn')}"
    )
    assert "Cầu lúc hoàng hôn" in _stored(article) and "Cầu lúc sáng sớm" not in _stored(article)


def test_a_photo_s_new_credit_reaches_every_body_showing_it_drafts_too(editor, photo, section):
    article = services.article_create(
        user=editor, title="Nháp có ảnh", lead="Sapo.", section=section, body=marker(photo)
    ).article
    photo.credit = "TTXVN"
    services.photo_save(photo=photo, user=editor, image_changed=False)
    assert "Ảnh: TTXVN" in _stored(article) and "Lê Hợi" not in _stored(article)


def test_a_reverted_article_gets_its_body_written_again(editor, photo, section):
    article = services.article_create(
        user=editor, title="Bài khôi phục", lead="Sapo.", section=section, body=marker(photo)
    ).article
    Article.objects.filter(pk=article.pk).update(body="<p>Bản cũ, không ảnh.</p>")
    revision = Version.objects.get_for_object(article).first().revision
    services.article_reverted(article_id=article.pk, restored=revision)
    assert _stored(article) == "<p>Bản cũ, không ảnh.</p>"


def test_render_bodies_writes_what_is_missing_or_stale(editor, photo, section):
    article = services.article_create(
        user=editor, title="Bài cần dựng lại", lead="Sapo.", section=section, body=marker(photo)
    ).article
    expected = _stored(article)
    Article.objects.filter(pk=article.pk).update(body_html="")
    out = StringIO()
    call_command("render_bodies", stdout=out)
    assert _stored(article) == expected and "1 bài" in out.getvalue()
