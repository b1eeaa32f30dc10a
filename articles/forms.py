"""Admin forms: validation that speaks to journalists, and the body editor."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import InlineStyle

from articles.body import photo_ids
from articles.images import validate_image_upload
from articles.models import Article, Photo

# What the body editor offers; newsroom.sanitize keeps exactly this on save (and nothing more).
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HTML": True,
    "History": True,
    "ArticlePhoto": {"inlinePrefix": "photos"},
}


class ArticleBodyWidget(AdminProseEditorWidget):
    """django-prose-editor (ProseMirror, served from our static files) with our photo node."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, preset="configurable", config={"extensions": {}})

    def get_config(self):
        extensions = dict(EDITOR_EXTENSIONS)
        extensions["ArticlePhoto"] = {
            **extensions["ArticlePhoto"],
            "thumbUrl": reverse("admin:articles_photo_thumbnail", args=[0]),
        }
        self.config = {"extensions": extensions}
        config = super().get_config()
        config["js_modules"] = [*config["js_modules"], static("articles/editor/article-photo.js")]
        return config

    @property
    def media(self):
        # Tiptap adds its base styles in a <style> element of its own, without a nonce (the
        # package gives us no way to pass one), and the Content-Security-Policy refuses it.
        # It adds none when a <style data-tiptap-style> is already there: this empty one is
        # rendered with the request's nonce (ArticleAdmin.render_change_form) and the rules
        # come from tiptap.css.
        return super().media + forms.Media(
            js=["articles/editor/editor-vi.js"],
            css={
                "all": [
                    InlineStyle("", **{"data-tiptap-style": ""}),
                    "articles/editor/tiptap.css",
                    "articles/editor/editor.css",
                ]
            },
        )


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "lead", "body", "section", "primary_region", "regions", "tags",
            "source_label", "featured_photo", "featured_caption", "featured_alt",
            "status", "publish_at", "comments_enabled", "related",
        ]  # fmt: skip
        widgets = {
            "body": ArticleBodyWidget,
            "lead": AdminTextareaWidget(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Bài viết cần có tiêu đề.")},
            "lead": {"required": _("Bài viết cần có sapo (đoạn mở đầu).")},
            "section": {"required": _("Hãy chọn chuyên mục cho bài.")},
        }

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Bài viết cần có tiêu đề."), code="required")
        return title

    def clean_lead(self):
        lead = self.cleaned_data["lead"].strip()
        if not lead:
            raise forms.ValidationError(_("Bài viết cần có sapo (đoạn mở đầu)."), code="required")
        return lead

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        placed = photo_ids(body)
        if placed:
            found = set(Photo.objects.filter(pk__in=placed).values_list("pk", flat=True))
            missing = [str(pk) for pk in placed if pk not in found]
            if missing:
                raise forms.ValidationError(
                    _("Không có ảnh số %(ids)s trong kho ảnh. Hãy chọn lại ảnh trong bài."),
                    code="missing_photo",
                    params={"ids": ", ".join(missing)},
                )
        return body

    def clean_related(self):
        related = self.cleaned_data.get("related")
        if (
            related is not None
            and self.instance.pk
            and related.filter(pk=self.instance.pk).exists()
        ):
            raise forms.ValidationError(_("Bài viết không thể là tin liên quan của chính nó."))
        return related

    def clean(self):
        cleaned = super().clean()
        primary, others = cleaned.get("primary_region"), cleaned.get("regions")
        if primary is not None and others is not None and primary in others:
            cleaned["regions"] = others.exclude(pk=primary.pk)
        return cleaned


class PhotoImageField(forms.ImageField):
    """Size and type are checked before Pillow decodes anything, with messages in Vietnamese."""

    default_error_messages = {
        "invalid_image": _("Tệp này không phải là ảnh, hoặc ảnh đã bị hỏng."),
        "required": _("Hãy chọn một tệp ảnh để tải lên."),
    }

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "size"):
            validate_image_upload(data)
        return super().to_python(data)


class PhotoAdminForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["image", "title", "credit", "photographer", "licence"]
        field_classes = {"image": PhotoImageField}
        error_messages = {
            "credit": {"required": _("Hãy ghi tác giả ảnh (in dưới ảnh).")},
            "title": {"required": _("Hãy đặt tên cho ảnh để dễ tìm lại trong kho.")},
        }
