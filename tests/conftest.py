"""Fixtures shared by the whole suite: isolation (cache, media), browsers, markers."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django then refuses ORM calls
# from that thread unless told this is deliberate. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_BROWSER = os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    configured = os.environ.get("NEWSROOM_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def missing_tool(reason: str):
    """Skip on a user's machine; fail under CI, where the tool must be there."""
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_BROWSER=1: a missing tool is a failure)")
    pytest.skip(reason)


# Redis for the outage tests (newsroom.cache_backend): a database of their own on the machine's
# server, and a port where nothing listens. Never a mock: what fails is a real connection.
LIVE_REDIS = "redis://127.0.0.1:6379/12"
DEAD_REDIS = "redis://127.0.0.1:1/12"


def redis_caches(location: str, **options) -> dict:
    """CACHES as config/settings.py makes them from CACHE_URL=redis://…, with a timeout of
    2 s rather than 0.25: a Redis that answers must not look down on a loaded test machine
    (a refused connection fails at once whatever the timeout; the tests of the timeout
    itself give theirs)."""
    return {
        "default": {
            "BACKEND": "newsroom.cache_backend.FailOpenRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2, **options},
        }
    }


def _redis_answers(port: int) -> bool:
    import redis

    client = redis.Redis(port=port, socket_connect_timeout=0.25, socket_timeout=0.25)
    try:
        return bool(client.ping())
    except redis.exceptions.RedisError:
        return False
    finally:
        client.close()


@pytest.fixture
def forget_outages():
    """newsroom.cache_backend remembers, per process, which servers failed and that kept
    bumps are due: a test starts and ends as a new process would."""
    from newsroom import cache_backend

    def forget():
        cache_backend._outages.clear()
        cache_backend._retry_due.take()

    forget()
    yield
    forget()


def _flush_live_redis() -> None:
    import redis

    client = redis.Redis.from_url(LIVE_REDIS, socket_connect_timeout=0.25, socket_timeout=0.25)
    with client:
        client.flushdb()


class RedisSwitch:
    """Points the default cache at a Redis that does not answer (`down()`) or at the live one
    (`up()`), through a fresh connection each time (Django drops its cache objects when
    CACHES changes)."""

    def __init__(self, settings, live: bool):
        self._settings = settings
        self.live = live

    def down(self, **options) -> None:
        self._settings.CACHES = redis_caches(DEAD_REDIS, **options)

    def up(self, **options) -> None:
        if not self.live:
            missing_tool("no Redis server answers on 127.0.0.1:6379 (apt-get install redis-server)")
        self._settings.CACHES = redis_caches(LIVE_REDIS, **options)


@pytest.fixture
def redis_switch(settings, forget_outages):
    """Starts down; `up()` needs a server on 127.0.0.1:6379 (skipped without one, a failure
    under CI). The live database is emptied before and after."""
    switch = RedisSwitch(settings, live=_redis_answers(6379))
    if switch.live:
        _flush_live_redis()
    switch.down()
    yield switch
    if switch.live:
        _flush_live_redis()


class RedisServer:
    """A redis-server of the test's own on a free port, to stop and start again at the same
    address (it comes back empty: no persistence)."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if _redis_answers(self.port):
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None


@pytest.fixture
def redis_server(forget_outages):
    if shutil.which("redis-server") is None:
        missing_tool("redis-server is not installed (Debian: apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _isolated_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(scope="session")
def _chromium():
    path = chromium_path()
    if path is None:
        missing_tool("Chromium is not installed (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("the playwright Python package is not installed")
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    manager.stop()


@pytest.fixture
def browser_page(_chromium):
    """A fresh browser context (own cookies and storage) and page, in Vietnamese."""
    context = _chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_browser_page(_chromium):
    """A factory for extra independent pages (a moderator beside a visitor, say)."""
    contexts = []

    def make():
        context = _chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
