"""Links to content (articles, sections, regions, tags, contributors), without reverse() each
time.

Every card, breadcrumb, tag, list item and navigation entry of a page links somewhere: a cold
article page called reverse() 29 times, about 2 ms on the project's machines
(bench_article_page). The URL patterns are fixed by the urlconf, so each is reversed once with
marker values and the object's values are put in its place. Slugs are checked against the
`slug` path converter (ASCII letters, digits, - and _), which is why they need no quoting; a
value that does not fit goes through reverse(), which raises as it always would. Tests compare
every model's link with reverse().
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARKERS = {"slug": "nr-slug-marker", "pk": 987654321}


@lru_cache(maxsize=64)
def _pattern(urlconf, prefix: str, name: str, keys: tuple[str, ...]) -> str:
    url = reverse(name, kwargs={key: _MARKERS[key] for key in keys})
    url = url.replace("{", "{{").replace("}", "}}")
    for key in keys:
        url = url.replace(str(_MARKERS[key]), "{" + key + "}")
    return url


def content_url(name: str, *, slug: str, pk: int | None = None) -> str:
    """reverse(name, kwargs={"slug": slug[, "pk": pk]}), from a pattern reversed once."""
    kwargs = {"slug": slug} if pk is None else {"slug": slug, "pk": pk}
    if not _SLUG.fullmatch(slug or "") or not (pk is None or isinstance(pk, int)):
        return reverse(name, kwargs=kwargs)
    return _pattern(get_urlconf(), get_script_prefix(), name, tuple(kwargs)).format(**kwargs)


@receiver(setting_changed)
def _urlconf_changed(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()
