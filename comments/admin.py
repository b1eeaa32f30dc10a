"""Admin: the banned-word lists, and a read-only view of comments for finding one.

Moderation itself happens on the moderators' desk (comments.moderation), where every action
goes through the services with locking and history; the admin never changes a comment.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from comments.forms import BannedWordForm
from comments.models import BannedWord, Comment, CommentEvent, HoldReason


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    form = BannedWordForm
    list_display = ["word", "kind", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["word", "folded"]
    list_select_related = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class HoldReasonInline(admin.TabularInline):
    model = HoldReason
    extra = 0
    can_delete = False
    fields = ["code", "detail"]
    readonly_fields = fields


class CommentEventInline(admin.TabularInline):
    model = CommentEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "actor", "from_status", "to_status", "note", "new_body"]
    readonly_fields = fields


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["short_body", "author_name", "article_link", "status", "created_at", "desk"]
    list_filter = ["status", "hold_reasons__code", "article__section", "created_at"]
    search_fields = ["body", "original_body", "author_name", "article__title"]
    list_select_related = ["article"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    inlines = [HoldReasonInline, CommentEventInline]
    readonly_fields = [
        "article",
        "parent",
        "author_name",
        "author_email",
        "body",
        "original_body",
        "status",
        "rejection_reason",
        "ip_address",
        "created_at",
        "edited_at",
        "approved_at",
        "moderated_at",
        "moderated_by",
    ]
    fields = readonly_fields

    @admin.display(description=_("nội dung"))
    def short_body(self, obj):
        return Truncator(obj.body).chars(80)

    @admin.display(description=_("bài viết"), ordering="article__title")
    def article_link(self, obj):
        return Truncator(obj.article.title).chars(60)

    @admin.display(description=_("kiểm duyệt"))
    def desk(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("comments:moderate", args=[obj.pk]), _("Mở")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
