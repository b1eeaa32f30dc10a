"""newsroom.links builds the same links reverse() does, and falls back to it."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix

from articles.models import Article, Contributor, Region, Section, Tag
from newsroom.links import content_url


@pytest.mark.parametrize(
    ("model", "name", "extra"),
    [
        (Section, "articles:section", {}),
        (Region, "articles:region", {}),
        (Tag, "articles:tag", {}),
        (Contributor, "articles:contributor", {}),
        (Article, "articles:detail", {"pk": 4321}),
    ],
)
@pytest.mark.parametrize("slug", ["thoi-su", "nghi-son-khoi-cong-ben-cang", "a_b-2026"])
def test_every_content_link_is_what_reverse_gives(model, name, extra, slug):
    row = model(slug=slug, **extra)
    assert row.get_absolute_url() == reverse(name, kwargs={"slug": slug, **extra})


def test_a_script_prefix_is_kept_per_request():
    try:
        set_script_prefix("/bao/")
        assert content_url("articles:tag", slug="dau-tu") == "/bao/chu-de/dau-tu/"
    finally:
        set_script_prefix("/")
    assert content_url("articles:tag", slug="dau-tu") == "/chu-de/dau-tu/"


def test_a_slug_the_urlconf_refuses_goes_through_reverse_and_fails_as_it_would():
    with pytest.raises(NoReverseMatch):
        content_url("articles:section", slug="")
    with pytest.raises(NoReverseMatch):
        content_url("articles:section", slug="có dấu")


@override_settings(ROOT_URLCONF="tests.newsroom.urls_moved")
def test_a_changed_urlconf_is_followed():
    assert content_url("articles:section", slug="the-thao") == "/moi/chuyen-muc/the-thao/"
