"""The view beacon: how a page that the edge cache answers still counts its reader.

An article page is the same bytes for every reader and may never reach Django (issue 16), so
it cannot count itself; readership/beacon.js posts here once per page view instead.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from newsroom.clientip import ratelimit_key
from newsroom.http import declares_more_than
from readership.selectors import article_is_live
from readership.services import is_reader, view_record_once

# navigator.sendBeacon(url) posts no body; anything larger than this is not ours.
BEACON_MAX_BYTES = 1024


def beacon_rate() -> str:
    """Beacons per client network (newsroom.clientip): a reader opens a few articles a
    minute, but one carrier-grade NAT address can carry many readers."""
    return getattr(settings, "READERSHIP_BEACON_RATE", "120/m")


def _from_our_page(request) -> bool:
    """Sent by one of our own pages: another site's script could otherwise make each of its
    visitors count a view here, every one from an address of their own. Browsers say where
    a request comes from in Sec-Fetch-Site, older ones in Origin; with neither, it counts."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.get_host()


# Exempt from CSRF by design: a beacon carries no authority. It acts for no one (it reads no
# cookie, session or user, and sets none), and all it can do is what opening the page does,
# add one view, at most once per reader and window and within a rate per client; a view
# asked for by another site's page is not counted (_from_our_page).
@csrf_exempt
@never_cache
@require_POST
def beacon(request, article_pk):
    """Count a reader's view of a published article, feeding the buffered counters.

    204 whether it counted or not (a bot, a prefetch, another site, over the rate, already
    counted in the window), so the answer teaches a script nothing; 404 for an id that is not
    a published article (as its page would answer), 413 for a body, 405 for anything but POST.
    """
    if declares_more_than(request, BEACON_MAX_BYTES):
        return HttpResponse(status=413)
    if not is_reader(request) or not _from_our_page(request):
        return HttpResponse(status=204)
    # Before the article is looked up, so that a flood of ids costs no more than the limit.
    if is_ratelimited(
        request, group="readership.beacon", key=ratelimit_key, rate=beacon_rate(), increment=True
    ):
        return HttpResponse(status=204)
    if not article_is_live(article_id=article_pk):
        return HttpResponseNotFound(
            "Không có bài viết này.", content_type="text/plain; charset=utf-8"
        )
    # A reader, without any cookie: the client network (an IPv6 /64) and the browser, so two
    # phones behind one NAT are told apart more often than not.
    reader = f"{ratelimit_key(None, request)}\n{request.headers.get('User-Agent', '')}"
    view_record_once(article_id=article_pk, reader=reader)
    return HttpResponse(status=204)
