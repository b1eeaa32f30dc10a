from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

from newsroom import stencil


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_LINKS": site_links(get_script_prefix(), get_urlconf()),
    }


@stencil.drawn_once
def site_links(*_reads) -> dict[str, str]:
    """The links every page's frame carries (base.html), worked out once per process: eight
    {% url %} and four {% static %} tags were a third of the frame's time on a page built cold
    (bench_article_page). `_reads`: the URL prefix and urlconf they were made with; a changed
    setting (STORAGES, ROOT_URLCONF in tests) makes them again."""
    return {
        "home": reverse("articles:home"),
        "search": reverse("search:results"),
        "feed": reverse("articles:feed"),
        "atom": reverse("articles:atom"),
        "sitemap": reverse("sitemap"),
        "css": static("css/site.css"),
        "favicon": static("img/favicon.svg"),
        "logo": static("img/logo.svg"),
        "js": static("js/site.js"),
    }
