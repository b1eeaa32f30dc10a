"""The newsroom's desk: articles, photos, bylines, sections and regions in the Django admin.

Thin on purpose: every write goes through `articles.services`, every "may this person…"
through `articles.permissions`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from js_asset import Media
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import permissions, services
from articles.bylines import format_byline
from articles.forms import ArticleAdminForm, PhotoAdminForm
from articles.images import renditions
from articles.models import (
    Article,
    ArticlePhoto,
    BylineCredit,
    Contributor,
    Photo,
    Region,
    Section,
    Tag,
)

Status = Article.Status
SCHEDULED = "scheduled"


def _preview_url(article: Article) -> str | None:
    try:
        return reverse("articles:preview", args=[article.pk])
    except NoReverseMatch:
        return None


def _public_url(article: Article) -> str | None:
    try:
        return article.get_absolute_url()
    except NoReverseMatch:
        return None


class StatusFilter(admin.SimpleListFilter):
    """The workflow states, with "scheduled" told apart from "published" (it is not out yet)."""

    title = _("trạng thái")
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, _("bản nháp")),
            (Status.REVIEW, _("chờ duyệt")),
            (SCHEDULED, _("hẹn giờ")),
            (Status.PUBLISHED, _("đang hiển thị")),
            (Status.UNPUBLISHED, _("đã gỡ")),
        ]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value == SCHEDULED:
            return queryset.scheduled(now)
        if value == Status.PUBLISHED:
            return queryset.published(now)
        if value in (Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED):
            return queryset.filter(status=value)
        return queryset


class BylineCreditInline(admin.TabularInline):
    model = BylineCredit
    extra = 1
    autocomplete_fields = ["contributor"]
    fields = ["contributor", "role", "position"]
    verbose_name = _("dòng tác giả")
    verbose_name_plural = _("Tác giả (dòng ký tên, theo thứ tự)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contributor")


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    extra = 1
    autocomplete_fields = ["photo"]
    fields = ["photo", "caption", "alt", "position"]
    verbose_name = _("ảnh trong bài")
    verbose_name_plural = _("Ảnh trong bài (chọn ở đây rồi bấm nút “Chèn ảnh” trong nội dung)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    revision_form_template = "admin/articles/article/revision_form.html"
    recover_list_template = "admin/articles/article/recover_list.html"
    recover_form_template = "admin/articles/article/recover_form.html"
    # Facet counts add a query per filter and their toggle has no Vietnamese label yet.
    show_facets = admin.ShowFacets.NEVER
    list_display = [
        "title",
        "status_label",
        "section",
        "primary_region",
        "publish_time",
        "byline",
        "created_by",
        "links",
    ]
    list_select_related = ["section", "primary_region", "created_by"]
    list_filter = [
        StatusFilter,
        "section",
        ("primary_region", admin.RelatedOnlyFieldListFilter),
        ("created_by", admin.RelatedOnlyFieldListFilter),
        "publish_at",
    ]
    search_fields = ["title"]  # replaced by the folded search below; needed for autocomplete
    search_help_text = _("Tìm theo tiêu đề, sapo, nội dung; gõ có dấu hay không dấu đều được.")
    date_hierarchy = "publish_at"
    autocomplete_fields = ["primary_region", "regions", "tags", "related", "featured_photo"]
    inlines = [BylineCreditInline, ArticlePhotoInline]
    list_per_page = 50
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "lead", "body"]}),
        (
            _("Chuyên mục, địa phương, từ khóa"),
            {"fields": ["section", "primary_region", "regions", "tags", "source_label"]},
        ),
        (
            _("Ảnh đại diện"),
            {"fields": ["featured_photo", "featured_caption", "featured_alt"]},
        ),
        (_("Xuất bản"), {"fields": ["status", "publish_at", "comments_enabled"]}),
        (_("Tin liên quan"), {"fields": ["related"], "classes": ["collapse"]}),
        (
            _("Thông tin bài"),
            {"fields": ["slug", "created_by", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    # ---- who sees and changes what ----------------------------------------------------

    def get_queryset(self, request):
        credits = Prefetch("credits", queryset=BylineCredit.objects.select_related("contributor"))
        queryset = (
            super()
            .get_queryset(request)
            .filter(permissions.visible_articles_q(request.user))
            .prefetch_related(credits)
        )
        match = request.resolver_match
        if match and match.url_name == "articles_article_changelist":
            # The list never shows bodies; 50 of them would be most of the bytes read.
            queryset = queryset.defer("body", "body_html", "search_text")
        return queryset

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return permissions.can_view_article(request.user, obj)
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return permissions.can_edit_article(request.user, obj)
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete_article(request.user, obj)

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.submit_article")

    def has_publish_permission(self, request):
        return permissions.is_editor(request.user)

    def render_change_form(self, request, context, *args, **kwargs):
        # The body editor's media hold the only inline code of the site: the import map of
        # its modules (<script type="importmap">) and the placeholder of Tiptap's styles
        # (articles.forms.ArticleBodyWidget). Rendered with this request's CSP nonce, which
        # django-csp then puts in this response's header (and only this one's).
        nonce = getattr(request, "csp_nonce", "")
        context["media"] = Media.from_media(context["media"]).with_nonce(nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.can_set_status(request.user):
            fields += ["status", "publish_at"]
        return fields

    def view_on_site(self, obj):
        return _public_url(obj) if obj.is_live else None

    # ---- saving through the services ------------------------------------------------

    def save_model(self, request, obj, form, change):
        result = services.article_save(article=obj, user=request.user)
        if result.removed:
            messages.warning(
                request,
                gettext("Nội dung đã được làm sạch trước khi lưu. Đã bỏ: %(items)s.")
                % {"items": "; ".join(result.removed)},
            )
        request._article_created = result.created

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.article_finish_save(
            article=form.instance,
            user=request.user,
            created=getattr(request, "_article_created", not change),
        )

    def delete_model(self, request, obj):
        article_id = obj.pk
        super().delete_model(request, obj)
        services.article_deleted(article_id=article_id)

    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for article_id in ids:
            services.article_deleted(article_id=article_id)

    # ---- the list -----------------------------------------------------------------------

    @admin.display(description=_("trạng thái"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            local = date_format(timezone.localtime(obj.publish_at), "SHORT_DATETIME_FORMAT")
            return format_html(
                '<span class="article-status article-status--scheduled">{}</span>',
                gettext("hẹn giờ %(time)s") % {"time": local},
            )
        return format_html(
            '<span class="article-status article-status--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    @admin.display(description=_("thời điểm xuất bản"), ordering="publish_at")
    def publish_time(self, obj):
        if obj.publish_at is None:
            return "—"
        return date_format(timezone.localtime(obj.publish_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("tác giả"))
    def byline(self, obj):
        return format_byline(obj.credits.all()) or "—"

    @admin.display(description=_("xem"))
    def links(self, obj):
        if obj.is_live and (url := _public_url(obj)):
            return format_html('<a href="{}">{}</a>', url, gettext("xem trên trang"))
        if url := _preview_url(obj):
            return format_html('<a href="{}">{}</a>', url, gettext("xem trước"))
        return "—"

    def get_search_results(self, request, queryset, search_term):
        """Diacritics do not matter: "nghi son" finds "Nghi Sơn" (search_text is folded)."""
        phrase = services.article_search_text(title=search_term, lead="", body="")
        if not phrase:
            return queryset, False
        # The words as typed, in order ("nghi son" is not "Sầm Sơn thử nghiệm").
        condition = Q(search_text__contains=phrase)
        if search_term.strip().isdigit():
            condition |= Q(pk=int(search_term.strip()))
        return queryset.filter(condition), False

    # ---- change form extras ---------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context.update(
                preview_url=_preview_url(obj),
                can_restore=permissions.can_restore_revision(request.user, obj),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        extra_context = {
            **(extra_context or {}),
            "can_restore": permissions.can_restore_revision(request.user, obj),
        }
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        article = get_object_or_404(Article, pk=object_id)
        if not permissions.can_restore_revision(request.user, article):
            raise PermissionDenied
        restored = get_object_or_404(
            Version.objects.select_related("revision"), pk=version_id, object_id=str(article.pk)
        )
        try:
            response = super().revision_view(request, object_id, version_id, extra_context)
        except IntegrityError:
            messages.error(
                request,
                gettext(
                    "Không khôi phục được phiên bản này: đường dẫn cũ của bài đã được bài "
                    "khác dùng. Hãy sửa tay nội dung thay vì khôi phục."
                ),
            )
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[object_id]))
        if request.method == "POST" and response.status_code == 302:
            services.article_reverted(article_id=article.pk, restored=restored.revision)
        return response

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_recover": permissions.is_editor(request.user),
        }
        return super().changelist_view(request, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not permissions.is_editor(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not permissions.is_editor(request.user):
            raise PermissionDenied
        deleted = get_object_or_404(Version.objects.select_related("revision"), pk=version_id)
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            services.article_reverted(article_id=int(deleted.object_id), restored=deleted.revision)
        return response

    # ---- workflow actions -----------------------------------------------------------------

    def _run_action(self, request, queryset, service, done_message):
        done, refused = 0, []
        for article in queryset.order_by("pk"):
            try:
                service(article=article, user=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                reason = error.messages[0] if isinstance(error, ValidationError) else str(error)
                refused.append(f"“{article.title}”: {reason}" if reason else f"“{article.title}”")
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                gettext("Không thực hiện được với %(count)d bài: %(list)s")
                % {"count": len(refused), "list": " · ".join(refused)},
                messages.ERROR,
            )

    @admin.action(description=_("Gửi duyệt các bài đã chọn"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._run_action(
            request, queryset, services.article_submit, gettext("Đã gửi duyệt %(count)d bài.")
        )

    @admin.action(description=_("Xuất bản (hoặc hẹn giờ) các bài đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._run_action(
            request,
            queryset,
            services.article_publish,
            gettext("Đã xuất bản hoặc hẹn giờ %(count)d bài."),
        )

    @admin.action(description=_("Gỡ các bài đã chọn"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._run_action(
            request, queryset, services.article_unpublish, gettext("Đã gỡ %(count)d bài.")
        )


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["thumbnail", "title", "credit", "licence", "size", "created_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = [("photographer", admin.RelatedOnlyFieldListFilter), "created_at"]
    search_fields = ["title", "credit", "licence"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["photographer"]
    readonly_fields = ["preview", "size", "uploaded_by", "created_at"]
    list_per_page = 50

    class Media:
        # The list's thumbnails are sized by a class there: the Content-Security-Policy
        # refuses style="…" attributes.
        css = {"all": ["articles/admin.css"]}

    def get_urls(self):
        return [
            path(
                "<int:pk>/anh-nho/",
                self.admin_site.admin_view(self.thumbnail_view),
                name="articles_photo_thumbnail",
            ),
            *super().get_urls(),
        ]

    def thumbnail_view(self, request, pk):
        """Redirect to a small rendition: the body editor shows it beside the caption."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        photo = get_object_or_404(Photo, pk=pk)
        made = renditions(photo)
        return HttpResponseRedirect((made.get("w480") or next(iter(made.values()))).url)

    def save_model(self, request, obj, form, change):
        services.photo_save(
            photo=obj, user=request.user, image_changed="image" in form.changed_data
        )

    @admin.display(description=_("ảnh"))
    def thumbnail(self, obj):
        card = renditions(obj).get("card")
        if card is None:
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" class="photo-thumb">',
            card.url,
            card.width,
            card.height,
        )

    @admin.display(description=_("xem trước"))
    def preview(self, obj):
        if not obj.pk:
            return "—"
        made = renditions(obj).get("w480")
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">', made.url, made.width, made.height
        )

    @admin.display(description=_("kích thước gốc"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"


class SlugFromNameAdmin(admin.ModelAdmin):
    """Sections, regions, tags and contributors. Leave the slug empty and it is made from the
    name, the Vietnamese way (đ → d); saving or deleting one refreshes the public pages that
    show its name (services.taxonomy_save)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text = _("Để trống để tạo tự động từ tên.")
        return form

    def save_model(self, request, obj, form, change):
        services.taxonomy_save(obj=obj)

    def delete_model(self, request, obj):
        services.taxonomy_delete(queryset=type(obj).objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        services.taxonomy_delete(queryset=queryset)


@admin.register(Section)
class SectionAdmin(SlugFromNameAdmin):
    list_display = ["name", "slug", "position", "is_local"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Region)
class RegionAdmin(SlugFromNameAdmin):
    list_display = ["tree_name", "kind", "slug"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent__parent__parent"]
    ordering = ["parent__parent__name", "parent__name", "position", "name"]

    @admin.display(description=_("địa phương"), ordering="name")
    def tree_name(self, obj):
        chain, node = [], obj
        while node is not None and len(chain) < 4:
            chain.append(node.name)
            node = node.parent
        return " › ".join(reversed(chain))

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("parent"), may_have_duplicates


@admin.register(Tag)
class TagAdmin(SlugFromNameAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("số bài"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total


@admin.register(Contributor)
class ContributorAdmin(SlugFromNameAdmin):
    list_display = ["name", "affiliation", "user", "credit_count"]
    search_fields = ["name", "affiliation"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_total=Count("credits"))

    @admin.display(description=_("số bài"), ordering="credit_total")
    def credit_count(self, obj):
        return obj.credit_total
