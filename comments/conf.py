"""Comment settings with their defaults; read on each call so tests can override them."""

from datetime import timedelta

from django.conf import settings


def max_length() -> int:
    return getattr(settings, "COMMENT_MAX_LENGTH", 1000)


def min_fill_seconds() -> int:
    """A person needs a few seconds to read and type; a bot posts at once."""
    return getattr(settings, "COMMENT_MIN_FILL_SECONDS", 3)


def form_max_age() -> timedelta:
    return timedelta(hours=getattr(settings, "COMMENT_FORM_MAX_AGE_HOURS", 48))


def rates() -> tuple[str, ...]:
    """Per client: a few a minute and more an hour, each counted separately."""
    return tuple(getattr(settings, "COMMENT_RATES", ("5/m", "30/h")))


def duplicate_window() -> timedelta:
    return timedelta(hours=getattr(settings, "COMMENT_DUPLICATE_WINDOW_HOURS", 24))


def max_links() -> int:
    """More links than this and the comment is held with a reason."""
    return getattr(settings, "COMMENT_MAX_LINKS", 2)


def notify_on_approval() -> bool:
    return getattr(settings, "COMMENT_NOTIFY_ON_APPROVAL", True)


def ip_retention() -> timedelta:
    return timedelta(days=getattr(settings, "COMMENT_IP_RETENTION_DAYS", 30))
