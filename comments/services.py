"""Business rules for comments: posting checks, screening, moderation with locking.

Every comment is stored as pending. Screening never refuses: it attaches hold reasons that the
queue shows and filters on. Moderation actions lock the row and compare the version the
moderator saw, so the second of two moderators is told instead of silently overwriting.

Replies and their parent: a reply can be approved only once its parent is public, and a reply
whose parent is withdrawn (rejected or spam) stops showing with it, and comes back if the
parent is approved again (selectors.comments_for_article shows replies of public parents only).
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles.models import Article
from comments import conf, screening, selectors
from comments.models import BannedWord, Comment, CommentEvent, HoldReason
from comments.rendering import comment_html
from newsroom import cache
from newsroom.vietnamese import DIACRITICS_HINT, DIACRITICS_MESSAGE, needs_diacritics, normalize

logger = logging.getLogger(__name__)

Status = Comment.Status
Action = CommentEvent.Action


class CommentRefused(Exception):
    """A post refused before it reaches the queue; `message` is for the visitor."""

    def __init__(self, code: str, message: str, *, field: str | None = "body", status: int = 400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.status = status


class ModerationError(Exception):
    """A moderation action that cannot be done; `message` is for the moderator."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CommentConflict(ModerationError):
    """Someone else changed the comment after this moderator's page was drawn."""

    def __init__(self, comment: Comment):
        who = comment.moderated_by.get_username() if comment.moderated_by else _("người khác")
        when = (
            date_format(timezone.localtime(comment.moderated_at), "DATETIME_FORMAT")
            if (comment.moderated_at)
            else ""
        )
        super().__init__(
            _(
                "Bình luận này vừa được %(who)s xử lý lúc %(when)s (hiện: %(status)s). "
                "Trang bạn đang xem đã cũ: hãy xem lại trước khi thao tác."
            )
            % {"who": who, "when": when, "status": comment.get_status_display()}
        )
        self.comment = comment


# --- Posting -------------------------------------------------------------------------------


def comment_fingerprint(text: str) -> str:
    """Same words in the same order, whatever the case, spacing or punctuation."""
    words = " ".join(screening.normalized_words(text))
    return hashlib.sha256(words.encode()).hexdigest()


def comment_check_open(*, article: Article) -> None:
    if not article.comments_enabled or not article.is_live:
        raise CommentRefused(
            "closed",
            _("Bài viết này đã đóng bình luận, nên ý kiến của bạn chưa được gửi."),
            field=None,
            status=403,
        )


def comment_clean_body(*, body: str) -> str:
    """The text as it is stored (NFC, vietnamese.normalize), or CommentRefused: empty, longer
    than the limit once normalised, or typed without diacritics.

    These are the rules on the text alone. The comment form calls this too
    (CommentForm.clean_body), so a reader hears of them next to the field; comment_submit
    calls it for every other caller.
    """
    text = normalize(body).strip()
    if not text:
        raise CommentRefused("empty", _("Bạn chưa viết nội dung bình luận."))
    limit = conf.max_length()
    if len(text) > limit:
        raise CommentRefused(
            "too_long",
            _("Bình luận dài %(length)d ký tự, vượt giới hạn %(limit)d ký tự. Vui lòng rút gọn.")
            % {"length": len(text), "limit": limit},
        )
    if needs_diacritics(text):
        raise CommentRefused("diacritics", f"{_(DIACRITICS_MESSAGE)} {_(DIACRITICS_HINT)}")
    return text


def comment_clean_author_name(*, author_name: str) -> str:
    """The name as it is stored, or CommentRefused when nothing is left once normalised (a
    name of invisible characters). Called by the form (clean_author_name) and comment_submit."""
    name = normalize(author_name).strip()
    if not name:
        raise CommentRefused("no_name", _("Vui lòng cho biết tên của bạn."), field="author_name")
    return name


def _reply_target(*, article: Article, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id).select_related("parent").first()
    # Threads are one level deep: answering a reply answers its thread.
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent
    if parent is None or parent.article_id != article.pk or parent.status != Status.APPROVED:
        raise CommentRefused(
            "parent_gone",
            _("Bình luận bạn muốn trả lời không còn hiển thị. Bạn có thể gửi ý kiến mới."),
            field="parent",
        )
    return parent


def _screen(comment: Comment) -> list[HoldReason]:
    words = BannedWord.objects.values_list("word", "folded", "kind")
    hits = screening.find_words(comment.body, words)
    reasons = []
    for kind, code in (
        (BannedWord.Kind.BAN, HoldReason.Code.BANNED_WORD),
        (BannedWord.Kind.SUSPECT, HoldReason.Code.SUSPECT_WORD),
    ):
        found = [hit.word for hit in hits if hit.kind == kind]
        if found:
            reasons.append(HoldReason(comment=comment, code=code, detail=", ".join(found)[:300]))
    links = screening.count_links(comment.body)
    if links > conf.max_links():
        reasons.append(
            HoldReason(
                comment=comment,
                code=HoldReason.Code.TOO_MANY_LINKS,
                detail=_("%(count)d đường dẫn") % {"count": links},
            )
        )
    return reasons


@transaction.atomic
def comment_submit(
    *,
    article: Article,
    author_name: str,
    body: str,
    author_email: str = "",
    parent_id: int | None = None,
    ip_address: str | None = None,
    now: datetime | None = None,
) -> Comment:
    """Check a visitor's comment and store it as pending, with hold reasons if any.

    Refusals raise CommentRefused, in the order the visitor should hear about them. The rules
    on the text alone (comment_clean_body, comment_clean_author_name) have already run in the
    comment form when the post comes from one; they run again here for every other caller.
    """
    now = now or timezone.now()
    comment_check_open(article=article)
    text = comment_clean_body(body=body)
    name = comment_clean_author_name(author_name=author_name)
    parent = _reply_target(article=article, parent_id=parent_id)
    fingerprint = comment_fingerprint(text)
    if Comment.objects.filter(
        article=article, fingerprint=fingerprint, created_at__gte=now - conf.duplicate_window()
    ).exists():
        raise CommentRefused(
            "duplicate",
            _(
                "Bình luận này đã được gửi trước đó và đang chờ biên tập. "
                "Cảm ơn bạn, không cần gửi lại."
            ),
        )
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        author_name=name[:60],
        author_email=author_email.strip(),
        body=text,
        original_body=text,
        fingerprint=fingerprint,
        ip_address=ip_address or None,
        created_at=now,
    )
    HoldReason.objects.bulk_create(_screen(comment))
    CommentEvent.objects.create(
        comment=comment,
        action=Action.SUBMITTED,
        to_status=Status.PENDING,
        new_body=text,
        created_at=now,
    )
    return comment


# --- Moderation ----------------------------------------------------------------------------

# Which statuses each action may start from. Undoing a rejection is approving it.
_ALLOWED_FROM = {
    Status.APPROVED: {Status.PENDING, Status.REJECTED, Status.SPAM},
    Status.REJECTED: {Status.PENDING, Status.APPROVED},
    Status.SPAM: {Status.PENDING, Status.APPROVED, Status.REJECTED},
}


def _lock(comment_id: int, version: int) -> Comment:
    try:
        comment = Comment.objects.select_for_update().get(pk=comment_id)
    except Comment.DoesNotExist:
        raise ModerationError(_("Bình luận này không còn tồn tại.")) from None
    if comment.version != version:
        raise CommentConflict(comment)
    return comment


def _moderator_text(body: str) -> str:
    text = normalize(body).strip()
    if not text:
        raise ModerationError(_("Nội dung sau khi biên tập không được để trống."))
    limit = conf.max_length()
    if len(text) > limit:
        raise ModerationError(
            _("Nội dung dài %(length)d ký tự, vượt giới hạn %(limit)d ký tự.")
            % {"length": len(text), "limit": limit}
        )
    return text


def _after_commit(comment: Comment, *, was_public: bool, from_status: str) -> None:
    if was_public or comment.status == Status.APPROVED:
        article_id = comment.article_id
        transaction.on_commit(lambda: cache.comments_changed(article_id))
    if from_status != comment.status:
        to_status = comment.status
        transaction.on_commit(lambda: selectors.status_moved(from_status, to_status))


def _save(
    comment: Comment,
    *,
    by: AbstractBaseUser,
    action: str,
    to_status: str,
    body: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Comment:
    now = now or timezone.now()
    from_status = comment.status
    was_public = from_status == Status.APPROVED
    old_body = comment.body
    event = CommentEvent(
        comment=comment,
        action=action,
        actor=by,
        from_status=comment.status,
        to_status=to_status,
        note=note,
        created_at=now,
    )
    if body is not None and body != comment.body:
        comment.body = body
        comment.edited_at = None if body == comment.original_body else now
        event.old_body, event.new_body = old_body, body
    comment.status = to_status
    comment.moderated_by = by
    comment.moderated_at = now
    comment.version += 1
    first_approval = to_status == Status.APPROVED and comment.approved_at is None
    if first_approval:
        comment.approved_at = now
    if to_status == Status.REJECTED:
        comment.rejection_reason = note
    # Written on every moderation, not only approval: a comment approved later, or approved
    # again after a rejection, is shown with the wording and edit mark it has then.
    comment.html = comment_html(comment)
    comment.save()
    event.save()
    _after_commit(comment, was_public=was_public, from_status=from_status)
    if first_approval and comment.author_email and conf.notify_on_approval():
        transaction.on_commit(lambda: _notify_approved(comment))
    return comment


def _check_transition(comment: Comment, to_status: str) -> None:
    if comment.status == to_status:
        raise ModerationError(
            _("Bình luận này đã ở trạng thái “%(status)s”.")
            % {"status": comment.get_status_display()}
        )
    if comment.status not in _ALLOWED_FROM[to_status]:
        raise ModerationError(_("Không thể chuyển bình luận từ trạng thái này."))


@transaction.atomic
def comment_approve(
    *, comment_id: int, by: AbstractBaseUser, version: int, body: str | None = None
) -> Comment:
    """Make a comment public, after applying the moderator's edit if `body` is given."""
    comment = _lock(comment_id, version)
    _check_transition(comment, Status.APPROVED)
    if comment.parent_id is not None:
        parent_status = Comment.objects.values_list("status", flat=True).get(pk=comment.parent_id)
        if parent_status == Status.PENDING:
            raise ModerationError(
                _(
                    "Đây là trả lời cho một bình luận chưa được duyệt. "
                    "Hãy duyệt bình luận gốc trước."
                )
            )
        if parent_status != Status.APPROVED:
            raise ModerationError(_("Bình luận gốc đã bị từ chối nên trả lời này không thể đăng."))
    text = _moderator_text(body) if body is not None else None
    return _save(comment, by=by, action=Action.APPROVED, to_status=Status.APPROVED, body=text)


@transaction.atomic
def comment_edit(*, comment_id: int, by: AbstractBaseUser, version: int, body: str) -> Comment:
    """Change the published wording; the original stays in `original_body` and the history."""
    comment = _lock(comment_id, version)
    text = _moderator_text(body)
    if text == comment.body:
        raise ModerationError(_("Nội dung không thay đổi."))
    return _save(comment, by=by, action=Action.EDITED, to_status=comment.status, body=text)


@transaction.atomic
def comment_reject(*, comment_id: int, by: AbstractBaseUser, version: int, reason: str) -> Comment:
    reason = reason.strip()
    if not reason:
        raise ModerationError(_("Hãy ghi lý do từ chối."))
    comment = _lock(comment_id, version)
    _check_transition(comment, Status.REJECTED)
    return _save(
        comment, by=by, action=Action.REJECTED, to_status=Status.REJECTED, note=reason[:300]
    )


@transaction.atomic
def comment_mark_spam(*, comment_id: int, by: AbstractBaseUser, version: int) -> Comment:
    comment = _lock(comment_id, version)
    _check_transition(comment, Status.SPAM)
    return _save(comment, by=by, action=Action.SPAM, to_status=Status.SPAM)


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)


def comments_moderate_bulk(
    *, items: list[tuple[int, int]], action: str, by: AbstractBaseUser, reason: str = ""
) -> BulkResult:
    """Apply one action to many (comment id, version) pairs.

    Deliberately not one transaction: each comment is its own decision, so one that another
    moderator already handled is reported and skipped without undoing the others.
    """
    result = BulkResult()
    for comment_id, version in items:
        try:
            if action == "approve":
                comment_approve(comment_id=comment_id, by=by, version=version)
            elif action == "reject":
                comment_reject(comment_id=comment_id, by=by, version=version, reason=reason)
            elif action == "spam":
                comment_mark_spam(comment_id=comment_id, by=by, version=version)
            else:
                raise ModerationError(_("Thao tác không hợp lệ."))
        except ModerationError as error:
            result.failed.append((comment_id, error.message))
        else:
            result.done.append(comment_id)
    return result


def _notify_approved(comment: Comment) -> None:
    article = comment.article
    context = {
        "comment": comment,
        "article": article,
        "url": f"{settings.SITE_URL}{comment.get_absolute_url()}",
        "SITE_NAME": settings.SITE_NAME,
    }
    try:
        send_mail(
            subject=_("Bình luận của bạn đã được đăng"),
            message=render_to_string("comments/email/approved.txt", context),
            from_email=None,
            recipient_list=[comment.author_email],
        )
    except OSError:
        # The approval stands; a mail server outage must not turn it into an error page.
        logger.exception("Could not send the approval e-mail for comment %s", comment.pk)


# --- Banned words --------------------------------------------------------------------------


def banned_word_key(word: str) -> str:
    return screening.word_key(word)


def comments_purge_ips(*, older_than: datetime) -> int:
    """Forget client addresses kept longer than abuse handling needs. Returns how many."""
    return Comment.objects.filter(created_at__lt=older_than, ip_address__isnull=False).update(
        ip_address=None
    )


def comments_render_html(*, article_id: int | None = None, batch_size: int = 1000) -> int:
    """Write the stored HTML of every public comment again (all, or one article's), in
    batches; for after a change of the markup, its labels or the site's time zone
    (comments.rendering). The others get theirs when a moderator approves them.

    Each batch is its own transaction, so a long run holds no lock for long; the pages of the
    articles touched are rebuilt (their generations are bumped) once each batch is stored.
    """
    rows = (
        Comment.objects.filter(status=Status.APPROVED)
        .order_by("pk")
        .only(*selectors.PUBLIC_ROW, "article_id", "html")
    )
    if article_id is not None:
        rows = rows.filter(article_id=article_id)
    done, last_pk = 0, 0
    while True:
        chunk = list(rows.filter(pk__gt=last_pk)[:batch_size])
        if not chunk:
            return done
        changed = []
        for comment in chunk:
            html = comment_html(comment)
            if html != comment.html:
                comment.html = html
                changed.append(comment)
        with transaction.atomic():
            Comment.objects.bulk_update(changed, ["html"], batch_size=200)
            for article in {c.article_id for c in changed}:
                transaction.on_commit(lambda article=article: cache.comments_changed(article))
        done += len(changed)
        last_pk = chunk[-1].pk
