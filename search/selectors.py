"""Ranked, diacritic-insensitive article search.

PostgreSQL: full-text search on the expression indexed by migration 0001 (title weighted A,
lead B, the folded `search_text` D), every word required, ranked by ts_rank.
SQLite: every word must occur as a whole word in the folded `search_text`; earlier
occurrences rank higher, which favours the title, since `search_text` starts with it.
"""

from django.db import connection
from django.db.models import BooleanField, FloatField, IntegerField, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, StrIndex

from articles.models import Article
from articles.selectors import cards

_T = "articles_article"
# Must stay the expression of the index `article_search_fts` (search/migrations/0001), or
# PostgreSQL cannot use the index. Columns are qualified: listings join tables with a `title`.
SEARCH_VECTOR = (
    f"(setweight(to_tsvector('simple'::regconfig, newsroom_unaccent({_T}.title)), 'A') || "
    f"setweight(to_tsvector('simple'::regconfig, newsroom_unaccent({_T}.lead)), 'B') || "
    f"setweight(to_tsvector('simple'::regconfig, {_T}.search_text), 'D'))"
)


def _tsquery(terms: list[str]) -> str:
    # Terms are [a-z0-9]+ only (search.forms.search_terms), so no tsquery syntax gets through.
    return " & ".join(terms)


def article_search(terms: list[str]) -> QuerySet[Article]:
    articles = cards(Article.objects.published())
    if connection.vendor == "postgresql":
        query = "to_tsquery('simple'::regconfig, %s)"
        return (
            articles.filter(
                # Constant SQL of ours; the visitor's words travel as a parameter.
                RawSQL(  # noqa: S611
                    f"{SEARCH_VECTOR} @@ {query}", [_tsquery(terms)], output_field=BooleanField()
                )
            )
            .annotate(
                rank=RawSQL(  # noqa: S611
                    f"ts_rank({SEARCH_VECTOR}, {query})",
                    [_tsquery(terms)],
                    output_field=FloatField(),
                )
            )
            .order_by("-rank", "-publish_at", "-pk")
        )
    # search_text is words separated by single spaces (newsroom.vietnamese.fold): padding it
    # with spaces makes every term match whole words only ("son" not inside "song").
    articles = articles.annotate(
        padded=Concat(Value(" "), "search_text", Value(" "), output_field=TextField())
    )
    for term in terms:
        articles = articles.filter(padded__contains=f" {term} ")
    position = sum(
        (StrIndex("padded", Value(f" {term} ")) for term in terms),
        start=Value(0, output_field=IntegerField()),
    )
    return articles.annotate(rank=position).order_by("rank", "-publish_at", "-pk")
