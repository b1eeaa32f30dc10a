from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from articles.models import Article


def article_most_read(*, days: int = 7, limit: int = 5) -> list[Article]:
    """The published articles read most over the last `days` days (today included, local time).

    Counts reach the table in batches, so the last minute or two of views is not in yet.
    """
    since = timezone.localdate() - timedelta(days=days - 1)
    return list(
        Article.objects.published()
        .filter(daily_views__day__gte=since)
        .annotate(recent_views=Sum("daily_views__views"))
        # The box shows a title and links to the article: nothing else is read or grouped.
        .only("slug", "title")
        .order_by("-recent_views", "-publish_at", "-pk")[:limit]
    )
