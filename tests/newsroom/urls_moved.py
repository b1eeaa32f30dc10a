"""A urlconf with the public site under /moi/, for tests/newsroom/test_links.py."""

from django.urls import include, path

urlpatterns = [path("moi/", include("articles.urls"))]
