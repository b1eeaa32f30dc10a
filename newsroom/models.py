"""The shared library's one table: invalidations kept while the cache did not answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingBump(models.Model):
    """A generation bump (newsroom.cache) that could not reach the cache, kept to be retried
    when it answers again. In the database, not in one process: any app server can retry it,
    and it outlives a restart of the one that failed."""

    scope = models.CharField(
        _("phạm vi"), max_length=100, help_text=_("Ví dụ: site, article:12, comments:12.")
    )
    created_at = models.DateTimeField(_("lúc ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi chờ báo cho bộ nhớ đệm")
        verbose_name_plural = _("thay đổi chờ báo cho bộ nhớ đệm")
        ordering = ["pk"]

    def __str__(self):
        return self.scope
