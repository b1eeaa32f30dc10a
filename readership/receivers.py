from django.dispatch import receiver

from articles.signals import article_viewed
from readership.services import should_count, view_record


@receiver(article_viewed, dispatch_uid="readership.count_view")
def count_view(sender, *, request, article_id, **kwargs):
    """A reader's view of an article page feeds the buffered counters ("Đọc nhiều")."""
    if should_count(request):
        view_record(article_id=article_id)
