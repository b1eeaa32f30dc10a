"""Newsroom's article page against a peer: Wagtail 7.4 with django-comments-xtd (issue 15).

    python bench/peer_wagtail.py [--rounds N] [--runs N] [--database sqlite|postgres]
    BENCH_PEER=1 make bench        (opt-in there: bench/run.py runs it only when asked)

The peer is a minimal Wagtail site (bench/peer_site/): one page type like our article (title,
lead, a StreamField body of rich-text paragraphs and two figures, an image with its caption
each, a byline) and 500 approved comments, about one in five a reply (one level deep, as
ours), rendered with django-comments-xtd's own tags and templates (`get_comment_count`,
`render_xtdcomment_tree`, `render_comment_form`). It runs in its own virtualenv, made once in
.bench-peer/venv (gitignored; BENCH_PEER_DIR moves it) so Newsroom's dependencies stay
untouched: the first run installs Wagtail there (a minute or so), later runs reuse it. When
that install fails (no network, say) the bench prints a row saying why instead of a number.

Both pages are timed the same way, as bench_article_page's "uncached" row (its SETUP and
measurement are reused as they are for ours): production-like settings (DEBUG off, persistent
connections, local-memory cache), Django's test client, middleware included, one warm-up
request, then RUNS requests each after the whole cache is emptied; the median. The two run
alternately, each measurement in a child process of its own (peer, ours, peer, ours, …,
ROUNDS times), so both see the same machine. Each page's figure is the median of its rounds'
medians; the ratio is the median of the rounds' ratios (a round's two medians were taken a few
seconds apart), checked against the issue's goal (≥ 10×).
Twice: on throw-away SQLite databases in a temporary directory, and on PostgreSQL (the server
of DATABASE_URL, else 127.0.0.1:5432 as user postgres): two throw-away databases beside it,
`<name>_peer_wagtail` and `<name>_peer_ours`, vacuumed and analyzed after loading, dropped
afterwards.

The comparison leans the peer's way: its page is the article and its comments alone, while
ours also draws the site's frame, navigation, related articles, the weather and most-read
boxes; and its replies are a fifth of the comments where ours are all top-level.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import bench_article_page as ours  # noqa: E402 - after the path is set

PEER_DIR = Path(os.environ.get("BENCH_PEER_DIR", ROOT / ".bench-peer"))
SITE = ROOT / "bench" / "peer_site"
REQUIREMENTS = [
    "wagtail==7.4.*",
    "django-comments-xtd==2.10.*",
    "Django==5.2.*",  # Newsroom's own; Wagtail 7.4 and django-comments-xtd 2.10 run on it
    "psycopg2-binary==2.9.*",
]
PACKAGES = ["wagtail", "django-comments-xtd", "Django"]
COMMENTS = ours.COMMENTS
MARKER = f"{COMMENTS} bình luận"
ROUNDS = 9
RUNS = 15
GOAL = 10.0
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/newsroom_bench"


class Skip(Exception):
    """The peer cannot run here; the message says why."""


def _row(benchmark, value, unit="", budget="", ok=None, note=""):
    return {"benchmark": benchmark, "value": value, "unit": unit, "budget": budget, "ok": ok,
            "note": note}  # fmt: skip


def peer_python() -> tuple[Path, str]:
    """The peer virtualenv's interpreter, made on first use; and what was done about it."""
    venv = PEER_DIR / "venv"
    python = venv / "bin" / "python"
    stamp = venv / "bench-requirements.txt"
    wanted = "\n".join(REQUIREMENTS)
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python, f"virtualenv {_shown(venv)}: made by an earlier run, reused"
    print(f"peer_wagtail: one-time install of {', '.join(REQUIREMENTS)} into {_shown(venv)} "
          "(later runs reuse it)", file=sys.stderr)  # fmt: skip
    started = time.monotonic()
    shutil.rmtree(venv, ignore_errors=True)
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True,
                          text=True, check=False)  # fmt: skip
    if made.returncode != 0:
        raise Skip(f"could not make a virtualenv: {_last_line(made.stderr)}")
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         *REQUIREMENTS],
        capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    if installed.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        raise Skip(f"pip could not install the peer's packages: {_last_line(installed.stderr)}")
    stamp.write_text(wanted)
    took = time.monotonic() - started
    return python, f"virtualenv {_shown(venv)} made now, {took:.0f} s (once: later runs reuse it)"


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if not line.startswith("WARNING")]
    return lines[-1][:200] if lines else "no message"


def _versions(python: Path) -> str:
    code = ("import importlib.metadata as m, json; "
            f"print(json.dumps([m.version(p) for p in {PACKAGES!r}]))")  # fmt: skip
    found = subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                           check=False)  # fmt: skip
    if found.returncode != 0:
        raise Skip(f"the peer's packages are missing: {_last_line(found.stderr)}")
    versions = json.loads(found.stdout)
    return ", ".join(f"{name} {version}" for name, version in zip(PACKAGES, versions, strict=True))


def _peer_env(tmp: Path, database_url: str) -> dict:
    dropped = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH", "VIRTUAL_ENV"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="peer.settings",
        PEER_DATABASE_URL=database_url,
        PEER_MEDIA_ROOT=str(tmp / "media"),
        PEER_STATIC_ROOT=str(tmp / "static"),
        PYTHONPATH=str(SITE),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _peer(python: Path, env: dict, *args: str) -> dict:
    result = subprocess.run([str(python), "-m", *args], env=env, cwd=SITE, capture_output=True,
                            text=True, timeout=600, check=False)  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


# Newsroom's side is bench_article_page's own setup and measurement: its load_page/time_page
# where it has them, else its SETUP and MEASURE child scripts.
def _our_env(tmp: Path, database_url: str) -> dict:
    if hasattr(ours, "environment"):
        return ours.environment(tmp, database_url)
    return ours._env(tmp, database_url)


def _our_load(env: dict) -> dict:
    if hasattr(ours, "load_page"):
        return ours.load_page(env)
    return ours._child(ours.SETUP, env)


def _our_time(env: dict, page: dict, runs: int) -> dict:
    if hasattr(ours, "time_page"):
        return ours.time_page(env, page, runs)
    return ours._child(ours.MEASURE % (page["url"], runs, MARKER), env)


def _compare(database: str, python: Path, peer_url: str, our_url: str, tmp: Path,
             rounds: int, runs: int) -> list[dict]:  # fmt: skip
    (tmp / "peer").mkdir()
    (tmp / "ours").mkdir()
    peer_env = _peer_env(tmp / "peer", peer_url)
    our_env = _our_env(tmp / "ours", our_url)
    started = time.monotonic()
    peer_page = _peer(python, peer_env, "peer.load", str(COMMENTS))["url"]
    our_page = _our_load(our_env)
    loaded = time.monotonic() - started
    peer_times, our_times, references, ratios = [], [], [], []
    for _ in range(rounds):
        peer = _peer(python, peer_env, "peer.measure", peer_page, str(runs), MARKER)
        mine = _our_time(our_env, our_page, runs)
        peer_times.append(peer["cold"])
        our_times.append(mine["cold"])
        references.append(mine["reference"])
        ratios.append(peer["cold"] / mine["cold"])
    peer_ms, our_ms, ratio = (statistics.median(x) for x in (peer_times, our_times, ratios))
    page = f"{database}: article page ({COMMENTS} comments), uncached"
    each = f"median of {rounds} × {runs}, alternating"
    reference = statistics.median(references)
    return [
        _row(
            f"{page}: Wagtail 7.4 + django-comments-xtd",
            peer_ms,
            "ms",
            note=f"{peer['queries']} queries, {peer['size'] // 1024} KB; {each}",
        ),
        _row(
            f"{page}: Newsroom",
            our_ms,
            "ms",
            note=f"{mine['size'] // 1024} KB; {each}; machine reference {reference:.1f} ms",
        ),
        _row(f"{database}: peer / Newsroom, uncached", ratio, "×", f"≥ {GOAL:g}×", ratio >= GOAL),
        _row(
            f"{database}: peer / Newsroom, rounds' lowest–highest",
            f"{min(ratios):.1f}–{max(ratios):.1f}",
            "×",
            note=f"ratio of the medians {peer_ms / our_ms:.1f}; databases loaded in {loaded:.0f} s",
        ),
    ]


def _postgres_base() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_POSTGRES


def _throwaway(base: str, suffix: str) -> str:
    parsed = urlparse(base)
    name = f"{parsed.path.lstrip('/') or 'newsroom'}_{suffix}"
    assert "peer" in name
    ours._admin(base, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}"))


def run(rounds: int = ROUNDS, runs: int = RUNS, databases=("sqlite", "postgres")) -> list[dict]:
    try:
        python, how = peer_python()
        versions = _versions(python)
    except (Skip, subprocess.TimeoutExpired) as reason:
        return [_row("Wagtail 7.4 + django-comments-xtd peer", "–", note=f"not run: {reason}")]
    rows = [_row(f"peer: {versions}", "–", note=how)]
    if "sqlite" in databases:
        with tempfile.TemporaryDirectory(prefix="newsroom-peer-") as tmp:
            peer_url = f"sqlite:///{tmp}/peer/db.sqlite3"
            our_url = f"sqlite:///{tmp}/ours/bench.sqlite3"
            rows += _compare("SQLite", python, peer_url, our_url, Path(tmp), rounds, runs)
    if "postgres" not in databases:
        return rows
    base = _postgres_base()
    try:
        made = [_throwaway(base, "peer_wagtail"), _throwaway(base, "peer_ours")]
    except Exception as error:  # noqa: BLE001 - no server here: say so in the table
        said = str(error).strip().splitlines()
        note = f"not run: {said[0][:200] if said else type(error).__name__}"
        return [*rows, _row("PostgreSQL: peer / Newsroom", "–", note=note)]
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-peer-") as tmp:
            rows += _compare("PostgreSQL", python, *made, Path(tmp), rounds, runs)
    finally:
        for url in made:
            ours._admin(base, f'DROP DATABASE IF EXISTS "{urlparse(url).path[1:]}"')
    return rows


if __name__ == "__main__":
    from bench.run import print_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="alternations per database")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed requests per child")
    parser.add_argument("--database", choices=["sqlite", "postgres"], action="append",
                        help="only this database (repeatable); both by default")  # fmt: skip
    arguments = parser.parse_args()
    print_table(run(arguments.rounds, arguments.runs, arguments.database or ("sqlite", "postgres")))
