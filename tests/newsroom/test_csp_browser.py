"""Every kind of page in Chromium under the real Content-Security-Policy: no violation.

A violation is caught three ways: the `securitypolicyviolation` event (recorded by a script
that runs before the page's own), the console message Chromium writes for it, and the report
the browser posts to the policy's report-uri (logged by newsroom.views.csp_report). The last
test shows each of them firing on a page that does break the policy.
"""

import logging
import time

import pytest
from django.apps import apps
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import Comment
from newsroom.roles import sync_roles
from tests.comments.conftest import make_comment
from tests.site.factories import make_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"

# Runs in every document before its own scripts; events bubble up to the document.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
  });
});
"""


@pytest.fixture
def csp_page(_chromium):
    """A page that records CSP violations, with what the console said about CSP."""
    context = _chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.csp_console = []
    page.on(
        "console",
        lambda message: (
            page.csp_console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def csp_reports(caplog):
    """Reports the live server logged (it runs in a thread of this process)."""
    caplog.set_level(logging.WARNING, logger="newsroom.csp")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "newsroom.csp"]


def violations(page) -> list:
    """What this page broke so far: recorded events and console messages."""
    return [*page.evaluate("window.__cspViolations"), *page.csp_console]


def visit(page, url: str) -> None:
    page.csp_console.clear()
    response = page.goto(url)
    assert "content-security-policy" in response.headers, f"{url}: no Content-Security-Policy"
    page.wait_for_load_state("networkidle")


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/quan-tri/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/quan-tri/")


def test_no_page_breaks_the_policy(live_server, csp_page, csp_reports):
    from django.contrib.auth import get_user_model

    sync_roles(apps)  # transactional tests start from an emptied database
    scene = make_scene(comments=3)
    pending = make_comment(scene.article, "Cảng mới thì đường vào cảng cũng cần mở rộng.")
    get_user_model().objects.create_superuser("tongbientap", password=PASSWORD)
    base = live_server.url
    page = csp_page

    def clean(name: str) -> None:
        found = violations(page)
        assert found == [], f"{name}: CSP violations {found}"

    def check(name: str, url: str) -> None:
        visit(page, f"{base}{url}")
        clean(name)

    # The public site, as a visitor sees it.
    check("trang chủ", "/")
    check("bài viết", scene.article.get_absolute_url())
    expect(page.locator(".article-body figure.photo img")).to_have_count(2)
    expect(page.locator("#binh-luan-tieu-de")).to_have_text("3 bình luận")
    page.get_by_label("Ý kiến của bạn").fill("Bài viết hay, cảm ơn tòa soạn.")  # comments.js
    page.locator("#thong-bao").get_by_role("button", name="Tắt thông báo").click()  # site.js
    expect(page.locator("#thong-bao")).to_have_count(0)
    clean("bài viết")
    check("chuyên mục", "/chuyen-muc/kinh-te/")
    check("địa phương", "/dia-phuong/thanh-hoa/")
    check("chủ đề", scene.tags["cang-bien"].get_absolute_url())
    check("tác giả", "/tac-gia/nguyen-thanh/")
    check("tìm kiếm", "/tim-kiem/?q=nghi+son")
    check("trang không có", "/khong-co-trang-nay/")

    # The newsroom's side: admin, the article form with its editor, the moderators' desk.
    check("đăng nhập quản trị", "/quan-tri/login/")
    log_in(page, base, "tongbientap")
    check("bàn làm việc", "/quan-tri/")
    check("danh sách bài", reverse("admin:articles_article_changelist"))
    check("thư viện ảnh", reverse("admin:articles_photo_changelist"))
    check("danh sách bình luận", reverse("admin:comments_comment_changelist"))

    check("viết bài", reverse("admin:articles_article_add"))
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("Sáng nay tuyến đường ven biển chính thức thông xe.")
    page.keyboard.press("Control+b")
    page.keyboard.type(" Người dân rất vui.")
    expect(body.locator("strong")).to_have_text(" Người dân rất vui.")
    page.click('button[data-name="table"]')  # the table dialog, then a table in the body
    page.locator("dialog button[type=submit]").click()
    expect(body.locator("table")).to_have_count(1)
    page.click("#id_publish_at_0 + .datetimeshortcuts a")  # the admin's date shortcuts
    page.click(".field-tags .select2-selection")  # autocomplete: select2 and its requests
    page.locator(".select2-container--open .select2-search__field").fill("Cảng")
    page.click(".select2-results__option >> text=Cảng biển")
    expect(page.locator(".field-tags .select2-selection__choice")).to_have_count(1)
    clean("viết bài")

    check("sửa bài", reverse("admin:articles_article_change", args=[scene.article.pk]))
    expect(body.locator("figure.article-photo")).to_have_count(2)
    expect(body.locator("figure.article-photo img").first).to_be_visible()  # thumbnails
    body.locator("p").first.click()
    page.keyboard.type(" Thêm một câu.")
    page.click('button[data-name="articlePhoto"]')  # our photo dialog (article-photo.js)
    dialog = page.locator("dialog.article-photo-dialog")
    dialog.locator("select").select_option(str(scene.photos[0].pk))
    dialog.locator("button[type=submit]").click()
    expect(body.locator("figure.article-photo")).to_have_count(3)
    clean("sửa bài")

    check("hàng chờ kiểm duyệt", reverse("comments:queue"))
    expect(page.locator(".desk-item")).to_have_count(1)
    page.keyboard.press("j")  # the desk's keyboard shortcuts (moderation.js)
    page.keyboard.press("x")
    expect(page.locator(".desk-item input[name=items]")).to_be_checked()
    clean("hàng chờ kiểm duyệt")
    check("kiểm duyệt một bình luận", pending.get_moderation_url())
    expect(page.locator("#desk-body")).to_have_value(pending.body)

    time.sleep(0.5)  # reports are posted after the event; give any a moment to arrive
    assert csp_reports() == []
    assert Comment.objects.count() == 4  # nothing above posted or changed a comment


def test_a_page_that_breaks_the_policy_is_caught(live_server, csp_page, csp_reports):
    """The checks above can fail: inline code put into a real page is refused and seen by
    each of the three (event, console, report)."""
    make_scene(comments=0)
    page = csp_page
    visit(page, f"{live_server.url}/")
    assert violations(page) == []
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.head.append(script);
          const box = document.createElement("div");
          box.innerHTML = '<p style="color: red">đỏ</p>';
          document.body.append(box);
        }"""
    )
    recorded = page.evaluate("window.__cspViolations")
    assert {v["directive"] for v in recorded} == {"script-src-elem", "style-src-attr"}
    assert page.evaluate("window.__ran") is None  # the inline script did not run
    assert any("script-src" in text for text in page.csp_console)
    deadline = time.monotonic() + 5
    while len(csp_reports()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    reports = csp_reports()
    assert any("script-src-elem blocked inline" in r for r in reports), reports
    assert any("style-src-attr blocked inline" in r for r in reports), reports
