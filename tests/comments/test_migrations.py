"""Migrations 0003 and 0004 write the stored HTML of the comments readers can see."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from comments.rendering import comment_html


def at(comments_migration: str) -> list[tuple[str, str]]:
    """Comments at this migration, every other app at its latest (their models as now)."""
    graph = MigrationExecutor(connection).loader.graph
    return [
        ("comments", comments_migration) if app == "comments" else (app, name)
        for app, name in graph.leaf_nodes()
    ]


BEFORE = "0002_moderator_role"
AFTER = "0003_comment_html"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def an_article(apps):
    """An article in the migration's state of the models."""
    section = apps.get_model("articles", "Section").objects.create(name="Xã hội", slug="xa-hoi")
    return apps.get_model("articles", "Article").objects.create(
        title="Đường ven biển", slug="duong-ven-bien", lead="Sapo.", section=section
    )


@pytest.mark.django_db(transaction=True)
def test_approved_comments_get_their_html_and_the_others_wait_for_a_moderator():
    apps = migrate(at(BEFORE))
    try:
        Comment = apps.get_model("comments", "Comment")
        article = an_article(apps)
        sent = datetime(2026, 11, 26, 23, 5, tzinfo=UTC)
        common = {"article": article, "original_body": "…", "created_at": sent}
        shown = Comment.objects.create(
            author_name="Lan <b>", body="Đẹp quá!\nCảm ơn.", status="approved", fingerprint="a",
            **common,
        )  # fmt: skip
        held = Comment.objects.create(
            author_name="Hải", body="Chờ duyệt.", status="pending", fingerprint="b", **common
        )
        apps = migrate(at(AFTER))
        Comment = apps.get_model("comments", "Comment")
        after = Comment.objects.get(pk=shown.pk)
        assert after.html == comment_html(after)
        assert "Lan &lt;b&gt;" in after.html and "Đẹp quá!<br>Cảm ơn." in after.html
        assert "27/11/2026 06:05" in after.html
        assert Comment.objects.get(pk=held.pk).html == ""
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_0004_writes_the_reply_link_of_every_public_comment_again():
    apps = migrate(at(AFTER))
    try:
        Comment = apps.get_model("comments", "Comment")
        article = an_article(apps)
        old = '<a class="comment__reply" rel="nofollow" href="?tra_loi=1#gui-binh-luan">'
        shown = Comment.objects.create(
            article=article, author_name="Lan", body="Đẹp quá!", original_body="Đẹp quá!",
            status="approved", fingerprint="a", html=old,
        )  # fmt: skip
        apps = migrate(at("0004_reply_links"))
        after = apps.get_model("comments", "Comment").objects.get(pk=shown.pk)
        assert after.html == comment_html(after)
        assert f'href="/binh-luan/tra-loi/{shown.pk}/#gui-binh-luan"' in after.html
        assert "?tra_loi=" not in after.html
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
