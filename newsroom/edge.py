"""Purging the HTTP cache in front of the app servers (Varnish with the xkey vmod,
deploy/varnish/default.vcl), in the background.

A reader's page names what it shows in its `xkey` header (newsroom.pages): the tag of each
generation scope it depends on ("article-12", "comments-12", "site", "names", "weather").
When a generation is bumped (newsroom.cache.changed), the same tags are purged at every edge
listed in EDGE_PURGE_URLS: `PURGE /` with the tags in `xkey-purge`. Each purge is a task
(django-tasks, database backend: `python manage.py db_worker` runs them) per edge, so a
slow or down edge never delays or fails an editor's save; a failed purge is tried again
with growing delays (RETRY_DELAYS), then given up with an error in the log: by then the
pages have expired at the edge by themselves (their s-maxage is at most
PAGE_CACHE_SECONDS).
"""

import logging
import urllib.request
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Seconds before each new try: about eight and a half minutes in all.
RETRY_DELAYS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
TIMEOUT_SECONDS = 5
PURGE_HEADER = "xkey-purge"


def edge_tag(scope: str) -> str:
    """The edge's tag for a generation scope: "comments:12" → "comments-12"."""
    return scope.replace(":", "-")


def purge(scopes: Iterable[str]) -> None:
    """Ask every edge to drop the pages that show any of these generation scopes."""
    tags = sorted({edge_tag(scope) for scope in scopes})
    for url in settings.EDGE_PURGE_URLS:
        purge_edge.enqueue(url, tags, 0)


@task()
def purge_edge(url: str, tags: list[str], retry: int) -> None:
    """One edge's purge; on failure, the same purge again later (RETRY_DELAYS)."""
    try:
        send_purge(url, tags)
    except OSError as error:  # refused, timed out, or an HTTP error status (URLError)
        if retry >= len(RETRY_DELAYS):
            logger.error("Edge purge given up after %d tries: %s %s (%s)", retry + 1, url,
                         " ".join(tags), error)  # fmt: skip
            return
        delay = RETRY_DELAYS[retry]
        logger.warning("Edge purge failed, again in %d s: %s %s (%s)", delay, url,
                       " ".join(tags), error)  # fmt: skip
        later = timezone.now() + timedelta(seconds=delay)
        purge_edge.using(run_after=later).enqueue(url, tags, retry + 1)


def send_purge(url: str, tags: list[str]) -> None:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"EDGE_PURGE_URLS takes http(s) URLs, not {url!r}")
    headers = {PURGE_HEADER: " ".join(tags)}
    request = urllib.request.Request(url, method="PURGE", headers=headers)  # noqa: S310 - checked above
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        response.read()
