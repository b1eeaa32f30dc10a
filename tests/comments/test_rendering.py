"""The comment HTML the services store (comments.rendering) and the page reads as it is."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from comments import selectors, services
from comments.models import Comment
from comments.rendering import comment_html, thread_listing
from tests.comments.conftest import GOOD_TEXTS, make_comment

pytestmark = pytest.mark.django_db

Status = Comment.Status


def thread_html(article) -> str:
    return "".join(
        c.html + "".join(r.html for r in c.replies_shown)
        for c in selectors.comments_for_article(article)
    )


def test_a_pending_comment_has_no_html_until_a_moderator_approves_it(article, moderator):
    comment = services.comment_submit(article=article, author_name="Hà", body=GOOD_TEXTS[0])
    assert Comment.objects.get(pk=comment.pk).html == ""
    services.comment_approve(comment_id=comment.pk, by=moderator, version=comment.version)
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.html == comment_html(stored)
    assert GOOD_TEXTS[0] in stored.html and "đã biên tập" not in stored.html


def test_an_edit_after_approval_rewrites_the_html_with_the_edit_mark(article, moderator):
    comment = services.comment_submit(article=article, author_name="Hà", body=GOOD_TEXTS[1])
    comment = services.comment_approve(comment_id=comment.pk, by=moderator, version=1)
    services.comment_edit(
        comment_id=comment.pk, by=moderator, version=comment.version, body="Bản đã sửa chính tả."
    )
    html = Comment.objects.get(pk=comment.pk).html
    assert "Bản đã sửa chính tả." in html and GOOD_TEXTS[1] not in html
    assert "đã biên tập" in html
    assert thread_html(article) == html


def test_a_row_stored_without_html_still_shows_in_one_more_query(
    article, django_assert_num_queries
):
    shown = make_comment(article, "Có HTML sẵn.", status=Status.APPROVED)
    bare = make_comment(article, "Chưa có HTML.", status=Status.APPROVED)
    Comment.objects.filter(pk=bare.pk).update(html="")
    with django_assert_num_queries(2):
        thread = selectors.comments_for_article(article)
    assert [c.html for c in thread] == [shown.html, comment_html(bare)]


def test_render_comments_rewrites_stale_html_and_only_that(article):
    sent = datetime(2026, 11, 26, 23, 5, tzinfo=ZoneInfo("UTC"))
    stale = make_comment(article, "Nội dung đúng.", status=Status.APPROVED, created_at=sent)
    fresh = make_comment(article, "Không đổi.", status=Status.APPROVED, created_at=sent)
    held = make_comment(article, "Chưa duyệt.", created_at=sent)
    Comment.objects.filter(pk=stale.pk).update(html="<p>cũ</p>")
    out = StringIO()
    call_command("render_comments", stdout=out)
    assert "1 bình luận" in out.getvalue()
    assert Comment.objects.get(pk=stale.pk).html == comment_html(stale)
    assert "27/11/2026 06:05" in Comment.objects.get(pk=stale.pk).html
    assert Comment.objects.get(pk=fresh.pk).html == fresh.html
    assert Comment.objects.get(pk=held.pk).html == ""  # written when a moderator approves it


def test_the_html_follows_the_time_zone_setting(article, settings):
    sent = datetime(2026, 1, 1, 1, 0, tzinfo=ZoneInfo("UTC"))
    comment = make_comment(article, status=Status.APPROVED, created_at=sent)
    assert "01/01/2026 08:00" in comment_html(comment)
    settings.TIME_ZONE = "UTC"
    assert "01/01/2026 01:00" in comment_html(comment)


def test_the_listing_the_page_keeps_is_the_list_template_s_markup_encoded(article):
    def template_listing():
        thread = selectors.comments_for_article(article)
        context = {"article": article, "comment_thread": thread}
        return thread, render_to_string("comments/_list.html", context).encode()

    thread, expected = template_listing()
    assert thread_listing(article, thread) == expected
    assert "Chưa có bình luận nào".encode() in expected

    first = make_comment(article, status=Status.APPROVED, author_name="Trần <b>Mai</b>")
    make_comment(article, status=Status.APPROVED, parent=first, body="Xin cảm ơn bạn đã hỏi.")
    make_comment(article, status=Status.APPROVED, body="Dòng một\nDòng hai, có dấu đủ.")
    thread, expected = template_listing()
    listing = thread_listing(article, thread)
    assert listing == expected
    text = listing.decode()
    assert "3 bình luận" in text and "comment--reply" in text and "nr-comment-items" not in text
    assert "Trần &lt;b&gt;Mai&lt;/b&gt;" in text and "Dòng một<br>Dòng hai" in text
