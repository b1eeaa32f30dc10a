import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from articles.models import Section
from comments import conf, services
from comments.models import BannedWord, Comment, HoldReason
from comments.screening import word_key
from newsroom.converters import MAX_ID

_TOKEN_SALT = "comments.form"  # noqa: S105 a signing salt, not a secret


def form_token(article_id: int, issued_at: float | None = None) -> str:
    """A signed note of which article the form is for and when it was drawn."""
    issued_at = time.time() if issued_at is None else issued_at
    return signing.dumps({"a": article_id, "t": int(issued_at)}, salt=_TOKEN_SALT, compress=False)


class CommentForm(forms.Form):
    """A visitor's comment.

    The rules on the text alone are the services' own (comment_clean_body,
    comment_clean_author_name), called from clean_body and clean_author_name, so their
    refusals are field errors like any other. What needs the database or the article (the
    reply target, a duplicate, comments closed) stays in services.comment_submit.
    """

    # Lengths come from the columns, so nothing the form accepts can fail at the INSERT.
    author_name = forms.CharField(
        label=_("Họ tên"),
        max_length=Comment._meta.get_field("author_name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    author_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        max_length=Comment._meta.get_field("author_email").max_length,
        help_text=_("Không bắt buộc. Chỉ để báo bạn khi bình luận được đăng."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # No max_length: the limit is checked after normalising (clean_body), where NFD input is
    # not longer.
    body = forms.CharField(label=_("Ý kiến của bạn"), widget=forms.Textarea(attrs={"rows": 5}))
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )
    # Honeypot: hidden from people by CSS, filled in by bots that fill in everything.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article, reply_to=None, **kwargs):
        kwargs.setdefault("auto_id", "bl-%s")
        super().__init__(*args, **kwargs)
        self.article = article
        self.reply_to = None
        self._refusals: dict[str, services.CommentRefused] = {}
        if reply_to is not None:
            self.set_reply_to(reply_to)
        self.fields["body"].help_text = _("Tối đa %(limit)d ký tự.") % {"limit": conf.max_length()}

    def clean_body(self) -> str:
        try:
            return services.comment_clean_body(body=self.cleaned_data["body"])
        except services.CommentRefused as refusal:
            raise self._refused("body", refusal) from None

    def clean_author_name(self) -> str:
        try:
            return services.comment_clean_author_name(author_name=self.cleaned_data["author_name"])
        except services.CommentRefused as refusal:
            raise self._refused("author_name", refusal) from None

    def _refused(self, name: str, refusal: services.CommentRefused) -> forms.ValidationError:
        self._refusals[name] = refusal
        return forms.ValidationError(refusal.message, code=refusal.code)

    def refusal(self) -> services.CommentRefused | None:
        """The text rule that refused this form, when it is all that is wrong: the page then
        opens with its words ("Vui lòng gõ tiếng Việt có dấu. …") and its code, as when the
        service refuses; with more than one error it opens with "check the marked fields"."""
        if len(self.errors) == 1:
            (name,) = self.errors
            return self._refusals.get(name)
        return None

    def set_reply_to(self, comment) -> None:
        """`comment` is what the reader clicked "Trả lời" on (a PublicComment)."""
        self.reply_to = comment
        if not self.is_bound:
            self.initial["parent"] = comment.pk

    @property
    def max_length(self) -> int:
        return conf.max_length()

    @property
    def ip_retention_days(self) -> int:
        return conf.ip_retention().days

    def fresh_token(self) -> str:
        """The token a refused form is drawn again with, so it can be sent again.

        A posted token that passed the bot checks is kept: its time already counts, so a
        visitor who adds the missing diacritics and sends at once is not told "too fast".
        A post without one (a reader without JavaScript, whose cached page's form has none:
        comments.views) counts its text as written: the new token starts the fill time
        already spent, so sending it again at once goes through.
        """
        if self.is_bound and self.bot_error() is None:
            return self.data["token"]
        if self.is_bound and not self.data.get("token") and self.data.get("body"):
            return form_token(self.article.pk, issued_at=time.time() - conf.min_fill_seconds())
        return form_token(self.article.pk)

    def bot_error(self) -> str | None:
        """Honeypot and fill time, checked before anything costs a query or a rate count."""
        if self.data.get("website"):
            return _(
                "Không gửi được bình luận: ô “Để trống ô này” phải để trống. "
                "Nếu trình duyệt tự điền, hãy xóa ô đó rồi gửi lại."
            )
        try:
            issued = signing.loads(self.data.get("token", ""), salt=_TOKEN_SALT)
        except signing.BadSignature:
            return _("Biểu mẫu không hợp lệ. Bình luận của bạn vẫn còn đây, vui lòng gửi lại.")
        if not isinstance(issued, dict) or issued.get("a") != self.article.pk:
            return _("Biểu mẫu không thuộc bài viết này. Vui lòng gửi lại.")
        age = time.time() - issued.get("t", 0)
        if age > conf.form_max_age().total_seconds():
            return _("Biểu mẫu đã mở quá lâu. Bình luận của bạn vẫn còn đây, vui lòng gửi lại.")
        if age < conf.min_fill_seconds():
            return _("Bạn gửi nhanh quá. Vui lòng đọc lại bình luận rồi bấm gửi lần nữa.")
        return None


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string; an empty form means "pending"."""

    ALL = "all"

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[*Comment.Status.choices, (ALL, _("tất cả"))],
    )
    section = forms.ModelChoiceField(
        label=_("Chuyên mục"),
        required=False,
        queryset=Section.objects.all(),
        empty_label=_("mọi chuyên mục"),
    )
    article = forms.IntegerField(label=_("Mã bài"), required=False, min_value=1, max_value=MAX_ID)
    reason = forms.ChoiceField(
        label=_("Lý do giữ"),
        required=False,
        choices=[("", _("mọi lý do")), *HoldReason.Code.choices],
    )
    date_from = forms.DateField(
        label=_("Gửi từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)

    def queue_filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or Comment.Status.PENDING
        section = data.get("section")
        return {
            "status": None if status == self.ALL else status,
            "section_id": section.pk if section else None,
            "article_id": data.get("article"),
            "reason": data.get("reason") or None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "search": (data.get("q") or "").strip(),
        }


class BannedWordForm(forms.ModelForm):
    class Meta:
        model = BannedWord
        fields = ["word", "kind"]

    def clean_word(self):
        word = " ".join(self.cleaned_data["word"].split())
        key = word_key(word)
        if not key:
            raise forms.ValidationError(_("Hãy nhập một từ có chữ cái hoặc chữ số."))
        taken = BannedWord.objects.filter(folded=key).exclude(pk=self.instance.pk).first()
        if taken is not None:
            raise forms.ValidationError(
                _("“%(word)s” đã có trong danh sách (so khớp không phân biệt dấu).")
                % {"word": taken.word}
            )
        self.instance.folded = key
        return word
