"""Article views per day, filled in batches from counters buffered in the cache."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyViews(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    day = models.DateField(_("ngày"), help_text=_("Ngày theo giờ Việt Nam."))
    views = models.PositiveIntegerField(_("lượt đọc"), default=0)

    class Meta:
        verbose_name = _("lượt đọc trong ngày")
        verbose_name_plural = _("lượt đọc theo ngày")
        ordering = ["-day", "-views"]
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="dailyviews_article_day"),
        ]
        # "Most read over the last 7 days" filters on the day and groups by article.
        indexes = [models.Index(fields=["day", "article"], name="dailyviews_day_article")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"


class FlushMark(models.Model):
    """How far the counters of one cache have been written to DailyViews.

    Written in the same transaction as the counts, so a flush that dies half-way is redone
    whole and a flush that committed is never counted twice. One row per cache instance: a
    local-memory cache lives in one process, a Redis cache is shared by all of them.
    """

    cache_id = models.CharField(max_length=64, primary_key=True)
    flushed_through = models.BigIntegerField(
        help_text="The last time bucket (seconds since the epoch / bucket length) written."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mốc ghi lượt đọc")
        verbose_name_plural = _("mốc ghi lượt đọc")

    def __str__(self):
        return f"{self.cache_id}: {self.flushed_through}"
