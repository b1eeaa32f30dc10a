"""What every public page's view shares: absolute links, site-wide reads, the page cache.

A public page is the same bytes for every anonymous reader between two changes: it carries
no cookie, token or message (the comment form fetches its per-reader values itself), so it is
cached whole, under a key made of the generations it shows (newsroom.cache); a change bumps
a generation and the next request builds the page again.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from newsroom.cache import generation, kept


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def anonymous_read(request) -> bool:
    """A request whose answer may come from the page cache: a reader's GET or HEAD. The
    newsroom, logged in to check its work, always gets pages built fresh."""
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated


def site_wide(name: str, read: Callable, *, site_generation: int | None = None):
    """A read that every page repeats (navigation, most read), kept for the current `site`
    generation: a page rebuilt after a publish does not run it again."""
    if site_generation is None:
        site_generation = generation("site")
    return kept(f"shared:{name}:{site_generation}", read, settings.CACHE_MIDDLEWARE_SECONDS)


def cached_page(request, key: str, build: Callable[[], str], *, timeout: int) -> HttpResponse:
    """The page under `key` for a reader (anonymous_read), else `build()` it, keep its bytes
    for `timeout` seconds and serve them. Anyone else gets `build()` every time."""
    if not anonymous_read(request):
        return HttpResponse(build())
    body = cache.get(key)
    if body is None:
        body = build().encode()
        cache.set(key, body, timeout)
    return HttpResponse(body)
