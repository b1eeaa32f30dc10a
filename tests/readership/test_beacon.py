"""The view beacon (readership.views.beacon): a reader's page view counted by a small POST of
its own, once per reader and window, never for a bot, another site or over the rate."""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom.cache import article_changed
from readership.models import DailyViews
from readership.services import bucket_seconds, views_flush
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/131.0 Mobile Safari"


@pytest.fixture(autouse=True)
def _manual_flush(settings):
    settings.READERSHIP_FLUSH_ON_VIEW = False


def url(article_or_pk) -> str:
    pk = getattr(article_or_pk, "pk", article_or_pk)
    return reverse("readership:beacon", args=[pk])


def send(article_or_pk, *, agent=BROWSER, address="203.0.113.7", client=None, **headers):
    """What navigator.sendBeacon(url) sends from one of our pages: an empty POST. A header
    given as None is left out."""
    headers = {"HTTP_SEC_FETCH_SITE": "same-origin", **headers}
    return (client or Client()).post(
        url(article_or_pk),
        data=b"",
        content_type="text/plain;charset=UTF-8",
        HTTP_USER_AGENT=agent,
        REMOTE_ADDR=address,
        **{name: value for name, value in headers.items() if value is not None},
    )


def counted(*articles):
    """The articles' views once every counter in the cache has been written: once per test,
    since a flush marks the current bucket as written."""
    views_flush(now=timezone.now() + timedelta(seconds=bucket_seconds() * 2))
    views = [
        sum(DailyViews.objects.filter(article=article).values_list("views", flat=True))
        for article in articles
    ]
    return views[0] if len(views) == 1 else views


def test_a_beacon_counts_the_reader_once_per_window(settings):
    article = make_article()
    assert send(article).status_code == 204
    assert send(article).status_code == 204  # a reload
    # Another reader: another address, or another browser behind the same address.
    send(article, address="203.0.113.8")
    send(article, agent=PHONE)
    # The same reader on another article is a view of that article.
    other = make_article()
    send(other)
    assert counted(article, other) == [3, 1]


def test_after_the_window_the_same_reader_counts_again(settings):
    settings.READERSHIP_DEDUP_SECONDS = 1
    article = make_article()
    send(article)
    send(article)
    time.sleep(1.2)
    send(article)
    assert counted(article) == 2


def test_an_ipv6_reader_is_one_reader_across_the_addresses_of_its_network():
    article = make_article()
    send(article, address="2001:db8:1:2::10")
    send(article, address="2001:db8:1:2:a8f3:11ff:fe00:1")  # a privacy address, same /64
    send(article, address="2001:db8:1:3::10")  # another network
    assert counted(article) == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"},
        {"agent": "facebookexternalhit/1.1"},
        {"agent": "Mozilla/5.0 HeadlessChrome/131.0"},
        {"agent": "curl/8.5.0"},
        {"agent": ""},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
    ],
    ids=["googlebot", "link-preview", "headless", "curl", "no-agent", "prefetch", "prerender",
         "old-prefetch"],
)  # fmt: skip
def test_bots_and_prefetches_are_answered_alike_and_not_counted(headers):
    article = make_article()
    assert send(article, **headers).status_code == 204
    assert counted(article) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_SEC_FETCH_SITE": "none"},  # typed in the address bar, or a script's own request
        {"HTTP_SEC_FETCH_SITE": None, "HTTP_ORIGIN": "https://another-paper.example"},
        {"HTTP_SEC_FETCH_SITE": None, "HTTP_ORIGIN": "null"},
    ],
)
def test_a_beacon_from_another_site_is_not_counted(headers):
    article = make_article()
    assert send(article, **headers).status_code == 204
    assert counted(article) == 0


def test_a_browser_that_sends_no_sec_fetch_site_counts_from_our_origin_or_none():
    article = make_article()
    send(article, HTTP_SEC_FETCH_SITE=None)
    send(article, agent=PHONE, HTTP_SEC_FETCH_SITE=None, HTTP_ORIGIN="http://testserver")
    assert counted(article) == 2


def test_over_the_rate_beacons_are_answered_alike_and_not_counted(settings):
    settings.READERSHIP_BEACON_RATE = "5/h"  # an hour: no window turns during the test
    articles = [make_article() for _ in range(8)]
    statuses = [send(article).status_code for article in articles]
    assert statuses == [204] * 8
    # Per client network: another reader is not held back by this one.
    send(articles[7], address="198.51.100.20")
    assert counted(*articles) == [1] * 5 + [0] * 2 + [1]


def test_bots_do_not_use_up_the_rate_of_their_address(settings):
    settings.READERSHIP_BEACON_RATE = "5/h"
    articles = [make_article() for _ in range(5)]
    for _ in range(10):
        send(articles[0], agent="Googlebot/2.1")
    for article in articles:
        send(article)
    assert counted(*articles) == [1] * 5


def test_reloads_count_towards_the_rate(settings):
    settings.READERSHIP_BEACON_RATE = "3/h"
    first, second = make_article(), make_article()
    for _ in range(3):
        send(first)
    send(second)  # over the rate: a script reloading one page cannot go on to others
    assert counted(first, second) == [1, 0]


@pytest.mark.parametrize(
    "state",
    [
        {"published": False, "status": Article.Status.DRAFT},
        {"published": False, "status": Article.Status.REVIEW},
        {"published": False, "status": Article.Status.UNPUBLISHED},
        {"publish_at": "future"},
    ],
    ids=["draft", "review", "withdrawn", "scheduled"],
)
def test_an_article_the_public_cannot_read_is_refused_and_not_counted(state):
    if state.get("publish_at") == "future":
        state = {"publish_at": timezone.now() + timedelta(hours=2)}
    article = make_article(**state)
    response = send(article)
    assert response.status_code == 404
    assert counted(article) == 0


def test_an_unknown_or_malformed_id_is_a_404():
    assert send(987_654).status_code == 404
    client = Client()
    for path in ["/doc/abc/", "/doc/0x10/", "/doc/-1/", f"/doc/{2**63}/", "/doc/1.5/"]:
        response = client.post(path, data=b"", content_type="text/plain", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 404, path


def test_only_post_and_no_body():
    article = make_article()
    client = Client(HTTP_USER_AGENT=BROWSER)
    assert client.get(url(article)).status_code == 405
    assert client.head(url(article)).status_code == 405
    assert client.put(url(article)).status_code == 405
    response = client.post(url(article), data=b"x" * 5000, content_type="text/plain")
    assert response.status_code == 413
    assert counted(article) == 0


def test_withdrawing_or_publishing_is_seen_by_the_next_beacon():
    """The live check is kept per article generation: a change starts a new entry."""
    article = make_article()
    send(article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    article_changed(article.pk)  # what articles.services does on commit
    assert send(article, address="198.51.100.1").status_code == 404
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    article_changed(article.pk)
    assert send(article, address="198.51.100.2").status_code == 204
    assert counted(article) == 2


def test_a_scheduled_article_counts_from_its_publish_time_without_a_bump(monkeypatch):
    article = make_article(publish_at=timezone.now() + timedelta(minutes=5))
    assert send(article).status_code == 404
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert send(article).status_code == 204
    views_flush(now=later + timedelta(seconds=bucket_seconds() * 2))
    assert DailyViews.objects.get(article=article).views == 1


def test_a_beacon_costs_no_query_once_the_article_is_known(django_assert_num_queries):
    article = make_article()
    with django_assert_num_queries(1):  # the article's status and publish time, once
        send(article)
    with django_assert_num_queries(0):
        send(article, address="198.51.100.1")
        send(article, address="198.51.100.2")
    with django_assert_num_queries(1):  # an unknown id is kept the same way
        send(987_654)
    with django_assert_num_queries(0):
        send(987_654, address="198.51.100.3")


def test_never_cached_and_no_cookie_set_or_read():
    article = make_article()
    client = Client()
    client.cookies["sessionid"] = "not-a-session"
    client.cookies["csrftoken"] = "x" * 32
    for response in (send(article, client=client), send(987_654, client=client)):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control
        assert response.cookies == {}
        assert "Set-Cookie" not in response
        # Reading the session or the user would add "Vary: Cookie".
        assert "cookie" not in response.get("Vary", "").lower()
    assert counted(article) == 1


def test_a_forged_cross_site_post_needs_no_csrf_token_and_is_not_refused_for_it():
    article = make_article()
    client = Client(enforce_csrf_checks=True)
    assert send(article, client=client).status_code == 204
    assert counted(article) == 1


def stored_in_cache() -> list[bytes]:
    """Every key and value in the cache as stored (values pickled: text stays UTF-8)."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        return [key.encode() + b" " + value for key, value in backend._cache.items()]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client()
        return [key + b" " + (client.get(key) or b"") for key in client.keys("*")]
    pytest.skip(f"cannot list the keys of {type(backend).__name__}")


def test_the_readers_address_is_not_kept_in_the_cache():
    article = make_article()
    send(article, address="203.0.113.77")
    stored = stored_in_cache()
    assert len(stored) >= 3  # the counters, the rate limit, the dedup mark
    assert not any(b"203.0.113.77" in item for item in stored)
    assert not any(BROWSER.encode() in item for item in stored)


def test_most_read_ranks_by_beacons_as_it_did_by_page_views():
    """The same buffered counters and table: the box orders by readers counted."""
    hot, warm, cold = make_article(), make_article(), make_article()
    for article, readers in ((hot, 4), (warm, 2), (cold, 1)):
        for n in range(readers):
            send(article, address=f"198.51.100.{n + 1}")
    for article in (hot, warm, cold):
        send(article, address="198.51.100.1")  # each once more by a reader counted already
    views_flush(now=timezone.now() + timedelta(seconds=bucket_seconds() * 2))
    from readership.selectors import article_most_read

    ranked = article_most_read()
    assert [(a.pk, a.recent_views) for a in ranked] == [(hot.pk, 4), (warm.pk, 2), (cold.pk, 1)]
    page = Client(HTTP_USER_AGENT=BROWSER).get(make_article().get_absolute_url()).content.decode()
    box = page[page.index('id="doc-nhieu"') :]
    assert box.index(hot.title) < box.index(warm.title) < box.index(cold.title)
