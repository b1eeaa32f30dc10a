""" "Tin liên quan": the scoring query (articles.selectors.related_ids), written in plain SQL,
so every rule is checked here on SQLite and, in CI, on PostgreSQL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import selectors
from articles.models import Article
from tests.factories import make_article, make_region, make_section, make_tag

pytestmark = pytest.mark.django_db


def hours_ago(n):  # negative: in the future
    return timezone.now() - timedelta(hours=n)


@pytest.fixture
def base():
    section, other = make_section("Kinh tế"), make_section("Văn hóa")
    region, elsewhere = make_region("Nghi Sơn"), make_region("Sầm Sơn")
    port, invest = make_tag("Cảng biển"), make_tag("Đầu tư")
    article = make_article(
        "Bài gốc", section=section, primary_region=region, publish_at=hours_ago(1)
    )
    article.tags.add(port, invest)
    return article, section, other, region, elsewhere, port, invest


def titles(article, **kwargs):
    return [a.title for a in selectors.article_related(article, **kwargs)]


def test_closeness_orders_by_score_then_newest(base):
    article, section, other, region, elsewhere, port, invest = base
    two_tags = make_article("Hai từ khóa", section=other, publish_at=hours_ago(9))  # 6
    two_tags.tags.add(port, invest)
    tag_region = make_article(  # 3 + 2 = 5
        "Từ khóa và nơi", section=other, primary_region=region, publish_at=hours_ago(8)
    )
    tag_region.tags.add(port)
    tag_section = make_article("Từ khóa và mục", section=section, publish_at=hours_ago(7))  # 4
    tag_section.tags.add(invest)
    make_article("Cùng nơi", section=other, primary_region=region, publish_at=hours_ago(6))  # 2
    make_article("Cùng mục cũ", section=section, publish_at=hours_ago(5))  # 1
    make_article("Cùng mục mới", section=section, publish_at=hours_ago(2))  # 1, newer
    make_article("Không liên quan", section=other, primary_region=elsewhere)

    assert titles(article) == [
        "Hai từ khóa",
        "Từ khóa và nơi",
        "Từ khóa và mục",
        "Cùng nơi",
        "Cùng mục mới",
        "Cùng mục cũ",
    ]
    assert titles(article, limit=2) == ["Hai từ khóa", "Từ khóa và nơi"]


def test_editor_picks_come_first_newest_first_and_only_once(base):
    article, section, other, *_ = base
    close = make_article("Cùng mục", section=section, publish_at=hours_ago(2))
    old_pick = make_article("Chọn cũ", section=other, publish_at=hours_ago(24 * 900))
    new_pick = make_article("Chọn mới", section=section, publish_at=hours_ago(3))
    article.related.add(old_pick, new_pick)

    # A pick outside the time window and sharing nothing still shows: the editor chose it.
    # The pick that is also close is listed once, as a pick.
    assert titles(article) == ["Chọn mới", "Chọn cũ", close.title]


def test_never_itself_nor_what_the_public_cannot_see(base):
    article, section, *_ = base
    article.related.add(article)
    scheduled = make_article("Hẹn giờ", section=section, publish_at=hours_ago(-2))
    draft = make_article("Bản nháp", section=section, published=False)
    withdrawn = make_article("Đã gỡ", section=section, status=Article.Status.UNPUBLISHED,
                             publish_at=hours_ago(2))  # fmt: skip
    article.related.add(scheduled, draft, withdrawn)
    shown = make_article("Đã đăng", section=section)

    assert titles(article) == [shown.title]


def test_outside_the_time_window_is_not_related(base):
    article, section, *_ = base
    make_article("Năm ngoái", section=section, publish_at=hours_ago(24 * 400))
    recent = make_article("Tháng trước", section=section, publish_at=hours_ago(24 * 30))
    assert titles(article) == [recent.title]


def test_only_the_newest_pool_is_scored(base, monkeypatch):
    article, section, other, region, _, port, _ = base
    # An older article sharing a tag would win on score, but falls outside a pool of 2.
    strong = make_article("Cũ nhưng gần", section=other, publish_at=hours_ago(30))
    strong.tags.add(port)
    newer = [make_article(f"Mới {i}", section=section, publish_at=hours_ago(2 + i)) for i in (0, 1)]
    monkeypatch.setattr(selectors, "RELATED_POOL", 2)
    assert titles(article) == [a.title for a in newer]
    monkeypatch.setattr(selectors, "RELATED_POOL", 200)
    assert titles(article)[0] == strong.title


def test_an_article_without_tags_or_region(base):
    _, section, other, region, *_ = base
    plain = make_article("Không từ khóa, không nơi", section=section, publish_at=hours_ago(1))
    same_section = make_article("Cùng mục", section=section, publish_at=hours_ago(3))
    make_article("Cùng nơi khác mục", section=other, primary_region=region)
    titles_found = titles(plain)
    # The base article shares the section too; nothing is matched on a missing region.
    assert set(titles_found) == {"Bài gốc", same_section.title}
    cards = selectors.article_related(plain)
    assert selectors.related_ids(plain, tag_ids=[]) == [a.pk for a in cards]


def test_the_pool_is_read_through_the_covering_index(base):
    """The pool scan needs status, time, section and region (and, on PostgreSQL, the id):
    article_status_pub_cover holds them all, so no table row is read for a candidate."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = base[0]
    with CaptureQueriesContext(connection) as queries:
        selectors.related_ids(article, tag_ids=[t.pk for t in article.tags.all()])
    sql = next(q["sql"] for q in queries.captured_queries if "pool" in q["sql"])
    # On PostgreSQL a prepared statement (newsroom.prepared): "EXECUTE name (values) /* SQL */",
    # explained as such.
    sql = sql.split("/*", 1)[0] if sql.startswith("EXECUTE") else sql
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "COVERING INDEX article_status_pub_cover" in plan
        else:
            # A test database this small would be read whole; tell the planner not to.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "article_status_pub_cover" in plan
