"""What search engines and social networks read: canonical, Open Graph, Twitter, JSON-LD."""

import json
import re
from datetime import datetime

import pytest

from articles.models import Article, BylineCredit
from tests.factories import credit, make_contributor

pytestmark = pytest.mark.django_db


def structured_data(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(html: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)


def test_canonical_and_social_tags(client, scene):
    html = client.get(scene.article.get_absolute_url()).content.decode()
    url = f"http://127.0.0.1:8000{scene.article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "og:url") == [url]
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:title") == [scene.article.title]
    assert meta(html, "og:image")[0].startswith("http://127.0.0.1:8000/media/")
    assert meta(html, "og:image:alt") == ["Phối cảnh bến cảng nhìn từ biển"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "article:tag") == ["Cảng biển", "Đầu tư"]


def test_canonical_drops_junk_query_but_keeps_page_number(client, scene):
    html = client.get("/chuyen-muc/kinh-te/", {"utm_source": "x"}).content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/chuyen-muc/kinh-te/">' in html


def test_news_article_structured_data(client, scene):
    second = make_contributor("Lê Hợi Hai", slug="le-hoi-hai")
    credit(scene.article, second, BylineCredit.Role.PHOTO, position=1)
    html = client.get(scene.article.get_absolute_url()).content.decode()
    data = structured_data(html)
    article = Article.objects.get(pk=scene.article.pk)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["image"][0].startswith("http://127.0.0.1:8000/media/photos/")
    published = article.publish_at.replace(microsecond=0)
    assert datetime.fromisoformat(data["datePublished"]) == published
    assert data["datePublished"].endswith("+07:00")
    assert datetime.fromisoformat(data["dateModified"]) >= published
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Nguyễn Thanh",
            "url": "http://127.0.0.1:8000/tac-gia/nguyen-thanh/",
        },
        {
            "@type": "Person",
            "name": "Lê Hợi Hai",
            "url": "http://127.0.0.1:8000/tac-gia/le-hoi-hai/",
        },
    ]
    assert data["publisher"]["name"] == "Báo Thanh Hóa Mới"
    assert data["publisher"]["logo"]["url"].endswith("img/logo.png")
    assert data["mainEntityOfPage"]["@id"] == f"http://127.0.0.1:8000{article.get_absolute_url()}"


def test_structured_data_cannot_be_broken_out_of(client, scene):
    hostile = 'Tin nóng </script><script>alert("x")</script> & <!-- hết'
    Article.objects.filter(pk=scene.article.pk).update(title=hostile)
    html = client.get(scene.article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert structured_data(html)["headline"] == hostile
