"""A visitor in Chromium: home → article → region → search, and the banner that stays closed."""

import re

import pytest
from playwright.sync_api import expect

from tests.site.factories import make_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_reads_an_article_and_finds_more(live_server, browser_page):
    scene = make_scene(comments=2)
    page = browser_page
    page.goto(f"{live_server.url}/")
    expect(page.locator("#thong-bao")).to_be_visible()

    page.get_by_role("link", name=scene.article.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(scene.article.title)
    expect(page.locator(".lead")).to_contain_text("(Baothanhhoa.vn) - Bến cảng mới")

    # The photos, each with its caption and the photographer's credit.
    figures = page.locator(".article-body figure.photo")
    expect(figures).to_have_count(2)
    expect(figures.nth(0).locator("img")).to_have_attribute(
        "alt", "Đại biểu đứng trên sân khấu bấm nút khởi công"
    )
    expect(figures.nth(0).locator("figcaption")).to_have_text(
        "Các đại biểu bấm nút khởi công dự án Ảnh: Nguyễn Thanh"
    )
    expect(figures.nth(1).locator(".photo-credit")).to_have_text("Ảnh: Lê Hợi")
    expect(page.locator(".byline")).to_have_text("Bài và ảnh: Nguyễn Thanh")

    related = page.get_by_role("region", name="Tin liên quan")
    expect(related.get_by_role("link").first).to_have_text(scene.picked.title)
    most_read = page.get_by_role("region", name="Đọc nhiều")
    expect(most_read.get_by_role("listitem").first).to_have_text(scene.similar.title)
    expect(page.get_by_role("region", name="Thời tiết Thanh Hóa")).to_contain_text("25°C")
    expect(page.locator("#binh-luan-tieu-de")).to_have_text("2 bình luận")
    expect(page.get_by_role("link", name="Chia sẻ qua Zalo")).to_have_attribute(
        "href", re.compile(r"^https://sp\.zalo\.me/share_inline\?url=")
    )

    # "Tắt [X]": the banner goes at once and stays gone after a reload.
    page.locator("#thong-bao").get_by_role("button", name="Tắt thông báo").click()
    expect(page.locator("#thong-bao")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(scene.article.title)
    expect(page.locator("#thong-bao")).to_have_count(0)

    page.get_by_role("link", name="Xem thêm Thanh Hóa").click()
    expect(page).to_have_url(f"{live_server.url}/dia-phuong/thanh-hoa/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thanh Hóa")
    expect(page.get_by_role("link", name="Xem thêm Thị xã Nghi Sơn")).to_be_visible()
    expect(page.locator("#thong-bao")).to_have_count(0)

    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("nghi son")
    search.get_by_role("button", name="Tìm").click()
    expect(page.locator(".search-summary")).to_contain_text("nghi son")
    page.get_by_role("link", name=scene.article.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(scene.article.title)


def test_banner_closes_without_javascript_on_that_page(live_server, _chromium):
    make_scene(comments=0)
    context = _chromium.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/chuyen-muc/kinh-te/")
        page.locator("#thong-bao").get_by_role("button", name="Tắt thông báo").click()
        expect(page).to_have_url(f"{live_server.url}/chuyen-muc/kinh-te/#thong-bao")
        expect(page.locator("#thong-bao")).to_be_hidden()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        # Remembering it takes the reader's browser storage, which needs JavaScript: the
        # server never learns who closed it, so every reader gets the same page.
        page.goto(f"{live_server.url}/")
        expect(page.locator("#thong-bao")).to_be_visible()
        # Without JavaScript the copy button stays hidden; the plain share links remain.
        page.goto(f"{live_server.url}/nghi-son-khoi-cong-ben-cang-{_article_pk()}.html")
        expect(page.locator(".copy-link")).to_be_hidden()
        expect(page.get_by_role("link", name="Chia sẻ qua Facebook")).to_be_visible()
    finally:
        context.close()


def _article_pk():
    from articles.models import Article

    return Article.objects.get(slug="nghi-son-khoi-cong-ben-cang").pk


def test_layout_fits_a_phone(live_server, _chromium):
    scene = make_scene(comments=1)
    context = _chromium.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    try:
        page = context.new_page()
        for url in ["/", scene.article.get_absolute_url(), "/dia-phuong/thanh-hoa/"]:
            page.goto(f"{live_server.url}{url}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{url} scrolls sideways by {overflow}px on a phone"
    finally:
        context.close()
