"""Template helpers of the public site."""

import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import selectors
from articles.body import featured_image
from newsroom.pages import site_wide

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a headline must not end or bend the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def jsonld(data) -> str:
    """A JSON-LD <script> element, safe whatever the strings inside contain."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.filter
def featured(article):
    """The article's featured image (renditions, alt, caption, credit) or None."""
    return featured_image(article)


@register.filter
def whole(value) -> str:
    """A number rounded to a whole one, as `floatformat:0` writes it for this site (half away
    from zero, no "-0", no thousands separator), without its localization lookups: the weather
    box shows a dozen of them (about a third of the box's time, bench_article_page)."""
    if value is None or value == "":
        return ""
    try:
        rounded = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError, TypeError):
        return ""
    return str(rounded)


@register.filter
def absolute(path: str) -> str:
    if not path or "://" in path:
        return path
    return f"{settings.SITE_URL}{path}"


@register.filter
def time_element(value, *, zone=None) -> str:
    """<time datetime="2026-11-27T08:30:00+07:00">27/11/2026 08:30</time>: a moment in Vietnam
    time, machine-readable (machine_time) and as readers see it (DATETIME_FORMAT, from
    newsroom/formats/vi through FORMAT_MODULE_PATH), what the pair of filters machine_time and
    date:"DATETIME_FORMAT" write, with the time converted once. `zone` (from Python only:
    comments.rendering) instead of the current time zone."""
    if not value:
        return ""
    local = timezone.localtime(value, zone).replace(microsecond=0)
    return format_html(
        '<time datetime="{}">{}</time>',
        dateformat.format(local, "c"),
        formats.date_format(local, "DATETIME_FORMAT"),
    )


@register.filter
def machine_time(value) -> str:
    """ISO 8601 in Vietnam time to the second, as <time datetime> and Open Graph want it
    (HTML allows at most three digits of a fraction of a second; "c" alone gives six)."""
    if not value:
        return ""
    return dateformat.format(timezone.localtime(value).replace(microsecond=0), "c")


@register.inclusion_tag("articles/_nav.html", takes_context=True)
def site_nav(context):
    """The sections' navigation of every public page, read once per `site` generation.

    The page says where it is with `is_home` or `current_section_id` in its context."""
    return {
        "nav_sections": site_wide("nav", selectors.nav_sections),
        "is_home": context.get("is_home", False),
        "current_section_id": context.get("current_section_id"),
        "SITE_LINKS": context.get("SITE_LINKS"),
    }
