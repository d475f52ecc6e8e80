"""Section `cold`: cold start of the app against the smallest Streamlit app.

From spawning `streamlit run` to the first page fully drawn in a new browser context, for
dashboard.py and bench/bare_app.py in a rotating order (one warm-up round discarded). Goal:
the app within GOAL_RATIO times the bare app. Also learns what the overview draws (the
counts later sections wait for).

`BENCH_BASELINE=<git ref>` (`make bench BASELINE=<ref>`) adds that commit's app to the
alternation: a worktree under bench/tmp, run by the same venv, config and browser, so a
change is compared with an earlier tree on this machine today, not with a number measured on
another day. Streamlit puts the script's folder first on sys.path: the worktree's dashboard.py
imports the worktree's usmx.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.context import PY, ROOT, Bench, Goal, Rendered, log
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


def baseline_script(ref: str) -> tuple[str, str]:
    """(short commit, absolute path of its dashboard.py) in a worktree of `ref`, made once."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", f"{ref}^{{commit}}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    tree = ROOT / "bench" / "tmp" / f"baseline-{commit}"
    if not tree.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), commit],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    # Bytecode as for the app (make bytecode), so both start the same way.
    subprocess.run(
        [PY, "-m", "compileall", "-q", "usmx"], cwd=tree, check=True, capture_output=True
    )
    return commit, str(Path(tree, "dashboard.py"))


def _discover(browser: Any, script: str) -> tuple[Expect, dict[str, int]]:
    with server(script) as srv:
        context, page = new_page(browser)
        try:
            expect, counts, _ = discover_expect(page, srv.url + "/")
        finally:
            context.close()
    return expect, counts


def measure(bench: Bench) -> None:
    bench.section("cold start")
    browser = bench.browser
    app_expect, counts = _discover(browser, "dashboard.py")
    bench.expects.setdefault("overview", app_expect)
    bare_expect = Expect(content='[data-testid="stMarkdown"]')
    scripts = [("app", "dashboard.py", app_expect), ("bare", BARE_APP, bare_expect)]
    baseline = None
    if ref := os.environ.get("BENCH_BASELINE"):
        baseline, path = baseline_script(ref)
        scripts.append(("baseline", path, _discover(browser, path)[0]))
    times: dict[str, dict[str, list[float]]] = {
        name: {k: [] for k in STAGES} for name, *_ in scripts
    }
    for i in range(bench.runs + 1):  # run 0 warms the disk cache and is discarded
        order = scripts[i % len(scripts) :] + scripts[: i % len(scripts)]
        for name, script, expect in order:
            got = cold_start_once(browser, script, expect)
            log(f"cold {name} run {i}: " + ", ".join(f"{k} {fmt_s(v)}" for k, v in got.items()))
            if i:
                for k, v in got.items():
                    times[name][k].append(v)
    ratios = [a / b for a, b in zip(times["app"]["drawn"], times["bare"]["drawn"], strict=True)]
    bare_drawn = statistics.median(times["bare"]["drawn"])
    bench.results[NAME] = {
        "overview_counts": counts,
        **{name: {k: summary(v) for k, v in times[name].items()} for name, *_ in scripts},
        "ratio": summary(ratios),
        "ratio_of_medians": statistics.median(times["app"]["drawn"]) / bare_drawn,
    }
    if baseline:
        bench.results[NAME]["baseline_commit"] = baseline
        bench.results[NAME]["baseline_ratio"] = (
            statistics.median(times["baseline"]["drawn"]) / bare_drawn
        )


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
            "SVG). Runs alternate app and bare (and the baseline tree, if any) in a rotating order; "
            "the first round warms the disk cache and is discarded."
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
    if "baseline" in cold:
        base = cold["baseline"]
        commit = cold["baseline_commit"]
        lines[-3:-3] = [
            (
                f"| dashboard.py at {commit} (`BENCH_BASELINE`, same venv and config) | "
                f"{fmt_sum(base['health'])} | {fmt_sum(base['finished'])} | "
                f"{fmt_sum(base['drawn'])} |"
            )
        ]
        lines[-1:-1] = [
            "",
            (
                f"The tree at {commit}, in the same runs: **{cold['baseline_ratio']:.2f}x** the "
                f"bare app; this tree draws its first page in {fmt_s(app['drawn']['median'])} "
                f"against {fmt_s(base['drawn']['median'])} for {commit}."
            ),
        ]
    ok = ratio <= GOAL_RATIO
    goal = Goal(
        f"Cold start within {GOAL_RATIO}x of a bare app",
        f"{ratio:.2f}x ({fmt_s(app['drawn']['median'])} vs {fmt_s(bare['drawn']['median'])})",
        ok,
        "" if ok else _why(bench),
    )
    return Rendered(lines, [goal])
