"""Cache generations: the one way public pages learn that content changed.

Public pages cache their rendered parts under keys that include a generation number. Changing
content bumps a generation, so every key built from the old number is simply never read again
(and expires by itself): no key listing, no pattern deletes, and it works the same on
local memory and on Redis shared by several app servers.

- `site` generation: anything that can appear on many pages (home, lists, most read,
  related, feeds, sitemaps) — bumped when an article is published, edited or withdrawn.
- `article:<id>` generation: one article's own parts (head, text, related) — bumped when it
  is published, edited or withdrawn.
- `comments:<id>` generation: one article's comment list and count — bumped when a comment on
  it is approved or changed, so moderating does not rebuild the article's own parts.
- `weather` generation: the weather boxes — bumped when new readings are stored.
- `names` generation: parts that show the name of a section, region, tag or contributor
  (an article's breadcrumbs, tags and byline; the weather box's province), which outlive the
  `site` generation — bumped, with `site`, when one of those is saved or deleted.

A generation that is missing (new, evicted, or Redis restarted empty) starts at the clock's
microseconds, not at 1: a number no key, validator or page of an earlier life of the cache
can carry (each bump adds 1, and nothing is bumped once a microsecond), so no stale part is
ever read under it.

When the cache does not answer (newsroom.cache_backend), a generation reads as a number
nobody stored, so the page is built from the database; a bump that cannot be written is kept
in the database (newsroom.models.PendingBump), where any app server finds it, and retried
before the first cache call that goes through after a failure (in every process that saw
one), and by `manage.py retry_cache_bumps`. It moves whatever the cache then holds: Redis
back with its data has the old number, under which the stale pages are stored, and the bump
moves past it; Redis back empty has none, and the bump starts a new one.
"""

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction

from newsroom import edge
from newsroom.models import PendingBump

logger = logging.getLogger(__name__)

_PREFIX = "gen:"
# Generations outlive the fragments they guard; a lost generation only means a cache miss.
_GENERATION_TIMEOUT = 60 * 60 * 24 * 30


def _key(scope: str) -> str:
    return f"{_PREFIX}{scope}"


def _first_value() -> int:
    return time.time_ns() // 1_000


def _start(key: str) -> int:
    """A missing generation, created; or the one another process created first. When the
    cache does not answer, our own number, which no stored part is keyed on."""
    value = _first_value()
    if cache.add(key, value, _GENERATION_TIMEOUT):
        return value
    return int(cache.get(key, value))


def generation(scope: str) -> int:
    value = cache.get(_key(scope))
    if value is None:
        return _start(_key(scope))
    return int(value)


def generations(*scopes: str) -> dict[str, int]:
    """Several generations in one cache round trip (pages need the site's and their own)."""
    keys = {_key(scope): scope for scope in scopes}
    found = cache.get_many(list(keys))
    return {scope: int(found[key]) if key in found else _start(key) for key, scope in keys.items()}


def generations_known(known, *scopes: str) -> dict[str, int]:
    """The generations a page already read for itself (`known`, e.g. from its template
    context), or, for any scope it lacks, read now: a part drawn inside the page does not
    pay for the page's read again."""
    if known and all(scope in known for scope in scopes):
        return {scope: known[scope] for scope in scopes}
    return generations(*scopes)


_MISSING = object()


def kept(key: str, build, timeout: int):
    """The value under `key`, else `build()`'s, stored for `timeout` seconds and returned.

    What cache.get_or_set does, less its second read: after storing, Django reads the key
    again, so that racing builders all return the winner's value. Parts of a page built from
    the same generation are the same whoever builds them, and that read cost, on every cold
    page, one more cache round trip per part (on Redis, a network round trip) and unpickling
    what was just pickled: an article's comment list is hundreds of kilobytes.
    """
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, timeout)
    return value


def _moved(scope: str) -> bool:
    """Move a generation on; False when the cache did not answer."""
    key = _key(scope)
    try:
        return cache.incr(key) is not None
    except ValueError:
        pass
    # Not in the cache (new, evicted, or the cache restarted empty): start it anew, at a
    # number no stored part is keyed on. If a reader started it first, move that one on.
    if cache.add(key, _first_value(), _GENERATION_TIMEOUT):
        return True
    try:
        return cache.incr(key) is not None
    except ValueError:
        return False


def bump(scope: str) -> None:
    """Content shown under `scope` changed. Never raises for the cache: a bump that cannot
    reach it is kept and retried (module docstring)."""
    if _moved(scope):
        return
    try:
        with transaction.atomic():  # a savepoint when inside a transaction
            PendingBump.objects.create(scope=scope)
    except DatabaseError:
        logger.exception("Generation bump of %s lost: the cache and the database refused it", scope)


def retry_kept_bumps() -> int:
    """Bump every scope kept while the cache did not answer; the number of scopes moved.
    Stops at the first the cache refuses again (those stay kept)."""
    try:
        with transaction.atomic():
            kept_rows = list(PendingBump.objects.values_list("pk", "scope"))
            done, moved = [], set()
            for pk, scope in kept_rows:
                if scope not in moved:
                    if not _moved(scope):
                        break
                    moved.add(scope)
                done.append(pk)
            PendingBump.objects.filter(pk__in=done).delete()
    except DatabaseError:
        logger.exception("Could not retry the generation bumps kept for the cache")
        return 0
    if moved:
        logger.warning(
            "Retried %d generation bumps kept while the cache did not answer", len(moved)
        )
        # Purged again: between the cache's return and this retry, an app server may have
        # served the edge a page built on the old generation, which it would keep.
        edge.purge(moved)
    return len(moved)


def changed(*scopes: str) -> None:
    """What these scopes cover changed: bump their generations here and purge their pages
    at the edge, if there is one (newsroom.edge, in the background)."""
    for scope in scopes:
        bump(scope)
    edge.purge(scopes)


def article_changed(article_id: int) -> None:
    """An article was published, edited or withdrawn: its page and every list may change."""
    changed(f"article:{article_id}", "site")


def names_changed() -> None:
    """A section, region, tag or contributor was saved or deleted: any page may show its name
    (navigation and lists through `site`; an article's own parts and the weather box through
    `names`)."""
    changed("names", "site")


def comments_changed(article_id: int) -> None:
    """A comment on this article became public or changed: only its comment list changes."""
    changed(f"comments:{article_id}")


def weather_changed() -> None:
    """New weather readings: the weather boxes (home and article pages) change."""
    changed("weather")
