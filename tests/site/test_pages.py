"""The public pages: what a visitor sees, the statuses and the redirects."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom.roles import EDITOR, REPORTER
from tests.factories import make_user
from tests.site.factories import bulk_articles

pytestmark = pytest.mark.django_db

BROWSER_UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


def text_of(response) -> str:
    return response.content.decode()


def test_article_page_shows_what_the_seed_shows(client, scene):
    article = scene.article
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = text_of(response)
    assert '<h1 id="tieu-de">Nghi Sơn khởi công bến cảng tổng hợp số 3</h1>' in html
    assert '<span class="source-label">(Baothanhhoa.vn) -</span> Bến cảng mới' in html
    # Inline photos: renditions (never the original upload), caption and credit.
    figures = re.findall(r'<figure class="photo">.*?</figure>', html, re.DOTALL)
    assert len(figures) == 2
    assert "Các đại biểu bấm nút khởi công dự án" in figures[0]
    assert '<span class="photo-credit">Ảnh: Nguyễn Thanh</span>' in figures[0]
    assert "srcset=" in figures[0]
    assert f'src="/media/{scene.photos[0].image.name}"' not in figures[0]
    assert '<p class="byline">Bài và ảnh: Nguyễn Thanh</p>' in html
    published = timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M")
    assert f">{published}</time>" in html
    # Breadcrumbs: section, then the places from the province down.
    assert re.search(r"Trang chủ</a></li>\s*<li><a href=\"/chuyen-muc/kinh-te/\">Kinh tế", html)
    places = re.search(r'breadcrumbs-places".*?</nav>', html, re.DOTALL).group(0)
    assert (
        places.index("Thanh Hóa")
        < places.index("Thị xã Nghi Sơn")
        < places.index("Phường Hải Bình")
    )
    assert 'href="/dia-phuong/thanh-hoa/">Xem thêm Thanh Hóa</a>' in html
    assert "Cảng biển</a>" in html and "Đầu tư</a>" in html
    assert "3 bình luận" in html
    assert "Thời tiết Thanh Hóa" in html and "25°C" in html


def test_related_puts_editor_picks_first_and_never_self_or_unpublished(client, scene):
    html = text_of(client.get(scene.article.get_absolute_url()))
    related = re.search(r'id="tin-lien-quan".*?</section>', html, re.DOTALL).group(0)
    titles = re.findall(r'card-title"><a href="[^"]+">([^<]+)</a>', related)
    assert titles[0] == scene.picked.title
    assert titles[1] == scene.similar.title  # shares a tag and the section
    assert scene.article.title not in titles
    assert scene.scheduled.title not in titles and scene.draft.title not in titles


def test_most_read_counts_only_published_articles(client, scene):
    html = text_of(client.get("/"))
    box = re.search(r'id="doc-nhieu".*?</section>', html, re.DOTALL).group(0)
    assert box.index(scene.similar.title) < box.index(scene.unrelated.title)
    assert scene.scheduled.title not in box  # 999 views, but not public yet


def test_share_links_are_plain_links_to_the_networks(client, scene):
    html = text_of(client.get(scene.article.get_absolute_url()))
    url = "http%3A%2F%2F127.0.0.1%3A8000%2Fnghi-son-khoi-cong-ben-cang-"
    assert f"https://www.facebook.com/sharer/sharer.php?u={url}" in html
    assert f"https://sp.zalo.me/share_inline?url={url}" in html
    assert "https://x.com/intent/tweet?url=" in html
    assert "mailto:?subject=" in html
    assert 'class="copy-link"' in html
    assert '<script src="http' not in html  # no third-party script


def test_wrong_slug_redirects_permanently(client, scene):
    url = reverse("articles:detail", kwargs={"slug": "ten-cu", "pk": scene.article.pk})
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == scene.article.get_absolute_url()
    # Also when the page is already in the cache.
    client.get(scene.article.get_absolute_url())
    assert client.get(url)["Location"] == scene.article.get_absolute_url()


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_unpublished_articles_are_not_found(client, scene, which):
    article = getattr(scene, which)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_preview_is_for_staff_who_may_view_articles(client, scene):
    url = reverse("articles:preview", kwargs={"pk": scene.scheduled.pk})
    assert client.get(url).status_code == 404
    client.force_login(make_user(is_staff=True))  # staff without a role
    assert client.get(url).status_code == 404
    client.force_login(make_user(role=REPORTER))
    # A reporter reads what is published or scheduled, not a colleague's draft.
    assert client.get(reverse("articles:preview", kwargs={"pk": scene.draft.pk})).status_code == 404
    response = client.get(url)
    assert response.status_code == 200
    html = text_of(response)
    assert "Bản xem trước" in html and "Bài hẹn giờ đăng lúc" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.force_login(make_user(role=EDITOR))
    draft = client.get(reverse("articles:preview", kwargs={"pk": scene.draft.pk}))
    assert "bạn đọc chưa thấy bài này" in text_of(draft)


def test_preview_shows_a_later_edit_that_the_public_page_does_not_yet(client, scene):
    editor = make_user(role=EDITOR)
    client.get(scene.scheduled.get_absolute_url())
    client.force_login(editor)
    Article.objects.filter(pk=scene.scheduled.pk).update(title="Tiêu đề mới sửa")
    html = text_of(client.get(reverse("articles:preview", kwargs={"pk": scene.scheduled.pk})))
    assert "Tiêu đề mới sửa" in html


def test_region_page_lists_subregions_and_articles_of_places_inside(client, scene):
    response = client.get(reverse("articles:region", kwargs={"slug": "thanh-hoa"}))
    html = text_of(response)
    assert 'href="/dia-phuong/nghi-son/">Xem thêm Thị xã Nghi Sơn</a>' in html
    assert 'href="/dia-phuong/tp-thanh-hoa/">Xem thêm TP. Thanh Hóa</a>' in html
    # Articles filed under a ward of Nghi Sơn show on the province's page.
    assert scene.article.title in html and scene.unrelated.title in html
    assert scene.scheduled.title not in html


def test_local_section_leads_to_the_region_pages(client, scene):
    html = text_of(client.get(reverse("articles:section", kwargs={"slug": "dia-phuong"})))
    assert 'href="/dia-phuong/thanh-hoa/">Xem thêm Thanh Hóa</a>' in html
    assert 'href="/dia-phuong/nghi-son/">Thị xã Nghi Sơn</a>' in html


def test_tag_and_contributor_pages(client, scene):
    tag = client.get(scene.tags["cang-bien"].get_absolute_url())
    assert scene.article.title in text_of(tag) and scene.similar.title in text_of(tag)
    assert scene.scheduled.title not in text_of(tag)
    person = client.get(scene.contributors["hoi"].get_absolute_url())
    assert scene.similar.title in text_of(person)
    assert scene.article.title not in text_of(person)


def test_home_shows_top_stories_sections_local_news_and_most_read(client, scene):
    html = text_of(client.get("/"))
    assert scene.unrelated.title in html
    assert 'id="dia-phuong"' in html and "Xem thêm Thanh Hóa" in html
    assert "Đọc nhiều" in html
    assert scene.scheduled.title not in html and scene.draft.title not in html


def test_lists_paginate_and_bad_pages_are_404(client, scene):
    bulk_articles(scene.sections["thoi-su"], 45)
    url = reverse("articles:section", kwargs={"slug": "thoi-su"})
    assert client.get(url, {"page": "3"}).status_code == 200
    assert 'rel="next"' in text_of(client.get(url, {"page": "2"}))
    for bad in ["4", "0", "-1", "abc", "1.5", "99999999999999999999999", "", "٣"]:
        assert client.get(url, {"page": bad}).status_code == 404, bad


def test_unknown_section_region_tag_contributor_are_404(client, db):
    for name in ["section", "region", "tag", "contributor"]:
        assert (
            client.get(reverse(f"articles:{name}", kwargs={"slug": "khong-co"})).status_code == 404
        )


def test_banner_is_on_every_page_and_closes_without_asking_the_server(client, scene):
    """Closing is remembered by banner.js in the reader's browser: the page is the same for
    those who closed it (it is removed in place) and, without JavaScript, the link to the
    banner itself closes it on that page (:target in site.css)."""
    for url in ["/", scene.article.get_absolute_url(), "/tim-kiem/?q=nghi+son"]:
        html = text_of(client.get(url))
        assert 'id="thong-bao"' in html and 'data-banner-version="1"' in html
        assert '<a class="banner-close" href="#thong-bao" role="button">Tắt' in html
        assert "[X]" in html and "/static/js/banner.js" in html
    client.cookies["nr_thong_bao"] = "1"  # the cookie of the old server-side dismissal
    assert 'id="thong-bao"' in text_of(client.get("/"))
    assert client.post("/tat-thong-bao/").status_code == 404


def test_times_are_shown_in_vietnam_time(client, scene):
    moment = timezone.now().replace(hour=1, minute=30, second=0, microsecond=0) - timedelta(days=1)
    Article.objects.filter(pk=scene.article.pk).update(publish_at=moment, updated_at=moment)
    html = text_of(client.get(scene.article.get_absolute_url()))
    local = timezone.localtime(moment)
    assert local.utcoffset() == timedelta(hours=7)
    assert f">{local:%d/%m/%Y %H:%M}</time>" in html
    assert "Cập nhật" not in re.search(r'article-meta">.*?</p>', html, re.DOTALL).group(0)


def test_robots_txt_names_the_sitemaps_and_hides_private_paths(client, db):
    response = client.get("/robots.txt")
    body = text_of(response)
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /quan-tri/" in body and "Disallow: /xem-truoc/" in body
    assert "Disallow: /doc/" in body  # the view beacon (readership)
    assert "/tat-thong-bao/" not in body  # the banner's old dismissal, gone
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body
    assert "Sitemap: http://127.0.0.1:8000/sitemap-tin-moi.xml" in body


def test_a_scheduled_article_is_absent_from_every_public_page(client, scene):
    scheduled = scene.scheduled
    urls = [
        "/",
        "/chuyen-muc/kinh-te/",
        "/dia-phuong/nghi-son/",
        "/dia-phuong/thanh-hoa/",
        scene.tags["cang-bien"].get_absolute_url(),
        scene.article.get_absolute_url(),  # related and most read
        "/tim-kiem/?q=hen+gio",
        "/rss/",
        "/atom/",
        "/chuyen-muc/kinh-te/rss/",
        "/dia-phuong/nghi-son/atom/",
        "/sitemap-bai-viet.xml",
        "/sitemap-tin-moi.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert scheduled.title not in body, url
        assert scheduled.get_absolute_url() not in body, url
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_every_page_frame_links_to_the_feeds_search_sitemap_and_static_files(client, scene):
    from django.templatetags.static import static

    for url in ("/", scene.article.get_absolute_url(), reverse("search:results") + "?q=cang"):
        html = text_of(client.get(url))
        for name in ("articles:feed", "articles:atom", "sitemap"):
            assert f'href="{reverse(name)}"' in html
        assert f'action="{reverse("search:results")}"' in html
        assert f'class="site-name" href="{reverse("articles:home")}"' in html
        for path in ("css/site.css", "img/favicon.svg", "img/logo.svg", "js/site.js"):
            assert f'"{static(path)}"' in html


def test_favicon_ico_leads_to_the_site_icon(client, db):
    # The admin's pages name no icon, so browsers ask for /favicon.ico there.
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
