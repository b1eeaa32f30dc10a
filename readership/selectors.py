from datetime import timedelta

from django.db import connection
from django.utils import timezone

from articles.models import Article, published_where
from newsroom import prepared
from newsroom.cache import generations, kept
from readership.models import DailyViews

# How long the view beacon keeps what it read of an article. It is kept per `article:<id>`
# generation, which every publish, withdrawal and edit bumps, so this only bounds the life
# of an entry whose generation was lost from the cache.
LIVE_CHECK_SECONDS = 60 * 60

# What the "Đọc nhiều" box shows of an article (its title, linked): all a row loads.
_MOST_READ_FIELDS = ("id", "slug", "title")


def article_most_read(*, days: int = 7, limit: int = 5) -> list[Article]:
    """The published articles read most over the last `days` days (today included, local time),
    ties to the newer article. Each has only slug and title loaded (what the box shows) and
    `recent_views`.

    Counts reach the table in batches, so the last minute or two of views is not in yet.

    Plain SQL: the same query through the ORM (join, Sum, only, ordering) spent
    1.5 ms of its 2 ms building and compiling itself, on every page whose side column is built
    cold (bench_article_page). Table names come from the models; the SQL is portable between
    SQLite and PostgreSQL (tests/readership run on both).
    """
    since = timezone.localdate() - timedelta(days=days - 1)
    ops = connection.ops  # as Django would store them (SQLite keeps text)
    published, published_params = published_where("a")
    sql = f"""
        SELECT a.id, a.slug, a.title, SUM(v.views) AS recent_views
        FROM {Article._meta.db_table} a
        JOIN {DailyViews._meta.db_table} v ON v.article_id = a.id
        WHERE {published} AND v.day >= %s
        GROUP BY a.id, a.slug, a.title, a.publish_at
        ORDER BY recent_views DESC, a.publish_at DESC, a.id DESC
        LIMIT %s
    """  # noqa: S608 - only table names from our models and placeholders are formatted in
    params = [
        *published_params,
        ops.adapt_datefield_value(since),
        limit,
    ]
    # from_db takes the loaded values in the model's field order.
    loaded = [f.attname for f in Article._meta.concrete_fields if f.attname in _MOST_READ_FIELDS]
    found = []
    with connection.cursor() as cursor:
        prepared.execute(connection, cursor, sql, params)  # planned once on PostgreSQL
        for pk, slug, title, views in cursor.fetchall():
            values = {"id": pk, "slug": slug, "title": title}
            article = Article.from_db(connection.alias, loaded, [values[n] for n in loaded])
            article.recent_views = views
            found.append(article)
    return found


def article_is_live(*, article_id: int) -> bool:
    """Whether the public may read this article now (Article.is_live), for the view beacon.

    One beacon comes with every page view, including those the edge answers, so this is
    read from the cache: the article's status and publish time, kept per `article:<id>`
    generation (a publish, withdrawal or edit starts a new entry), and the rule applied to
    them at each call, so a scheduled article counts from its publish time without any bump.
    Two cache reads; one indexed query per article and generation (or an unknown id).
    """
    scope = f"article:{article_id}"
    gen = generations(scope)[scope]

    def read():
        found = Article.objects.only("status", "publish_at").filter(pk=article_id).first()
        return (found.status, found.publish_at) if found else None

    state = kept(f"rd:live:{article_id}:{gen}", read, LIVE_CHECK_SECONDS)
    if state is None:
        return False
    status, publish_at = state
    return Article(status=status, publish_at=publish_at).is_live
