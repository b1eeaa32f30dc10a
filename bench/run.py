"""`make bench`: run every benchmark in bench/ and print one table.

Each bench module exposes `run() -> list[dict]` with rows
{"benchmark", "value", "unit", "budget", "ok"}; a module that cannot run here (no PostgreSQL,
say) returns a row saying why instead of a number.

Opt-in modules run only when named (`bench/run.py peer_wagtail`) or when their variable is 1
(`BENCH_PEER=1 make bench`); otherwise the table says how to run them.
"""

import importlib
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODULES = ["bench_vietnamese", "bench_article_page", "bench_comments", "bench_edge"]
# The Wagtail peer installs Wagtail into its own virtualenv (.bench-peer/, once) and adds
# minutes to the run.
OPT_IN = {"peer_wagtail": "BENCH_PEER"}


def main(selected: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    rows = []
    opted = [name for name, flag in OPT_IN.items() if os.environ.get(flag) == "1"]
    chosen = selected or MODULES + opted
    for name in chosen:
        path = ROOT / "bench" / f"{name}.py"
        if not path.exists():
            rows.append(
                {
                    "benchmark": name,
                    "value": "–",
                    "unit": "",
                    "budget": "",
                    "ok": None,
                    "note": "not written yet",
                }
            )
            continue
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            rows.extend(module.run())
        except Exception:  # noqa: BLE001 - one broken bench must not hide the others' figures
            traceback.print_exc()
            rows.append(
                {"benchmark": name, "value": "error", "unit": "", "budget": "", "ok": False}
            )
        print(f"[{name}: {time.perf_counter() - started:.1f} s]", file=sys.stderr)
    for name, flag in OPT_IN.items():
        if not selected and name not in chosen:
            note = f"opt-in: {flag}=1 make bench"
            rows.append({"benchmark": name, "value": "–", "unit": "", "budget": "", "ok": None,
                         "note": note})  # fmt: skip
    print_table(rows)
    return 1 if any(row.get("ok") is False for row in rows) else 0


def print_table(rows):
    headers = ["benchmark", "value", "unit", "budget", "result"]
    table = []
    for row in rows:
        value = row["value"]
        if isinstance(value, float):
            value = f"{value:,.2f}"
        verdict = {True: "ok", False: "OVER", None: row.get("note", "n/a")}[row.get("ok")]
        table.append(
            [
                str(row["benchmark"]),
                str(value),
                row.get("unit", ""),
                str(row.get("budget", "")),
                verdict,
            ]
        )
    widths = [
        max(len(h), *(len(r[i]) for r in table)) if table else len(h) for i, h in enumerate(headers)
    ]
    line = " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-+-".join("-" * w for w in widths))
    for r in table:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
