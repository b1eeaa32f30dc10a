"""The edge suite's fixtures: a real varnishd with deploy/varnish/default.vcl, in front of
either small fake app servers (the VCL's rules, one by one) or the real stack (two gunicorn
app servers, nginx for media), started once per session on free loopback ports.

Without varnishd (or varnish-modules' xkey) the suite is skipped with the reason printed;
under NEWSROOM_REQUIRE_EDGE=1 (CI, .ci/run) that is a failure, as a missing browser is under
NEWSROOM_REQUIRE_BROWSER=1.

The real stack runs on PostgreSQL and Redis when DATABASE_URL and CACHE_URL name them (a
throw-away database `<name>_edge`, Redis database 13, emptied), else on a SQLite file and a
file cache in the session's folder, which two processes can share.
"""

import http.cookiejar
import http.server
import itertools
import os
import re
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.edge import stack
from tests.edge.stack import Answer, NoRedirect, fetch, wait_until

REQUIRE_EDGE = os.environ.get("NEWSROOM_REQUIRE_EDGE") == "1"
REDIS_DB = 13


def missing_edge_tool(reason: str):
    if REQUIRE_EDGE:
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_EDGE=1: a missing tool is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def _edge_tools():
    if stack.varnishd() is None:
        missing_edge_tool("varnishd is not installed (Debian: apt-get install varnish)")
    if not stack.has_xkey():
        missing_edge_tool("vmod xkey is not installed (Debian: apt-get install varnish-modules)")


@pytest.fixture(scope="session")
def _nginx():
    if stack.nginx() is None:
        missing_edge_tool("nginx is not installed (Debian: apt-get install nginx)")


# -- fake app servers: the VCL's rules on their own -------------------------------------


class FakeApp(http.server.ThreadingHTTPServer):
    """An app server that answers what a test tells it to, and remembers what it was asked.

    `routes` maps a path (without query) to a function(handler) -> (status, headers, body);
    it is shared by both fake servers, as both app servers run the same code, and so is
    `seen`, the requests that reached any of them, in order."""

    daemon_threads = True

    def __init__(self, name: str, routes: dict, seen: list):
        super().__init__(("127.0.0.1", 0), FakeHandler)
        self.name = name
        self.routes = routes
        self.seen = seen
        self.sick = False

    @property
    def port(self) -> int:
        return self.server_address[1]


class FakeHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        # A body left unread would be taken for the next request on this connection.
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.split("?", 1)[0]
        if path.startswith("/healthz"):
            self._send(503 if self.server.sick else 200, {}, b"ok")
            return
        self.server.seen.append(
            {"path": self.path, "method": self.command, "headers": dict(self.headers)}
        )
        route = self.server.routes.get(path)
        if route is None:
            self._send(404, {"Cache-Control": "public, s-maxage=60"}, b"not here")
            return
        status, headers, body = route(self)
        self._send(status, headers, body)

    do_HEAD = do_GET
    do_POST = do_GET

    def _send(self, status: int, headers: dict, body: bytes):
        self.send_response(status)
        for name, value in headers.items():
            for one in value if isinstance(value, list) else [value]:
                self.send_header(name, one)
        self.send_header("X-Backend", self.server.name)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class FakeEdge:
    """varnishd with the shipped VCL in front of two FakeApps (and a third as media)."""

    def __init__(self, folder: Path):
        self.routes: dict = {}
        self.requests: list[dict] = []
        self.apps = [FakeApp(name, self.routes, self.requests) for name in ("a", "b")]
        self.media = FakeApp("media", self.routes, self.requests)
        for server in [*self.apps, self.media]:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        self.stack = stack.Stack(folder)
        self.port = stack.free_port()
        backends = stack.backends_vcl([app.port for app in self.apps], self.media.port)
        # The shipped probe checks every 5 s; the tests watch a server fall sick and come
        # back, so here it checks every 0.2 s (same window and threshold).
        backends = backends.replace(".interval = 5s;", ".interval = 0.2s;")
        stack.start_varnish(self.stack, self.port, backends, name="varnishd-fake")
        self.url = f"http://127.0.0.1:{self.port}"
        wait_until(lambda: self.request("/healthz").status == 200, what="a healthy backend")

    def seen(self) -> list[dict]:
        return list(self.requests)

    def request(self, path: str, **kwargs) -> "Answer":
        return fetch(self.url + path, **kwargs)

    def close(self):
        self.stack.stop_all()
        for server in [*self.apps, self.media]:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="session")
def _fake_edge(_edge_tools):
    with tempfile.TemporaryDirectory(prefix="newsroom-edge-") as folder:
        edge = FakeEdge(Path(folder))
        try:
            yield edge
        finally:
            edge.close()


_paths = itertools.count(1)


@pytest.fixture
def fake_edge(_fake_edge):
    """The fake edge, with routes and records cleared, both servers healthy; each test names
    its own paths (fresh_path) so that nothing another test stored can answer it."""
    _fake_edge.routes.clear()
    _fake_edge.requests.clear()
    yield _fake_edge
    if any(app.sick for app in _fake_edge.apps):
        for app in _fake_edge.apps:
            app.sick = False
        wait_until(
            lambda: (
                {_fake_edge.request("/healthz").header("X-Backend") for _ in range(4)} == {"a", "b"}
            ),
            what="both fake servers back in the rotation",
        )


@pytest.fixture
def fresh_path():
    return lambda prefix="/tin/": f"{prefix}trang-{os.getpid()}-{next(_paths)}"


# -- the real stack ---------------------------------------------------------------------


class RealEdge:
    """varnishd in front of two gunicorn app servers (A and B), nginx serving media and the
    task worker that sends the app's purges, on the production settings, with
    tests/edge/seed.py's paper."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stack = stack.Stack(folder)
        self.port = stack.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database_url, self.cache_url = self._stores()
        self.env = stack.app_environment(
            folder, database_url=self.database_url, cache_url=self.cache_url, site_url=self.url
        )
        (folder / "media").mkdir()
        self.paper = stack.seed(self.env)
        self.app_ports = [stack.free_port(), stack.free_port()]
        media_port = stack.free_port()
        servers = [
            stack.start_gunicorn(self.stack, name, self.env, port)
            for name, port in zip(("gunicorn-a", "gunicorn-b"), self.app_ports, strict=True)
        ]
        stack.start_nginx(self.stack, media_port, prefix=folder)
        # The app's purges are tasks (newsroom/edge.py): the worker sends them to the edge.
        stack.start_task_worker(self.stack, self.env)
        for name, port, process in zip(("gunicorn-a", "gunicorn-b"), self.app_ports, servers,
                                       strict=True):  # fmt: skip
            stack.wait_for(f"http://127.0.0.1:{port}/healthz", process=process, what=name,
                           stack=self.stack)  # fmt: skip
        stack.start_varnish(self.stack, self.port, stack.backends_vcl(self.app_ports, media_port))
        wait_until(lambda: self.request("/healthz").status == 200, what="healthy app servers")

    def _stores(self) -> tuple[str, str]:
        database = os.environ.get("DATABASE_URL", "")
        if database.startswith(("postgres://", "postgresql://")):
            database = stack.postgres_beside(database, "edge")
        else:
            database = f"sqlite:///{self.folder / 'edge.sqlite3'}"
        cache = os.environ.get("CACHE_URL", "")
        if cache.startswith(("redis://", "rediss://")):
            cache = stack.redis_beside(cache, REDIS_DB)
        else:
            cache = f"filecache://{self.folder / 'cache'}"
        return database, cache

    def direct(self, path: str, server: int = 0, **kwargs) -> "Answer":
        """Straight from app server A (0) or B (1), not through the edge."""
        return fetch(f"http://127.0.0.1:{self.app_ports[server]}{path}", **kwargs)

    def request(self, path: str, **kwargs) -> "Answer":
        return fetch(self.url + path, **kwargs)

    def seed(self, *args: str) -> dict:
        return stack.run_seed(self.env, *args)

    def close(self):
        self.stack.stop_all()
        if self.database_url.startswith("postgres"):
            stack.drop_postgres(self.database_url)
        if self.cache_url.startswith("redis"):
            stack.flush_redis(self.cache_url)


@pytest.fixture(scope="session")
def real_edge(_edge_tools, _nginx):
    with tempfile.TemporaryDirectory(prefix="newsroom-edge-") as folder:
        edge = RealEdge(Path(folder))
        try:
            yield edge
        finally:
            edge.close()


class Browserless:
    """A person with cookies (a logged-in editor), over plain HTTP: urllib with a cookie jar,
    redirects not followed."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            NoRedirect(), urllib.request.HTTPCookieProcessor(self.jar)
        )

    def request(self, path: str, *, method: str = "GET", data: dict | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, method=method, data=body)
        try:
            with self.opener.open(request, timeout=15) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def log_in(self, username: str, password: str) -> None:
        """The admin's login form, as a person fills it in (CSRF token and all)."""
        form = self.request("/quan-tri/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        answer = self.request(
            "/quan-tri/login/?next=/quan-tri/",
            method="POST",
            data={
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/quan-tri/",
            },  # fmt: skip
        )
        assert answer.status == 302 and self.cookie("sessionid"), answer
