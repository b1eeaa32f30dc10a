"""The comment HTML the services store (comments.rendering) and the page reads as it is."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from comments import selectors, services
from comments.models import Comment
from comments.rendering import comment_html
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


def test_the_list_shows_each_public_comment_escaped_with_its_replies_and_reply_link(article):
    def listing() -> str:
        thread = selectors.comments_for_article(article)
        return render_to_string(
            "comments/_list.html", {"article": article, "comment_thread": thread}
        )

    assert "Chưa có bình luận nào" in listing()

    first = make_comment(article, status=Status.APPROVED, author_name="Trần <b>Mai</b>")
    reply = make_comment(article, status=Status.APPROVED, parent=first, body="Xin cảm ơn bạn.")
    make_comment(article, status=Status.APPROVED, body="Dòng một\nDòng hai, có dấu đủ.")
    text = listing()
    assert "3 bình luận" in text
    assert f'<li id="bl-{reply.pk}" class="comment comment--reply">' in text
    assert "Trần &lt;b&gt;Mai&lt;/b&gt;" in text and "Dòng một<br>Dòng hai" in text
    # "Trả lời" leads to the reply page: the article page itself is the same for everyone.
    assert f'href="{reverse("comments:reply", args=[first.pk])}#gui-binh-luan"' in text


def test_the_html_keeps_the_sites_zone_when_a_request_activated_another(article):
    sent = datetime(2026, 1, 1, 1, 0, 30, 123456, tzinfo=ZoneInfo("UTC"))
    comment = make_comment(article, status=Status.APPROVED, created_at=sent)
    with timezone.override(ZoneInfo("Europe/Paris")):
        html = comment_html(comment)
    # As on the rest of the public pages: to the second, no fraction (valid HTML).
    assert '<time datetime="2026-01-01T08:00:30+07:00">01/01/2026 08:00</time>' in html
