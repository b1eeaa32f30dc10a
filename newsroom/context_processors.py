from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_LINKS": site_links(),
    }


def site_links() -> dict[str, str]:
    """The links every page's frame carries (base.html). Worked out per render, which for a
    public page is once per change (newsroom.pages: pages are cached whole)."""
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
