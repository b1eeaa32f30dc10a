import unicodedata
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from comments import services
from comments.models import BannedWord, Comment, CommentEvent, HoldReason
from comments.screening import word_key
from newsroom.cache import generation
from tests.comments.conftest import GOOD_TEXTS, make_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Comment.Status


def submit(article, body=GOOD_TEXTS[0], **kwargs):
    kwargs.setdefault("author_name", "Trần Văn Bình")
    return services.comment_submit(article=article, body=body, **kwargs)


def refusal(article, body=GOOD_TEXTS[0], **kwargs) -> services.CommentRefused:
    with pytest.raises(services.CommentRefused) as caught:
        submit(article, body, **kwargs)
    return caught.value


def ban(word, kind=BannedWord.Kind.BAN):
    return BannedWord.objects.create(word=word, folded=word_key(word), kind=kind)


# --- Posting ---------------------------------------------------------------------------------


def test_accepted_comment_is_stored_pending_with_history(article):
    comment = submit(article, "  Bài viết rất hay,\r\ncảm ơn tòa soạn.  ", ip_address="203.0.113.5")
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert comment.body == comment.original_body == "Bài viết rất hay,\ncảm ơn tòa soạn."
    assert comment.ip_address == "203.0.113.5"
    assert comment.edited_at is None and comment.approved_at is None
    event = comment.events.get()
    assert (event.action, event.from_status, event.to_status) == ("submitted", "", "pending")
    assert event.actor is None and event.new_body == comment.body
    assert not comment.hold_reasons.exists()


def test_nfd_input_is_stored_nfc(article):
    text = unicodedata.normalize("NFD", GOOD_TEXTS[1])
    comment = submit(article, text)
    assert comment.body == unicodedata.normalize("NFC", GOOD_TEXTS[1])


def test_refused_when_comments_closed(article):
    article.comments_enabled = False
    article.save()
    error = refusal(article)
    assert (error.code, error.status) == ("closed", 403)
    assert "đóng bình luận" in error.message
    assert not Comment.objects.exists()


def test_refused_on_an_article_not_live():
    draft = make_article(published=False)
    assert submit_refused_code(draft) == "closed"
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=2))
    assert submit_refused_code(scheduled) == "closed"


def submit_refused_code(article):
    with pytest.raises(services.CommentRefused) as caught:
        submit(article)
    return caught.value.code


def test_refused_when_empty_after_normalising(article):
    error = refusal(article, " \u200b \n ")
    assert error.code == "empty"


def test_refused_when_too_long_and_the_limit_is_counted_after_normalising(article, settings):
    settings.COMMENT_MAX_LENGTH = 40
    error = refusal(article, "Ý kiến " * 10)
    assert error.code == "too_long"
    assert "40" in error.message
    # 40 characters in NFC are more code points in NFD: still accepted.
    text = "Đường về quê mùa lũ thật khó đi lắm ạ"
    assert len(text) <= 40 < len(unicodedata.normalize("NFD", text))
    assert submit(article, unicodedata.normalize("NFD", text)).body == text


def test_refused_without_diacritics(article):
    error = refusal(article, "bai viet rat hay, cam on phong vien")
    assert error.code == "diacritics"
    assert "có dấu" in error.message
    assert not Comment.objects.exists()


def test_refused_without_a_name(article):
    error = refusal(article, author_name="\u200b ")
    assert (error.code, error.field) == ("no_name", "author_name")


def test_refused_duplicate_on_the_same_article_recently(article):
    submit(article, "Bài viết rất hay, cảm ơn tòa soạn!")
    error = refusal(article, "bài viết rất   hay cảm ơn TÒA SOẠN")
    assert error.code == "duplicate"
    assert "đã được gửi" in error.message
    assert Comment.objects.count() == 1


def test_same_text_elsewhere_or_long_ago_is_not_a_duplicate(article, settings):
    settings.COMMENT_DUPLICATE_WINDOW_HOURS = 24
    long_ago = timezone.now() - timedelta(hours=25)
    submit(article, GOOD_TEXTS[2], now=long_ago)
    submit(article, GOOD_TEXTS[2])
    submit(make_article(), GOOD_TEXTS[2])
    assert Comment.objects.count() == 3


def test_reply_is_attached_to_its_thread(article):
    parent = make_comment(article, status=Status.APPROVED)
    reply = submit(article, GOOD_TEXTS[1], parent_id=parent.pk)
    assert reply.parent_id == parent.pk
    reply.status = Status.APPROVED
    reply.save()
    answer_to_reply = submit(article, GOOD_TEXTS[2], parent_id=reply.pk)
    assert answer_to_reply.parent_id == parent.pk  # one level deep


@pytest.mark.parametrize("parent_status", [Status.PENDING, Status.REJECTED, Status.SPAM])
def test_refused_reply_to_a_comment_readers_cannot_see(article, parent_status):
    parent = make_comment(article, status=parent_status)
    error = refusal(article, parent_id=parent.pk)
    assert (error.code, error.field) == ("parent_gone", "parent")


def test_refused_reply_to_another_articles_comment_or_a_missing_one(article):
    elsewhere = make_comment(make_article(), status=Status.APPROVED)
    assert refusal(article, parent_id=elsewhere.pk).code == "parent_gone"
    assert refusal(article, parent_id=999_999).code == "parent_gone"


def test_refusal_order_closed_before_length_before_diacritics(article, settings):
    settings.COMMENT_MAX_LENGTH = 10
    assert refusal(article, "khong dau va qua dai " * 3).code == "too_long"
    article.comments_enabled = False
    article.save()
    assert refusal(article, "khong dau va qua dai " * 3).code == "closed"


# --- Hold reasons ----------------------------------------------------------------------------


def test_banned_word_holds_with_reason_even_without_marks_or_in_nfd(article):
    ban("lừa đảo")
    plain = submit(article, "Công ty này toàn lua dao, mọi người cẩn thận nhé.")
    nfd = submit(article, unicodedata.normalize("NFD", "Đúng là bọn LỪA ĐẢO, tôi bị rồi."))
    for comment in (plain, nfd):
        reason = comment.hold_reasons.get()
        assert (reason.code, reason.detail) == (HoldReason.Code.BANNED_WORD, "lừa đảo")
        assert comment.status == Status.PENDING


def test_banned_word_inside_another_word_does_not_hold(article):
    ban("ba")
    comment = submit(article, "Tôi sẽ bầu cho người có năng lực, bazan đỏ rất tốt.")
    assert not comment.hold_reasons.exists()


def test_suspect_word_holds_with_its_own_reason(article):
    ban("chuyển khoản", BannedWord.Kind.SUSPECT)
    comment = submit(article, "Ai cần thì chuyển khoản cho tôi, tôi làm giúp.")
    assert list(comment.hold_reasons.values_list("code", flat=True)) == ["suspect_word"]


def test_too_many_links_holds(article, settings):
    settings.COMMENT_MAX_LINKS = 2
    two = submit(article, "Nguồn: https://a.vn/1 và https://b.vn/2 để bạn đọc tham khảo.")
    assert not two.hold_reasons.exists()
    three = submit(article, "Xem thêm ở https://a.vn/1, https://b.vn/2 và www.c.com nhé mọi người.")
    reason = three.hold_reasons.get()
    assert reason.code == HoldReason.Code.TOO_MANY_LINKS
    assert reason.detail.startswith("3")


def test_several_reasons_at_once(article):
    ban("lừa đảo")
    ban("chuyển khoản", BannedWord.Kind.SUSPECT)
    comment = submit(
        article, "Bọn lừa đảo đòi chuyển khoản qua https://x.vn, https://y.vn, https://z.vn nhé"
    )
    assert set(comment.hold_reasons.values_list("code", flat=True)) == {
        "banned_word",
        "suspect_word",
        "links",
    }


# --- Moderation transitions ------------------------------------------------------------------


def test_approve_pending(article, moderator, django_capture_on_commit_callbacks):
    comment = make_comment(article)
    before = generation(f"comments:{article.pk}")
    own_parts = generation(f"article:{article.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.comment_approve(comment_id=comment.pk, by=moderator, version=1)
    assert approved.status == Status.APPROVED
    assert approved.version == 2
    assert approved.moderated_by == moderator and approved.approved_at is not None
    assert approved.edited_at is None
    event = approved.events.last()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        "approved",
        "pending",
        "approved",
        moderator,
    )
    assert generation(f"comments:{article.pk}") > before
    # Only the comment list is rebuilt, not the article's own parts.
    assert generation(f"article:{article.pk}") == own_parts


def test_edit_then_approve_keeps_the_original(article, moderator):
    comment = make_comment(article, "Quan chức xã này làm ăn như bọn ngốc.")
    approved = services.comment_approve(
        comment_id=comment.pk, by=moderator, version=1, body="Quan chức xã này làm ăn chưa tốt."
    )
    approved.refresh_from_db()
    assert approved.body == "Quan chức xã này làm ăn chưa tốt."
    assert approved.original_body == "Quan chức xã này làm ăn như bọn ngốc."
    assert approved.is_edited
    event = approved.events.last()
    assert event.old_body == "Quan chức xã này làm ăn như bọn ngốc."
    assert event.new_body == "Quan chức xã này làm ăn chưa tốt."


def test_approve_with_unchanged_body_is_not_an_edit(article, moderator):
    comment = make_comment(article)
    approved = services.comment_approve(
        comment_id=comment.pk, by=moderator, version=1, body=comment.body + "  "
    )
    assert not approved.is_edited
    assert not approved.events.last().text_changed


def test_edit_pending_keeps_status_and_does_not_touch_the_cache(
    article, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(article)
    before = generation(f"comments:{article.pk}")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        edited = services.comment_edit(
            comment_id=comment.pk, by=moderator, version=1, body="Đã sửa."
        )
    assert callbacks == []
    assert edited.status == Status.PENDING and edited.is_edited and edited.version == 2
    assert edited.events.last().action == "edited"
    assert generation(f"comments:{article.pk}") == before


def test_edit_of_an_approved_comment_changes_the_public_page(
    article, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(article, status=Status.APPROVED)
    before = generation(f"comments:{article.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_edit(comment_id=comment.pk, by=moderator, version=1, body="Bản đã sửa.")
    assert generation(f"comments:{article.pk}") > before


def test_editing_back_to_the_original_is_no_longer_edited(article, moderator):
    comment = make_comment(article, "Nguyên văn của bạn đọc.")
    services.comment_edit(comment_id=comment.pk, by=moderator, version=1, body="Bản sửa.")
    back = services.comment_edit(
        comment_id=comment.pk, by=moderator, version=2, body="Nguyên văn của bạn đọc."
    )
    assert not back.is_edited


def test_edit_refuses_empty_and_unchanged_text(article, moderator):
    comment = make_comment(article)
    with pytest.raises(services.ModerationError, match="không được để trống"):
        services.comment_edit(comment_id=comment.pk, by=moderator, version=1, body="  ")
    with pytest.raises(services.ModerationError, match="không thay đổi"):
        services.comment_edit(comment_id=comment.pk, by=moderator, version=1, body=comment.body)
    comment.refresh_from_db()
    assert comment.version == 1 and comment.events.count() == 1


def test_reject_needs_a_reason_and_records_it(article, moderator):
    comment = make_comment(article)
    with pytest.raises(services.ModerationError, match="lý do"):
        services.comment_reject(comment_id=comment.pk, by=moderator, version=1, reason=" ")
    rejected = services.comment_reject(
        comment_id=comment.pk, by=moderator, version=1, reason="Công kích cá nhân"
    )
    assert rejected.status == Status.REJECTED
    assert rejected.rejection_reason == "Công kích cá nhân"
    assert rejected.events.last().note == "Công kích cá nhân"


def test_reject_pending_does_not_touch_the_cache_but_withdrawing_does(
    article, moderator, django_capture_on_commit_callbacks
):
    pending = make_comment(article)
    public = make_comment(article, status=Status.APPROVED)
    before = generation(f"comments:{article.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reject(comment_id=pending.pk, by=moderator, version=1, reason="Lạc đề")
    assert generation(f"comments:{article.pk}") == before
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reject(comment_id=public.pk, by=moderator, version=1, reason="Sai sự thật")
    assert generation(f"comments:{article.pk}") > before


@pytest.mark.parametrize("start", [Status.PENDING, Status.APPROVED, Status.REJECTED])
def test_spam_from_every_other_status(article, moderator, start):
    comment = make_comment(article, status=start)
    spam = services.comment_mark_spam(comment_id=comment.pk, by=moderator, version=1)
    assert spam.status == Status.SPAM
    assert spam.events.last().from_status == start


@pytest.mark.parametrize("start", [Status.REJECTED, Status.SPAM])
def test_approving_undoes_a_rejection_or_spam(article, moderator, start):
    comment = make_comment(article, status=start)
    approved = services.comment_approve(comment_id=comment.pk, by=moderator, version=1)
    assert approved.status == Status.APPROVED


@pytest.mark.parametrize(
    ("start", "action"),
    [
        (Status.APPROVED, "approve"),
        (Status.REJECTED, "reject"),
        (Status.SPAM, "spam"),
        (Status.SPAM, "reject"),
    ],
)
def test_transitions_not_allowed(article, moderator, start, action):
    comment = make_comment(article, status=start)
    call = {
        "approve": lambda: services.comment_approve(comment_id=comment.pk, by=moderator, version=1),
        "reject": lambda: services.comment_reject(
            comment_id=comment.pk, by=moderator, version=1, reason="Lạc đề"
        ),
        "spam": lambda: services.comment_mark_spam(comment_id=comment.pk, by=moderator, version=1),
    }[action]
    with pytest.raises(services.ModerationError):
        call()
    comment.refresh_from_db()
    assert comment.status == start and comment.version == 1


def test_stale_version_is_a_conflict_naming_who_handled_it(article, moderator, other_moderator):
    comment = make_comment(article)
    services.comment_reject(comment_id=comment.pk, by=other_moderator, version=1, reason="Lạc đề")
    with pytest.raises(services.CommentConflict) as caught:
        services.comment_approve(comment_id=comment.pk, by=moderator, version=1)
    assert "kiemduyet2" in caught.value.message
    assert "bị từ chối" in caught.value.message
    comment.refresh_from_db()
    assert comment.status == Status.REJECTED


def test_stale_edit_is_refused_not_lost_silently(article, moderator, other_moderator):
    comment = make_comment(article)
    services.comment_edit(comment_id=comment.pk, by=other_moderator, version=1, body="Bản của B.")
    with pytest.raises(services.CommentConflict):
        services.comment_edit(comment_id=comment.pk, by=moderator, version=1, body="Bản của A.")
    comment.refresh_from_db()
    assert comment.body == "Bản của B."


def test_reply_to_a_pending_parent_cannot_be_approved(article, moderator):
    parent = make_comment(article)
    reply = make_comment(article, parent=parent)
    with pytest.raises(services.ModerationError, match="duyệt bình luận gốc trước"):
        services.comment_approve(comment_id=reply.pk, by=moderator, version=1)
    services.comment_approve(comment_id=parent.pk, by=moderator, version=1)
    assert services.comment_approve(comment_id=reply.pk, by=moderator, version=1).status == (
        Status.APPROVED
    )


def test_reply_to_a_rejected_parent_cannot_be_approved_and_its_edit_is_not_saved(
    article, moderator
):
    parent = make_comment(article, status=Status.REJECTED)
    reply = make_comment(article, parent=parent, body="Trả lời ban đầu.")
    with pytest.raises(services.ModerationError, match="bị từ chối"):
        services.comment_approve(comment_id=reply.pk, by=moderator, version=1, body="Đã sửa.")
    reply.refresh_from_db()
    assert reply.body == "Trả lời ban đầu." and reply.status == Status.PENDING


def test_missing_comment(moderator):
    with pytest.raises(services.ModerationError, match="không còn tồn tại"):
        services.comment_approve(comment_id=424242, by=moderator, version=1)


# --- E-mail ----------------------------------------------------------------------------------


def test_first_approval_mails_the_commenter_once(
    article, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(article, author_email="ban.doc@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_id=comment.pk, by=moderator, version=1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ban.doc@example.com"]
    assert message.subject == "Bình luận của bạn đã được đăng"
    assert article.title in message.body and f"#bl-{comment.pk}" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reject(comment_id=comment.pk, by=moderator, version=2, reason="Lạc đề")
        services.comment_approve(comment_id=comment.pk, by=moderator, version=3)
    assert len(mail.outbox) == 1


def test_no_mail_without_an_address_or_when_turned_off(
    article, moderator, settings, django_capture_on_commit_callbacks
):
    no_address = make_comment(article)
    settings.COMMENT_NOTIFY_ON_APPROVAL = False
    turned_off = make_comment(article, author_email="a@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_id=no_address.pk, by=moderator, version=1)
        services.comment_approve(comment_id=turned_off.pk, by=moderator, version=1)
    assert mail.outbox == []


# --- Bulk and purge --------------------------------------------------------------------------


def test_bulk_reports_what_someone_else_handled(article, moderator, other_moderator):
    first, second, third = (make_comment(article) for _ in range(3))
    services.comment_mark_spam(comment_id=second.pk, by=other_moderator, version=1)
    result = services.comments_moderate_bulk(
        items=[(first.pk, 1), (second.pk, 1), (third.pk, 1)], action="approve", by=moderator
    )
    assert result.done == [first.pk, third.pk]
    assert [pk for pk, _ in result.failed] == [second.pk]
    assert Comment.objects.get(pk=second.pk).status == Status.SPAM


def test_bulk_reject_needs_a_reason(article, moderator):
    comment = make_comment(article)
    result = services.comments_moderate_bulk(
        items=[(comment.pk, 1)], action="reject", by=moderator, reason=""
    )
    assert result.done == [] and "lý do" in result.failed[0][1]


def test_purge_ips_forgets_only_old_addresses(article):
    old = make_comment(article, ip_address="203.0.113.1")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = make_comment(article, ip_address="203.0.113.2")
    count = services.comments_purge_ips(older_than=timezone.now() - timedelta(days=30))
    assert count == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None and recent.ip_address == "203.0.113.2"


def test_every_action_is_recorded(article, moderator):
    comment = make_comment(article)
    services.comment_edit(comment_id=comment.pk, by=moderator, version=1, body="Bản sửa một.")
    services.comment_approve(comment_id=comment.pk, by=moderator, version=2)
    services.comment_reject(comment_id=comment.pk, by=moderator, version=3, reason="Lạc đề")
    services.comment_mark_spam(comment_id=comment.pk, by=moderator, version=4)
    rows = list(
        CommentEvent.objects.filter(comment=comment).values_list(
            "action", "from_status", "to_status"
        )
    )
    assert rows == [
        ("submitted", "", "pending"),
        ("edited", "pending", "pending"),
        ("approved", "pending", "approved"),
        ("rejected", "approved", "rejected"),
        ("spam", "rejected", "spam"),
    ]
