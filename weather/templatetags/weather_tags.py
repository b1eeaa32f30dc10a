"""The weather box, drawn by the weather app wherever a page wants it: {% weather_box %}."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsroom.cache import generations_known, kept
from weather.selectors import reading_for_region

register = template.Library()


@register.simple_tag(takes_context=True)
def weather_box(context, province_id=None, *, fresh=False):
    """The box for a province (None: the first province with a reading).

    Kept per province and weather generation, and names generation (it shows the province's
    name), so a publish does not read and draw the weather again. `fresh` (staff, previews)
    reads it from the database every time. The generations come from the page's context
    (`generations`) when the view read them already.
    """

    def draw():
        return render_to_string("weather/_box.html", {"weather": reading_for_region(province_id)})

    if fresh:
        return mark_safe(draw())  # noqa: S308 - our own template's output
    gens = generations_known(context.get("generations"), "weather", "names")
    key = f"frag:weather:{province_id}:{gens['weather']}:{gens['names']}"
    return mark_safe(kept(key, draw, settings.CACHE_MIDDLEWARE_SECONDS))  # noqa: S308 - as above, kept
