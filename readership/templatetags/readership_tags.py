""" "Đọc nhiều", drawn by the readership app wherever a page wants it: {% most_read %}, and
the script that counts an article page's reader: {% view_beacon article %}."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsroom.cache import generations_known, kept
from readership.selectors import article_most_read

register = template.Library()


@register.simple_tag(takes_context=True)
def most_read(context, *, fresh=False):
    """The box of the week's most read articles, kept per `site` generation (a publish or a
    withdrawal changes what may be listed); `fresh` (staff, previews) reads it every time."""

    def draw():
        return render_to_string("readership/_most_read.html", {"most_read": article_most_read()})

    if fresh:
        return mark_safe(draw())  # noqa: S308 - our own template's output
    site = generations_known(context.get("generations"), "site")["site"]
    key = f"frag:most-read:{site}"
    return mark_safe(kept(key, draw, settings.CACHE_MIDDLEWARE_SECONDS))  # noqa: S308 - as above, kept


@register.simple_tag(takes_context=True)
def view_beacon(context, article):
    """The article page's view counter (readership/beacon.js, deferred, with the beacon's
    address): the same for every reader, so the page stays cacheable anywhere. Nothing on a
    preview, which is not a reader's view."""
    if context.get("preview"):
        return ""
    return render_to_string("readership/_view_beacon.html", {"article": article})
