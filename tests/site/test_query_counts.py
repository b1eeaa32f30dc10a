"""Constant query counts: the same number at two data sizes proves there is no N+1.

Counts are for a cache miss (the cache is cleared before each measured request); a hit costs
none (test_caching). Renditions are made on a first, unmeasured request.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.site.factories import add_comments, bulk_articles, make_scene

pytestmark = pytest.mark.django_db

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
# Article (its body stored with figures expanded), credits, tags, related ids (picks and
# scoring), related cards, most read, weather, comments, sections (navigation), next scheduled
# article (cache lifetime).
ARTICLE_QUERIES = 10
# After a publish elsewhere the page is built again: the article's own three reads (row,
# credits, tags), related cards (their ids are kept), navigation, most read, next scheduled
# article. The comment list and the weather box are kept (they change with their own
# generations, not with publishing).
ARTICLE_QUERIES_AFTER_A_PUBLISH = 7
LIST_QUERIES = {"home": 9, "section": 5, "region": 6, "tag": 5, "search": 3}


@pytest.fixture(autouse=True)
def _no_flush_during_measure(settings):
    # A flush of view counts runs once a minute inside some request; keep it out of the counts.
    settings.READERSHIP_FLUSH_ON_VIEW = False


def measure(url, django_assert_num_queries, expected, **params):
    client = Client()
    client.get(url, params, **UA)  # renditions, generations
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(url, params, **UA)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("comments", [5, 500])
def test_article_page(comments, django_assert_num_queries):
    scene = make_scene(comments=0)
    add_comments(scene.article, comments)
    response = measure(scene.article.get_absolute_url(), django_assert_num_queries, ARTICLE_QUERIES)
    assert f"{comments} bình luận" in response.content.decode()


def test_article_body_not_stored_yet_costs_one_more_query_and_reads_the_same(
    django_assert_num_queries,
):
    from articles.models import Article

    scene = make_scene(comments=5)
    url = scene.article.get_absolute_url()
    stored = measure(url, django_assert_num_queries, ARTICLE_QUERIES).content.decode()
    Article.objects.filter(pk=scene.article.pk).update(body_html="")
    expanded = measure(url, django_assert_num_queries, ARTICLE_QUERIES + 1).content.decode()
    body = re.compile(r'<div class="article-body">.*?</div>\s*(?=<p class="byline">)', re.DOTALL)
    assert body.search(stored).group(0) == body.search(expanded).group(0)
    assert 'class="photo-credit"' in body.search(stored).group(0)


@pytest.mark.parametrize("comments", [5, 500])
def test_article_page_rebuilt_after_a_publish(comments, django_assert_num_queries):
    from newsroom.cache import bump

    scene = make_scene(comments=0)
    add_comments(scene.article, comments)
    client = Client()
    url = scene.article.get_absolute_url()
    client.get(url, **UA)
    bump("site")
    with django_assert_num_queries(ARTICLE_QUERIES_AFTER_A_PUBLISH):
        response = client.get(url, **UA)
    assert f"{comments} bình luận" in response.content.decode()
    assert scene.picked.title in response.content.decode()


@pytest.mark.parametrize("size", [10, 1000])
@pytest.mark.parametrize("page", ["home", "section", "region", "tag", "search"])
def test_list_pages(page, size, django_assert_num_queries):
    scene = make_scene(comments=0)
    tag = scene.tags["dau-tu"]
    for section in scene.sections.values():
        bulk_articles(section, size // 3 + 1, region=scene.regions["nghi-son"], tag=tag)
    urls = {
        "home": ("/", {}),
        "section": (reverse("articles:section", args=["kinh-te"]), {}),
        "region": (reverse("articles:region", args=["thanh-hoa"]), {}),
        "tag": (tag.get_absolute_url(), {}),
        "search": (reverse("search:results"), {"q": "tin nhanh"}),
    }
    url, params = urls[page]
    measure(url, django_assert_num_queries, LIST_QUERIES[page], **params)
