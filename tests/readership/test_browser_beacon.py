"""A reader in Chromium: opening an article page sends its view beacon once, and "Đọc nhiều"
counts the reader once per window; a page prerendered or loading unseen waits to be shown."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from readership.models import DailyViews
from readership.services import bucket_of, bucket_seconds, views_flush
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's Chromium says "HeadlessChrome", which the counters rightly take for a robot.
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/131.0 Mobile Safari"


@pytest.fixture(autouse=True)
def _short_buckets(settings):
    # One-second buckets, flushed by the test itself: it can write what was counted so far
    # and still count the next page view in a bucket that is not written yet.
    settings.READERSHIP_BUCKET_SECONDS = 1
    settings.READERSHIP_FLUSH_ON_VIEW = False


@pytest.fixture
def reader(_chromium):
    contexts = []

    def open_browser(agent):
        context = _chromium.new_context(locale="vi-VN", user_agent=agent)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_browser
    for context in contexts:
        context.close()


def is_beacon(response) -> bool:
    return "/doc/" in response.url and response.request.method == "POST"


def flush() -> None:
    """Write every counter so far; wait until the next view falls in an unwritten bucket."""
    now = timezone.now()
    views_flush(now=now + timedelta(seconds=bucket_seconds() * 2))
    while bucket_of(timezone.now()) <= bucket_of(now):
        time.sleep(0.05)


def views(article) -> int:
    return sum(DailyViews.objects.filter(article=article).values_list("views", flat=True))


def test_opening_an_article_counts_the_reader_once(live_server, reader):
    article = make_article()
    url = f"{live_server.url}{article.get_absolute_url()}"
    page = reader(DESKTOP)
    with page.expect_response(is_beacon) as sent:
        page.goto(url)
    assert sent.value.status == 204
    assert sent.value.request.url == f"{live_server.url}/doc/{article.pk}/"
    flush()
    assert views(article) == 1

    # Opened again within the window (the page comes from the cache now): sent, not counted.
    with page.expect_response(is_beacon) as again:
        page.goto(url)
    assert again.value.status == 204
    # Another reader behind the same address, in another browser, counts.
    phone = reader(PHONE)
    with phone.expect_response(is_beacon) as other:
        phone.goto(url)
    assert other.value.status == 204
    flush()
    assert views(article) == 2


# Before the script runs, the page says it is prerendered, or loading in a hidden tab, until
# the test "shows" it and fires the event a browser fires then.
UNSEEN = {
    "prerendering": (
        "Object.defineProperty(document, 'prerendering', {get: () => !window.__shown});",
        "prerenderingchange",
    ),
    "hidden": (
        "Object.defineProperty(document, 'visibilityState',"
        " {get: () => (window.__shown ? 'visible' : 'hidden')});",
        "visibilitychange",
    ),
}


@pytest.mark.parametrize("state", sorted(UNSEEN))
def test_a_page_not_yet_shown_sends_its_beacon_when_it_is(live_server, reader, state):
    article = make_article()
    emulate, event = UNSEEN[state]
    page = reader(DESKTOP)
    page.add_init_script(emulate)
    beacons = []
    page.on("request", lambda request: beacons.append(request) if "/doc/" in request.url else None)
    page.goto(f"{live_server.url}{article.get_absolute_url()}", wait_until="load")
    page.wait_for_timeout(500)  # time enough for a deferred script to have sent it
    assert beacons == []
    with page.expect_response(is_beacon) as sent:
        page.evaluate(f"window.__shown = true; document.dispatchEvent(new Event('{event}'))")
    assert sent.value.status == 204
    page.evaluate(f"document.dispatchEvent(new Event('{event}'))")  # shown again: no second
    page.wait_for_timeout(300)
    assert len(beacons) == 1
    flush()
    assert views(article) == 1


def test_without_send_beacon_the_script_posts_with_fetch(live_server, reader):
    article = make_article()
    page = reader(DESKTOP)
    page.add_init_script("delete Navigator.prototype.sendBeacon;")
    with page.expect_response(is_beacon) as sent:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert sent.value.status == 204
    assert sent.value.request.resource_type == "fetch"
    flush()
    assert views(article) == 1
