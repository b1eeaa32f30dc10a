from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class NewsroomConfig(AppConfig):
    default = True  # the app itself; NewsroomAdminConfig is named in INSTALLED_APPS
    name = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self):
        # Connects the login lockout's signal receiver (django-axes).
        from newsroom import lockout  # noqa: F401


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our AdminSite as the default `admin.site`."""

    default = False

    default_site = "newsroom.admin_site.NewsroomAdminSite"


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db (the background tasks' table), named in Vietnamese in the admin: its
    own name is a plain English string, out of reach of the catalogue."""

    verbose_name = _("Tác vụ nền")
