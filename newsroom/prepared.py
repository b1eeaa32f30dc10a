"""Querysets of a fixed shape whose SQL is compiled once per database connection.

Django compiles a queryset into SQL every time it is evaluated: resolving the lookups, the
joins of select_related, the deferred columns, the default ordering. For the handful of
queries a cold article page runs, that was a fifth of the page's time on the project's
machines (py-spy over bench_article_page: SQLCompiler.as_sql 14 %, building the filters 6 %),
for SQL text that never changes, only its parameters. SQLAlchemy keeps such a compiled cache;
Django has none, so the few hot queries declare their shape here:

    article_row = Prepared(
        lambda pk, now: Article.objects.published(now).select_related("section").filter(pk=pk),
        pk=int, now=datetime,
    )
    article_row(pk=5, now=timezone.now())  # a list of Article, as list(queryset) gives

The builder is called once with stand-in values of the declared kinds, compiled by the ORM,
and the places of the stand-ins among the SQL's parameters are noted; each call runs that SQL
with the real values (adapted for the database as the ORM adapts them) and makes the model
instances as Django's ModelIterable does, select_related rows included. Lists (for `__in`)
are compiled once per length.

Only for querysets whose SQL depends on nothing but the declared values (and the database):
no Python branching on the values in the builder, no prefetch_related. A values_list() shape
gives its SQL and parameters only (`sql_with`), for a caller that reads the rows as the
driver returns them. A stand-in that does not reach the SQL is an error at the first call.
Tests (tests/newsroom/test_prepared.py) compare every use with the plain queryset on both
databases.
"""

import re
import weakref
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from itertools import count

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators
from django.dispatch import receiver

_KINDS = (int, datetime, date, list)


class _Compiled:
    """One shape's SQL on one connection, and how to turn its rows into instances."""

    def __init__(self, queryset: QuerySet, connection, stand_ins: dict, adapters: dict):
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()  # fills compiler.select and klass_info
        self.sql, self.params = sql, list(params)
        # Where each value goes: (place among the parameters, name, index within a list).
        self.slots = []
        for name, stand_in in stand_ins.items():
            is_list = isinstance(stand_in, list)
            for index, item in enumerate(stand_in if is_list else [stand_in]):
                compiled = adapters[name](item)
                places = [i for i, p in enumerate(self.params) if type(p) is type(compiled)
                          and p == compiled]  # fmt: skip
                if not places:
                    raise ValueError(f"{name!r} does not reach the SQL of this queryset.")
                self.slots += [(place, name, index if is_list else None) for place in places]
        klass_info, select = compiler.klass_info, compiler.select
        if queryset.query.values_select:  # values_list(): only the SQL is used (sql_with)
            self.model = None
            return
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, connection.alias)
        self.annotations = dict(compiler.annotation_col_map or {})
        columns = [s[0] for s in select[: compiler.col_count]]
        self.converters = list(compiler.get_converters(columns).items())

    def params_with(self, values: dict, adapters: dict) -> list:
        params = list(self.params)
        for place, name, index in self.slots:
            value = values[name]
            params[place] = adapters[name](value[index] if index is not None else value)
        return params

    def run(self, connection, values: dict, adapters: dict) -> list:
        params = self.params_with(values, adapters)
        with connection.cursor() as cursor:
            execute(connection, cursor, self.sql, params)
            rows = cursor.fetchall()
        alias, objects = connection.alias, []
        for row in rows:
            if self.converters:
                row = list(row)
                for place, (converters, expression) in self.converters:
                    value = row[place]
                    for converter in converters:
                        value = converter(value, expression, connection)
                    row[place] = value
            obj = self.model.from_db(alias, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, place in self.annotations.items():
                setattr(obj, name, row[place])
            objects.append(obj)
        return objects


class Prepared:
    """A queryset shape, compiled once per connection (and per length of its list values).

    `build(**values)` returns the queryset; `kinds` names each value's kind: int, datetime,
    date or list (of ints, for `__in`).
    """

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default", **kinds):
        unknown = {name: kind for name, kind in kinds.items() if kind not in _KINDS}
        if unknown:
            raise TypeError(f"Unsupported kinds: {unknown}")
        self.build, self.kinds, self.using = build, kinds, using
        self._compiled = weakref.WeakKeyDictionary()  # connection -> {lengths: _Compiled}
        _ALL.add(self)

    def __call__(self, **values) -> list:
        """The model instances, as list(queryset) would give them."""
        connection = connections[self.using]
        compiled, adapters = self._compiled_for(connection, values)
        if compiled.model is None:
            raise TypeError("A values_list() shape gives SQL only: use sql_with().")
        return compiled.run(connection, values, adapters)

    def sql_with(self, **values) -> tuple[str, list]:
        """The SQL and its parameters for these values, for a caller that runs it itself
        (with newsroom.prepared.execute), e.g. to read a values_list() as the driver gives it."""
        compiled, adapters = self._compiled_for(connections[self.using], values)
        return compiled.sql, compiled.params_with(values, adapters)

    def _compiled_for(self, connection, values: dict) -> tuple[_Compiled, dict]:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"Expected the values {sorted(self.kinds)}, got {sorted(values)}.")
        lengths = tuple(len(v) for n, v in values.items() if self.kinds[n] is list)
        adapters = self._adapters(connection)
        by_length = self._compiled.setdefault(connection, {})
        compiled = by_length.get(lengths)
        if compiled is None:
            stand_ins = self._stand_ins(values)
            compiled = by_length[lengths] = _Compiled(
                self.build(**stand_ins), connection, stand_ins, adapters
            )
        return compiled, adapters

    def _stand_ins(self, values: dict) -> dict:
        """Values no real query uses, each different, so each is found in the SQL's params."""
        serial = count(1)
        stand_ins = {}
        for name, kind in self.kinds.items():
            if kind is list:
                stand_ins[name] = [-(2**62) - next(serial) for _ in values[name]]
            elif kind is int:
                stand_ins[name] = -(2**62) - next(serial)
            elif kind is datetime:
                stand_ins[name] = datetime(1901, 1, 1, tzinfo=UTC) + timedelta(seconds=next(serial))
            else:
                stand_ins[name] = date(1901, 1, 1) + timedelta(days=next(serial))
        return stand_ins

    def _adapters(self, connection) -> dict:
        """How the ORM puts each kind of value into a query's parameters on this database."""
        ops = connection.ops
        by_kind = {
            int: int,
            list: int,  # each item
            datetime: ops.adapt_datetimefield_value,
            date: ops.adapt_datefield_value,
        }
        return {name: by_kind[kind] for name, kind in self.kinds.items()}

    def forget(self) -> None:
        self._compiled = weakref.WeakKeyDictionary()


_ALL: "weakref.WeakSet[Prepared]" = weakref.WeakSet()

# PostgreSQL sessions -> {SQL: name of its prepared statement in that session}.
_STATEMENTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_MAX_STATEMENTS = 200  # per session; beyond, they are all let go and prepared again
_PLACEHOLDER = re.compile(r"%s|%%")


def execute(connection, cursor, sql: str, params) -> None:
    """Run `sql` on `cursor`; on PostgreSQL as a statement prepared once per session.

    Planning the public pages' queries cost PostgreSQL about 3 ms of a cold article page, as
    much as running them (EXPLAIN ANALYZE over bench_article_page: 1.2 ms for the article
    with its joined rows, 0.9 for related articles); a prepared statement is planned for its
    first runs and then, where a generic plan is as good, not again. psycopg2 does not
    prepare statements itself, so this does, by SQL text, with a PREPARE sent once per
    session through the driver's own cursor: like the session settings Django sends when it
    connects, it is not one of the page's queries. PREPARE is not undone by a rollback, and a
    new connection is a new session, so the names are kept per driver connection.

    settings.PREPARED_STATEMENTS off (PgBouncer in transaction mode) runs the SQL as it is.
    """
    if connection.vendor != "postgresql" or not settings.PREPARED_STATEMENTS:
        cursor.execute(sql, params)
        return
    session = connection.connection
    names = _STATEMENTS.get(session)
    if names is None or len(names) >= _MAX_STATEMENTS:
        if names:
            with session.cursor() as raw:
                raw.execute("DEALLOCATE ALL")
        names = _STATEMENTS[session] = {}
    statement = names.get(sql)
    if statement is None:
        name = f"newsroom_{len(names) + 1}"
        with session.cursor() as raw:
            raw.execute(f"PREPARE {name} AS {_numbered(sql)}")
        # The SQL rides along as a comment, so query logs (and tests that read them) still
        # say which tables a page read. % is doubled: the driver fills placeholders in.
        shown = " ".join(sql.split()).replace("*/", "* /").replace("%", "%%")
        arguments = f" ({', '.join(['%s'] * len(params))})" if params else ""
        statement = names[sql] = f"EXECUTE {name}{arguments} /* {shown} */"
    cursor.execute(statement, params or None)


def _numbered(sql: str) -> str:
    """Django's placeholders (%s, and %% for a percent sign) as PostgreSQL's own ($1, $2…)."""
    numbers = count(1)
    return _PLACEHOLDER.sub(lambda m: "%" if m.group() == "%%" else f"${next(numbers)}", sql)


@receiver(setting_changed)
def _forget_all(**kwargs) -> None:
    """A changed setting (TIME_ZONE, USE_TZ, a test's override) may change the SQL or how
    values are adapted: compile again."""
    for prepared in list(_ALL):
        prepared.forget()
