"""The article page on two checkouts, timed in turn in one run (`make bench-compare`).

    python bench/compare.py [A [B]] [--rounds 8] [--runs 60]

A and B are git refs or paths to checkouts. A defaults to where this branch left main (its
merge-base with main, or HEAD~1 on main itself), B to HEAD; `.` is this work tree with its
uncommitted changes. A ref is checked out in a temporary detached `git worktree`, removed
afterwards.

For each database (SQLite; PostgreSQL when DATABASE_URL names one, in throw-away databases
`<name>_compare_<pid>_a` and `_b` beside it) each checkout first builds its own database
with its own migrations and the same data (bench_article_page.load_page: 500 comments), its
own media and static files. Then ROUNDS
rounds time A, B, A, B…, each a fresh process running that checkout's code through this
checkout's bench/article_page_driver.py (bench_article_page.time_page: RUNS requests per
case through Django's test client, medians), so both see the same machine, minute by
minute. Printed per row: the median over the rounds for A and for B, B/A of those medians,
the lowest and highest B/A of a round's pair, and the median of the rounds' B/A divided by
their machine references' B/A (what is left of a difference when one side happened to get
the faster machine; near 1 for two trees with the same code, when the raw B/A of a busy
machine can read 0.8 or 1.4). The goal line is the issue's, on the raw B/A: uncached,
B ≤ 1.5 × A; the exit status is 1 when it is not met.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_article_page import (  # noqa: E402 - after the path is set
    COMMENTS,
    RUNS,
    drop_postgres,
    environment,
    load_page,
    postgres_url,
    time_page,
)

ROUNDS = 8  # about 4 minutes on a busy 2-core machine, both databases
GOAL = 1.5  # issue 15: the redesigned page may cost at most 1.5 × today's, uncached
ROWS = [
    ("cold", "uncached: every cache empty", "ms"),
    ("publish", "rebuilt after another article is published", "ms"),
    ("comment", "rebuilt after a comment approval", "ms"),
    ("cached", "from the page cache", "ms"),
    ("reference", "machine reference (B/A near 1: same machine)", "ms"),
    ("size", "page size", "bytes"),
]


@dataclass
class Checkout:
    label: str  # "A" or "B"
    given: str  # as the command line named it
    root: Path
    described: str
    temporary: bool = False


def _git(*args: str) -> str:
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                            check=False)  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def default_base() -> tuple[str, str]:
    """Where this branch left main (HEAD~1 when HEAD is on main, or there is no main): the
    commit, and how to name it."""
    head = _git("rev-parse", "HEAD")
    try:
        base = _git("merge-base", "HEAD", "main")
    except RuntimeError:
        base = head
    return ("HEAD~1", "HEAD~1") if base == head else (base, "the merge-base with main")


def checkout(label: str, given: str, scratch: Path, named: str = "") -> Checkout:
    """`given` as a checkout: a commit in a temporary detached worktree, or a folder as is."""
    named = named or given
    try:
        commit = _git("rev-parse", "--verify", "--quiet", f"{given}^{{commit}}")
    except RuntimeError:
        root = Path(given).resolve()
        if not (root / "manage.py").exists():
            raise SystemExit(f"{given}: neither a git ref nor a checkout (no manage.py)") from None
        return Checkout(label, named, root, f"{root}, as it is on disk")
    root = scratch / label
    _git("worktree", "add", "--quiet", "--detach", str(root), commit)
    described = _git("log", "-1", "--format=%h %s", commit)
    if len(described) > 100:
        described = described[:99] + "…"
    return Checkout(label, named, root, described, temporary=True)


def compare(database: str, sides: list[Checkout], rounds: int, runs: int) -> dict | None:
    """Each side's timings, one dict per round; None for PostgreSQL without DATABASE_URL."""
    made = []  # throw-away PostgreSQL databases
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-compare-") as tmp:
            envs, pages = {}, {}
            for side in sides:
                data = Path(tmp) / side.label
                data.mkdir()
                if database == "PostgreSQL":
                    url = postgres_url(f"compare_{os.getpid()}_{side.label.lower()}")
                    if url is None:
                        return None
                    made.append(url)
                else:
                    url = f"sqlite:///{data / 'bench.sqlite3'}"
                envs[side.label] = environment(data, url, root=side.root)
                pages[side.label] = load_page(envs[side.label], root=side.root)
            timings = {side.label: [] for side in sides}
            for number in range(1, rounds + 1):
                for side in sides:
                    env, page = envs[side.label], pages[side.label]
                    timings[side.label].append(time_page(env, page, runs, root=side.root))
                cold = ", ".join(f"{label} {t[-1]['cold']:.2f}" for label, t in timings.items())
                print(f"[{database}, round {number}/{rounds}, uncached ms: {cold}]",
                      file=sys.stderr)  # fmt: skip
            return timings
    finally:
        for url in made:
            drop_postgres(url)


def summary(database: str, timings: dict) -> tuple[list[list[str]], float, float]:
    """The table's rows for one database; B/A of the uncached medians, and per reference."""
    table, ratios, corrections = [], {}, {}
    rounds = list(zip(timings["A"], timings["B"], strict=True))
    for key, name, unit in ROWS:
        a = statistics.median(t[key] for t in timings["A"])
        b = statistics.median(t[key] for t in timings["B"])
        ratios[key] = b / a
        pairs = [tb[key] / ta[key] for ta, tb in rounds]
        # Each round's B/A divided by its machine references' B/A: what is left when the
        # machine was faster for one side than for the other.
        machine = [tb[key] / ta[key] * ta["reference"] / tb["reference"] for ta, tb in rounds]
        corrections[key] = statistics.median(machine)
        corrected = ""
        if unit == "ms" and key != "reference":
            corrected = f"{corrections[key]:.2f}"
        shown = "{:,.0f}" if unit == "bytes" else "{:.2f}"
        table.append(
            [f"{database}: {name}", unit, shown.format(a), shown.format(b), f"{b / a:.2f}",
             f"{min(pairs):.2f}–{max(pairs):.2f}", corrected]
        )  # fmt: skip
    return table, ratios["cold"], corrections["cold"]


def print_table(table: list[list[str]]) -> None:
    headers = [f"article page ({COMMENTS} comments)", "unit", "A", "B", "B/A", "B/A by round",
               "B/A per reference"]  # fmt: skip
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(headers)]
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in table:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", nargs="?", help="git ref or checkout path (default: merge-base)")
    parser.add_argument("b", nargs="?", default="HEAD", help="git ref or checkout path")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="rounds per checkout")
    parser.add_argument("--runs", type=int, default=RUNS, help="requests per case per round")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="newsroom-compare-trees-"))
    sides, table, goals, notes = [], [], [], []
    try:
        base, named = (args.a, args.a) if args.a else default_base()
        for label, given, name in (("A", base, named), ("B", args.b, args.b)):
            sides.append(checkout(label, given, scratch, name))
            print(f"{label} = {name}: {sides[-1].described}", file=sys.stderr)
        for database in ("SQLite", "PostgreSQL"):
            timings = compare(database, sides, args.rounds, args.runs)
            if timings is None:
                notes.append(f"{database}: not run (set DATABASE_URL=postgres://…)")
                continue
            rows, ratio, corrected = summary(database, timings)
            table += rows
            goals.append((database, ratio, corrected))
    finally:
        for side in sides:
            if side.temporary:
                _git("worktree", "remove", "--force", str(side.root))
        shutil.rmtree(scratch, ignore_errors=True)
    for side in sides:
        print(f"{side.label} = {side.given}: {side.described}")
    print(f"rounds: {args.rounds} each, A and B in turn; a round: {args.runs} requests per case "
          "in a fresh process, medians; A and B below: the median of the rounds")  # fmt: skip
    print_table(table)
    for note in notes:
        print(note)
    for database, ratio, corrected in goals:
        verdict = "met" if ratio <= GOAL else "NOT MET"
        print(f"goal, {database}, uncached: B ≤ {GOAL:g} × A: {verdict} (B = {ratio:.2f} × A; "
              f"per machine reference {corrected:.2f})")  # fmt: skip
    return 0 if all(ratio <= GOAL for _, ratio, _ in goals) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
