"""Section `cold`: cold start of the app against the smallest Streamlit app.

From spawning `streamlit run` to the first page fully drawn in a new browser context, for
dashboard.py and bench/bare_app.py in alternating pairs (one warm-up pair discarded). Goal:
the app within GOAL_RATIO times the bare app. Also learns what the overview draws (the
counts later sections wait for).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench.context import Bench, Goal, Rendered, log
from bench.servers import BenchServer, server
from bench.stopwatch import Expect, discover_expect, new_page, wait_settled
from bench.summaries import fmt_s, fmt_sum, summary

NAME = "cold"
GOAL_RATIO = 1.5
BARE_APP = "bench/bare_app.py"
STAGES = ("health", "finished", "drawn")


def cold_start_once(browser: Any, script: str, expect: Expect) -> dict[str, float]:
    """Seconds from spawning streamlit to: health ok, first script run finished, page drawn."""
    srv = BenchServer(script)
    try:
        health = srv.wait_healthy()
        context, page = new_page(browser)
        try:
            opened = time.perf_counter()
            page.goto(srv.url + "/", wait_until="commit", timeout=120_000)
            ago = wait_settled(page, expect, timeout_s=120)
            drawn = time.perf_counter() - ago - srv.started
            # The page clock starts at navigation, i.e. when goto started.
            finished_ms = page.evaluate("window.__usmxFinishedAt")
            finished = opened - srv.started + finished_ms / 1000
        finally:
            context.close()
        return {"health": health, "finished": finished, "drawn": drawn}
    finally:
        srv.stop()


def measure(bench: Bench) -> None:
    bench.section("cold start")
    browser = bench.browser
    with server() as srv:
        context, page = new_page(browser)
        try:
            app_expect, counts, _ = discover_expect(page, srv.url + "/")
        finally:
            context.close()
    bench.expects.setdefault("overview", app_expect)
    bare_expect = Expect(content='[data-testid="stMarkdown"]')
    times: dict[str, dict[str, list[float]]] = {
        "app": {k: [] for k in STAGES},
        "bare": {k: [] for k in STAGES},
    }
    for i in range(bench.runs + 1):  # run 0 warms the disk cache and is discarded
        order = [("app", "dashboard.py", app_expect), ("bare", BARE_APP, bare_expect)]
        if i % 2:
            order.reverse()
        for name, script, expect in order:
            got = cold_start_once(browser, script, expect)
            log(f"cold {name} run {i}: " + ", ".join(f"{k} {fmt_s(v)}" for k, v in got.items()))
            if i:
                for k, v in got.items():
                    times[name][k].append(v)
    ratios = [a / b for a, b in zip(times["app"]["drawn"], times["bare"]["drawn"], strict=True)]
    bench.results[NAME] = {
        "overview_counts": counts,
        "app": {k: summary(v) for k, v in times["app"].items()},
        "bare": {k: summary(v) for k, v in times["bare"].items()},
        "ratio": summary(ratios),
        "ratio_of_medians": statistics.median(times["app"]["drawn"])
        / statistics.median(times["bare"]["drawn"]),
    }


def _why(bench: Bench) -> str:
    """Where the app's extra cold-start time goes, from the numbers measured."""
    from bench.sections.imports import OVERVIEW_IMPORTS

    r = bench.results
    app, bare = r[NAME]["app"], r[NAME]["bare"]
    parts = [
        (
            f"the server finishes the first run {fmt_s(app['finished']['median'])} after spawn "
            f"(bare {fmt_s(bare['finished']['median'])})"
        )
    ]
    measured = r.get("imports") or {}
    imports = measured.get("costs", {}).get(OVERVIEW_IMPORTS)
    first = measured.get("modules", {}).get("dashboard.py", {}).get("first_run")
    if imports:
        parts.append(f"the overview's imports alone take {fmt_s(imports['median'])}")
    if first:
        parts.append(f"its first script run (imports, data, render) {fmt_s(first)}")
    parts.append(
        "drawing after the run "
        f"{fmt_s(app['drawn']['median'] - app['finished']['median'])} "
        f"(bare {fmt_s(bare['drawn']['median'] - bare['finished']['median'])})"
    )
    return "; ".join(parts)


def render(bench: Bench) -> Rendered:
    cold = bench.results.get(NAME)
    if not cold:
        return Rendered()
    ratio = cold["ratio_of_medians"]
    app, bare = cold["app"], cold["bare"]
    lines = [
        "## Cold start",
        "",
        (
            "From spawning `streamlit run` to the first page fully drawn in a new browser "
            "context (script state notRunning, no status widget, every plotly chart has its "
            "SVG). Runs alternate app/bare; one warm-up pair is discarded."
        ),
        f"The overview drew: {cold['overview_counts']}.",
        "",
        "| app | server healthy | first script run finished | page fully drawn |",
        "|---|---|---|---|",
        (
            f"| dashboard.py (overview) | {fmt_sum(app['health'])} | "
            f"{fmt_sum(app['finished'])} | {fmt_sum(app['drawn'])} |"
        ),
        (
            f"| {BARE_APP} (one line) | {fmt_sum(bare['health'])} | "
            f"{fmt_sum(bare['finished'])} | {fmt_sum(bare['drawn'])} |"
        ),
        "",
        (
            f"Ratio app/bare: **{ratio:.2f}x** (ratio of medians); per pair "
            f"{fmt_sum(cold['ratio'], lambda x: f'{x:.2f}x')}."
        ),
        "",
    ]
    ok = ratio <= GOAL_RATIO
    goal = Goal(
        f"Cold start within {GOAL_RATIO}x of a bare app",
        f"{ratio:.2f}x ({fmt_s(app['drawn']['median'])} vs {fmt_s(bare['drawn']['median'])})",
        ok,
        "" if ok else _why(bench),
    )
    return Rendered(lines, [goal])
