"""A visitor and a moderator in Chromium: refusal, pending, edit and approve, reply."""

import os
import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from comments.models import Comment
from newsroom.roles import MODERATOR, sync_roles
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NEWSROOM_SCREENSHOTS")  # a folder, to look at the pages by eye


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def fast_form(settings):
    # A person needs seconds to type; the browser types in milliseconds.
    settings.COMMENT_MIN_FILL_SECONDS = 0


def test_visitor_and_moderator(live_server, browser_page, new_browser_page, fast_form):
    sync_roles(apps)  # transactional tests start from an emptied database
    article = make_article("Thanh Hóa khánh thành cầu mới qua sông Mã")
    make_user("kiemduyet", role=MODERATOR, password="matkhau-kiem-duyet")
    visitor = browser_page
    article_url = f"{live_server.url}{article.get_absolute_url()}"

    # 1. Without diacritics: refused in place, the text stays in the form.
    visitor.goto(article_url)
    visitor.get_by_label("Họ tên").fill("Lê Thị Hoa")
    visitor.get_by_label("Ý kiến của bạn").fill("bai viet rat hay")
    visitor.get_by_role("button", name="Gửi bình luận").click()
    status = visitor.locator(".comment-form__status")
    status.get_by_text("Vui lòng gõ tiếng Việt có dấu.", exact=False).wait_for()
    assert visitor.get_by_label("Ý kiến của bạn").input_value() == "bai viet rat hay"
    shot(visitor, "1-tu-choi-khong-dau")
    assert not Comment.objects.exists()

    # 2. With diacritics: pending notice; not on the page.
    visitor.get_by_label("Ý kiến của bạn").fill("Bài viết rất hay, cảm ơn tác giả.")
    visitor.get_by_role("button", name="Gửi bình luận").click()
    status.get_by_text("Bình luận của bạn đang chờ biên tập", exact=False).wait_for()
    assert visitor.get_by_label("Ý kiến của bạn").input_value() == ""
    shot(visitor, "2-cho-bien-tap")
    visitor.reload()
    assert visitor.locator(".comments__title").inner_text() == "0 bình luận"
    assert visitor.get_by_text("Bài viết rất hay, cảm ơn tác giả.").count() == 0
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    # 3. The moderator finds it in the queue, edits a word and approves, by keyboard.
    moderator = new_browser_page()
    moderator.goto(f"{live_server.url}/binh-luan/kiem-duyet/")
    moderator.get_by_label(re.compile("Tên đăng nhập|Username")).fill("kiemduyet")
    moderator.get_by_label(re.compile("Mật khẩu|Password")).fill("matkhau-kiem-duyet")
    moderator.get_by_role("button", name=re.compile("Đăng nhập|Log in")).click()
    row = moderator.locator(f"#bl-{comment.pk}")
    row.wait_for()
    assert "Bài viết rất hay, cảm ơn tác giả." in row.inner_text()
    assert article.title in row.inner_text()
    shot(moderator, "3-hang-cho")
    moderator.keyboard.press("e")
    moderator.wait_for_url(re.compile(rf"/kiem-duyet/{comment.pk}/$"))
    moderator.keyboard.press("e")  # focus the text
    editor = moderator.locator("#desk-body")
    assert editor.evaluate("el => document.activeElement === el")
    editor.fill("Bài viết rất bổ ích, cảm ơn tác giả.")
    moderator.keyboard.press("Escape")
    shot(moderator, "4-bien-tap")
    moderator.keyboard.press("a")
    moderator.get_by_text("Đã duyệt đăng bình luận của Lê Thị Hoa.").wait_for()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.original_body == "Bài viết rất hay, cảm ơn tác giả."

    # 4. The visitor reloads: the edited comment, marked as edited; then replies to it.
    visitor.reload()
    shown = visitor.locator(f"#bl-{comment.pk}")
    assert "Bài viết rất bổ ích, cảm ơn tác giả." in shown.inner_text()
    assert "đã biên tập" in shown.inner_text()
    assert visitor.locator(".comments__title").inner_text() == "1 bình luận"
    shown.get_by_role("link", name="Trả lời").click()
    assert visitor.locator(".comment-form__replying").is_visible()
    assert "Lê Thị Hoa" in visitor.locator(".comment-form__replying").inner_text()
    assert visitor.get_by_label("Họ tên").input_value() == "Lê Thị Hoa"  # remembered
    visitor.get_by_label("Ý kiến của bạn").fill("Tôi cũng thấy cây cầu này rất cần thiết.")
    visitor.get_by_role("button", name="Gửi bình luận").click()
    try:
        status.get_by_text("Bình luận của bạn đang chờ biên tập", exact=False).wait_for()
    finally:
        shot(visitor, "5-tra-loi")
    reply = Comment.objects.get(parent=comment)
    assert reply.status == Comment.Status.PENDING
    assert reply.author_name == "Lê Thị Hoa"


def test_without_javascript_the_refusal_page_keeps_the_text(live_server, _chromium, fast_form):
    article = make_article("Bài viết thử không có JavaScript")
    context = _chromium.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        page.get_by_label("Họ tên").fill("Đỗ Minh")
        page.get_by_label("Ý kiến của bạn").fill("bai viet rat hay")
        page.get_by_role("button", name="Gửi bình luận").click()
        page.wait_for_load_state()
        # The cached page's form has no token: the first post asks to confirm, text kept.
        assert page.locator("h1").inner_text() == "Xác nhận gửi bình luận"
        assert page.get_by_label("Ý kiến của bạn").input_value() == "bai viet rat hay"
        page.get_by_role("button", name="Gửi bình luận").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Bình luận chưa được gửi"
        assert page.get_by_label("Ý kiến của bạn").input_value() == "bai viet rat hay"
        shot(page, "6-khong-js-tu-choi")
        page.get_by_label("Ý kiến của bạn").fill("Bài viết rất hay, cảm ơn tác giả.")
        page.get_by_role("button", name="Gửi bình luận").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Bình luận của bạn đang chờ biên tập"
        assert Comment.objects.get().status == Comment.Status.PENDING
    finally:
        context.close()


def test_without_javascript_a_reply_goes_through_its_own_page(live_server, _chromium, fast_form):
    article = make_article("Bài viết thử trả lời không có JavaScript")
    parent = Comment.objects.create(
        article=article,
        author_name="Trịnh Văn Lộc",
        body="Đường này cần thêm đèn chiếu sáng.",
        original_body="Đường này cần thêm đèn chiếu sáng.",
        status=Comment.Status.APPROVED,
        fingerprint="fp-loc",
    )
    context = _chromium.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        page.locator(f"#bl-{parent.pk}").get_by_role("link", name="Trả lời").click()
        expect(page.locator("h1")).to_have_text("Trả lời bình luận của Trịnh Văn Lộc")
        expect(page.locator(".comment-form__replying")).to_contain_text("Trịnh Văn Lộc")
        page.get_by_label("Họ tên").fill("Mai Anh")
        page.get_by_label("Ý kiến của bạn").fill("Đồng ý, buổi tối đi qua rất tối.")
        page.get_by_role("button", name="Gửi bình luận").click()
        expect(page.locator("h1")).to_have_text("Bình luận của bạn đang chờ biên tập")
        reply = Comment.objects.get(parent=parent)
        assert reply.status == Comment.Status.PENDING and reply.author_name == "Mai Anh"
    finally:
        context.close()
