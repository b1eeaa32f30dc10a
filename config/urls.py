from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from articles import sitemaps
from articles import views as public_views
from newsroom import health, views

admin.site.site_header = _("Tòa soạn – Quản trị nội dung")
admin.site.site_title = _("Tòa soạn")
admin.site.index_title = _("Bàn làm việc")

urlpatterns = [
    # Readiness for the load balancer (/healthz is what it was told before the split),
    # liveness for the process supervisor (newsroom.health).
    path("healthz", health.ready, name="healthz"),
    path("healthz/ready", health.ready, name="healthz_ready"),
    path("healthz/live", health.live, name="healthz_live"),
    # The policy's report-uri (CONTENT_SECURITY_POLICY in settings names this path).
    path("csp-report", views.csp_report, name="csp_report"),
    path("quan-tri/", admin.site.urls),
    path("binh-luan/", include("comments.urls")),
    path("tim-kiem/", include("search.urls")),
    path("doc/", include("readership.urls")),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static_url, str)("img/favicon.svg"), permanent=True),
    ),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path(
        "sitemap-tin-moi.xml",
        sitemaps.cached_by_site_generation(sitemap_views.sitemap),
        {"sitemaps": sitemaps.NEWS_SITEMAPS, "template_name": "articles/sitemap_news.xml"},
        name="sitemap_news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.cached_by_site_generation(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "newsroom.views.bad_request"
handler403 = "newsroom.views.permission_denied"
handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
