"""Redis is not a single point of failure (issue 16, item 4).

With the cache on a port where nothing listens, every public page answers 200 from the
database, comments are accepted (rate limits open, logged), an approval answers as usual and
its page follows once Redis is back; the condition is logged once, not per request. "Back" is
the machine's Redis (database 12: with its data, the stale page still stored) or a
redis-server of the test's own restarted at the same address (empty).
"""

import logging
import time

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from newsroom.cache import generation
from newsroom.models import PendingBump
from newsroom.roles import MODERATOR
from tests.comments.conftest import GOOD_TEXTS, make_comment, post_data
from tests.conftest import redis_caches
from tests.factories import make_user
from tests.site.test_caching import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
REPLY = "Cảm ơn tòa soạn, mong sớm có thêm tin về bến cảng số 3."


def outage_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "newsroom.cache_backend"]


@pytest.fixture
def desk():
    client = Client()
    client.force_login(make_user("kiemduyet", role=MODERATOR))
    return client


def approve(desk, comment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the bump runs on commit
        return desk.post(
            reverse("comments:act", args=[comment.pk]),
            {"action": "approve", "version": comment.version},
        )


def test_every_public_page_answers_from_the_database_and_the_outage_is_logged_once(
    scene, redis_switch, caplog
):
    redis_switch.down(RETRY_SECONDS=0)  # no pause: every cache call goes to the dead port
    article, tag = scene.article.get_absolute_url(), scene.tags["cang-bien"].slug
    pages = [url.format(article=article, tag=tag) for url in PUBLIC_PAGES]
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            for url in pages:
                response = Client().get(url, **UA)
                assert response.status_code == 200, url
    assert scene.article.title in Client().get(pages[1], **UA).content.decode()
    (line,) = outage_lines(caplog)
    assert "127.0.0.1:1/12 does not answer" in line
    assert "pages are built from the database" in line


def test_comments_are_accepted_with_rate_limits_open_and_that_is_logged(
    scene, redis_switch, settings, caplog
):
    settings.COMMENT_RATES = ("2/m",)  # the third post from one client would be a 429
    redis_switch.down()
    client = Client()
    with caplog.at_level(logging.WARNING):
        for text in GOOD_TEXTS:
            response = client.post(
                reverse("comments:post", args=[scene.article.pk]),
                post_data(scene.article, body=text),
                REMOTE_ADDR="203.0.113.8",
            )
            assert response.status_code == 302
    assert Comment.objects.filter(article=scene.article, body__in=GOOD_TEXTS).count() == 3
    (line,) = outage_lines(caplog)
    assert "rate limits are not enforced" in line


def test_an_approval_answers_as_usual_and_shows_when_redis_is_back_with_its_data(
    scene, redis_switch, desk, django_capture_on_commit_callbacks
):
    url = scene.article.get_absolute_url()
    comment = make_comment(scene.article, REPLY)
    redis_switch.up()
    assert REPLY not in Client().get(url, **UA).content.decode()  # the page is now stored
    stored_under = generation(f"comments:{scene.article.pk}")

    redis_switch.down()
    response = approve(desk, comment, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert list(PendingBump.objects.values_list("scope", flat=True)) == [
        f"comments:{scene.article.pk}"
    ]
    assert REPLY in Client().get(url, **UA).content.decode()  # from the database meanwhile

    redis_switch.up()  # the same data as before: the stale page is still stored there
    assert REPLY in Client().get(url, **UA).content.decode()
    assert generation(f"comments:{scene.article.pk}") == stored_under + 1
    assert not PendingBump.objects.exists()


def test_redis_restarted_empty_at_the_same_address(
    scene, settings, redis_server, desk, django_capture_on_commit_callbacks, caplog
):
    settings.CACHES = redis_caches(redis_server.url, RETRY_SECONDS=0.2)
    url = scene.article.get_absolute_url()
    comment = make_comment(scene.article, REPLY)
    assert REPLY not in Client().get(url, **UA).content.decode()
    before = generation(f"comments:{scene.article.pk}")

    redis_server.stop()
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert Client().get(url, **UA).status_code == 200
        assert approve(desk, comment, django_capture_on_commit_callbacks).status_code == 302
        assert PendingBump.objects.count() == 1
        redis_server.start()  # empty: no persistence
        time.sleep(0.25)  # past RETRY_SECONDS
        assert REPLY in Client().get(url, **UA).content.decode()
    assert not PendingBump.objects.exists()
    assert generation(f"comments:{scene.article.pk}") > before  # never a number it had
    start, end = outage_lines(caplog)
    assert "does not answer" in start and "answers again" in end
