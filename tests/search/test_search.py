"""Search ignores diacritics, ranks, paginates, and explains empty or absurd queries."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from search.selectors import article_search
from tests.factories import make_article
from tests.site.factories import bulk_articles

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def titles(response) -> list[str]:
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def articles(db):
    return {
        "nghi_son": make_article(
            "Nghi Sơn đón dự án điện gió ngoài khơi",
            lead="Tỉnh cấp phép khảo sát cho nhà đầu tư.",
            body="<p>Dự án nằm cách bờ biển 20 km.</p>",
        ),
        "dang_bo": make_article(
            "Đại hội Đảng bộ thành phố nhiệm kỳ mới",
            lead="Đại hội bầu ban chấp hành gồm 45 đồng chí.",
        ),
        "body_only": make_article(
            "Giá lúa vụ mùa tăng nhẹ",
            lead="Nông dân phấn khởi.",
            body="<p>Thương lái ở Nghi Sơn thu mua với giá cao hơn năm trước.</p>",
        ),
        "song": make_article("Sông Mã mùa nước cạn", lead="Người dân ven sông chuẩn bị vụ mới."),
        "scheduled": make_article(
            "Nghi Sơn hẹn giờ", publish_at=timezone.now() + timedelta(hours=1)
        ),
        "draft": make_article("Nghi Sơn bản nháp", published=False),
    }


@pytest.mark.parametrize("query", ["nghi son", "Nghi Sơn", "NGHI SON", "nghi   sơn!"])
def test_without_diacritics_finds_with_diacritics(client, articles, query):
    found = titles(client.get(URL, {"q": query}))
    assert found[0] == articles["nghi_son"].title  # in the title: ranked before the body match
    assert articles["body_only"].title in found


def test_dang_bo_finds_dang_bo(client, articles):
    assert titles(client.get(URL, {"q": "dang bo"})) == [articles["dang_bo"].title]


def test_whole_words_only(client, articles):
    assert articles["song"].title not in titles(client.get(URL, {"q": "son"}))


def test_every_word_must_match(client, articles):
    assert titles(client.get(URL, {"q": "nghi son dai hoi"})) == []


def test_unpublished_and_scheduled_are_never_found(client, articles):
    found = titles(client.get(URL, {"q": "nghi son"}))
    assert "Nghi Sơn hẹn giờ" not in found and "Nghi Sơn bản nháp" not in found


def test_results_are_paginated(client, articles):
    section = articles["nghi_son"].section
    bulk_articles(section, 25, title="Tin Nghi Sơn")
    first = client.get(URL, {"q": "tin nghi son"})
    assert "Tìm thấy 25 bài viết" in first.content.decode()
    assert len(titles(first)) == 10
    assert 'href="?q=tin+nghi+son&amp;page=2"' in first.content.decode()
    assert len(titles(client.get(URL, {"q": "tin nghi son", "page": "3"}))) == 5
    assert client.get(URL, {"q": "tin nghi son", "page": "4"}).status_code == 404
    assert client.get(URL, {"q": "tin nghi son", "page": "x"}).status_code == 404


def test_empty_query_invites_a_search(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Nhập từ khóa để tìm bài viết" in response.content.decode()
    assert client.get(URL, {"q": "   "}).status_code == 200


def test_no_result_says_so(client, articles):
    response = client.get(URL, {"q": "tàu vũ trụ"})
    assert response.status_code == 200
    assert "Không tìm thấy bài viết nào cho “tàu vũ trụ”" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("!!! ??? ...", "Từ khóa cần có ít nhất một chữ cái hoặc chữ số."),
        ("a " * 60, "Từ khóa dài quá 100 ký tự"),
        ("một hai ba bốn năm sáu bảy tám chín", "Hãy tìm với nhiều nhất 8 từ."),
        ("x" * 40, "Có một từ dài bất thường"),
        ("& | ! <-> :* () @@", "Từ khóa cần có ít nhất một chữ cái hoặc chữ số."),
    ],
)
def test_absurd_queries_get_a_clear_message(client, articles, query, message):
    response = client.get(URL, {"q": query})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html


def test_query_is_escaped_back_into_the_page(client, articles):
    html = client.get(URL, {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.postgres
def test_postgres_query_uses_the_fulltext_index(articles):
    # Enough published articles that the status/date index no longer narrows anything down,
    # and fresh statistics, as a real archive would have.
    bulk_articles(articles["nghi_son"].section, 3000, title="Tin khác")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    plan = article_search(["nghi", "son"]).explain()
    assert "article_search_fts" in plan, plan
