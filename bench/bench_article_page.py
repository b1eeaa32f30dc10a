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
  (compiled templates, the SQL of newsroom.prepared's query shapes and, on PostgreSQL, its
  prepared statements, the comment form and banner drawn with markers, the frame's links)
  is done by the warm-up request before the runs, as on a live site; no content is kept;
- after a publish: the `site` generation bumped, so the page is rebuilt but the article's
  rendered comment list (keyed by the article's own generation) is reused;
- after a comment approval: the article's `comments:<id>` generation bumped, so the comment
  list is read and rendered again; the article's own parts and the reads shared by all pages
  (navigation, most read) are reused;
- cached: the same page served from the page cache (no query), for comparison.
No row has an absolute budget: these machines are too noisy for one.
- machine reference: a fixed pure-Python workload (no Django, no database) timed in the same
  loop, between the requests. These shared 2-core machines differ in speed from one session
  to the next, and from one minute to the next (the same code measured 20 ms on one and 45 on
  another): this row tells how fast the machine was while the others were measured.
- gunicorn: requests per second for the article page, anonymous readers, a bounded loop of
  CLIENTS keep-alive-less threads for SECONDS against gunicorn on a free loopback port; the
  client runs on the same two cores, so this is a floor, not a ceiling.
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
sys.path.insert(0, str(ROOT))

from bench.postgres import admin_connection  # noqa: E402 - after the path is set

COMMENTS = 500
RUNS = 60
CLIENTS = 8
SECONDS = 8.0
WORKERS = 2


def _env(tmp: Path, database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
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
        PYTHONPATH=str(ROOT),
    )
    env.pop("CACHE_URL", None)
    return env


def _child(code: str, env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


SETUP = f"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", verbosity=0, interactive=False)
from tests.site.factories import make_scene, bulk_articles
scene = make_scene(comments={COMMENTS})
for section in scene.sections.values():
    bulk_articles(section, 300, region=scene.regions["nghi-son"], tag=scene.tags["dau-tu"])
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
print(json.dumps({{"url": scene.article.get_absolute_url()}}))
"""

MEASURE = """
import json, statistics, time, django
django.setup()
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from articles.models import Article
from newsroom.cache import bump, comments_changed
settings.READERSHIP_FLUSH_ON_VIEW = False
url, runs, marker = %r, %d, %r
pk = Article.objects.get(slug="nghi-son-khoi-cong-ben-cang").pk
client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench) Firefox/128.0")
assert client.get(url).status_code == 200  # renditions made once, as on a live site
cases = {
    "cold": cache.clear,  # nothing cached at all
    "publish": lambda: bump("site"),  # another article published: the page is rebuilt
    "comment": lambda: comments_changed(pk),  # a comment approved on this article
    "cached": lambda: None,
}
def reference():
    made = {}
    for i in range(100_000):
        made[str(i)] = i * 2
    return len(made)
times = {name: [] for name in cases}
times["reference"] = []
for _ in range(runs):
    for name, before in cases.items():
        before()
        started = time.perf_counter()
        response = client.get(url)
        times[name].append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and marker in response.content.decode()
    started = time.perf_counter()
    reference()
    times["reference"].append((time.perf_counter() - started) * 1000)
result = {name: statistics.median(values) for name, values in times.items()}
result["size"] = len(response.content)
print(json.dumps(result))
"""


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


def _postgres_url() -> str | None:
    """A throw-away database beside the one DATABASE_URL names, created empty; None when
    DATABASE_URL is not PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/') or 'newsroom'}_article"
    _admin(url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}"))


def _admin(url: str, *statements: str) -> None:
    admin = admin_connection(url)
    with admin.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    admin.close()


def _measure(database: str, database_url: str | None, tmp: Path) -> list[dict]:
    env = _env(tmp, database_url or f"sqlite:///{tmp / 'bench.sqlite3'}")
    url = _child(SETUP, env)["url"]
    timings = _child(MEASURE % (url, RUNS, f"{COMMENTS} bình luận"), env)
    rps, failed = _gunicorn_rps(env, url)
    page = f"{database}: article page ({COMMENTS} comments)"
    return [
        {
            "benchmark": f"{page}, uncached: every cache empty",
            "value": timings["cold"],
            "unit": "ms",
            "budget": "",
            "ok": None,
            "note": "no absolute budget",
        },
        {
            "benchmark": f"{page}, rebuilt after another article is published",
            "value": timings["publish"],
            "unit": "ms",
            "budget": "",
            "ok": None,
            "note": "article's own parts and comments kept",
        },
        {
            "benchmark": f"{page}, rebuilt after a comment approval",
            "value": timings["comment"],
            "unit": "ms",
            "budget": "",
            "ok": None,
            "note": "only the comment list rebuilt",
        },
        {
            "benchmark": f"{page}, from the page cache",
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
    postgres = _postgres_url()
    if postgres is None:
        note = "not run: set DATABASE_URL=postgres://…"
        rows.append({"benchmark": "PostgreSQL: article page", "value": "–", "unit": "",
                     "budget": "", "ok": None, "note": note})  # fmt: skip
        return rows
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
            rows += _measure("PostgreSQL", postgres, Path(tmp))
    finally:
        _admin(postgres, f'DROP DATABASE IF EXISTS "{urlparse(postgres).path[1:]}"')
    return rows


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())
