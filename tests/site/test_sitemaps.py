"""sitemap.xml, the Google News sitemap of the last two days, robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def parse_xml(content: bytes):
    return ET.fromstring(content)  # noqa: S314 - our own server's output


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def locations(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in parse_xml(response.content).iter(f"{SM}loc")]


def test_index_lists_every_part_with_canonical_urls(client, scene):
    urls = locations(client.get("/sitemap.xml"))
    assert urls == [
        "http://127.0.0.1:8000/sitemap-bai-viet.xml",
        "http://127.0.0.1:8000/sitemap-chuyen-muc.xml",
        "http://127.0.0.1:8000/sitemap-dia-phuong.xml",
        "http://127.0.0.1:8000/sitemap-chu-de.xml",
    ]
    for url in urls:
        assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_article_sitemap_has_published_articles_only(client, scene):
    urls = locations(client.get("/sitemap-bai-viet.xml"))
    base = "http://127.0.0.1:8000"
    assert f"{base}{scene.article.get_absolute_url()}" in urls
    assert f"{base}{scene.unrelated.get_absolute_url()}" in urls
    assert f"{base}{scene.scheduled.get_absolute_url()}" not in urls
    assert f"{base}{scene.draft.get_absolute_url()}" not in urls
    assert len(urls) == Article.objects.published().count()


def test_region_and_section_sitemaps(client, scene):
    assert "http://127.0.0.1:8000/dia-phuong/nghi-son/" in locations(
        client.get("/sitemap-dia-phuong.xml")
    )
    assert "http://127.0.0.1:8000/chuyen-muc/kinh-te/" in locations(
        client.get("/sitemap-chuyen-muc.xml")
    )
    assert client.get("/sitemap-khong-co.xml").status_code == 404
    assert client.get("/sitemap-bai-viet.xml", {"p": "9"}).status_code == 404
    assert client.get("/sitemap-bai-viet.xml", {"p": "x"}).status_code == 404


def test_news_sitemap_has_the_last_two_days(client, scene):
    old = make_article("Tin của ba ngày trước", publish_at=timezone.now() - timedelta(days=3))
    response = client.get("/sitemap-tin-moi.xml")
    root = parse_xml(response.content)
    entries = {url.findtext(f"{SM}loc"): url.find(f"{NEWS}news") for url in root.iter(f"{SM}url")}
    base = "http://127.0.0.1:8000"
    assert f"{base}{scene.article.get_absolute_url()}" in entries
    assert f"{base}{scene.unrelated.get_absolute_url()}" in entries  # 1 day old
    assert f"{base}{old.get_absolute_url()}" not in entries
    assert f"{base}{scene.picked.get_absolute_url()}" not in entries  # 3 days old
    assert f"{base}{scene.scheduled.get_absolute_url()}" not in entries
    news = entries[f"{base}{scene.article.get_absolute_url()}"]
    assert news.findtext(f"{NEWS}title") == scene.article.title
    assert news.find(f"{NEWS}publication").findtext(f"{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}publication_date").endswith("+07:00")


def test_sitemap_follows_publishing(client, scene, django_capture_on_commit_callbacks):
    from articles.services import article_publish
    from newsroom.roles import EDITOR
    from tests.factories import make_user

    assert (
        scene.draft.get_absolute_url() not in client.get("/sitemap-bai-viet.xml").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=scene.draft, user=make_user(role=EDITOR))
    assert scene.draft.get_absolute_url() in client.get("/sitemap-bai-viet.xml").content.decode()
