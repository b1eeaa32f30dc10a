"""What every public page's view shares: absolute links, site-wide reads, the page cache.

A public page is the same bytes for every anonymous reader between two changes: it carries
no cookie, token or message (the comment form fetches its per-reader values itself), so it is
cached whole, here under a key made of the generations it shows (newsroom.cache), and by any
HTTP cache in front: a reader's copy says so (`public_response`: Cache-Control with
s-maxage, stale-while-revalidate and stale-if-error, an ETag answered with 304, and the tags
of what it shows in `xkey` for purges at the edge). Anything else is private and never
stored (`private_by_default`).
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from newsroom.cache import generation, kept

# How long an edge may serve a page it holds after it expired while it fetches a new one
# (stale-while-revalidate), and when the app servers fail (stale-if-error).
STALE_WHILE_REVALIDATE = 60
STALE_IF_ERROR = 24 * 60 * 60
# The header Varnish's xkey vmod reads the tags from (deploy/varnish/default.vcl).
TAGS_HEADER = "xkey"


@dataclass(frozen=True)
class Page:
    """A page as the cache keeps it: its bytes, their ETag and the tags of what it shows."""

    body: bytes
    etag: str
    tags: tuple[str, ...]
    path: str = ""  # the page's own path, when a request may come by another (old slugs)
    content_type: str = "text/html; charset=utf-8"

    @classmethod
    def of(cls, html: str, tags: Iterable[str], path: str = "") -> "Page":
        body = html.encode()
        return cls(body=body, etag=etag_of(body), tags=tuple(tags), path=path)


def etag_of(body: bytes) -> str:
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def public_response(request, page: Page, *, max_age: int) -> HttpResponse:
    """The page for a reader, cacheable by anyone for `max_age` seconds (browsers revalidate
    at once, with the ETag): 304 when the reader's copy is the current one."""
    response = get_conditional_response(request, etag=page.etag) or HttpResponse(
        page.body, content_type=page.content_type
    )
    response["ETag"] = page.etag
    response[TAGS_HEADER] = " ".join(page.tags)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=max_age,
        stale_while_revalidate=STALE_WHILE_REVALIDATE,
        stale_if_error=STALE_IF_ERROR,
    )
    return response


def cached_response(
    request, key: str, respond: Callable, *, tags: Iterable[str], timeout: int
) -> HttpResponse:
    """What `respond()` answers (a feed, a sitemap: the same for everyone), kept under `key`
    for `timeout` seconds when it is a 200, and served as public_response; anything else
    is passed on, not kept."""
    page = cache.get(key)
    if page is None:
        response = respond()
        if not getattr(response, "is_rendered", True):
            response.render()  # a TemplateResponse
        if response.status_code != 200:
            return response
        body = response.content
        page = Page(body, etag_of(body), tuple(tags), content_type=response["Content-Type"])
        cache.set(key, page, timeout)
    return public_response(request, page, max_age=timeout)


def private_by_default(get_response):
    """Every response that did not say it may be cached is `private, no-store`: a page built
    for a logged-in editor, a preview, the queue, a POST's answer, an error page. Only
    public_response (and static files, which WhiteNoise answers before this) opt in."""

    def middleware(request):
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


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


def cached_page(
    request, key: str, build: Callable[[], str], *, tags: Iterable[str], timeout: int
) -> HttpResponse:
    """The page under `key` for a reader (anonymous_read), else `build()` it, keep it for
    `timeout` seconds and serve it (public_response). Anyone else gets `build()` every time,
    private."""
    if not anonymous_read(request):
        return HttpResponse(build())
    return cached_response(request, key, lambda: HttpResponse(build()), tags=tags, timeout=timeout)
