"""sitemap.xml (an index of the sections below) and a Google News sitemap of the last two days.

Every URL points at the canonical site (settings.SITE_URL). Only published articles appear:
each queryset starts from `published()`.
"""

from datetime import timedelta
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles import selectors
from articles.models import Article, Region, Section, Tag
from newsroom import pagination
from newsroom.cache import generation
from newsroom.pages import cached_response

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most this many URLs from one news sitemap


class CanonicalSitemap(Sitemap):
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(CanonicalSitemap):
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default walk over every article.
        return Article.objects.published().aggregate(last=Max("updated_at"))["last"]


class NewsSitemap(ArticleSitemap):
    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(publish_at__gte=since)
            .only("pk", "slug", "title", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")[:NEWS_LIMIT]
        )


class SectionSitemap(CanonicalSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.order_by("position", "pk")


class RegionSitemap(CanonicalSitemap):
    changefreq = "daily"

    def items(self):
        return Region.objects.order_by("pk")


class TagSitemap(CanonicalSitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Tag.objects.order_by("pk")


SITEMAPS = {
    "bai-viet": ArticleSitemap,
    "chuyen-muc": SectionSitemap,
    "dia-phuong": RegionSitemap,
    "chu-de": TagSitemap,
}

NEWS_SITEMAPS = {"tin-moi": NewsSitemap}


def cached_by_site_generation(view):
    """Cache the rendered XML until content changes (the `site` generation) or expires."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        page = pagination.page_number(request, "p")  # Django's sitemap view reads ?p=
        # An unknown section is a 404 before the cache: its key would be whatever was typed.
        known = kwargs.get("sitemaps", SITEMAPS)
        if "section" in kwargs and kwargs["section"] not in known:
            raise Http404("Không có sơ đồ trang này.")
        response = cached_response(
            request,
            f"sitemap:v3:{request.path}:{page}:{generation('site')}",
            lambda: view(request, *args, **kwargs),
            tags=("site", "names"),
            timeout=selectors.page_cache_timeout(),
        )
        response["X-Robots-Tag"] = "noindex, noodp, noarchive"
        return response

    return wrapper


@cached_by_site_generation
def index(request):
    """The sitemap index, with canonical URLs (Django's own index uses the request's host)."""
    entries = []
    base = settings.SITE_URL
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = f"{base}{reverse('sitemap_section', kwargs={'section': name})}"
        lastmod = sitemap.get_latest_lastmod()
        entries.append({"location": url, "last_mod": lastmod})
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append({"location": f"{url}?p={page}", "last_mod": lastmod})
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
