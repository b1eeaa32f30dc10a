"""Django's RedisCache, for which Redis being unreachable is a miss, not an error.

Redis holds only what the database can rebuild (page bytes, their generations, rate-limit and
view counters), so when it does not answer the site goes on from the database: a read is a
miss, a write does nothing, `add` answers False and `incr` None (which django-ratelimit,
with RATELIMIT_FAIL_OPEN, reads as "not limited"). Invalidations that could not be written
are kept and retried by newsroom.cache.

After a failure the server is left alone for `RETRY_SECONDS` (default 5): a Redis that times
out costs one socket timeout per process in that time, not one per cache call (a page makes
several). The condition is logged when it starts, at most once a minute while it lasts, and
when it ends; never once per request.

django-redis has an option to ignore exceptions too, but it logs every ignored call and
asks Redis again on every call; this stays on Django's own backend (no new dependency, the
same data in Redis) with those two things added.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Unreachable (refused, reset, DNS, still loading its data) or timing out.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY_SECONDS = 60


class _Flag:
    """Set by any failure; taken (read and cleared at once) by the next call that reaches a
    server, which first retries the bumps kept meanwhile (newsroom.cache)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._set = False

    def set(self) -> None:
        self._set = True

    def take(self) -> bool:
        if not self._set:  # the common case, without the lock
            return False
        with self._lock:
            was, self._set = self._set, False
        return was


_retry_due = _Flag()


class _Outage:
    """One server's state in this process: since when it fails, when to ask it again, when
    the condition was last logged. Shared by the threads of the process."""

    def __init__(self, where: str):
        self.where = where
        self.lock = threading.Lock()
        self.since: float | None = None
        self.retry_at = 0.0
        self.logged_at = 0.0
        self.skipped = 0

    def skip(self) -> bool:
        """True while the server is left alone after a failure (the call is counted)."""
        if self.since is None or time.monotonic() >= self.retry_at:
            return False
        with self.lock:
            self.skipped += 1
        return True

    def failed(self, error: Exception, retry_seconds: float) -> None:
        now = time.monotonic()
        _retry_due.set()
        with self.lock:
            self.retry_at = now + retry_seconds
            if self.since is None:
                self.since = now
                self.logged_at = now
                self.skipped = 0
                message = "Cache at %s does not answer (%s): pages are built from the database"
                message += ", rate limits are not enforced, invalidations are kept to retry"
                logger.warning(message, self.where, error)
            elif now - self.logged_at >= LOG_EVERY_SECONDS:
                self.logged_at = now
                logger.warning(
                    "Cache at %s still does not answer after %.0f s (%s); %d calls skipped",
                    self.where,
                    now - self.since,
                    error,
                    self.skipped,
                )

    def answered(self) -> None:
        if self.since is None:
            return
        with self.lock:
            if self.since is None:
                return
            down_for, self.since = time.monotonic() - self.since, None
        logger.warning("Cache at %s answers again after %.0f s", self.where, down_for)


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _where(url: str) -> str:
    """A server's name for the log: host, port and database, without the URL's password."""
    parts = urlsplit(url)
    if not parts.hostname:
        return parts.path  # a Unix socket
    return f"{parts.hostname}:{parts.port or 6379}{parts.path}"


def _outage(servers: list[str]) -> _Outage:
    where = ",".join(map(_where, servers))
    with _outages_lock:
        return _outages.setdefault(where, _Outage(where))


class FailOpenRedisCache(RedisCache):
    """RedisCache whose calls answer like a miss while Redis is unreachable or times out.

    OPTIONS as for Django's RedisCache (socket_connect_timeout, socket_timeout … go to
    redis-py's connection pool), plus RETRY_SECONDS.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self._retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._outage = _outage(self._servers)

    def _call(self, method, fallback, *args):
        outage = self._outage
        if outage.since is not None:
            if outage.skip():
                return fallback
            # Time to ask again: a PING first, so that a server still down costs no more
            # than that, and one that is back gets its kept bumps before this call reads.
            try:
                self._cache.get_client(write=True).ping()
            except UNAVAILABLE as error:
                outage.failed(error, self._retry_seconds)
                return fallback
            outage.answered()
        if _retry_due.take():
            # Its own cache calls come back through here; one that fails sets the flag
            # again and leaves the server alone, as any failure does.
            from newsroom.cache import retry_kept_bumps  # newsroom.cache uses this class

            retry_kept_bumps()
            if outage.skip():
                return fallback
        try:
            return method(*args)
        except UNAVAILABLE as error:
            outage.failed(error, self._retry_seconds)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        # ValueError (no such key) still goes to the caller: Redis answered.
        return self._call(super().incr, None, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)
