"""The comment form as a new visitor gets it, drawn once per cached page.

Every article page ends with the form, and the page cache cannot keep it whole: its CSRF
token and its signed timestamp (comments.forms.form_token) differ per request. Rendering the
form template on every request cost 1.7 ms of a 3 ms cache hit on the project's machines
(bench_article_page). So the page keeps the form drawn with two markers in place of those
values, and each request puts its own in: two string joins.

The drawing itself does not depend on the article beyond its id, its page and whether it takes
comments, so it is done once per process for each of those states (and each language, URL
prefix and comment setting it reads), with markers for the id and the page too: a cold
article page used to spend 1.4 ms drawing the form (bench_article_page) and now fills in four
values. A changed setting (override_settings in tests) or, under runserver, an edited
file forgets the drawings.

A reply form (`?tra_loi=`) and a refused form (bound, with errors) are still rendered whole.
"""

import functools
import re
from dataclasses import dataclass
from html import escape
from types import SimpleNamespace

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.autoreload import file_changed
from django.utils.crypto import get_random_string
from django.utils.translation import get_language

from comments import conf
from comments.forms import CommentForm, form_token

# Per process, random: no content can carry them (names and bodies are escaped text anyway).
# The article id's marker is a number, as the URL pattern of the form's action wants one.
_MARKS = {name: f"nr-{name}-{get_random_string(20)}" for name in ("csrf", "token", "path")}
_MARKS["pk"] = "9" + get_random_string(17, "0123456789")
_NAMES = {mark: name for name, mark in _MARKS.items()}
_SPLIT = re.compile(f"({'|'.join(_MARKS.values())})")


class _MarkedForm(CommentForm):
    def fresh_token(self) -> str:
        return _MARKS["token"]


@dataclass(frozen=True)
class FreshForm:
    article_id: int
    # Text at even places, the name of a per-request value between them.
    chunks: tuple[str, ...]


def draw(article, path: str) -> FreshForm:
    """The form for `article` on the page at `path`, with markers for per-request values."""
    drawn = _drawn(
        bool(article.comments_enabled),
        get_language(),
        get_script_prefix(),
        conf.max_length(),
        conf.ip_retention().days,
    )
    per_article = {"pk": str(article.pk), "path": escape(path)}
    # Text at even places; between them the name of a per-request value ("csrf", "token").
    chunks = [drawn[0]]
    for name, text in zip(drawn[1::2], drawn[2::2], strict=True):
        if name in per_article:
            chunks[-1] += per_article[name] + text
        else:
            chunks += [name, text]
    return FreshForm(article_id=article.pk, chunks=tuple(chunks))


@functools.cache
def _drawn(comments_enabled: bool, *_reads) -> tuple[str, ...]:
    """The form drawn with markers for everything per article and per request: text at even
    places, a value's name at odd ones. `_reads` are what the drawing reads besides (language,
    URL prefix, comment settings): part of the key, so a change draws it again."""
    article = SimpleNamespace(pk=int(_MARKS["pk"]), comments_enabled=comments_enabled)
    html = render_to_string(
        "comments/_form.html",
        {
            "article": article,
            "comment_form": _MarkedForm(article=article),
            "csrf_token": _MARKS["csrf"],
            # What the template reads of the request: the page's path (the "cancel reply"
            # link) and no ?tra_loi= (a fresh form, not a reply).
            "request": SimpleNamespace(path=_MARKS["path"], GET={}),
        },
    )
    chunks = _SPLIT.split(html)
    chunks[1::2] = [_NAMES[mark] for mark in chunks[1::2]]
    return tuple(chunks)


@receiver(setting_changed)
@receiver(file_changed)  # runserver: an edited template is drawn again
def _forget_drawings(**kwargs) -> None:
    _drawn.cache_clear()


def fill(form: FreshForm, request) -> str:
    """The form for this request: its CSRF token (and cookie) and a new signed timestamp."""
    values = {
        "csrf": escape(get_token(request)),
        "token": escape(form_token(form.article_id)),
    }
    return "".join(values[c] if i % 2 else c for i, c in enumerate(form.chunks))
