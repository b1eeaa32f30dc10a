"""Purges at the edge: a change queues one task per edge cache, the worker sends them, and a
down edge delays a purge without failing the save (newsroom.edge)."""

import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.services import article_update
from comments.services import comment_approve
from newsroom import edge
from newsroom.roles import EDITOR, MODERATOR
from tests.comments.conftest import make_comment
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)


class Edge:
    """A real HTTP server standing for Varnish: it answers PURGE and notes the tags."""

    def __init__(self, port: int):
        self.purged: list[str] = []
        edge_self = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 - the HTTP method's name
                edge_self.purged.append(self.headers.get(edge.PURGE_HEADER, ""))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(settings):
    server = Edge(free_port())
    settings.EDGE_PURGE_URLS = [server.url]
    yield server
    server.stop()


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_no_edge_no_task(settings):
    settings.EDGE_PURGE_URLS = []
    article = make_article()
    article_update(article=article, user=make_user(role=EDITOR), lead="Sapo mới.")
    assert not DBTaskResult.objects.exists()


def test_an_edit_purges_the_article_and_the_lists_once_the_worker_runs(varnish):
    article = make_article()
    DBTaskResult.objects.all().delete()
    article_update(article=article, user=make_user(role=EDITOR), lead="Sapo mới.")
    assert DBTaskResult.objects.ready().count() == 1
    assert varnish.purged == []  # nothing is sent in the editor's request
    run_worker()
    assert varnish.purged == [f"article-{article.pk} site"]
    assert not DBTaskResult.objects.ready().exists()


def test_an_approval_purges_that_article_s_comments(varnish):
    article = make_article()
    comment = make_comment(article)
    DBTaskResult.objects.all().delete()
    comment_approve(comment_id=comment.pk, by=make_user(role=MODERATOR), version=comment.version)
    run_worker()
    assert varnish.purged == [f"comments-{article.pk}"]


def test_a_down_edge_delays_the_purge_and_never_fails_the_save(settings, caplog):
    port = free_port()  # nothing listens there yet
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{port}/"]
    article = make_article()
    DBTaskResult.objects.all().delete()
    article_update(article=article, user=make_user(role=EDITOR), lead="Sapo đã sửa.")
    article.refresh_from_db()
    assert article.lead == "Sapo đã sửa."
    with caplog.at_level(logging.WARNING, logger="newsroom.edge"):
        run_worker()
    assert "Edge purge failed, again in 1 s" in caplog.text
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)  # not ready() yet: later
    assert retry.args_kwargs["args"][2] == 1 and retry.run_after is not None
    server = Edge(port)  # the edge is back
    try:
        run_worker()  # too early: the retry waits for its time
        assert server.purged == []
        time.sleep(1.2)
        run_worker()
        assert server.purged == [f"article-{article.pk} site"]
    finally:
        server.stop()


def test_a_purge_is_given_up_after_its_last_retry(settings, caplog):
    url = f"http://127.0.0.1:{free_port()}/"
    DBTaskResult.objects.all().delete()
    with caplog.at_level(logging.ERROR, logger="newsroom.edge"):
        edge.purge_edge.call(url, ["site"], len(edge.RETRY_DELAYS))
    assert "Edge purge given up" in caplog.text
    assert not DBTaskResult.objects.exists()
