"""/healthz/live (the process), /healthz/ready and /healthz (may it take traffic?)."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def database_down():
    return mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    )


@pytest.mark.parametrize("url", ["/healthz", "/healthz/ready"])
def test_ready_reports_each_dependency(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "tasks": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/healthz", "/healthz/ready"])
def test_not_ready_503_when_the_database_does_not_answer(client, url):
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "unavailable"


def test_ready_but_degraded_when_the_cache_does_not_answer(client, redis_switch):
    # Pages come from the database meanwhile: taking this server out would only move its
    # readers to others that have the same Redis.
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
        "tasks": "ok",
    }


def test_ready_again_when_the_cache_answers_again(client, redis_switch):
    client.get("/healthz/ready")
    redis_switch.up()
    assert client.get("/healthz/ready").json()["cache"] == "ok"


def test_live_asks_nothing_of_the_database_or_the_cache(client, redis_switch):
    with database_down():
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_degraded_when_background_tasks_wait_past_their_time(client, settings, caplog):
    """No db_worker running: purges queue up; pages are served all the same."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from newsroom import edge

    settings.EDGE_PURGE_URLS = ["http://127.0.0.1:9/"]
    edge.purge(["site"])
    assert client.get("/healthz/ready").json()["tasks"] == "ok"  # just queued: not late
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=6))
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["tasks"] == "unavailable"
    assert "is db_worker running?" in caplog.text
