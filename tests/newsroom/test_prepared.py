"""newsroom.prepared: a prepared queryset gives what the plain queryset gives, with each call's
own values, on SQLite and on PostgreSQL."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import selectors
from articles.models import Article, BylineCredit, Region, Section
from newsroom.prepared import Prepared
from tests.factories import (
    credit,
    make_article,
    make_contributor,
    make_photo,
    make_region,
    make_section,
    make_tag,
)
from weather.models import WeatherReading
from weather.selectors import reading_for_region

pytestmark = pytest.mark.django_db

ROW = Prepared(
    lambda pk, now: (
        Article.objects.published(now)
        .select_related("section", "primary_region__parent__parent", "featured_photo")
        .defer("search_text")
        .filter(pk=pk)
    ),
    pk=int,
    now=datetime,
)


def plain_row(pk, now):
    return list(
        Article.objects.published(now)
        .select_related("section", "primary_region__parent__parent", "featured_photo")
        .defer("search_text")
        .filter(pk=pk)
    )


def same(a: Article, b: Article) -> None:
    """Same row, same fields loaded and deferred, same related rows already attached."""
    assert type(a) is type(b) and a.pk == b.pk
    assert a.get_deferred_fields() == b.get_deferred_fields()
    deferred = a.get_deferred_fields()
    loaded = [f.attname for f in a._meta.concrete_fields if f.attname not in deferred]
    assert [getattr(a, n) for n in loaded] == [getattr(b, n) for n in loaded]
    assert a._state.db == b._state.db and a._state.adding is b._state.adding is False
    for path in ("section", "featured_photo", "primary_region"):
        assert a._meta.get_field(path).is_cached(a) == b._meta.get_field(path).is_cached(b)
        assert getattr(a, path) == getattr(b, path)


def test_a_row_with_its_joined_rows_is_the_querysets_row():
    province = make_region("Thanh Hoá")
    town = make_region("Thị xã Nghi Sơn", kind=Region.Kind.DISTRICT, parent=province)
    ward = make_region("Phường Hải Hoà", kind=Region.Kind.WARD, parent=town)
    photo = make_photo()
    with_all = make_article(primary_region=ward, featured_photo=photo)
    without = make_article()  # no region, no photo: the joined rows are None
    now = timezone.now()
    for article in (with_all, without):
        (got,) = ROW(pk=article.pk, now=now)
        (expected,) = plain_row(article.pk, now)
        same(got, expected)
    (got,) = ROW(pk=with_all.pk, now=now)
    with CaptureQueriesContext(connection) as reads:
        chain = selectors.region_chain(got.primary_region)
        assert [r.name for r in chain] == ["Thanh Hoá", "Thị xã Nghi Sơn", "Phường Hải Hoà"]
        assert got.section.name and got.featured_photo.credit == photo.credit
    assert len(reads) == 0  # everything came with the row
    assert ROW(pk=without.pk, now=now)[0].primary_region is None


def test_each_call_runs_with_its_own_values():
    now = timezone.now()
    soon = make_article(publish_at=now + timedelta(hours=1))
    earlier = make_article(publish_at=now - timedelta(hours=1))
    assert ROW(pk=soon.pk, now=now) == [] == plain_row(soon.pk, now)
    assert [a.pk for a in ROW(pk=soon.pk, now=now + timedelta(hours=2))] == [soon.pk]
    assert [a.pk for a in ROW(pk=earlier.pk, now=now)] == [earlier.pk]
    assert ROW(pk=earlier.pk, now=now - timedelta(hours=2)) == []
    assert ROW(pk=10**9, now=now) == []


def test_list_values_of_any_length_and_with_repeats():
    section = make_section()
    articles = [make_article(section=section) for _ in range(5)]
    ids = [a.pk for a in articles]
    now = timezone.now()
    cards = Prepared(
        lambda ids, now: selectors.cards(Article.objects.published(now).filter(pk__in=ids)),
        ids=list,
        now=datetime,
    )
    for chosen in (ids[:1], ids[1:4], ids, [ids[2], ids[2], ids[0]]):
        got = sorted(cards(ids=chosen, now=now), key=lambda a: a.pk)
        plain = selectors.cards(Article.objects.published(now).filter(pk__in=chosen))
        expected = sorted(plain, key=lambda a: a.pk)
        assert [a.pk for a in got] == [a.pk for a in expected] == sorted(set(chosen))
        for a, b in zip(got, expected, strict=True):
            same(a, b)
            assert a.get_deferred_fields() >= {"body", "body_html", "search_text"}


def test_the_article_page_reads_match_their_querysets():
    article = make_article()
    first, second = make_contributor("Nguyễn Thanh"), make_contributor("Lê Hà")
    credit(article, second, role=BylineCredit.Role.PHOTO, position=1)
    credit(article, first, position=0)
    article.tags.add(make_tag("Đầu tư"), make_tag("Cảng biển"))
    page = selectors.article_for_page(article.pk)
    assert [(c.contributor.name, c.role) for c in page.credits] == [
        (c.contributor.name, c.role)
        for c in BylineCredit.objects.filter(article=article).select_related("contributor")
    ]
    assert [t.name for t in page.tags] == ["Cảng biển", "Đầu tư"]
    assert [s.pk for s in selectors.nav_sections()] == [s.pk for s in Section.objects.all()]
    province = make_region("Nghệ An")
    WeatherReading.objects.create(
        region=province,
        observed_at=timezone.now(),
        fetched_at=timezone.now(),
        temperature="27.5",
        weather_code=3,
    )
    reading = reading_for_region(province.pk)
    assert reading.region.name == "Nghệ An" and str(reading.temperature) == "27.5"
    assert reading_for_region(province.pk + 1000) is None


def test_a_value_that_does_not_reach_the_sql_is_refused():
    unused = Prepared(lambda pk: Section.objects.all(), pk=int)
    with pytest.raises(ValueError, match="does not reach the SQL"):
        unused(pk=1)
    with pytest.raises(TypeError):
        ROW(pk=1)


def test_a_changed_setting_compiles_again(settings):
    article = make_article()
    now = timezone.now()
    assert ROW(pk=article.pk, now=now)
    assert len(ROW._compiled) == 1
    settings.TIME_ZONE = "UTC"
    assert len(ROW._compiled) == 0
    assert [a.pk for a in ROW(pk=article.pk, now=now)] == [article.pk]


# --- Prepared statements on PostgreSQL (newsroom.prepared.execute) ---------------------------


def test_placeholders_become_postgresql_s_own():
    from newsroom.prepared import _numbered

    sql = "SELECT a FROM t WHERE b = %s AND c LIKE '10%%' AND d IN (%s, %s)"
    assert _numbered(sql) == "SELECT a FROM t WHERE b = $1 AND c LIKE '10%' AND d IN ($2, $3)"


def _statements() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements")
        return dict(cursor.fetchall())


@pytest.mark.postgres
def test_a_statement_is_prepared_once_per_session_and_gives_the_plain_rows():
    from django.db import transaction

    article = make_article()
    now = timezone.now()
    before = _statements()
    assert [a.pk for a in ROW(pk=article.pk, now=now)] == [article.pk]
    prepared_now = {n: s for n, s in _statements().items() if n not in before}
    assert len(prepared_now) <= 1  # none if an earlier test prepared it in this session
    with CaptureQueriesContext(connection) as queries:
        (got,) = ROW(pk=article.pk, now=now)
    assert len(queries) == 1 and queries[0]["sql"].startswith("EXECUTE newsroom_")
    assert "articles_article" in queries[0]["sql"]  # the SQL rides along for logs
    same(got, plain_row(article.pk, now)[0])
    assert _statements() == {**before, **prepared_now}  # nothing prepared a second time
    # A rolled-back transaction does not take the statement with it.
    with pytest.raises(RuntimeError), transaction.atomic():
        ROW(pk=article.pk, now=now)
        raise RuntimeError("rolled back")
    assert [a.pk for a in ROW(pk=article.pk, now=now)] == [article.pk]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_new_session_prepares_again():
    article = make_article()
    assert ROW(pk=article.pk, now=timezone.now())
    connection.close()
    assert _statements() == {}  # a new session knows none
    assert [a.pk for a in ROW(pk=article.pk, now=timezone.now())] == [article.pk]
    assert len(_statements()) == 1


@pytest.mark.postgres
def test_too_many_statements_are_let_go_and_prepared_again(monkeypatch):
    from newsroom import prepared

    monkeypatch.setattr(prepared, "_MAX_STATEMENTS", 2)
    with connection.cursor() as cursor:
        for n in range(5):
            prepared.execute(connection, cursor, f"SELECT %s + {n}", [1])
            assert cursor.fetchall() == [(1 + n,)]
    assert len([n for n in _statements() if n.startswith("newsroom_")]) <= 2


@pytest.mark.postgres
def test_turned_off_the_sql_runs_as_it_is(settings):
    settings.PREPARED_STATEMENTS = False
    article = make_article()
    with CaptureQueriesContext(connection) as queries:
        assert [a.pk for a in ROW(pk=article.pk, now=timezone.now())] == [article.pk]
    assert queries[0]["sql"].startswith("SELECT")


def test_a_values_list_shape_gives_its_sql_for_each_call_s_values():
    first, second = make_section("Thời sự"), make_section("Kinh tế")
    titles = Prepared(
        lambda section: (
            Article.objects.filter(section_id=section).order_by("id").values_list("id", "title")
        ),
        section=int,
    )
    mine = [make_article(section=first), make_article(section=first)]
    make_article(section=second)
    sql, params = titles.sql_with(section=first.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchall() == [(a.pk, a.title) for a in mine]
    sql_again, params_again = titles.sql_with(section=second.pk)
    assert sql_again == sql and params_again != params
    with pytest.raises(TypeError, match="sql_with"):
        titles(section=first.pk)
