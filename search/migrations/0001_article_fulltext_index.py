"""Diacritic-insensitive full-text search on PostgreSQL: unaccent, an IMMUTABLE wrapper and a
GIN index on exactly the expression `search.selectors.SEARCH_VECTOR` queries.

unaccent() itself is only STABLE (its dictionary could change), so an index cannot use it;
the wrapper names the dictionary explicitly and is declared IMMUTABLE, the usual way.
On SQLite nothing is needed: search reads the folded `Article.search_text` column.
"""

from django.db import migrations

VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, newsroom_unaccent(title)), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, newsroom_unaccent(lead)), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_text), 'D'))"
)

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION newsroom_unaccent(text) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
    f"CREATE INDEX IF NOT EXISTS article_search_fts ON articles_article USING GIN ({VECTOR})",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_fts",
    "DROP FUNCTION IF EXISTS newsroom_unaccent(text)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
