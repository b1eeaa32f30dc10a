"""RSS 2.0 and Atom feeds, site-wide and per section and region: published articles only."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def parse_xml(content: bytes):
    return ET.fromstring(content)  # noqa: S314 - our own server's output


ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    return channel, [(i.findtext("title"), i.findtext("link")) for i in channel.iter("item")]


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    return feed, [
        (e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href"))
        for e in feed.iter(f"{ATOM}entry")
    ]


def test_site_rss(client, scene):
    channel, items = rss_items(client.get(reverse("articles:feed")))
    titles = [title for title, _link in items]
    assert channel.findtext("title") == "Báo Thanh Hóa Mới"
    assert channel.findtext("language") == "vi"
    assert titles[0] == scene.article.title  # newest first
    assert set(titles) == {scene.article.title, scene.picked.title, scene.similar.title,
                           scene.unrelated.title}  # fmt: skip
    assert dict(items)[scene.article.title] == (
        f"http://127.0.0.1:8000{scene.article.get_absolute_url()}"
    )
    item = next(channel.iter("item"))
    assert item.findtext("description").startswith("Bến cảng mới")
    assert item.findtext("category") == "Kinh tế"


def test_site_atom(client, scene):
    feed, entries = atom_entries(client.get(reverse("articles:atom")))
    titles = [title for title, _link in entries]
    assert scene.article.title in titles
    assert scene.scheduled.title not in titles and scene.draft.title not in titles
    first = next(feed.iter(f"{ATOM}entry"))
    assert first.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Bài và ảnh: Nguyễn Thanh"


def test_section_feeds(client, scene):
    _channel, items = rss_items(client.get(reverse("articles:section_feed", args=["kinh-te"])))
    assert [t for t, _l in items] == [scene.article.title, scene.similar.title]
    _feed, entries = atom_entries(client.get(reverse("articles:section_atom", args=["kinh-te"])))
    assert [t for t, _l in entries] == [scene.article.title, scene.similar.title]
    assert client.get(reverse("articles:section_feed", args=["khong-co"])).status_code == 404


def test_region_feeds_include_places_inside(client, scene):
    _channel, items = rss_items(client.get(reverse("articles:region_feed", args=["nghi-son"])))
    assert [t for t, _l in items] == [scene.article.title, scene.similar.title]
    _feed, entries = atom_entries(client.get(reverse("articles:region_atom", args=["thanh-hoa"])))
    titles = {t for t, _l in entries}
    assert titles == {scene.article.title, scene.similar.title, scene.unrelated.title}


def test_feeds_never_carry_scheduled_or_draft_articles(client, scene):
    urls = [
        reverse("articles:feed"),
        reverse("articles:atom"),
        reverse("articles:section_feed", args=["kinh-te"]),
        reverse("articles:section_atom", args=["kinh-te"]),
        reverse("articles:region_feed", args=["nghi-son"]),
        reverse("articles:region_atom", args=["thanh-hoa"]),
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert scene.scheduled.title not in body, url
        assert scene.draft.title not in body, url
        assert scene.article.title in body, url
