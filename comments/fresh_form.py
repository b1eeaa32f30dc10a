"""The comment form as a new visitor gets it, drawn once (newsroom.stencil).

Every article page ends with the form, and the page cache cannot keep it whole: its CSRF
token and its signed timestamp (comments.forms.form_token) differ per request. Rendering the
form template on every request cost 1.7 ms of a 3 ms cache hit on the project's machines
(bench_article_page), and drawing it for each article page built cold 1.4 ms. The drawing
depends on the article only through its id, its page and whether it takes comments: it is
drawn once per process for each state (and each language, URL prefix and comment setting it
reads), with markers for the id and the page, put in when an article's page is built, and
for the token and the timestamp, put in per request.

A reply form (`?tra_loi=`) and a refused form (bound, with errors) are still rendered whole.
"""

from dataclasses import dataclass
from html import escape
from types import SimpleNamespace

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from comments import conf
from comments.forms import CommentForm, form_token
from newsroom import stencil

# The article's id goes into a URL pattern that wants a number: its marker is digits.
_VALUES, _DIGITS = ["csrf", "token", "path", "pk"], ("pk",)


class _MarkedForm(CommentForm):
    def fresh_token(self) -> str:
        return stencil.marker("token")


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
    # Left as markers' names: the per-request values ("csrf", "token").
    return FreshForm(article_id=article.pk, chunks=stencil.fill_some(drawn, per_article))


@stencil.drawn_once
def _drawn(comments_enabled: bool, *_reads) -> tuple[str, ...]:
    """The form drawn with markers for everything per article and per request: text at even
    places, a value's name at odd ones. `_reads` are what the drawing reads besides (language,
    URL prefix, comment settings): part of the key, so a change draws it again."""
    article = SimpleNamespace(
        pk=int(stencil.marker("pk", digits=True)), comments_enabled=comments_enabled
    )
    html = render_to_string(
        "comments/_form.html",
        {
            "article": article,
            "comment_form": _MarkedForm(article=article),
            "csrf_token": stencil.marker("csrf"),
            # What the template reads of the request: the page's path (the "cancel reply"
            # link) and no ?tra_loi= (a fresh form, not a reply).
            "request": SimpleNamespace(path=stencil.marker("path"), GET={}),
        },
    )
    return stencil.split(html, _VALUES, digits=_DIGITS)


def fill(form: FreshForm, request) -> str:
    """The form for this request: its CSRF token (and cookie) and a new signed timestamp."""
    values = {
        "csrf": escape(get_token(request)),
        "token": escape(form_token(form.article_id)),
    }
    return stencil.fill(form.chunks, values)
