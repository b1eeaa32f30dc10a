"""RSS 2.0 and Atom feeds: the whole site, each section and each region.

Feeds are cached per `site` generation like the pages, and carry absolute links to the
canonical site (settings.SITE_URL), whatever host name the request came in on.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles import selectors
from articles.bylines import format_byline
from articles.models import Article, BylineCredit, Region, Section
from newsroom.cache import generation
from newsroom.pages import cached_response

ITEMS = 30
CREDITS = Prefetch("credits", queryset=BylineCredit.objects.select_related("contributor"))


class ArticleFeed:
    """Item hooks shared by every article feed (a mixin for django.contrib.syndication's Feed)."""

    language = "vi"

    def __call__(self, request, *args, **kwargs):
        return cached_response(
            request,
            f"feed:v3:{request.path}:{generation('site')}",
            lambda: super(ArticleFeed, self).__call__(request, *args, **kwargs),
            tags=("site", "names"),
            timeout=selectors.page_cache_timeout(),
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_author_name(self, item):
        return format_byline(item.credits.all()) or None

    def item_categories(self, item):
        return [item.section.name]

    def feed_url(self, obj=None):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return f"{settings.SITE_URL}{reverse(self.url_name, kwargs=kwargs)}"


class LatestFeed(ArticleFeed, Feed):
    url_name = "articles:feed"

    def title(self):
        return settings.SITE_NAME

    def link(self):
        return f"{settings.SITE_URL}/"

    def description(self):
        return _("Tin mới nhất của %(site)s") % {"site": settings.SITE_NAME}

    def items(self):
        return Article.objects.published().for_listing()[:ITEMS]


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed
    url_name = "articles:atom"

    def subtitle(self):
        return self.description()


class SectionFeed(ArticleFeed, Feed):
    url_name = "articles:section_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{obj.name} – {settings.SITE_NAME}"

    def link(self, obj):
        return f"{settings.SITE_URL}{obj.get_absolute_url()}"

    def description(self, obj):
        return obj.description or _("Tin mới nhất chuyên mục %(name)s") % {"name": obj.name}

    def items(self, obj):
        return selectors.section_articles(obj).prefetch_related(CREDITS)[:ITEMS]


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    url_name = "articles:section_atom"

    def subtitle(self, obj):
        return self.description(obj)


class RegionFeed(ArticleFeed, Feed):
    url_name = "articles:region_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Region, slug=slug)

    def title(self, obj):
        return f"{obj.name} – {settings.SITE_NAME}"

    def link(self, obj):
        return f"{settings.SITE_URL}{obj.get_absolute_url()}"

    def description(self, obj):
        return _("Tin mới nhất về %(name)s") % {"name": obj.name}

    def items(self, obj):
        return selectors.region_articles(obj).prefetch_related(CREDITS)[:ITEMS]


class RegionAtomFeed(RegionFeed):
    feed_type = Atom1Feed
    url_name = "articles:region_atom"

    def subtitle(self, obj):
        return self.description(obj)
