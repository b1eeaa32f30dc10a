"""Reader comments, held for moderation, with their moderation history and the word lists.

Business rules (posting checks, status changes, locking) live in `comments/services.py`;
shared reads (an article's thread, the queue) in `comments/selectors.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("chờ duyệt")
        APPROVED = "approved", _("đã đăng")
        REJECTED = "rejected", _("bị từ chối")
        SPAM = "spam", _("thư rác")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    # Threads are one level deep, as on the papers' own sites: a reply to a reply is stored
    # under the top-level comment (services.comment_submit).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trả lời cho"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author_name = models.CharField(_("tên người gửi"), max_length=60)
    author_email = models.EmailField(
        _("thư điện tử"), blank=True, help_text=_("Không bao giờ hiện công khai.")
    )
    body = models.TextField(_("nội dung"), help_text=_("Bản đăng (có thể đã được biên tập)."))
    original_body = models.TextField(
        _("nguyên văn"), editable=False, help_text=_("Bản bạn đọc gửi, không bao giờ bị sửa.")
    )
    fingerprint = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.CharField(_("lý do từ chối"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(
        _("địa chỉ IP"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Chỉ giữ để xử lý lạm dụng, tự xóa sau một thời gian."),
    )
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, editable=False)
    edited_at = models.DateTimeField(_("biên tập lúc"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("đăng lần đầu lúc"), null=True, blank=True, editable=False)
    moderated_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The published wording as the article page shows it, written by the services whenever
    # the comment is stored or moderated (comments.rendering): pages read this one column.
    html = models.TextField(_("HTML đã dựng"), blank=True, default="", editable=False)
    # Optimistic locking: every moderator form carries the version it was drawn from.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["created_at", "id"]
        permissions = [("moderate_comment", _("Kiểm duyệt bình luận (duyệt, sửa, từ chối)"))]
        indexes = [
            # The queue: one status, oldest (or newest) first.
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
            # The article page, and the queue filtered by article.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            # The duplicate check on posting.
            models.Index(fields=["article", "fingerprint"], name="comment_article_fprint"),
            # purge_comment_ips: only rows that still hold an address.
            models.Index(
                fields=["created_at"],
                name="comment_ip_to_purge",
                condition=Q(ip_address__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="comment_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.author_name}: {self.body[:60]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#bl-{self.pk}"

    def get_moderation_url(self):
        return reverse("comments:moderate", kwargs={"pk": self.pk})

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None


class HoldReason(models.Model):
    """Why screening flagged a comment for the moderator's attention (it is held anyway)."""

    class Code(models.TextChoices):
        BANNED_WORD = "banned_word", _("có từ cấm")
        SUSPECT_WORD = "suspect_word", _("có từ cần xem")
        TOO_MANY_LINKS = "links", _("nhiều đường dẫn")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="hold_reasons")
    code = models.CharField(_("lý do"), max_length=20, choices=Code.choices)
    detail = models.CharField(_("chi tiết"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lý do giữ lại")
        verbose_name_plural = _("lý do giữ lại")
        ordering = ["code"]
        constraints = [
            # Leads with code so that the queue's filter by reason uses it.
            models.UniqueConstraint(fields=["code", "comment"], name="holdreason_unique"),
        ]

    def __str__(self):
        if self.detail:
            return f"{self.get_code_display()}: {self.detail}"
        return str(self.get_code_display())


class CommentEvent(models.Model):
    """One line of a comment's history: who did what, from which status to which, and text."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("bạn đọc gửi")
        EDITED = "edited", _("biên tập")
        APPROVED = "approved", _("duyệt đăng")
        REJECTED = "rejected", _("từ chối")
        SPAM = "spam", _("đánh dấu thư rác")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(
        _("từ trạng thái"), max_length=12, choices=Comment.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=12, choices=Comment.Status.choices
    )
    old_body = models.TextField(_("nội dung trước"), blank=True)
    new_body = models.TextField(_("nội dung sau"), blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lịch sử bình luận")
        verbose_name_plural = _("lịch sử bình luận")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["comment", "created_at"], name="commentevent_comment")]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%d/%m/%Y %H:%M})"

    @property
    def text_changed(self) -> bool:
        return self.old_body != self.new_body


class BannedWord(models.Model):
    """A word or phrase that holds a comment for a closer look; moderators keep the list."""

    class Kind(models.TextChoices):
        BAN = "ban", _("từ cấm")
        SUSPECT = "suspect", _("từ cần xem")

    word = models.CharField(
        _("từ hoặc cụm từ"),
        max_length=100,
        help_text=_(
            "So khớp nguyên từ, không phân biệt hoa thường và dấu: “ba” không khớp trong “bầu”, "
            "nhưng khớp cả “bà”, “bá”."
        ),
    )
    folded = models.CharField(max_length=100, unique=True, editable=False)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.BAN)
    created_at = models.DateTimeField(_("thêm lúc"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("từ cấm / cần xem")
        verbose_name_plural = _("từ cấm / cần xem")
        ordering = ["kind", "word"]

    def __str__(self):
        return self.word
