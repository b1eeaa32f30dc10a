"""The admin site: Django's, with its JavaScript catalogue completed from ours."""

from django.contrib import admin
from django.views.i18n import JavaScriptCatalog


class NewsroomAdminSite(admin.AdminSite):
    def i18n_javascript(self, request, extra_context=None):
        # Django's serves django.contrib.admin's catalogue only, whose Vietnamese lacks the
        # weekday names of the date picker and the selector's labels: ours
        # (newsroom/locale/vi/LC_MESSAGES/djangojs.po) is read after it and fills them.
        return JavaScriptCatalog.as_view(packages=["django.contrib.admin", "newsroom"])(request)
