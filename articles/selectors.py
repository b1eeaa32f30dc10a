"""Reads the public site shares: every query a public page runs starts from `published()`.

Each function returns a queryset or a list in a fixed number of queries, whatever the amount of
content, so pages keep a constant query count (pinned in tests/site/test_query_counts.py).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from articles.models import Article, BylineCredit, Region, Section, Tag, published_where
from newsroom import prepared
from newsroom.cache import generation
from newsroom.prepared import Prepared

# Related articles are looked for within this distance in time from the article itself: news
# from years ago is rarely "related", and the window keeps the scoring query small.
RELATED_WINDOW = timedelta(days=365)
RELATED_POOL = 200


# The long text columns: what no card or list reads.
NOT_ON_CARDS = ("body", "body_html", "search_text")


def cards(queryset):
    """What a card in a list shows: title, section, time, lead and featured photo; no body and
    no byline, so neither is loaded."""
    return queryset.select_related("section", "featured_photo").defer(*NOT_ON_CARDS)


_NAV_SECTIONS = Prepared(lambda: Section.objects.only("name", "slug", "is_local", "position"))


def nav_sections() -> list[Section]:
    return _NAV_SECTIONS()


@dataclass
class ArticleForPage:
    """An article with what its page shows beside it: byline credits and tags."""

    article: Article
    credits: list[BylineCredit]  # contributors selected, in byline order
    tags: list[Tag]  # by name


# The article page's own reads, compiled once (newsroom.prepared): the same three queries
# through plain querysets spent about 2 ms of a cold page compiling themselves.
def _page_row(queryset, pk):
    """One article with the rows its page shows beside it joined in (section, the region
    chain, the featured photo); unordered: the default ordering would only cost compiling."""
    return (
        queryset.select_related("section", "primary_region__parent__parent", "featured_photo")
        .defer("search_text")
        .filter(pk=pk)
        .order_by()[:1]
    )


_PAGE_ARTICLE = Prepared(
    lambda pk, now: _page_row(Article.objects.published(now), pk), pk=int, now=datetime
)
_ANY_ARTICLE = Prepared(lambda pk: _page_row(Article.objects.all(), pk), pk=int)
_PAGE_CREDITS = Prepared(
    lambda pk: BylineCredit.objects.filter(article_id=pk).select_related("contributor"),
    pk=int,
)
_PAGE_TAGS = Prepared(lambda pk: Tag.objects.filter(articles__id=pk).order_by("name"), pk=int)


def article_for_page(pk: int, *, live_only: bool = True) -> ArticleForPage | None:
    """One article with everything its page shows, in three queries.

    The region chain (ward → district → province) comes with the article so the weather box
    and the breadcrumbs need no query of their own. Credits and tags are two plain queries:
    through prefetch_related the same two cost 1.9 ms more per cold page on the project's
    machines (bench_article_page).
    """
    found = _PAGE_ARTICLE(pk=pk, now=timezone.now()) if live_only else _ANY_ARTICLE(pk=pk)
    if not found:
        return None
    return ArticleForPage(article=found[0], credits=_PAGE_CREDITS(pk=pk), tags=_PAGE_TAGS(pk=pk))


def region_chain(region: Region | None) -> list[Region]:
    """The region and its parents, province first, from rows already loaded with the article."""
    chain = []
    while region is not None:
        chain.append(region)
        region = region.parent
    chain.reverse()
    return chain


def article_related(
    article: Article, *, tag_ids: list[int] | None = None, limit: int = 6
) -> list[Article]:
    """Editor's picks first, then the closest published articles (related_ids), as cards."""
    return published_in_order(related_ids(article, tag_ids=tag_ids, limit=limit))


def related_ids(article: Article, *, tag_ids: list[int] | None = None, limit: int = 6) -> list[int]:
    """Editor's picks first (newest first), then the closest published articles; never the
    article itself, only published ones.

    Closeness is a score: 3 per shared tag, 2 for the same primary region, 1 for the same
    section; ties go to the newer article. Only the RELATED_POOL newest articles sharing
    something with this one (within RELATED_WINDOW of it) are scored, so the cost does not
    grow with the archive.

    Plain SQL, one query: the same query through the ORM (subquery, annotations, CASE) spent
    2.5 ms of its 3.7 ms building and compiling itself, on every cold article page
    (bench_article_page). Table names come from the models; the SQL is portable between
    SQLite and PostgreSQL, and tests/site/test_related.py runs it on both.
    """
    if tag_ids is None:
        tag_ids = [tag.pk for tag in article.tags.all()]
    now = timezone.now()
    anchor = article.publish_at or now
    # As Django would store them (SQLite keeps naive UTC text, PostgreSQL timestamptz).
    as_stored = connection.ops.adapt_datetimefield_value
    articles = Article._meta.db_table
    picks = Article.related.through._meta.db_table
    tagged = Article.tags.through._meta.db_table
    published, published_params = published_where("a", now)
    published += " AND a.id <> %s"
    published_params.append(article.pk)
    # What makes an article close at all; a missing region or no tags add no condition.
    close, close_params = ["a.section_id = %s"], [article.section_id]
    if article.primary_region_id:
        close.append("a.primary_region_id = %s")
        close_params.append(article.primary_region_id)
    # The tag clauses exist only when the article has tags ("IN ()" is not SQL).
    shared_tags = "0"
    if tag_ids:
        among = ", ".join(["%s"] * len(tag_ids))
        in_tags = f"FROM {tagged} t WHERE t.tag_id IN ({among})"
        # EXISTS, probed through the (article, tag) index for each candidate until the pool
        # is full, rather than "a.id IN (every article with these tags)": 0.3 ms less on
        # SQLite, 0.8 ms less on PostgreSQL with a tag every bench article carries.
        close.append(f"EXISTS (SELECT 1 {in_tags} AND t.article_id = a.id)")
        close_params.extend(tag_ids)
        shared_tags = f"(SELECT COUNT(*) {in_tags} AND t.article_id = pool.id)"
    sql = f"""
        WITH picked AS (
            SELECT a.id, a.publish_at FROM {articles} a
            JOIN {picks} p ON p.to_article_id = a.id AND p.from_article_id = %s
            WHERE {published}
        ), pool AS (
            SELECT a.id, a.section_id, a.primary_region_id, a.publish_at FROM {articles} a
            WHERE {published} AND a.publish_at >= %s AND a.publish_at <= %s
              AND ({" OR ".join(close)})
              AND a.id NOT IN (SELECT id FROM picked)
            ORDER BY a.publish_at DESC LIMIT %s
        )
        SELECT id FROM (
            SELECT id, 1 AS is_pick, 0 AS closeness, publish_at FROM picked
            UNION ALL
            SELECT pool.id, 0, {shared_tags} * 3
                + CASE WHEN pool.primary_region_id = %s THEN 2 ELSE 0 END
                + CASE WHEN pool.section_id = %s THEN 1 ELSE 0 END,
                pool.publish_at
            FROM pool
        ) ranked
        ORDER BY is_pick DESC, closeness DESC, publish_at DESC, id DESC
        LIMIT %s
    """  # noqa: S608 - only table names from our models and placeholders are formatted in
    params = [
        article.pk,
        *published_params,
        *published_params,
        as_stored(anchor - RELATED_WINDOW),
        as_stored(anchor + RELATED_WINDOW),
        *close_params,
        RELATED_POOL,
        *(tag_ids if tag_ids else []),
        article.primary_region_id,
        article.section_id,
        limit,
    ]
    with connection.cursor() as cursor:
        prepared.execute(connection, cursor, sql, params)  # planned once on PostgreSQL
        return [row[0] for row in cursor.fetchall()]


_CARDS_BY_ID = Prepared(
    lambda ids, now: cards(Article.objects.published(now).filter(pk__in=ids)).order_by(),
    ids=list,
    now=datetime,
)


def published_in_order(ids: list[int]) -> list[Article]:
    """Cards for these articles in this order, leaving out any that is no longer public."""
    if not ids:
        return []
    # Unordered: the order is `ids`; the model's default ordering only cost compiling
    # (0.5 ms of a cold article page's related cards).
    found = {a.pk: a for a in _CARDS_BY_ID(ids=list(ids), now=timezone.now())}
    return [found[pk] for pk in ids if pk in found]


def latest(*, limit: int = 10):
    return cards(Article.objects.published())[:limit]


def latest_by_section(
    sections: list[Section], *, per_section: int = 4, exclude: list[int] = ()
) -> dict[int, list]:
    """The newest few articles of every section, in one query (a window function).

    `exclude` (articles already shown higher on the page) is applied before the ranking, so
    each section still gets `per_section` articles when it has them.
    """
    if not sections:
        return {}
    ranked = (
        Article.objects.published()
        .filter(section__in=[s.pk for s in sections])
        .exclude(pk__in=list(exclude))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("section_id")],
                order_by=[F("publish_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .select_related("section", "featured_photo")
        .defer(*NOT_ON_CARDS)
        .order_by("section_id", "rank")
    )
    grouped: dict[int, list] = {s.pk: [] for s in sections}
    for article in ranked:
        grouped[article.section_id].append(article)
    return grouped


def root_regions() -> list[Region]:
    """Provinces and centrally governed cities with their direct subdivisions (two queries)."""
    return list(
        Region.objects.filter(parent__isnull=True).prefetch_related(
            Prefetch("children", queryset=Region.objects.order_by("position", "name"))
        )
    )


def region_with_family(slug: str) -> Region | None:
    return (
        Region.objects.select_related("parent__parent")
        .prefetch_related(
            Prefetch("children", queryset=Region.objects.order_by("position", "name"))
        )
        .filter(slug=slug)
        .first()
    )


def _region_and_descendants(region: Region):
    # Three levels cover Vietnam's administration: province → district → commune.
    return Region.objects.filter(
        Q(pk=region.pk) | Q(parent_id=region.pk) | Q(parent__parent_id=region.pk)
    ).values("pk")


def section_articles(section: Section):
    return cards(Article.objects.published().filter(section=section))


def region_articles(region: Region):
    """Articles about the region or any place inside it, primary or secondary."""
    places = _region_and_descendants(region)
    also_about = Article.regions.through.objects.filter(region_id__in=places).values("article_id")
    return cards(
        Article.objects.published().filter(Q(primary_region_id__in=places) | Q(pk__in=also_about))
    )


def local_articles():
    """Articles tied to a place, for the home page's local news."""
    return cards(Article.objects.published().filter(primary_region__isnull=False))


def tag_articles(tag: Tag):
    return cards(Article.objects.published().filter(tags=tag))


def contributor_articles(contributor):
    credited = BylineCredit.objects.filter(contributor=contributor).values("article_id")
    return cards(Article.objects.published().filter(pk__in=credited))


# The first scheduled article, by the index that starts with (status, -publish_at), compiled
# once: every page built cold asks (page_cache_timeout).
_NEXT_SCHEDULED = Prepared(
    lambda now: (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
        .only("publish_at")
        .order_by("publish_at")[:1]
    ),
    now=datetime,
)


def next_scheduled_publish(now=None):
    """When the next scheduled article goes live, so cached lists expire no later than that."""
    found = _NEXT_SCHEDULED(now=now or timezone.now())
    return found[0].publish_at if found else None


def page_cache_timeout(*, site_generation: int | None = None) -> int:
    """Seconds a cached public page may live: the usual lifetime, or less when a scheduled
    article goes live before that (nothing bumps a generation at that moment)."""
    timeout = settings.CACHE_MIDDLEWARE_SECONDS
    next_live = _next_live(site_generation)
    if next_live is not None:
        until = int((next_live - timezone.now()).total_seconds()) + 1
        timeout = max(1, min(timeout, until))
    return timeout


def _next_live(site_generation: int | None):
    """next_scheduled_publish, kept for the current `site` generation (scheduling, publishing
    and withdrawing bump it) and read again once that moment has passed: every page rebuilt
    after a publish or an approval ran this query (bench_article_page)."""
    if site_generation is None:
        site_generation = generation("site")
    key = f"shared:next-live:{site_generation}"
    kept = cache.get(key)
    now = timezone.now()
    if kept is None or (kept[0] is not None and kept[0] <= now):
        kept = (next_scheduled_publish(now),)  # a tuple: "none scheduled" is kept too
        cache.set(key, kept, settings.CACHE_MIDDLEWARE_SECONDS)
    return kept[0]
