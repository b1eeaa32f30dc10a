"""The cached article page at the edge: Varnish (deploy/varnish/default.vcl) against nginx
serving the same bytes from a file, and the app servers' own cached throughput.

    python bench/bench_edge.py        (or `make bench`; needs varnishd with varnish-modules,
                                       nginx and wrk, else one row says what is missing)

The stack is tests/edge/stack.py's (README, "Running the whole stack on one machine"), on the
production settings: PostgreSQL beside DATABASE_URL (`<name>_edge`, dropped afterwards) or
else a SQLite file, Redis database 13 (emptied) or else a file cache; the article page with
COMMENTS approved comments.

- Varnish vs nginx: wrk (THREADS threads, CONNECTIONS keep-alive connections, SECONDS s)
  alternately against Varnish, which holds the page, and nginx serving the bytes Varnish
  sends from a file, ROUNDS rounds each, in one run: the machine's noise hits both alike.
  Both answer with gzip (wrk sends Accept-Encoding: gzip, as every browser does): Varnish
  its stored, compressed page, nginx the same compressed bytes (gzip_static). Goal: Varnish
  at ≥ 50% of nginx (issue 16, item 7). When the app does not mark the page shareable
  (X-Cache is not HIT), the row says so instead: Varnish then only relays the app servers.
- gunicorn direct (for reference): the same page from the app's own page cache, wrk against
  one app server with 2 and then with 4 sync workers (deploy/gunicorn.conf.py), alternately,
  ROUNDS rounds each. wrk runs on the same two cores: these are floors, not ceilings.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.edge import stack  # noqa: E402 - after the path is set
from tests.edge.stack import fetch, wait_until  # noqa: E402

COMMENTS = 500
ROUNDS = int(os.environ.get("BENCH_EDGE_ROUNDS", 3))
SECONDS = int(os.environ.get("BENCH_EDGE_SECONDS", 10))
THREADS = 2
CONNECTIONS = 32
GOAL = 0.5
REDIS_DB = 13
# BENCH_EDGE_GZIP=0: wrk asks for the page uncompressed (Varnish then unzips its copy for
# each request; nginx sends the plain file).
GZIP = {"Accept-Encoding": "gzip"} if os.environ.get("BENCH_EDGE_GZIP", "1") == "1" else {}

NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {folder}/nginx-page.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {folder}/nginx-page-body;
    proxy_temp_path {folder}/nginx-page-proxy;
    fastcgi_temp_path {folder}/nginx-page-fastcgi;
    uwsgi_temp_path {folder}/nginx-page-uwsgi;
    scgi_temp_path {folder}/nginx-page-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {folder}/page;
        default_type "text/html; charset=utf-8";
        gzip_static on;
    }}
}}
"""


def missing() -> str | None:
    if stack.varnishd() is None:
        return "varnishd not installed (apt-get install varnish)"
    if not stack.has_xkey():
        return "vmod xkey not installed (apt-get install varnish-modules)"
    if stack.nginx() is None:
        return "nginx not installed (apt-get install nginx)"
    if shutil.which("wrk") is None:
        return "wrk not installed (apt-get install wrk)"
    return None


def wrk(url: str, *, headers: dict | None = None, connections: int = CONNECTIONS) -> dict:
    command = ["wrk", "-t", str(THREADS), "-c", str(connections), "-d", f"{SECONDS}s",
               "--latency"]  # fmt: skip
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    result = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=SECONDS + 30, check=True
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": rps,
        "bad": int(bad.group(1)) if bad else 0,
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def _stores(folder: Path) -> tuple[str, str]:
    database = os.environ.get("DATABASE_URL", "")
    if database.startswith(("postgres://", "postgresql://")):
        database = stack.postgres_beside(database, "edge")
    else:
        database = f"sqlite:///{folder / 'edge.sqlite3'}"
    # Redis as in production: CACHE_URL's server, else the local one, database REDIS_DB.
    cache = os.environ.get("CACHE_URL", "") or "redis://127.0.0.1:6379/0"
    try:
        cache = stack.redis_beside(cache, REDIS_DB) if cache.startswith("redis") else ""
    except Exception as error:  # noqa: BLE001 - no Redis here: a file cache will do
        print(f"bench_edge: no Redis ({error}); a file cache instead", file=sys.stderr)
        cache = ""
    return database, cache or f"filecache://{folder / 'cache'}"


def _row(benchmark, value, unit, note, ok=None, budget=""):
    return {"benchmark": benchmark, "value": value, "unit": unit, "budget": budget, "ok": ok,
            "note": note}  # fmt: skip


def measure(folder: Path) -> list[dict]:
    processes = stack.Stack(folder)
    database, cache = _stores(folder)
    try:
        return _measure(folder, processes, database, cache)
    finally:
        processes.stop_all()
        if database.startswith("postgres"):
            stack.drop_postgres(database)
        if cache.startswith("redis"):
            stack.flush_redis(cache)


def _measure(folder: Path, processes: stack.Stack, database: str, cache: str) -> list[dict]:
    edge_port, media_port, page_port = stack.free_port(), stack.free_port(), stack.free_port()
    site = f"http://127.0.0.1:{edge_port}"
    env = stack.app_environment(folder, database_url=database, cache_url=cache, site_url=site)
    (folder / "media").mkdir()
    paper = stack.seed(env, str(COMMENTS))
    path = paper["article"]["url"]

    # Two app servers behind Varnish, as in production (workers from the cores), and one
    # with 2 and one with 4 workers for the direct rows.
    ports = {name: stack.free_port() for name in ("a", "b", "w2", "w4")}
    workers = {"a": None, "b": None, "w2": 2, "w4": 4}
    for name, port in ports.items():
        count = workers[name] or len(os.sched_getaffinity(0))
        stack.start_gunicorn(processes, f"gunicorn-{name}", env, port, workers=count)
    stack.start_nginx(processes, media_port, prefix=folder)
    for name, port in ports.items():
        stack.wait_for(f"http://127.0.0.1:{port}/healthz", what=f"gunicorn-{name}",
                       stack=processes)  # fmt: skip
    backends = stack.backends_vcl([ports["a"], ports["b"]], media_port)
    stack.start_varnish(processes, edge_port, backends, memory="256m")

    wait_until(lambda: fetch(f"{site}/healthz").status == 200, what="healthy app servers")
    fetch(site + path, headers=GZIP)
    held = fetch(site + path, headers=GZIP)
    cached = held.header("X-Cache") == "HIT"

    # nginx: the bytes Varnish sends, compressed, from a file.
    page = folder / "page"
    page.mkdir()
    name = path.lstrip("/")
    plain = fetch(site + path).body
    (page / name).write_bytes(plain)
    if held.header("Content-Encoding") == "gzip":
        (page / f"{name}.gz").write_bytes(held.body)
    (folder / "nginx-page.conf").write_text(NGINX_CONF.format(folder=folder, port=page_port))
    command = [stack.nginx(), "-p", f"{folder}/", "-c", str(folder / "nginx-page.conf")]
    if os.geteuid() == 0:
        command += ["-g", "user root;"]
    processes.start("nginx-page", command)
    stack.wait_for(f"http://127.0.0.1:{page_port}/", what="nginx-page", stack=processes)
    same = fetch(f"http://127.0.0.1:{page_port}/{name}", headers=GZIP).body == held.body
    assert same, "nginx does not serve the bytes Varnish sends"

    # Every app server's page cache warm.
    for port in ports.values():
        for _ in range(10):
            fetch(f"http://127.0.0.1:{port}{path}")

    edge_runs, nginx_runs, w2_runs, w4_runs = [], [], [], []
    for _ in range(ROUNDS):
        edge_runs.append(wrk(site + path, headers=GZIP))
        nginx_runs.append(wrk(f"http://127.0.0.1:{page_port}/{name}", headers=GZIP))
    for _ in range(ROUNDS):
        w2_runs.append(wrk(f"http://127.0.0.1:{ports['w2']}{path}"))
        w4_runs.append(wrk(f"http://127.0.0.1:{ports['w4']}{path}"))

    def median(runs):
        return statistics.median(run["rps"] for run in runs)

    def failures(runs):
        return sum(run["bad"] + run["errors"] for run in runs)

    print(f"bench_edge rounds (req/s): Varnish {_figures(edge_runs)}; nginx "
          f"{_figures(nginx_runs)}; gunicorn 2 workers {_figures(w2_runs)}; 4 workers "
          f"{_figures(w4_runs)}", file=sys.stderr)  # fmt: skip
    edge, static = median(edge_runs), median(nginx_runs)
    ratio = edge / static
    size = f"{len(held.body):,} B gzip, {len(plain):,} B"
    wrk_note = f"wrk -t{THREADS} -c{CONNECTIONS} {SECONDS}s, median of {ROUNDS}"
    rows = [
        _row(f"edge: article page ({COMMENTS} comments) from nginx, a file ({size})", static,
             "req/s", wrk_note),
        _row("edge: the same page from Varnish", edge, "req/s",
             wrk_note if cached else "not cached at the edge (X-Cache: "
             f"{held.header('X-Cache') or '–'}): the app sends no s-maxage yet"),
    ]  # fmt: skip
    if cached:
        ok = ratio >= GOAL and failures(edge_runs) == 0
        rounds = f"rounds: {_figures(edge_runs)} vs {_figures(nginx_runs)} req/s"
        rows.append(_row("edge: Varnish / nginx", ratio * 100, "%", rounds, ok=ok,
                         budget=f">= {GOAL:.0%}"))  # fmt: skip
    else:
        rows.append(_row("edge: Varnish / nginx", ratio * 100, "%",
                         "no verdict: the page is not cached at the edge"))  # fmt: skip
    for label, runs in (("2", w2_runs), ("4", w4_runs)):
        bad = failures(runs)
        rows.append(_row(f"edge: the same page from gunicorn directly, {label} sync workers",
                         median(runs), "req/s",
                         f"{wrk_note}; the app's page cache" if not bad else f"{bad} failed",
                         ok=None if not bad else False))  # fmt: skip
    return rows


def _figures(runs) -> str:
    return ", ".join(f"{run['rps']:,.0f}" for run in runs)


def run() -> list[dict]:
    reason = missing()
    if reason:
        return [_row("edge: Varnish vs nginx, cached article page", "–", "", f"not run: {reason}")]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-edge-") as folder:
        rows = measure(Path(folder))
    print(f"[bench_edge: {time.monotonic() - started:.0f} s]", file=sys.stderr)
    return rows


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    from bench.run import print_table

    print_table(run())
