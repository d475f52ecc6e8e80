"""Browser time of an actor-filter change, page by page, for this tree and (optionally) another.

    .venv/bin/python bench/pages.py [--before DIR] [--rounds 3] [--runs 3]
                                    [--pages overview,quotes,actors,source] [--out bench/pages.md]

The measurement of `bench/run.py`'s "browser filter change" (its helpers, imported, so the two
never disagree on what "settled" means): a real `streamlit run` server, headless Chromium, pick
"Donald Trump" in the sidebar filter and time from the press to the last DOM change of the new
run, then clear it again. With `--before DIR` (a checkout of an older commit, e.g.
`git archive main | tar -x -C DIR`) both trees are served at once and measured in alternation,
round after round, so a busy machine slows both alike; the table compares medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.run import (
    BROWSER_ERRORS,
    GOAL_RERUN_BROWSER_S,
    Expect,
    chromium,
    clear_actor,
    discover_expect,
    discover_pages,
    loadavg,
    log,
    new_page,
    open_page,
    select_actor,
)
from tests.browser import running_server

DEFAULT_PAGES = ("overview", "quotes", "actors", "source")


def _commit(tree: Path) -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        check=False,
        capture_output=True,
        text=True,
        cwd=tree,
    )
    return done.stdout.strip() or f"files in {tree}"


def measure(trees: dict[str, Path], names: list[str], rounds: int, runs: int) -> dict[str, Any]:
    """Seconds per filter change: {label: {page: [seconds…] or an error}}, trees alternating."""
    pages = [p for p in discover_pages() if p.name in names]
    times: dict[str, dict[str, Any]] = {label: {p.name: [] for p in pages} for label in trees}
    expects: dict[tuple[str, str], Expect] = {}
    servers = {
        label: running_server(script=str(tree / "dashboard.py")) for label, tree in trees.items()
    }
    with chromium() as browser:
        started = {label: cm.__enter__() for label, cm in servers.items()}
        try:
            for r in range(rounds):
                for label, server in started.items():
                    for pg in pages:
                        found = times[label][pg.name]
                        if isinstance(found, str):
                            continue  # broke in an earlier round
                        context, page = new_page(browser)
                        try:
                            key = (label, pg.name)
                            if key in expects:
                                open_page(page, pg.url(server.url), expects[key])
                            else:
                                expects[key], _counts, _load = discover_expect(
                                    page, pg.url(server.url)
                                )
                            for _ in range(runs):
                                found.append(select_actor(page, expects[key]))
                                clear_actor(page, expects[key])
                        except BROWSER_ERRORS as exc:
                            times[label][pg.name] = f"{type(exc).__name__}: {str(exc)[:200]}"
                        finally:
                            context.close()
                        log(f"round {r + 1} {label} {pg.name}: {_cell(times[label][pg.name])}")
        finally:
            for cm in servers.values():
                cm.__exit__(None, None, None)
    return times


def _cell(values: Any) -> str:
    if isinstance(values, str):
        return values[:60]
    if not values:
        return "–"
    med = statistics.median(values) * 1000
    low, high = min(values) * 1000, max(values) * 1000
    return f"**{med:.0f} ms** (min {low:.0f}, max {high:.0f}, n={len(values)})"


def report(times: dict[str, Any], meta: dict[str, Any]) -> str:
    labels = list(times)
    pages = list(next(iter(times.values())))
    lines = [
        "# Browser time of a filter change, per page",
        "",
        (
            "Written by `bench/pages.py` (the measurement of `bench/run.py`'s \"browser filter "
            "change\"): from pressing an option of the sidebar's actor filter to the last DOM "
            "change of the new run, real server and headless Chromium (software WebGL), "
            f"median of the runs. Goal: < {GOAL_RERUN_BROWSER_S * 1000:.0f} ms. "
            + (
                "The trees were served at once and measured in alternation, so load on the "
                "machine weighs on both alike."
                if len(labels) > 1
                else ""
            )
        ),
        "",
        "| page | " + " | ".join(f"{label} ({meta['trees'][label]})" for label in labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for page in pages:
        lines.append(f"| {page} | " + " | ".join(_cell(times[lb][page]) for lb in labels) + " |")
    lines += [
        "",
        (
            f"{meta['when']}; {meta['rounds']} rounds × {meta['runs']} changes per page and "
            f"tree; load average {meta['load']}."
        ),
        "",
        "<!-- raw seconds:",
        json.dumps(times),
        "-->",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another tree to compare (served alongside)")
    parser.add_argument("--before-name", help="what the other tree is, e.g. main@22d92fe")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3, help="filter changes per page and round")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument("--out", type=Path, default=BENCH / "pages.md")
    args = parser.parse_args(argv)
    trees = {"before": args.before.resolve()} if args.before else {}
    trees["after" if args.before else "this tree"] = ROOT
    load_before = loadavg()
    times = measure(trees, args.pages.split(","), args.rounds, args.runs)
    meta = {
        "when": dt.datetime.now().isoformat(timespec="minutes"),
        "rounds": args.rounds,
        "runs": args.runs,
        "load": f"{load_before} → {loadavg()}",
        "trees": {
            label: (args.before_name if label == "before" and args.before_name else _commit(tree))
            for label, tree in trees.items()
        },
    }
    args.out.write_text(report(times, meta), encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
