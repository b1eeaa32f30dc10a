"""The comment form as a new visitor gets it, drawn once per cached page.

Every article page ends with the form, and the page cache cannot keep it whole: its CSRF
token and its signed timestamp (comments.forms.form_token) differ per request. Rendering the
form template on every request cost 1.7 ms of a 3 ms cache hit on the project's machines
(bench_article_page). So the page keeps the form drawn with two markers in place of those
values, and each request puts its own in: two string joins.

A reply form (`?tra_loi=`) and a refused form (bound, with errors) are still rendered whole.
"""

import re
from dataclasses import dataclass
from html import escape
from types import SimpleNamespace

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.crypto import get_random_string

from comments.forms import CommentForm, form_token

# Per process, random: no content can carry them (names and bodies are escaped text anyway).
_MARKS = {name: f"nr-{name}-{get_random_string(20)}" for name in ("csrf", "token")}
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
    html = render_to_string(
        "comments/_form.html",
        {
            "article": article,
            "comment_form": _MarkedForm(article=article),
            "csrf_token": _MARKS["csrf"],
            # What the template reads of the request: the page's path (the "cancel reply"
            # link) and no ?tra_loi= (a fresh form, not a reply).
            "request": SimpleNamespace(path=path, GET={}),
        },
    )
    # Split at the markers, each replaced by its name: text at even places, names at odd.
    chunks = _SPLIT.split(html)
    chunks[1::2] = [_NAMES[mark] for mark in chunks[1::2]]
    return FreshForm(article_id=article.pk, chunks=tuple(chunks))


def fill(form: FreshForm, request) -> str:
    """The form for this request: its CSRF token (and cookie) and a new signed timestamp."""
    values = {
        "csrf": escape(get_token(request)),
        "token": escape(form_token(form.article_id)),
    }
    return "".join(values[c] if i % 2 else c for i, c in enumerate(form.chunks))
