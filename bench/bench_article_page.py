"""The public article page: render time with 500 comments, and requests per second under
gunicorn.

    python bench/bench_article_page.py        (or `make bench`)

Everything runs with the production settings (config.settings, DEBUG off, collected and
hashed static files, local-memory cache, persistent database connections) in child
processes, with media and static files in a temporary directory, twice:
- on a throw-away SQLite database in that directory (the embedded default);
- on PostgreSQL (production), when DATABASE_URL names one: a throw-away database beside it
  (`<name>_article`, dropped afterwards), vacuumed and analyzed after loading, as autovacuum
  would do to a live database (its visibility map lets index-only scans skip the table; the
  PostgreSQL servers of these machines run with autovacuum off).

Medians of RUNS full requests through Django's test client (middleware included), each
preceded by what makes the page cache miss:
- uncached: the whole cache emptied: every query runs and every part of the page is
  rendered again. What a running server works out once from its code and settings alone
  (compiled templates, compiled SQL) is done by the warm-up request before the runs, as on
  a live site; no content is kept;
- after a publish: the `site` generation bumped, so the page is built again, reusing the
  parts kept by their own generations (the article's own HTML, its comment list and form,
  the weather box);
- after a comment approval: the article's `comments:<id>` generation bumped, so the page is
  built again with its comment list read and rendered again; the article's own HTML and
  the reads shared by all pages (navigation, most read) are reused;
- cached: the same page served from the page cache (no query), for comparison.
- machine reference: a fixed pure-Python workload (no Django, no database) timed in the same
  loop, between the requests. These shared 2-core machines differ in speed from one session
  to the next, and from one minute to the next (the same code measured 20 ms on one and 45 on
  another): this row tells how fast the machine was while the others were measured.
- gunicorn: requests per second for the article page, anonymous readers, a bounded loop of
  CLIENTS keep-alive-less threads for SECONDS against gunicorn on a free loopback port; the
  client runs on the same two cores, so this is a floor, not a ceiling.
No row has an absolute budget: these machines are too noisy for one. Whether a change made
the page slower is measured against the code before it, timed in turn in one run:
bench/compare.py (`make bench-compare BASE=<ref>`).

The data and the timed requests are bench/article_page_driver.py's, run in a fresh process
inside the checkout; this module gives it its environment and reads its JSON.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "bench" / "article_page_driver.py"
sys.path.insert(0, str(ROOT))

from bench.postgres import admin_connection  # noqa: E402 - after the path is set

COMMENTS = 500
RUNS = 60
CLIENTS = 8
SECONDS = 8.0
WORKERS = 2


def settings_module(root: Path) -> str:
    """A checkout's production settings: config/ since the layers' first slice, newsroom/
    before it (so that bench/compare.py can time an older checkout)."""
    return "config.settings" if (root / "config" / "settings.py").exists() else "newsroom.settings"


def environment(tmp: Path, database_url: str, root: Path = ROOT) -> dict:
    """The children's environment: production settings of the checkout at `root`, media and
    static files under `tmp`, local-memory cache."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module(root),
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        # Plain HTTP on the loopback: no redirect to HTTPS, cookies without Secure.
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(root),
    )
    env.pop("CACHE_URL", None)
    return env


def _driver(env: dict, root: Path, *args: str) -> dict:
    """bench/article_page_driver.py (this checkout's) run in a fresh process inside `root`,
    importing that checkout's code only (-P: not this bench/ folder)."""
    result = subprocess.run(
        [sys.executable, "-P", str(DRIVER), *args], env=env, cwd=root, capture_output=True,
        text=True, timeout=600, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"{root}: {result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def load_page(env: dict, root: Path = ROOT) -> dict:
    """Build the database named in env (migrations, static files, the page's data) with the
    checkout at `root`; returns the article's url and pk."""
    return _driver(env, root, "setup", "--comments", str(COMMENTS))


def time_page(env: dict, page: dict, runs: int = RUNS, root: Path = ROOT) -> dict:
    """Medians (ms) of `runs` requests per case ("cold", "publish", "comment", "cached"),
    of the machine reference, and the page's size in bytes, in one fresh process."""
    args = ["--url", page["url"], "--pk", str(page["pk"]), "--runs", str(runs)]
    return _driver(env, root, "measure", *args, "--marker", f"{COMMENTS} bình luận")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _load(url: str) -> tuple[float, int]:
    """A bounded loop: CLIENTS threads for SECONDS, each request waiting for the previous."""
    done, failed = [0] * CLIENTS, [0] * CLIENTS
    deadline = time.monotonic() + SECONDS
    headers = {"User-Agent": "Mozilla/5.0 (bench) Firefox/128.0"}

    def reader(index):
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                            timeout=10) as response:  # fmt: skip
                    response.read()
                    done[index] += 1
            except OSError:
                failed[index] += 1

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started), sum(failed)


def _gunicorn_rps(env: dict, path: str) -> tuple[float, int]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(WORKERS), "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}{path}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer")
        for _ in range(20):  # warm every worker's page cache
            urllib.request.urlopen(url, timeout=5).read()
        return _load(url)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def postgres_url(suffix: str = "article") -> str | None:
    """A throw-away database beside the one DATABASE_URL names (`<name>_<suffix>`), created
    empty; None when DATABASE_URL is not PostgreSQL. drop_postgres() removes it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/') or 'newsroom'}_{suffix}"
    _admin(url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}"))


def drop_postgres(url: str) -> None:
    _admin(url, f'DROP DATABASE IF EXISTS "{urlparse(url).path[1:]}"')


def _admin(url: str, *statements: str) -> None:
    admin = admin_connection(url)
    with admin.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    admin.close()


def _measure(database: str, database_url: str | None, tmp: Path) -> list[dict]:
    env = environment(tmp, database_url or f"sqlite:///{tmp / 'bench.sqlite3'}")
    page = load_page(env)
    timings = time_page(env, page)
    rps, failed = _gunicorn_rps(env, page["url"])
    name = f"{database}: article page ({COMMENTS} comments)"
    return [
        {
            "benchmark": f"{name}, uncached: every cache empty",
            "value": timings["cold"],
            "unit": "ms",
            "budget": "",
            "ok": None,
            "note": "no absolute budget: make bench-compare",
        },
        {
            "benchmark": f"{name}, rebuilt after another article is published",
            "value": timings["publish"],
            "unit": "ms",
            "budget": "",
            "ok": None,
            "note": "article's own HTML and comments kept",
        },
        {
            "benchmark": f"{name}, rebuilt after a comment approval",
            "value": timings["comment"],
            "unit": "ms",
            "budget": "",
            "ok": None,
            "note": "comment list read and drawn again",
        },
        {
            "benchmark": f"{name}, from the page cache",
            "value": timings["cached"],
            "unit": "ms",
            "budget": "",
            "ok": None,
            "note": "for comparison",
        },
        {
            "benchmark": f"{database}: machine reference (fixed pure-Python loop, same runs)",
            "value": timings["reference"],
            "unit": "ms",
            "budget": "",
            "ok": None,
            "note": "lower is a faster machine",
        },
        {
            "benchmark": f"{database}: article page under gunicorn ({WORKERS} workers, "
            f"{CLIENTS} clients)",
            "value": rps,
            "unit": "req/s",
            "budget": "",
            "ok": None if failed == 0 else False,
            "note": "no budget; client shares the 2 cores" if failed == 0 else f"{failed} failed",
        },
    ]


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        rows += _measure("SQLite", None, Path(tmp))
    postgres = postgres_url()
    if postgres is None:
        note = "not run: set DATABASE_URL=postgres://…"
        rows.append({"benchmark": "PostgreSQL: article page", "value": "–", "unit": "",
                     "budget": "", "ok": None, "note": note})  # fmt: skip
        return rows
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
            rows += _measure("PostgreSQL", postgres, Path(tmp))
    finally:
        drop_postgres(postgres)
    return rows


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())
