"""What a reader's copy of a page tells the caches in front (Varnish, a CDN, the browser)."""

import pytest
from django.test import Client
from django.urls import reverse

from newsroom.roles import EDITOR
from tests.comments.conftest import post_data
from tests.factories import make_user

pytestmark = pytest.mark.django_db

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def assert_public(response, seconds=300):
    found = directives(response)
    assert {"public", "max-age=0", f"s-maxage={seconds}"} <= found, found
    assert {"stale-while-revalidate=60", "stale-if-error=86400"} <= found
    assert response["ETag"].startswith('"') and not response.cookies


def assert_private(response):
    found = directives(response)
    assert "private" in found and "no-store" in found, found
    assert "xkey" not in response.headers


@pytest.fixture
def urls(scene):
    return {
        "home": "/",
        "article": scene.article.get_absolute_url(),
        "section": "/chuyen-muc/kinh-te/",
        "region": "/dia-phuong/thanh-hoa/",
        "tag": f"/chu-de/{scene.tags['cang-bien'].slug}/",
        "contributor": "/tac-gia/le-hoi/",
        "feed": "/rss/",
        "sitemap": "/sitemap.xml",
    }


@pytest.mark.parametrize(
    "name", ["home", "article", "section", "region", "tag", "contributor", "feed", "sitemap"]
)
def test_a_reader_s_page_may_be_kept_by_any_cache_and_is_revalidated_with_its_etag(urls, name):
    url = urls[name]
    first = Client().get(url, **UA)
    assert first.status_code == 200
    assert_public(first)
    assert "Accept-Language" not in first.get("Vary", "")  # one language: no variants
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"], **UA)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    other = Client().get(url, HTTP_IF_NONE_MATCH='"ban-cu"', **UA)
    assert other.status_code == 200 and other.content == first.content


def test_the_article_page_names_what_it_shows_for_purges(scene):
    article = scene.article
    response = Client().get(article.get_absolute_url(), **UA)
    tags = set(response["xkey"].split())
    assert {f"article-{article.pk}", f"comments-{article.pk}", "names", "weather"} <= tags
    assert f"section-{article.section.slug}" in tags
    assert f"region-{article.primary_region.slug}" in tags
    # Not "site": a publish elsewhere does not purge every article page at the edge.
    assert "site" not in tags


def test_lists_and_the_home_page_are_tagged_with_the_site(urls):
    home = set(Client().get(urls["home"], **UA)["xkey"].split())
    assert {"home", "site", "names", "weather"} <= home
    section = set(Client().get(urls["section"], **UA)["xkey"].split())
    assert {"site", "names", "section-kinh-te"} <= section


def test_the_etag_changes_with_the_page(scene, django_capture_on_commit_callbacks):
    from articles.services import article_update

    url = scene.article.get_absolute_url()
    before = Client().get(url, **UA)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        article_update(article=scene.article, user=make_user(role=EDITOR), lead="Sapo mới.")
    response = Client().get(url, HTTP_IF_NONE_MATCH=before, **UA)
    assert response.status_code == 200 and response["ETag"] != before


def test_what_the_newsroom_sees_is_never_kept(client, scene, urls):
    client.force_login(make_user(role=EDITOR))
    for name in ["home", "article", "section"]:
        assert_private(client.get(urls[name], **UA))
    assert_private(client.get(reverse("articles:preview", args=[scene.draft.pk]), **UA))
    assert_private(client.get("/quan-tri/", **UA))


def test_per_reader_answers_are_never_kept(scene):
    reader = Client()
    article = scene.article
    assert_private(reader.get("/tim-kiem/", {"q": "nghi son"}, **UA))
    assert_private(reader.get(reverse("comments:form_session", args=[article.pk]), **UA))
    assert_private(reader.post(reverse("comments:post", args=[article.pk]), post_data(article)))
    assert_private(reader.get("/khong-co-trang-nay/", **UA))
