from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("binh-luan/", include("django_comments_xtd.urls")),
    path("", include(wagtail_urls)),
]
