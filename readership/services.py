"""Counting article views without a hot row: counters in the cache, written in batches.

A view is one cache increment (`view_record`), never a database write. Time is cut into
buckets of READERSHIP_BUCKET_SECONDS (60 s by default); `views_flush` adds the counters of
every closed bucket to `DailyViews` in one transaction, at most once per bucket, started by
the first view of each new bucket (and by `manage.py flush_view_counts`, e.g. from cron).

Most a crash can lose: the counters still in the cache, i.e. the open bucket and the one in
its grace period — under two buckets (two minutes by default) of views. With the local-memory
cache that is per web process; with Redis, only if Redis itself loses its data. A process
dying in the middle of a flush loses nothing: the counts and the mark of how far they were
written commit together, and counters are deleted only after that commit.
"""

import logging
import re
import uuid
from collections import defaultdict
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.models import Article
from readership.models import DailyViews, FlushMark

logger = logging.getLogger(__name__)

# Crawlers, link previews, monitors and scripted clients: not readers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"lighthouse|pingdom|headless|phantomjs|curl|wget|python-|httpx|java/|go-http|okhttp|scrapy",
    re.IGNORECASE,
)
# A bucket is written only after the following bucket has closed too: a request that read the
# clock just before the turn of the minute still finds its bucket unwritten.
GRACE_BUCKETS = 1
# Counters outlive the grace period by far, so a quiet site (no view to start a flush) or a
# flush that failed loses nothing for this long.
COUNTER_TIMEOUT = 2 * 24 * 60 * 60


def bucket_seconds() -> int:
    return int(getattr(settings, "READERSHIP_BUCKET_SECONDS", 60))


def bucket_of(moment: datetime) -> int:
    return int(moment.timestamp()) // bucket_seconds()


def _count_key(bucket: int, article_id: int) -> str:
    return f"rd:{bucket}:c:{article_id}"


def _seq_key(bucket: int) -> str:
    return f"rd:{bucket}:n"


def _slot_key(bucket: int, slot: int) -> str:
    return f"rd:{bucket}:s:{slot}"


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def is_reader(request) -> bool:
    """A request from a reader's browser: not a crawler, link preview, monitor or script (by
    its User-Agent), nor made for a prefetch or a prerender (Sec-Purpose, or Purpose)."""
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    return not is_bot(request.headers.get("User-Agent", ""))


def _incr(key: str) -> int:
    """Atomic increment that also creates the counter (add and incr are atomic on every cache)."""
    for _attempt in range(3):
        if cache.add(key, 1, COUNTER_TIMEOUT):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired or evicted between add and incr: try again
            continue
    return 0


def view_record(*, article_id: int, now: datetime | None = None) -> None:
    """Count one view of an article; flush closed buckets when this view opens a new one."""
    now = now or timezone.now()
    bucket = bucket_of(now)
    if _incr(_count_key(bucket, article_id)) == 1:
        # The first view of this article in this bucket: list the article in the bucket's
        # index, which is how a flush finds the counters without listing cache keys.
        slot = _incr(_seq_key(bucket))
        if slot:
            cache.set(_slot_key(bucket, slot), article_id, COUNTER_TIMEOUT)
    if getattr(settings, "READERSHIP_FLUSH_ON_VIEW", True) and cache.add(
        f"rd:{bucket}:flush", 1, bucket_seconds() * 3
    ):
        try:
            views_flush(now=now)
        except DatabaseError:
            # A reader's page must not fail because the counts could not be written now: the
            # counters stay in the cache for the next flush.
            logger.exception("Could not flush article view counts")


def dedup_seconds() -> int:
    return int(getattr(settings, "READERSHIP_DEDUP_SECONDS", 30 * 60))


def view_record_once(*, article_id: int, reader: str, now: datetime | None = None) -> bool:
    """Count one view (view_record) unless this reader's view of this article was counted in
    the last READERSHIP_DEDUP_SECONDS (30 minutes): a reload or a return to the tab is not a
    second reader. Returns whether it counted.

    `reader` is whatever tells readers apart (the view beacon: client network and browser);
    the cache holds only a keyed hash of it with the article, never the text, and only for
    the window. add() is atomic on every cache, so two beacons at once count once.
    """
    mark = salted_hmac("readership.seen", f"{article_id}\n{reader}", algorithm="sha256")
    if not cache.add(f"rd:seen:{mark.hexdigest()[:32]}", 1, dedup_seconds()):
        return False
    view_record(article_id=article_id, now=now)
    return True


def _cache_id() -> str | None:
    """The id of the cache holding the counters; None when it does not answer (a made-up id
    would start a flush mark of its own and count again what the real one has written)."""
    cache_id = cache.get("rd:cache-id")
    if cache_id is None:
        cache.add("rd:cache-id", uuid.uuid4().hex, None)
        cache_id = cache.get("rd:cache-id")
    return cache_id


def _local_day(bucket: int):
    moment = datetime.fromtimestamp(bucket * bucket_seconds(), tz=UTC)
    return timezone.localtime(moment).date()


def _read_counters(buckets: range) -> tuple[dict, list[str]]:
    """{(article_id, day): views} for the given buckets, and the keys that held them."""
    seq_keys = {_seq_key(b): b for b in buckets}
    found = cache.get_many(list(seq_keys))
    slot_keys = {}
    for seq_key, size in found.items():
        bucket = seq_keys[seq_key]
        for slot in range(1, int(size) + 1):
            slot_keys[_slot_key(bucket, slot)] = bucket
    slots = cache.get_many(list(slot_keys))
    count_keys = {
        _count_key(slot_keys[key], int(article_id)): (int(article_id), slot_keys[key])
        for key, article_id in slots.items()
    }
    counts = cache.get_many(list(count_keys))
    totals: dict = defaultdict(int)
    for key, value in counts.items():
        article_id, bucket = count_keys[key]
        totals[(article_id, _local_day(bucket))] += int(value)
    return totals, [*found, *slots, *counts]


@transaction.atomic
def views_flush(*, now: datetime | None = None) -> int:
    """Add the counters of every closed bucket to DailyViews. Returns the views written."""
    now = now or timezone.now()
    last_closed = bucket_of(now) - 1 - GRACE_BUCKETS
    oldest_kept = last_closed - COUNTER_TIMEOUT // bucket_seconds()
    cache_id = _cache_id()
    if cache_id is None:
        return 0  # the counters are in the cache: nothing to write until it answers
    mark, _created = FlushMark.objects.select_for_update().get_or_create(
        cache_id=cache_id, defaults={"flushed_through": oldest_kept}
    )
    first = max(mark.flushed_through + 1, oldest_kept + 1)
    if first > last_closed:
        return 0
    totals, keys = _read_counters(range(first, last_closed + 1))
    existing = set(
        Article.objects.filter(pk__in={article_id for article_id, _day in totals}).values_list(
            "pk", flat=True
        )
    )
    rows = [
        (article_id, day, views)
        for (article_id, day), views in sorted(totals.items())
        if article_id in existing and views > 0
    ]
    if rows:
        table = connection.ops.quote_name(DailyViews._meta.db_table)
        # One statement per (article, day), adding to what is there: no read-modify-write, so
        # flushes from several caches (one per process with local memory) never lose counts.
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (article_id, day, views) VALUES (%s, %s, %s) "  # noqa: S608
                "ON CONFLICT (article_id, day) "
                f"DO UPDATE SET views = {table}.views + excluded.views",
                rows,
            )
    mark.flushed_through = last_closed
    mark.save(update_fields=["flushed_through", "updated_at"])
    transaction.on_commit(lambda: cache.delete_many(keys))
    return sum(views for _article, _day, views in rows)
