from django.urls import path

from articles import feeds, views
from newsroom import converters  # noqa: F401  registers <id:…>

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>-<id:pk>.html", views.article_detail, name="detail"),
    path("xem-truoc/<id:pk>/", views.article_preview, name="preview"),
    path("chuyen-muc/<slug:slug>/", views.SectionPage.as_view(), name="section"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.SectionFeed(), name="section_feed"),
    path("chuyen-muc/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    path("dia-phuong/<slug:slug>/", views.RegionPage.as_view(), name="region"),
    path("dia-phuong/<slug:slug>/rss/", feeds.RegionFeed(), name="region_feed"),
    path("dia-phuong/<slug:slug>/atom/", feeds.RegionAtomFeed(), name="region_atom"),
    path("chu-de/<slug:slug>/", views.TagPage.as_view(), name="tag"),
    path("tac-gia/<slug:slug>/", views.ContributorPage.as_view(), name="contributor"),
    path("rss/", feeds.LatestFeed(), name="feed"),
    path("atom/", feeds.LatestAtomFeed(), name="atom"),
]
