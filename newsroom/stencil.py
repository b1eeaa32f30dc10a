"""Templates drawn once per process with markers where per-request values go.

Some parts of a public page are the same for every reader but for a value or two: the comment
form (its CSRF token and signed timestamp), the banner (the token and the page to come back
to). Rendering them through the template engine on every request, cache hits included, cost
more than the rest of a cache hit (bench_article_page). So each is drawn once, with a random
marker in place of each value, split at the markers, and every request joins in its own
values.

A drawing depends on the template, the settings and the language it was drawn with; the
functions that draw (decorated with `drawn_once`) take what they read besides as arguments,
and every drawing is forgotten when a setting changes (override_settings in tests) or, under
runserver, when a file changes.
"""

import functools
import re
from collections.abc import Callable

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.autoreload import file_changed
from django.utils.crypto import get_random_string

_TOKEN = get_random_string(20)  # per process: no content can carry a marker
_DRAWERS: list = []


def marker(name: str, *, digits: bool = False) -> str:
    """The marker for the value `name`; digits only where the template wants a number (an id
    passed to a URL pattern, say)."""
    if digits:
        return "9" + str(int.from_bytes(f"{_TOKEN}{name}".encode(), "big"))[-17:]
    return f"nr-{name}-{_TOKEN}"


def split(html: str, names: list[str], *, digits: tuple[str, ...] = ()) -> tuple[str, ...]:
    """`html` drawn with the markers of `names`: text at even places, a value's name at odd."""
    marks = {marker(name, digits=name in digits): name for name in names}
    chunks = re.split(f"({'|'.join(map(re.escape, marks))})", html)
    chunks[1::2] = [marks[mark] for mark in chunks[1::2]]
    return tuple(chunks)


def fill(chunks: tuple[str, ...], values: dict[str, str]) -> str:
    """The drawing with each value put in; values are HTML (escape them first)."""
    return "".join(values[c] if i % 2 else c for i, c in enumerate(chunks))


def fill_some(chunks: tuple[str, ...], values: dict[str, str]) -> tuple[str, ...]:
    """The drawing with these values put in and the others left as markers' names."""
    out = [chunks[0]]
    for name, text in zip(chunks[1::2], chunks[2::2], strict=True):
        if name in values:
            out[-1] += values[name] + text
        else:
            out += [name, text]
    return tuple(out)


def drawn_once(draw: Callable):
    """Keep what `draw` returns per arguments, for the life of the process (a drawing, or
    anything else worked out from the code and settings alone, such as the frame's links)."""
    kept = functools.cache(draw)
    _DRAWERS.append(kept)
    return kept


@receiver(setting_changed)
@receiver(file_changed)  # runserver: an edited template is drawn again
def _forget_drawings(**kwargs) -> None:
    for kept in _DRAWERS:
        kept.cache_clear()
