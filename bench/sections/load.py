"""Section `load`: twenty concurrent browser sessions on one server (tests/test_load.py).

The load test is the measurement: it drives 20 Playwright sessions that switch pages,
language and filters while all stay connected, asserts every session keeps its own state,
and writes its latencies to .pytest_cache/load_results.json. The bench runs that one test
(CI=true, so a missing browser fails instead of skipping) and quotes the file it wrote; the
issue sets no number, so the goal is that no session lost its state or saw an error.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from typing import Any

from bench.context import PY, ROOT, Bench, Goal, Rendered, log
from bench.summaries import fmt_s

NAME = "load"
TEST = "tests/test_load.py::test_twenty_concurrent_sessions_keep_their_state"
RESULTS = ROOT / ".pytest_cache" / "load_results.json"
CAP_S = 900


def measure(bench: Bench) -> None:
    bench.section("load (20 sessions)")
    started = time.time()
    try:
        proc = subprocess.run(
            [PY, "-m", "pytest", TEST, "-q"],
            cwd=ROOT,
            env={**os.environ, "CI": "true"},
            capture_output=True,
            text=True,
            timeout=CAP_S,
            check=False,
        )
        returncode, tail = proc.returncode, (proc.stdout + proc.stderr)[-1500:]
    except subprocess.TimeoutExpired:
        returncode, tail = None, f"killed at the cap ({CAP_S} s)"
    fresh = RESULTS.exists() and RESULTS.stat().st_mtime >= started
    found: dict[str, Any] = json.loads(RESULTS.read_text()) if fresh else {}
    bench.results[NAME] = {"returncode": returncode, "tail": tail, "load": found}
    log(f"load: exit {returncode}, p50 {found.get('p50_s')} s, p95 {found.get('p95_s')} s")


def render(bench: Bench) -> Rendered:
    measured = bench.results.get(NAME)
    if not measured:
        return Rendered()
    r = measured["load"]
    lines = ["## Load: 20 concurrent sessions", ""]
    if not r:
        lines += [f"`{TEST}` wrote no results (exit {measured['returncode']}):", ""]
        lines += ["```", measured["tail"].strip(), "```", ""]
        return Rendered(lines, [Goal("20 concurrent sessions keep their state", "—", False)])
    lines += [
        (
            f"`{TEST}` (CI=true): {r['sessions']} sessions on one server and one Chromium "
            f"(software WebGL off for this browser), {r['actions_per_session']} actions each, "
            f"{r['acting_at_once']} in flight at once, all connected throughout; "
            f"{r['actions']} actions in {r['window_seconds']} s, wall time {r['wall_seconds']} s "
            f"on {r['cpu_count']} CPUs. Latency: click to the page settled in the expected "
            "state, measured in the test."
        ),
        "",
        "| action | n | p50 | p95 |",
        "|---|---|---|---|",
        f"| all | {r['actions']} | **{fmt_s(r['p50_s'])}** | **{fmt_s(r['p95_s'])}** |",
    ]
    lines += [
        f"| {kind} | {k['n']} | {fmt_s(k['p50_s'])} | {fmt_s(k['p95_s'])} |"
        for kind, k in r["by_kind"].items()
    ]
    lines += [
        "",
        (
            f"Arrival (first page settled, filter set): p50 {fmt_s(r['arrival_p50_s'])}, "
            f"max {fmt_s(r['arrival_max_s'])}; slowest action {fmt_s(r['max_s'])}."
        ),
        "",
    ]
    failures = r.get("failures") or []
    ok = measured["returncode"] == 0 and not failures
    goal = Goal(
        "20 concurrent sessions keep their state (no error, no lost session)",
        f"{len(failures)} failures; p50 {fmt_s(r['p50_s'])}, p95 {fmt_s(r['p95_s'])}",
        ok,
        "" if ok else "; ".join(failures[:3]) or f"test exit {measured['returncode']}",
    )
    return Rendered(lines, [goal])
