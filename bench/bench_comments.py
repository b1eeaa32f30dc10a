"""Comments at newsroom scale, on PostgreSQL: 1,000,000 comments across 10,000 articles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench python bench/bench_comments.py

Measures, as the median of RUNS runs (budget 50 ms each):
- the moderation queue's first page (the whole view, as a logged-in moderator);
- an approve (the whole POST, locking, history row and cache bump included);
- an article's comments with 500 approved ones (the selector and the area's template).

The database named in DATABASE_URL is migrated and filled once with INSERT … SELECT over
generate_series (about a minute), then reused by later runs. To keep a real newsroom's data
out of harm's way, its name must contain "bench"; it is created when missing.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.postgres import admin_connection  # noqa: E402 - after the path is set

ARTICLES = 10_000
COMMENTS = 1_000_000
BIG_ARTICLE_COMMENTS = 500
BUDGET_MS = 50.0
RUNS = 25
SLUG_PREFIX = "bench-binh-luan-"
BIG_SLUG = "bench-bai-nhieu-binh-luan"
# Share of the million in each status: a real paper approves most of what it receives.
PENDING_EVERY = 50  # 2 % waiting (20,000): a busy morning's queue
REJECTED_EVERY = 40
SPAM_EVERY = 97
# Written for the benchmark: correctly typed comments, varied in length.
SENTENCES = [
    "Bài viết rất hay, cảm ơn phóng viên đã phản ánh kịp thời.",
    "Mong chính quyền địa phương sớm sửa con đường này trước mùa mưa bão.",
    "Tôi ở gần đó, tình trạng ngập úng kéo dài đã nhiều năm rồi mà chưa ai giải quyết.",
    "Đồng ý với ý kiến trên.",
    "Giá như thông tin này được đăng sớm hơn thì bà con đã chuẩn bị kịp.",
    "Cảm ơn báo đã lên tiếng giúp người dân vùng biển.",
    "Nên có thêm bản đồ chỉ đường để người đọc dễ hình dung.\nXin cảm ơn tòa soạn.",
    "Học sinh ở xã tôi vẫn phải lội suối đến trường, mong các cấp quan tâm hơn nữa.",
]


def _row(name, value, unit="ms", ok=None, note="", budget=f"≤ {BUDGET_MS:g}"):
    row = {"benchmark": name, "value": value, "unit": unit, "budget": budget}
    row["ok"] = ok
    if note:
        row["note"] = note
    return row


def _skip(reason):
    return [{"benchmark": "comments", "value": "–", "unit": "", "budget": "", "ok": None,
             "note": reason}]  # fmt: skip


def _ensure_database(url: str) -> None:
    name = urlparse(url).path.lstrip("/")
    admin = admin_connection(url)
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _article_insert_sql(section_id: int, first_id: int, count: int, slug_sql: str):
    """INSERT … SELECT for `count` articles, every other column at its model default."""
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article

    explicit = {
        "id": f"{first_id} + g",
        "title": "'Bài thử hiệu năng số ' || g",
        "slug": slug_sql,
        "lead": "'Sapo bài thử hiệu năng.'",
        "body": "'<p>Nội dung bài thử hiệu năng.</p>'",
        "section_id": str(section_id),
        "status": "'published'",
        "publish_at": "now() - (g || ' minutes')::interval",
        "created_at": "now() - (g || ' minutes')::interval",
        "updated_at": "now()",
        "comments_enabled": "true",
    }
    columns, values, params = [], [], []
    for field in Article._meta.concrete_fields:
        columns.append(connection.ops.quote_name(field.column))
        if field.column in explicit:
            values.append(explicit[field.column])
        else:
            default = field.get_default() if field.has_default() else (None if field.null else "")
            if callable(default):
                default = default()
            if default is not None and field.get_internal_type() == "DateTimeField":
                default = timezone.now()
            values.append("%s")
            params.append(field.get_db_prep_save(default, connection))
    sql = (
        f"INSERT INTO {Article._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM generate_series(1, {count}) AS g"
    )
    return sql, params


def _fill() -> dict:
    """Fill once; later runs find the rows and reuse them."""
    from django.db import connection, transaction

    from articles.models import Article, Section
    from comments.models import Comment

    section, _ = Section.objects.get_or_create(
        slug="bench-binh-luan", defaults={"name": "Thử hiệu năng bình luận"}
    )
    articles = Article.objects.filter(section=section)
    have_articles = articles.count()
    big = Article.objects.filter(slug=BIG_SLUG).first()
    have_comments = Comment.objects.filter(article__section=section).count() if big else 0
    expected = COMMENTS + BIG_ARTICLE_COMMENTS
    if have_articles == ARTICLES + 1 and have_comments >= expected:
        return {"filled": False, "seconds": 0.0, "big": big}
    started = time.perf_counter()
    sentences = "ARRAY[" + ", ".join(f"'{s}'" for s in SENTENCES) + "]"
    with transaction.atomic(), connection.cursor() as cursor:
        Comment.objects.filter(article__section=section).delete()
        articles.delete()
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {Article._meta.db_table}")
        first_article = cursor.fetchone()[0]
        sql, params = _article_insert_sql(
            section.pk, first_article, ARTICLES, f"'{SLUG_PREFIX}' || g"
        )
        cursor.execute(sql, params)
        sql, params = _article_insert_sql(section.pk, first_article + ARTICLES, 1, f"'{BIG_SLUG}'")
        cursor.execute(sql, params)
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {Comment._meta.db_table}")
        first_comment = cursor.fetchone()[0]
        # Comment g sits on article g % ARTICLES; g and g - ARTICLES share an article, so
        # one comment in ten answers an earlier one of the same article.
        cursor.execute(
            f"""
            INSERT INTO comments_comment (
                id, article_id, parent_id, author_name, author_email, body, original_body,
                fingerprint, status, rejection_reason, ip_address, created_at, edited_at,
                approved_at, moderated_at, moderated_by_id, version, html)
            SELECT
                {first_comment} + g,
                {first_article} + 1 + (g % {ARTICLES}),
                CASE WHEN g % 10 = 5 AND g > {ARTICLES} THEN {first_comment} + g - {ARTICLES}
                END,
                'Bạn đọc ' || g,
                '',
                ({sentences})[1 + g % {len(SENTENCES)}] || ' (' || g || ')',
                ({sentences})[1 + g % {len(SENTENCES)}] || ' (' || g || ')',
                md5(g::text),
                CASE WHEN g % {PENDING_EVERY} = 0 THEN 'pending'
                     WHEN g % {REJECTED_EVERY} = 0 THEN 'rejected'
                     WHEN g % {SPAM_EVERY} = 0 THEN 'spam'
                     ELSE 'approved' END,
                '',
                CASE WHEN g % {PENDING_EVERY} = 0 THEN '203.0.113.1'::inet END,
                now() - (({COMMENTS} - g) * interval '7 seconds'),
                NULL,
                CASE WHEN g % {PENDING_EVERY} <> 0 THEN now() END,
                CASE WHEN g % {PENDING_EVERY} <> 0 THEN now() END,
                NULL,
                1,
                ''
            FROM generate_series(1, {COMMENTS}) AS g
            """
        )
        big_article = first_article + ARTICLES + 1
        cursor.execute(
            f"""
            INSERT INTO comments_comment (
                id, article_id, parent_id, author_name, author_email, body, original_body,
                fingerprint, status, rejection_reason, ip_address, created_at, edited_at,
                approved_at, moderated_at, moderated_by_id, version, html)
            SELECT
                {first_comment + COMMENTS} + g, {big_article},
                CASE WHEN g % 4 = 0 THEN {first_comment + COMMENTS} + g - 1 END,
                'Bạn đọc ' || g, '',
                ({sentences})[1 + g % {len(SENTENCES)}],
                ({sentences})[1 + g % {len(SENTENCES)}],
                md5('big' || g), 'approved', '', NULL,
                now() - ((600 - g) * interval '1 minute'),
                CASE WHEN g % 9 = 0 THEN now() END, now(), now(), NULL, 1, ''
            FROM generate_series(1, {BIG_ARTICLE_COMMENTS}) AS g
            """
        )
        cursor.execute(
            f"""
            INSERT INTO comments_holdreason (comment_id, code, detail)
            SELECT id, 'links', '3 đường dẫn' FROM comments_comment
            WHERE status = 'pending' AND id > {first_comment} AND id % 7 = 0
            """
        )
        for table in ("articles_article", "comments_comment", "comments_holdreason"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    # The big article's page reads its comments' stored HTML, as the moderation services
    # would have written it when approving them (the million others are not shown).
    from comments.services import comments_render_html

    comments_render_html(article_id=Article.objects.get(slug=BIG_SLUG).pk)
    with connection.cursor() as cursor:
        # As autovacuum would in time: statistics for the planner, and the visibility map
        # that lets the pending count be an index-only scan.
        cursor.execute("VACUUM ANALYZE articles_article, comments_comment, comments_holdreason")
    return {
        "filled": True,
        "seconds": time.perf_counter() - started,
        "big": Article.objects.get(slug=BIG_SLUG),
    }


def _median_ms(action, runs=RUNS, warmup=3) -> float:
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _moderator():
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from newsroom.roles import MODERATOR, sync_roles

    sync_roles(apps)
    user, created = get_user_model().objects.get_or_create(
        username="bench-kiem-duyet", defaults={"is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=MODERATOR))
    return user


def run() -> list[dict]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return _skip("needs PostgreSQL: set DATABASE_URL=postgres://…/newsroom_bench")
    if "bench" not in urlparse(url).path:
        return _skip("DATABASE_URL must name a database for benchmarks (name containing 'bench')")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    _ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory

    from comments.models import Comment
    from comments.selectors import comments_for_article

    call_command("migrate", verbosity=0)
    fill = _fill()
    big = fill["big"]
    rows = []
    if fill["filled"]:
        rows.append(_row("comments: fill 1,000,000 (once)", round(fill["seconds"], 1), "s",
                         note="reused on later runs", budget=""))  # fmt: skip

    client = Client()
    client.force_login(_moderator())

    def queue_page():
        response = client.get("/binh-luan/kiem-duyet/")
        assert response.status_code == 200, response.status_code

    pending = iter(
        Comment.objects.filter(status=Comment.Status.PENDING, parent__isnull=True)
        .order_by("created_at", "id")
        .values_list("pk", "version")[: RUNS + 10]
    )

    def approve():
        pk, version = next(pending)
        response = client.post(
            f"/binh-luan/kiem-duyet/{pk}/xu-ly/", {"action": "approve", "version": version}
        )
        assert response.status_code == 302, response.status_code

    request = RequestFactory().get(big.get_absolute_url())

    def article_comments():
        thread = comments_for_article(big)
        assert thread.count == BIG_ARTICLE_COMMENTS
        render_to_string(
            "comments/_area.html", {"article": big, "comment_thread": thread}, request=request
        )

    for name, action, warmup in (
        ("comments: queue first page (1M rows)", queue_page, 3),
        ("comments: approve one (POST)", approve, 3),
        ("comments: article with 500 approved", article_comments, 3),
    ):
        value = _median_ms(action, warmup=warmup)
        rows.append(_row(name, round(value, 2), ok=value <= BUDGET_MS))
    return rows


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())
