"""Browser time of an actor-filter change on the pages of issue 9's "pages" work; writes a table.

    .venv/bin/python bench/pages.py [--runs 7] [--pages overview,quotes,actors,source]
                                    [--label after] [--out bench/pages.md]

The same measurement as `bench/run.py`'s "browser filter change" (its helpers, imported, so
the two never disagree on what "settled" means): a real `streamlit run` server, headless
Chromium, pick "Donald Trump" in the sidebar filter and time from the press to the last DOM
change of the new run, then clear it again. Each `--label` run replaces its own column in
`--out` (e.g. "before" on the old tree, "after" on the new one), so one file shows both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.run import (
    GOAL_RERUN_BROWSER_S,
    browser_interaction,
    chromium,
    discover_pages,
    loadavg,
    log,
    server,
)

DEFAULT_PAGES = ("overview", "quotes", "actors", "source")
DATA_START = "<!-- data:"
DATA_END = "-->"


def measure(names: list[str], runs: int) -> dict[str, dict]:
    pages = [p for p in discover_pages() if p.name in names]
    with chromium() as browser, server() as srv:
        found = browser_interaction(browser, srv.base, pages, runs, {})
    return found


def _read(out: Path) -> dict[str, dict]:
    """The measurements already in `out` (kept as JSON in a comment), by label."""
    if not out.exists():
        return {}
    m = re.search(
        re.escape(DATA_START) + r"(.*?)" + re.escape(DATA_END), out.read_text(), re.DOTALL
    )
    return json.loads(m[1]) if m else {}


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f} ms"


def report(columns: dict[str, dict]) -> str:
    labels = list(columns)
    pages = list(dict.fromkeys(p for c in columns.values() for p in c["pages"]))
    lines = [
        "# Browser time of a filter change, per page",
        "",
        (
            "Written by `bench/pages.py` (the measurement of `bench/run.py`'s \"browser filter "
            "change\"): median of the runs, from pressing an option of the sidebar's actor "
            "filter to the last DOM change of the new run, real server and headless Chromium "
            f"(software WebGL). Goal: < {GOAL_RERUN_BROWSER_S * 1000:.0f} ms."
        ),
        "",
        "| page | " + " | ".join(labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for page in pages:
        cells = []
        for label in labels:
            entry = columns[label]["pages"].get(page, {})
            sel = entry.get("select") or {}
            cells.append(
                entry.get("error", "")[:60]
                or f"{_ms(sel.get('median'))} (min {_ms(sel.get('min'))}, n={sel.get('n', 0)})"
            )
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    lines += ["", "| run | when | commit | load average |", "|---|---|---|---|"]
    for label, col in columns.items():
        lines.append(f"| {label} | {col['when']} | {col['commit']} | {col['load']} |")
    lines += ["", DATA_START, json.dumps(columns, indent=1), DATA_END, ""]
    return "\n".join(lines)


def _commit() -> str:
    import subprocess

    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        check=False,
        capture_output=True,
        text=True,
        cwd=BENCH,
    )
    return done.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument("--label", default="after")
    parser.add_argument("--out", type=Path, default=BENCH / "pages.md")
    args = parser.parse_args(argv)
    load_before = loadavg()
    found = measure(args.pages.split(","), args.runs)
    columns = _read(args.out)
    columns[args.label] = {
        "when": dt.datetime.now().isoformat(timespec="minutes"),
        "commit": _commit(),
        "load": f"{load_before} → {loadavg()}",
        "pages": found,
    }
    args.out.write_text(report(columns), encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
