"""Issue 14: no public input answers 5xx.

Hypothesis drives every public URL pattern (read from the URLconf, so a new one is fuzzed
without being listed here) and every field of the public forms (read from the form classes)
with odd Unicode, NUL bytes, invalid UTF-8 in the query string, huge numbers and huge strings.
A 4xx is a fine answer; a 5xx or an exception is a failure, on either database.

Marked slow: `pytest -m "not slow"` leaves it out of a quick run; `make test` and CI run it.
FUZZ_EXAMPLES sets the examples per URL pattern (default 50; four times that for a form).
"""

import json
import os
import re
import time
from dataclasses import dataclass
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db import DatabaseError, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Contributor, Region, Section, Tag
from comments.forms import CommentForm, form_token
from comments.models import Comment
from newsroom.converters import MAX_ID
from search.forms import SearchForm
from tests.comments.conftest import GOOD_TEXTS
from tests.site.factories import make_scene

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
# Staff pages sit behind a login (their input is fuzzed through the login form's refusal);
# the admin's login form itself is public.
STAFF_PREFIXES = ("quan-tri/", "binh-luan/kiem-duyet/")
PUBLIC_STAFF_ROUTES = {"admin:login": "quan-tri/login/"}

# Characters that have broken text handling somewhere: NUL and other controls, invisibles,
# bidi overrides, combining marks, a noncharacter, astral letters, NFC/NFKC surprises
# ("\u0958" grows under NFC, "ﬁ" and "Ⅻ" under NFKC), Vietnamese in NFD.
SPECIALS = [
    "\x00", "\x01", "\x1b", "\x7f", "\r", "\n", "\t", "\u0085", "\u2028", "\u200b", "\u200d",
    "\u2060", "\ufeff", "\u202e", "\u0301", "\u0323", "\uffff", "\ufffd", "\U0001d518",
    "\U0001f600", "\u0958", "ﬁ", "Ⅻ", "İ", "ß", "ǅ", "%", "%00", "'", '"', "<", ">", "&", "\\",
    "Tie\u0302\u0301ng Vie\u0323\u0302t", "Đà Nẵng", "../", "{{", "{%", "${", "\u3000",
]  # fmt: skip
NUMBERS = [
    "0", "-0", "-1", "00000000000000000001", str(2**31), str(2**31 - 1), str(MAX_ID),
    str(MAX_ID + 1), str(2**64), "9" * 20, "9" * 400, "1e309", "nan", "inf", "1.5", "²", "٣",
    "１２", " 7 ", "0x10",
]  # fmt: skip

odd_text = st.lists(
    st.one_of(
        st.characters(exclude_categories=["Cs"]),  # lone surrogates cannot be sent as UTF-8
        st.sampled_from(SPECIALS),
    ),
    max_size=40,
).map("".join)
huge_text = st.builds(
    lambda unit, times: unit * times,
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=3),
    st.integers(min_value=200, max_value=40_000),
)
numbers = st.one_of(
    st.sampled_from(NUMBERS), st.integers(min_value=-(10**30), max_value=10**30).map(str)
)
values = st.one_of(odd_text, numbers, huge_text, st.sampled_from(SPECIALS))


def email_of_length(length: int, letter: str = "a") -> str:
    """A valid address of exactly `length` characters (10 to 320): labels of up to 63."""
    local = letter * min(64, length - 8)
    rest = length - len(local) - 1 - len(".vn")  # the domain before its ".vn"
    labels = []
    while rest > 0:
        size = min(63, rest)
        if rest - size == 1:  # a label cannot be empty: leave room for "x." next time
            size -= 1
        labels.append(letter * size)
        rest -= size + 1
    return f"{local}@{'.'.join(labels)}.vn"


# Addresses that pass the e-mail check, around the column's 254 and up to the RFC's 320.
long_emails = st.builds(
    email_of_length, st.sampled_from([255, 300, 320, 254, 321, 256]), st.sampled_from("abcz")
)
emails = st.one_of(long_emails, st.emails(), values)
ids = st.one_of(
    st.sampled_from([n for n in NUMBERS if n.isascii() and n.isdigit()]),
    st.integers(min_value=0, max_value=10**25).map(str),
)
# Raw query-string bytes: percent-encoded (as a browser sends them) or as they arrive in WSGI's
# latin-1 QUERY_STRING. Most are not valid UTF-8.
raw_bytes = st.binary(min_size=1, max_size=40)

QUERY_KEYS = ["page", "p", "q", "tra_loi", "next", "utm_source"]


@dataclass(frozen=True)
class Route:
    name: str
    route: str  # e.g. "<slug:slug>-<id:pk>.html"
    converters: dict


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else route
            yield Route(name, route, dict(getattr(pattern.pattern, "converters", {})))


def public_routes() -> dict[str, Route]:
    routes = {
        r.name: r
        for r in _walk(get_resolver().url_patterns)
        if not r.route.startswith(STAFF_PREFIXES)
    }
    for name, route in PUBLIC_STAFF_ROUTES.items():
        routes[name] = Route(name, route, {})
    return routes


ROUTES = public_routes()

# Each public form's fields, from the form classes: a field added later is fuzzed too, with
# values for its kind (an e-mail field gets addresses, a number field numbers).
POST_FIELDS = {
    "comments:post": {**CommentForm.base_fields},
    "admin:login": {**AdminAuthenticationForm.base_fields, "next": forms.CharField()},
}
GET_FIELDS = {"search:results": [*SearchForm.base_fields]}
# Endpoints that take a raw body rather than a form: browsers post JSON violation reports.
REPORT_KEYS = ["document-uri", "violated-directive", "effective-directive", "blocked-uri"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | values,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(values, inner, max_size=3),
    max_leaves=8,
)
reports = st.one_of(
    st.fixed_dictionaries(
        {"csp-report": st.dictionaries(st.sampled_from(REPORT_KEYS) | values, json_values)}
    ).map(lambda report: json.dumps(report).encode()),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=200),
)
RAW_BODIES = {"csp_report": reports}


def field_values(field: forms.Field):
    if isinstance(field, forms.EmailField):
        return emails
    if isinstance(field, forms.IntegerField):
        return st.one_of(ids, numbers, values)
    return values


@dataclass
class Pools:
    """Real values, so that fuzzed input also reaches the code behind a valid URL."""

    slugs: list
    ids: list
    article_pk: int


def _pools() -> Pools:
    scene = make_scene(comments=3)
    slugs = []
    for model in (Article, Section, Region, Tag, Contributor):
        slugs += model.objects.values_list("slug", flat=True)
    ids = [
        *Article.objects.values_list("pk", flat=True),
        *Comment.objects.values_list("pk", flat=True),
    ]
    return Pools(slugs=slugs, ids=ids, article_pk=scene.article.pk)


def path_value(kind: str, pools: Pools):
    if kind == "slug":
        return st.one_of(st.sampled_from(pools.slugs), st.from_regex(r"\A[-a-zA-Z0-9_]{1,300}\Z"))
    if kind == "id":
        # Mostly the scene's article, so the form behind the URL is reached, not a 404.
        real = st.sampled_from([str(pools.article_pk)] * 3 + [str(pk) for pk in pools.ids])
        return st.integers(0, 3).flatmap(lambda n: ids if n == 3 else real)
    return st.one_of(st.sampled_from(pools.slugs), values)  # "str" and anything else


_PARAM = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")
_KINDS = {"SlugConverter": "slug", "IdConverter": "id", "IntConverter": "id"}


@st.composite
def requests(draw, route: Route, pools: Pools):
    def fill(match):
        converter = route.converters.get(match["name"])
        kind = _KINDS.get(type(converter).__name__, "str")
        return quote(str(draw(path_value(kind, pools))), safe="")

    url = "/" + _PARAM.sub(fill, route.route)
    keys = st.sampled_from(QUERY_KEYS + GET_FIELDS.get(route.name, []))
    query = urlencode(draw(st.dictionaries(keys, values, max_size=4)))
    invalid = draw(st.none() | raw_bytes)
    if invalid is not None:
        encoded = draw(st.booleans())
        tail = quote_from_bytes(invalid) if encoded else invalid.decode("latin-1")
        query += f"&{draw(keys)}={tail}"
    posts = route.name in POST_FIELDS or route.name in RAW_BODIES
    # Every route gets posts too: a view that takes them without being listed above is
    # fuzzed with made-up fields.
    methods = ["POST", "POST", "GET", "HEAD"] if posts else ["GET", "HEAD", "POST"]
    method = draw(st.sampled_from(methods))
    form = {}
    if method == "POST" and route.name in RAW_BODIES:
        form = draw(RAW_BODIES[route.name])
    elif method == "POST" and posts:
        form = draw(post_data(route.name, pools))
    elif method == "POST":
        form = draw(st.dictionaries(st.sampled_from(QUERY_KEYS) | values, values, max_size=4))
    accept = draw(st.sampled_from(["text/html", "application/json", "*/*", "\x00/é"]))
    agent = draw(st.sampled_from(["Mozilla/5.0 (X11; Linux x86_64)"]) | values)
    return method, url, query, form, {"HTTP_ACCEPT": accept, "HTTP_USER_AGENT": agent}


def valid_form(name: str, pools: Pools) -> dict:
    """What a person would send: the fuzzed fields replace some of these, so that one odd
    field reaches the code behind the others' checks (the INSERT, for a comment)."""
    if name == "comments:post":
        return {
            "author_name": "Nguyễn Thị Mai",
            "author_email": "mai@example.com",
            "body": GOOD_TEXTS[0],
            "parent": "",
            "website": "",
            "token": form_token(pools.article_pk, time.time() - 30),
        }
    if name == "admin:login":
        return {"username": "bientap", "password": "mat-khau-sai", "next": "/quan-tri/"}
    return {"next": "/"}


@st.composite
def post_data(draw, name: str, pools: Pools):
    fields = POST_FIELDS[name]
    data = valid_form(name, pools)
    if "body" in data:
        # Numbered, or the duplicate check would refuse the same text before the INSERT.
        data["body"] = f"{draw(st.sampled_from(GOOD_TEXTS))} ({draw(st.integers(0, 10**9))})"
    # Mostly one odd field among sensible ones, sometimes all of them odd.
    most = draw(st.sampled_from([1, 1, 1, 2, len(fields)]))
    for field in draw(st.sets(st.sampled_from(list(fields)), min_size=1, max_size=most)):
        data[field] = draw(field_values(fields[field]))
    if draw(st.sampled_from([False, False, False, True])):
        data.pop(draw(st.sampled_from(list(fields))), None)  # a field left out altogether
    return data


def send(client: Client, method: str, url: str, query: str, form: dict, headers: dict):
    # A savepoint per request: an error inside the view must not break the next example's
    # transaction (PostgreSQL aborts it), so Hypothesis can shrink to the input that failed.
    with transaction.atomic():
        kwargs = {"QUERY_STRING": query, **headers}
        if method == "GET":
            return client.get(url, **kwargs)
        if method == "HEAD":
            return client.head(url, **kwargs)
        if isinstance(form, bytes):
            return client.post(url, form, content_type="application/csp-report", **kwargs)
        return client.post(url, form, **kwargs)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the scene is shared by the examples on purpose
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    print_blob=True,
)


def fuzz(route: Route, pools: Pools, **hypothesis_settings):
    client = Client()  # raises the view's exception, with its traceback, rather than a 500

    @settings(FUZZ, **hypothesis_settings)
    @given(request=requests(route, pools))
    def check(request):
        method, url, query, form, headers = request
        response = send(client, method, url, query, form, headers)
        assert response.status_code < 500, (method, url, query, form, response.status_code)

    check()


@pytest.mark.parametrize("name", sorted(ROUTES))
@override_settings(RATELIMIT_ENABLE=False)  # or most posts would stop at the 429
def test_no_public_input_answers_5xx(name):
    # A form has more to get through than a query string: four times the examples.
    examples = EXAMPLES * 4 if name in POST_FIELDS or name in RAW_BODIES else EXAMPLES
    fuzz(ROUTES[name], _pools(), max_examples=examples)


def test_the_fuzz_covers_the_public_site():
    """The URLconf walk found the public pages, and every public form has a field list."""
    assert {"articles:home", "articles:detail", "comments:post", "search:results"} <= set(ROUTES)
    assert not any(r.route.startswith("binh-luan/kiem-duyet/") for r in ROUTES.values())
    assert set(POST_FIELDS) | set(RAW_BODIES) <= set(ROUTES)
    for route in ROUTES.values():
        for converter in route.converters.values():
            assert type(converter).__name__ in {*_KINDS, "StringConverter"}, route


def _canary(request):
    """A view with last session's bug: a 20-digit page number reaches int() and the database."""
    from django.http import HttpResponse

    from comments.models import Comment

    for value in request.GET.values():  # whichever parameter the view reads
        if value.isdigit():
            sql = "SELECT id FROM comments_comment LIMIT 1 OFFSET %s"
            list(Comment.objects.raw(sql, [int(value)]))
    return HttpResponse("ok")


urlpatterns = [path("canary/", _canary, name="canary")]


@override_settings(ROOT_URLCONF=__name__)
def test_the_fuzz_finds_a_5xx_when_there_is_one():
    """The harness can fail: it finds "²" (isdigit, not int) or an OFFSET past a bigint."""
    pools = Pools(slugs=["a"], ids=[1], article_pk=1)
    route = Route("canary", "canary/", {})
    assert reverse("canary") == "/canary/"
    with pytest.raises((ValueError, OverflowError, DatabaseError, ExceptionGroup)) as failure:
        fuzz(route, pools, max_examples=500, derandomize=True, database=None)
    errors = (
        failure.value.exceptions if isinstance(failure.value, ExceptionGroup) else [failure.value]
    )
    # The view's own errors, not a fault in the harness.
    assert all(isinstance(e, ValueError | OverflowError | DatabaseError) for e in errors), errors
