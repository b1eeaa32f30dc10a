from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone

from comments import selectors
from comments.models import Comment, HoldReason
from tests.comments.conftest import make_comment
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

Status = Comment.Status
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_thread_shows_approved_only_oldest_first_with_replies_under_parents(article):
    now = timezone.now()
    first = make_comment(article, "Thứ nhất", status=Status.APPROVED, created_at=now - timedelta(3))
    second = make_comment(article, "Thứ hai", status=Status.APPROVED, created_at=now - timedelta(2))
    make_comment(article, "Chờ duyệt", created_at=now - timedelta(1))
    make_comment(article, "Bị từ chối", status=Status.REJECTED)
    reply_late = make_comment(article, "Trả lời sau", status=Status.APPROVED, parent=first)
    reply_early = make_comment(
        article,
        "Trả lời trước",
        status=Status.APPROVED,
        parent=first,
        created_at=now - timedelta(1),
    )
    make_comment(article, "Trả lời chờ", parent=first)
    make_comment(make_article(), "Bài khác", status=Status.APPROVED)

    thread = selectors.comments_for_article(article)

    assert [c.pk for c in thread] == [first.pk, second.pk]
    assert ["Thứ nhất" in c.html for c in thread] == [True, False]
    assert [r.pk for r in thread.comments[0].replies_shown] == [reply_early.pk, reply_late.pk]
    assert thread.comments[1].replies_shown == []
    assert thread.count == 4


def test_replies_of_a_withdrawn_parent_are_hidden_and_not_counted(article):
    parent = make_comment(article, status=Status.REJECTED)
    make_comment(article, status=Status.APPROVED, parent=parent)
    thread = selectors.comments_for_article(article)
    assert thread.count == 0 and not thread


def test_public_rows_never_carry_private_fields(article):
    make_comment(
        article,
        "Bản đã biên tập.",
        status=Status.APPROVED,
        author_email="rieng@example.com",
        ip_address="203.0.113.4",
        original_body="Nguyên văn của bạn đọc.",
    )
    comment = selectors.comments_for_article(article).comments[0]
    for private in ("author_email", "ip_address", "original_body"):
        assert not hasattr(comment, private)
    for value in ("rieng@example.com", "203.0.113.4", "Nguyên văn"):
        assert value not in comment.html


@pytest.mark.parametrize("size", [5, 50])
def test_thread_and_its_html_in_one_query_whatever_the_size(
    article, size, django_assert_num_queries
):
    parents = [make_comment(article, f"Ý kiến số {i}", status=Status.APPROVED) for i in range(size)]
    for parent in parents[: size // 2]:
        make_comment(article, "Một trả lời", status=Status.APPROVED, parent=parent)
    with django_assert_num_queries(1):
        html = Template("{% load comments_tags %}{% comment_area article %}").render(
            Context({"article": article, "fresh": True})
        )
    assert html.count('class="comment__text"') == size + size // 2
    assert f"{size + size // 2} bình luận" in html


def test_each_comment_is_written_with_local_time_escaped_text_and_edit_mark(article):
    """The comment list is written in Python for speed (comments_tags.comment_items); this
    pins what it writes for one comment and one reply."""
    sent = datetime(2026, 11, 26, 23, 5, 30, tzinfo=ZoneInfo("UTC"))  # 06:05 next day, local
    parent = make_comment(
        article, "Dòng một <b>đậm</b>\nDòng hai & ba", author_name="Lê <Văn> \"Bình\"",
        status=Status.APPROVED, created_at=sent, edited_at=sent + timedelta(hours=1),
    )  # fmt: skip
    reply = make_comment(
        article, "Đồng ý.", author_name="Lan", status=Status.APPROVED, parent=parent,
        created_at=sent + timedelta(days=40),
    )  # fmt: skip
    html = render_to_string(
        "comments/_list.html",
        {"article": article, "comment_thread": selectors.comments_for_article(article)},
    )
    name = "Lê &lt;Văn&gt; &quot;Bình&quot;"
    assert (
        f'<li id="bl-{parent.pk}" class="comment">\n'
        f'<p class="comment__meta"><strong class="comment__author">{name}</strong> – '
        '<time datetime="2026-11-27T06:05:30+07:00">27/11/2026 06:05</time>'
        ' · <span class="comment__edited">đã biên tập</span></p>\n'
        '<div class="comment__text">Dòng một &lt;b&gt;đậm&lt;/b&gt;<br>Dòng hai &amp; ba</div>\n'
        f'<a class="comment__reply" rel="nofollow" href="/binh-luan/tra-loi/{parent.pk}/'
        '#gui-binh-luan" '
        f'data-reply-to="{parent.pk}" data-reply-name="{name}">Trả lời</a>\n'
        '<ol class="comments__replies">\n'
        f'<li id="bl-{reply.pk}" class="comment comment--reply">\n'
        '<p class="comment__meta"><strong class="comment__author">Lan</strong> – '
        '<time datetime="2027-01-06T06:05:30+07:00">06/01/2027 06:05</time></p>'
    ) in html
    assert "<b>" not in html


# --- The queue -------------------------------------------------------------------------------


def test_queue_pending_oldest_first_and_handled_newest_first(article):
    now = timezone.now()
    newer = make_comment(article, created_at=now - timedelta(minutes=5))
    older = make_comment(article, created_at=now - timedelta(hours=2))
    make_comment(article, status=Status.APPROVED)
    assert list(selectors.comment_queue()) == [older, newer]
    approved_old = make_comment(article, status=Status.APPROVED, created_at=now - timedelta(1))
    approved = list(selectors.comment_queue(status=Status.APPROVED))
    assert approved[-1] == approved_old


def test_queue_filters(article):
    sport = make_section("Thể thao")
    elsewhere = make_article(section=sport)
    here = make_comment(article, "Đường ven biển rất đẹp")
    there = make_comment(elsewhere, "Đội bóng xứ Thanh thắng lớn", author_name="Hoàng Anh")
    HoldReason.objects.create(comment=there, code=HoldReason.Code.TOO_MANY_LINKS, detail="3")
    yesterday = datetime.combine(timezone.localdate() - timedelta(days=1), datetime.min.time())
    old = make_comment(article, "Hôm qua", created_at=yesterday.replace(hour=23, tzinfo=HANOI))

    assert set(selectors.comment_queue(section_id=sport.pk)) == {there}
    assert set(selectors.comment_queue(article_id=article.pk)) == {here, old}
    assert set(selectors.comment_queue(reason="links")) == {there}
    assert set(selectors.comment_queue(search="xứ thanh")) == {there}
    assert set(selectors.comment_queue(search="hoàng anh")) == {there}
    assert set(selectors.comment_queue(search=article.title[:10])) == {here, old}
    today = timezone.localdate()
    assert set(selectors.comment_queue(date_from=today)) == {here, there}
    assert set(selectors.comment_queue(date_to=today - timedelta(days=1))) == {old}
    assert set(selectors.comment_queue(status=None)) == {here, there, old}
    assert list(selectors.comment_queue(date_from=date(2000, 1, 1), date_to=date(2000, 1, 2))) == []


def test_status_counts_include_zeroes(article):
    make_comment(article)
    make_comment(article)
    make_comment(article, status=Status.SPAM)
    assert selectors.status_counts() == {"pending": 2, "approved": 0, "rejected": 0, "spam": 1}


def test_cached_counts_follow_moderation_and_pending_is_always_exact(
    article, moderator, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from comments import services

    first, second = make_comment(article), make_comment(article)
    assert selectors.status_counts()["pending"] == 2  # recounts and caches
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_id=first.pk, by=moderator, version=1)
        services.comment_reject(comment_id=second.pk, by=moderator, version=1, reason="Lạc đề")
        services.comment_approve(comment_id=second.pk, by=moderator, version=2)
    make_comment(article)
    with django_assert_num_queries(1):  # only pending is counted
        counts = selectors.status_counts()
    assert counts == {"pending": 1, "approved": 2, "rejected": 0, "spam": 0}


def test_next_pending_follows_the_queue_and_falls_back_to_a_skipped_one(article):
    now = timezone.now()
    first, second, third = (
        make_comment(article, created_at=now - timedelta(minutes=m)) for m in (30, 20, 10)
    )
    assert selectors.next_pending(after=second) == third
    assert selectors.next_pending(after=third) == first
    assert selectors.pending_neighbours(second) == (first, third)


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(0, "chưa đầy 1 phút"), (59, "59 phút"), (60, "1 giờ"), (135, "2 giờ 15 phút"),
     (1440, "1 ngày"), (1500, "1 ngày 1 giờ")],
)  # fmt: skip
def test_waiting_time_in_vietnamese(minutes, said):
    from comments.templatetags.comments_tags import waiting_time

    now = timezone.now()
    assert waiting_time(now - timedelta(minutes=minutes, seconds=5), now) == said


def test_reply_target_is_a_visible_comment_with_its_article(article):
    visible = make_comment(article, status=Status.APPROVED)
    hidden = make_comment(article)
    article_id, target = selectors.reply_target(visible.pk)
    assert target.pk == visible.pk and article_id == article.pk
    assert selectors.reply_target(hidden.pk) is None
