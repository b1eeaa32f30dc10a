"""The admin's accounts and login records in Vietnamese.

Django stores permission names in English ("Can add bài viết"), and django-axes ships no
Vietnamese and names its records in English ("Access Log for …"). What the staff see of
them is relabelled here; the stored names stay as Django and axes expect them.
"""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

_ACTIONS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}


def permission_label(permission) -> str:
    """ "Bài viết | bài viết | Sửa bài viết" for Django's own four, the stored name else."""
    model = permission.content_type.model_class()
    if model is None:  # a model that no longer exists
        return str(permission)
    opts = model._meta
    action, _sep, rest = permission.codename.partition("_")
    name = permission.name
    if action in _ACTIONS and rest == opts.model_name:
        name = f"{_ACTIONS[action]} {opts.verbose_name}"
    return f"{opts.app_config.verbose_name} | {opts.verbose_name} | {name}"


class _VietnamesePermissions:
    """The permission chooser lists the models the admin shows, labelled in Vietnamese.

    Permissions of models with no admin page (easy-thumbnails' caches, django-reversion's
    own tables) grant nothing a person can use, so they are left out of the list.
    """

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name not in ("user_permissions", "permissions"):
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        # admin.site._registry: the registered models; Django has no public accessor.
        shown = list(ContentType.objects.get_for_models(*admin.site._registry).values())
        permissions = Permission.objects.filter(content_type__in=shown)
        kwargs["queryset"] = permissions.select_related("content_type")
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        field.label_from_instance = permission_label
        return field


class GroupAdmin(_VietnamesePermissions, auth_admin.GroupAdmin):
    pass


class UserAdmin(_VietnamesePermissions, auth_admin.UserAdmin):
    pass


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


class _RecordSubtitle:
    """The change page's subtitle, which Django takes from the record's English __str__."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        if record is not None:
            subtitle = _("%(kind)s: %(username)s, %(when)s") % {
                "kind": str(self.model._meta.verbose_name).capitalize(),
                "username": record.username or "—",
                "when": _when(record.attempt_time),
            }
            extra_context = {**(extra_context or {}), "subtitle": subtitle}
        return super().change_view(request, object_id, form_url, extra_context)


class AccessAttemptAdmin(_RecordSubtitle, axes_admin.AccessAttemptAdmin):
    pass


class AccessLogAdmin(_RecordSubtitle, axes_admin.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(_RecordSubtitle, axes_admin.AccessFailureLogAdmin):
    pass


for model, model_admin in [
    (Group, GroupAdmin),
    (get_user_model(), UserAdmin),
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
