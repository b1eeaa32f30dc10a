"""newsroom.cache_backend: a Redis that does not answer is a miss, and costs little time.

Every Redis here is real: a port where nothing listens, a port that accepts and never
answers, the machine's server (database 12) and a redis-server of the test's own.
"""

import logging
import socket
import time

import pytest
from django.core.cache import cache

from newsroom import cache_backend
from tests.conftest import redis_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers: a hung Redis, or a black hole."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


class MinuteLater:
    """The clock of newsroom.cache_backend, a minute and a second on (Redis stays real)."""

    def monotonic(self) -> float:
        return time.monotonic() + 61


def backend_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "newsroom.cache_backend"]


def test_every_call_answers_like_a_miss_when_nothing_listens(redis_switch):
    assert cache.get("k") is None
    assert cache.get("k", "mặc định") == "mặc định"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is None
    assert cache.incr("k") is None  # what django-ratelimit reads as "could not count"
    assert cache.decr("k") is None
    assert cache.has_key("k") is False
    assert cache.touch("k") is False
    assert cache.delete("k") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored
    assert cache.delete_many(["a"]) is None
    assert cache.get_or_set("k", "dựng lại") == "dựng lại"
    assert cache.clear() is False


def test_a_live_redis_behaves_as_djangos_own(redis_switch):
    redis_switch.up()
    assert cache.add("k", 1) is True and cache.add("k", 5) is False
    assert cache.incr("k") == 2  # atomic INCR on the stored integer, as before
    with pytest.raises(ValueError):
        cache.incr("no-such-key")  # "not there" still reaches the caller: Redis answered
    cache.set("bytes", "Thanh Hóa")
    assert cache.get_many(["k", "bytes"]) == {"k": 2, "bytes": "Thanh Hóa"}


def test_a_hung_redis_costs_one_socket_timeout_per_retry_window(
    settings, forget_outages, silent_port
):
    settings.CACHES = redis_caches(
        f"redis://127.0.0.1:{silent_port}/12", socket_timeout=0.25, RETRY_SECONDS=5
    )
    started = time.monotonic()
    for _ in range(20):  # more than a page makes
        assert cache.get("k") is None
    elapsed = time.monotonic() - started
    # The first call waits for the socket timeout (0.25 s), the other 19 are not sent.
    assert 0.2 <= elapsed < 0.7, elapsed


def test_it_is_asked_again_when_the_window_has_passed(settings, forget_outages, silent_port):
    settings.CACHES = redis_caches(
        f"redis://127.0.0.1:{silent_port}/12", socket_timeout=0.25, RETRY_SECONDS=0.3
    )
    cache.get("k")
    started = time.monotonic()
    cache.get("k")
    assert time.monotonic() - started < 0.1  # left alone
    time.sleep(0.35)
    started = time.monotonic()
    cache.get("k")
    assert time.monotonic() - started >= 0.2  # asked, and waited for it again


def test_logged_when_it_starts_and_at_most_once_a_minute_while_it_lasts(
    redis_switch, caplog, monkeypatch
):
    redis_switch.down(RETRY_SECONDS=0)  # every call goes to the dead port
    with caplog.at_level(logging.WARNING):
        for _ in range(50):
            cache.get("k")
    (line,) = backend_warnings(caplog)
    assert "Cache at 127.0.0.1:1/12 does not answer" in line
    assert "rate limits are not enforced" in line

    caplog.clear()
    monkeypatch.setattr(cache_backend, "time", MinuteLater())
    with caplog.at_level(logging.WARNING):
        for _ in range(50):
            cache.get("k")
    (line,) = backend_warnings(caplog)
    assert "still does not answer after 61 s" in line


def test_a_redis_that_restarts_is_used_again_and_the_end_is_logged(settings, redis_server, caplog):
    settings.CACHES = redis_caches(redis_server.url, RETRY_SECONDS=0.2)
    cache.set("k", "trước")
    assert cache.get("k") == "trước"
    redis_server.stop()
    with caplog.at_level(logging.WARNING):
        assert cache.get("k") is None
        redis_server.start()  # the same address, empty (no persistence)
        time.sleep(0.25)
        cache.set("k", "sau")
        assert cache.get("k") == "sau"
    start, end = backend_warnings(caplog)
    assert "does not answer" in start
    assert "answers again after" in end


def test_the_log_names_the_server_without_its_password():
    assert cache_backend._where("redis://:bí-mật@cache.internal:6380/3") == "cache.internal:6380/3"
    assert cache_backend._where("redis://user:pw@10.0.0.5/0") == "10.0.0.5:6379/0"
