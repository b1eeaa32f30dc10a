"""Most read: views counted in the cache, flushed in batches, nothing lost beyond the buffer."""

import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import DatabaseError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom.roles import EDITOR
from readership import services
from readership.models import DailyViews, FlushMark
from readership.selectors import article_most_read
from readership.services import bucket_seconds, is_reader, view_record, views_flush
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _manual_flush(settings):
    settings.READERSHIP_FLUSH_ON_VIEW = False


def total(article) -> int:
    return sum(DailyViews.objects.filter(article=article).values_list("views", flat=True))


def later(now, buckets: int):
    return now + timedelta(seconds=bucket_seconds() * buckets)


def test_views_reach_the_table_once_their_bucket_has_closed():
    article = make_article()
    now = timezone.now()
    for _ in range(5):
        view_record(article_id=article.pk, now=now)
    assert views_flush(now=now) == 0  # the bucket is still open
    assert views_flush(now=later(now, 1)) == 0  # closed, but in its grace period
    assert views_flush(now=later(now, 2)) == 5
    assert total(article) == 5
    assert views_flush(now=later(now, 3)) == 0  # never counted twice
    assert total(article) == 5


def test_flush_adds_to_the_days_count_across_buckets():
    article = make_article()
    now = timezone.now()
    view_record(article_id=article.pk, now=now)
    view_record(article_id=article.pk, now=later(now, 1))
    views_flush(now=later(now, 3))
    view_record(article_id=article.pk, now=later(now, 3))
    views_flush(now=later(now, 5))
    rows = DailyViews.objects.filter(article=article)
    assert sum(r.views for r in rows) == 3
    assert {r.day for r in rows} <= {
        timezone.localtime(now).date(),
        timezone.localtime(later(now, 3)).date(),
    }


def test_a_flush_that_fails_loses_nothing_and_counts_nothing_twice():
    article = make_article()
    now = timezone.now()
    for _ in range(4):
        view_record(article_id=article.pk, now=now)
    with mock.patch.object(services.FlushMark, "save", side_effect=DatabaseError("disk full")):
        with pytest.raises(DatabaseError):
            views_flush(now=later(now, 2))
    assert total(article) == 0  # rolled back with the mark
    assert views_flush(now=later(now, 2)) == 4
    assert total(article) == 4


def test_deleted_articles_are_skipped():
    article = make_article()
    now = timezone.now()
    view_record(article_id=article.pk, now=now)
    view_record(article_id=999_999, now=now)
    assert views_flush(now=later(now, 2)) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "Mozilla/5.0 HeadlessChrome/120.0",
        "curl/8.5.0",
        "python-requests/2.32",
    ],
)
def test_bots_are_not_readers(agent):
    request = RequestFactory().post("/", HTTP_USER_AGENT=agent)
    assert not is_reader(request)


def test_readers_count_but_prefetches_do_not():
    factory = RequestFactory()
    assert is_reader(factory.post("/", HTTP_USER_AGENT=BROWSER))
    assert not is_reader(factory.post("/", HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch"))
    assert not is_reader(factory.post("/", HTTP_USER_AGENT=BROWSER, HTTP_PURPOSE="prefetch"))


def test_the_page_counts_nothing_itself_and_carries_the_beacon():
    """The edge may answer the page without Django seeing it, so the page's own request
    counts nothing: its script's beacon does (tests/readership/test_beacon.py)."""
    article = make_article()
    client = Client(HTTP_USER_AGENT=BROWSER)
    for _ in range(3):
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
    beacon = reverse("readership:beacon", args=[article.pk])
    assert f'src="/static/readership/beacon.js" data-url="{beacon}" defer' in page.content.decode()
    views_flush(now=later(timezone.now(), 2))
    assert total(article) == 0


def test_a_preview_carries_no_beacon():
    article = make_article(published=False, status=Article.Status.REVIEW)
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.force_login(make_user(role=EDITOR))
    page = client.get(reverse("articles:preview", args=[article.pk]))
    assert page.status_code == 200
    assert "Bản xem trước" in page.content.decode()
    assert "beacon.js" not in page.content.decode()


def test_most_read_ranks_the_last_seven_days():
    today = timezone.localdate()
    hot, steady, old = make_article(), make_article(), make_article()
    DailyViews.objects.bulk_create(
        [
            DailyViews(article=hot, day=today, views=50),
            DailyViews(article=steady, day=today - timedelta(days=6), views=30),
            DailyViews(article=steady, day=today, views=30),
            DailyViews(article=old, day=today - timedelta(days=7), views=500),
        ]
    )
    ranked = article_most_read()
    assert [a.pk for a in ranked] == [steady.pk, hot.pk]
    assert ranked[0].recent_views == 60


def test_most_read_shows_only_public_articles_newer_first_on_a_tie_and_at_most_the_limit():
    today, now = timezone.localdate(), timezone.now()
    older = make_article(publish_at=now - timedelta(days=2))
    newer = make_article(publish_at=now - timedelta(hours=2))
    rest = [make_article(publish_at=now - timedelta(days=3)) for _ in range(4)]
    scheduled = make_article(publish_at=now + timedelta(hours=1))
    draft = make_article(published=False, status=Article.Status.DRAFT)
    views = [(older, 40), (newer, 40), (scheduled, 900), (draft, 900)]
    views += [(article, 10 - i) for i, article in enumerate(rest)]
    DailyViews.objects.bulk_create(
        [DailyViews(article=article, day=today, views=n) for article, n in views]
    )
    ranked = article_most_read(limit=5)
    assert [a.pk for a in ranked] == [newer.pk, older.pk, *[a.pk for a in rest[:3]]]
    assert (ranked[0].title, ranked[0].get_absolute_url()) == (
        newer.title,
        newer.get_absolute_url(),
    )


def test_a_view_opening_a_new_bucket_flushes_the_closed_ones(
    settings, django_capture_on_commit_callbacks
):
    settings.READERSHIP_FLUSH_ON_VIEW = True
    article = make_article()
    now = timezone.now()
    view_record(article_id=article.pk, now=now)
    view_record(article_id=article.pk, now=now)
    with django_capture_on_commit_callbacks(execute=True):
        view_record(article_id=article.pk, now=later(now, 2))  # first view of a new bucket
    assert total(article) == 2
    assert cache.get(f"rd:{services.bucket_of(now)}:c:{article.pk}") is None  # cleaned up


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_lose_no_count(live_server, settings):
    """Many readers at once on one article: every view is counted exactly once."""
    settings.READERSHIP_FLUSH_ON_VIEW = True  # flushes race with the views, as in production
    settings.READERSHIP_BEACON_RATE = "1000/m"  # every reader here has the same address
    article = make_article()
    url = f"{live_server.url}{reverse('readership:beacon', args=[article.pk])}"
    requests, errors = 120, []
    start = threading.Barrier(8)

    def read(index):
        if index < 8:
            start.wait()
        try:
            # Readers behind one address, told apart by their browsers.
            headers = {"User-Agent": f"{BROWSER} reader/{index}", "Sec-Fetch-Site": "same-origin"}
            request = urllib.request.Request(url, data=b"", headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except OSError as error:  # noqa: BLE001 - reported below
            errors.append(error)
            return None

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(read, range(requests)))
    assert errors == [] and statuses == [204] * requests
    views_flush(now=later(timezone.now(), 2))
    assert total(article) == requests


def test_hot_article_counts_under_threads_without_a_database_write():
    """The counters themselves: 8 threads x 250 increments, no database write on the way."""
    article = make_article()
    now = timezone.now()

    def hammer():
        for _ in range(250):
            view_record(article_id=article.pk, now=now)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert DailyViews.objects.count() == 0
    assert views_flush(now=later(now, 2)) == 2000


def test_flush_command_writes_closed_buckets():
    from io import StringIO

    from django.core.management import call_command

    article = make_article()
    view_record(article_id=article.pk, now=later(timezone.now(), -3))
    out = StringIO()
    call_command("flush_view_counts", stdout=out)
    assert out.getvalue().strip() == "Đã ghi 1 lượt đọc."
    assert total(article) == 1


def test_with_the_cache_unreachable_views_are_not_counted_and_a_flush_writes_nothing(
    redis_switch,
):
    """The counters live in the cache: while it does not answer there is nothing to count
    into or to flush, and a flush must not invent a cache of its own (its mark would count
    again, once the cache answers, what the real one has already written)."""
    article = make_article()
    now = timezone.now()
    view_record(article_id=article.pk, now=now)  # no error for the reader
    assert views_flush(now=later(now, 2)) == 0
    assert not FlushMark.objects.exists()
