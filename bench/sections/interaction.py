"""Section `interaction`: the actor-filter change on every page, in the browser and server-side.

Browser: in a fresh session per page, press the actor's option in the sidebar multiselect
and time until the page settled (page clock), RUNS times, clearing the filter in between.
Server: AppTest reruns of the same change (bench.reruns), then views not seen before, then a
profile naming where the time goes. Goals: a rerun under GOAL_SERVER_S server-side and a
filter change under GOAL_BROWSER_S in the browser, on every page.
"""

from __future__ import annotations

from typing import Any

from bench.context import ACTOR_KEY, ACTOR_TEXT, Bench, Goal, Page, Rendered, log
from bench.reruns import apptest_reruns
from bench.servers import server
from bench.stopwatch import (
    BROWSER_ERRORS,
    Expect,
    clear_actor,
    discover_expect,
    new_page,
    open_page,
    select_actor,
)
from bench.summaries import first_line, fmt_s, fmt_sum, summary, table_cell

NAME = "interaction"
GOAL_SERVER_S = 0.050
GOAL_BROWSER_S = 0.300
SERVER_RERUNS = 15
PROFILED_RERUNS = 4


def browser_interaction(
    browser: Any,
    base: str,
    pages: list[Page],
    runs: int,
    expects: dict[str, Expect],
    *,
    skip: dict[str, str] | None = None,
    timeout_s: float = 60,
) -> dict[str, Any]:
    """Per page: load time of a fresh session, and `runs` timed actor selections."""
    out: dict[str, Any] = {}
    for pg in pages:
        if skip and pg.name in skip:
            out[pg.name] = {"error": skip[pg.name]}
            continue
        context, page = new_page(browser)
        entry: dict[str, Any] = {}
        try:
            if pg.name in expects:
                expect = expects[pg.name]
                entry["load"] = open_page(page, pg.url(base), expect, timeout_s=max(120, timeout_s))
            else:  # the first visit of this page: learn what it draws, and time that load
                expect, entry["counts"], entry["load"] = discover_expect(page, pg.url(base))
                expects[pg.name] = expect
            times = []
            for _ in range(runs):
                times.append(select_actor(page, expect, timeout_s))
                clear_actor(page, expect, timeout_s)
            entry["select"] = summary(times)
            log(
                f"browser {pg.name}: load {fmt_s(entry['load'])}, select {fmt_sum(entry['select'])}"
            )
        except BROWSER_ERRORS as exc:  # a timeout or a broken page is a result, not a crash
            entry["error"] = first_line(exc)
            log(f"browser {pg.name}: {entry['error']}")
        finally:
            context.close()
        out[pg.name] = entry
    return out


def measure(bench: Bench) -> None:
    bench.section("interaction")
    with server() as srv:
        browser = browser_interaction(
            bench.browser, srv.url, bench.pages, bench.runs, bench.expects
        )
    log("server-side reruns (AppTest)")
    apptest = apptest_reruns(bench.pages, reruns=SERVER_RERUNS, profile=PROFILED_RERUNS)
    for name, r in apptest.items():
        log(f"apptest {name}: {fmt_sum(r.get('rerun'))} {r.get('error') or ''}")
    bench.results[NAME] = {"browser": browser, "apptest": apptest}


def hot(result: dict[str, Any], top: int = 3) -> str:
    """The profiled functions that take most of a rerun, as markdown."""
    found = result.get("hot") or []
    return ", ".join(f"`{name}` {fmt_s(sec)}" for name, sec in found[:top]) or "—"


def _listed(label: str, items: list[str]) -> str:
    return f"{label}: {', '.join(items)}" if items else ""


def render(bench: Bench) -> Rendered:
    measured = bench.results.get(NAME)
    if not measured:
        return Rendered()
    browser, apptest = measured["browser"], measured["apptest"]
    out = Rendered(
        [
            "## Interaction: actor filter change",
            "",
            (
                f"Browser: press on the “{ACTOR_TEXT}” option of the sidebar multiselect "
                f"(`.st-key-{ACTOR_KEY}`) to the page settled (a new script run finished, no "
                "status widget, charts drawn), measured in the page's own clock; then the "
                "filter is cleared (untimed) and the next run starts. Server: AppTest, the same "
                f"multiselect toggled on/off, {SERVER_RERUNS} timed reruns after 2 warm-ups, in "
                "a fresh process (the two views alternate, so charts come from the per-view "
                f"cache of `usmx.ui.charts`); then up to {SERVER_RERUNS} reruns each selecting "
                "another actor (views not seen before: every chart is built); then "
                f"{PROFILED_RERUNS} more reruns under cProfile name the `usmx` functions that "
                "take the time (cumulative per rerun, nested calls overlap, inflated by the "
                "profiler: compare within a row)."
            ),
            "",
            (
                "| page | browser: first visit (new session) | browser: filter change | "
                "server: rerun | server: rerun, new view | where the server time goes |"
            ),
            "|---|---|---|---|---|---|",
        ]
    )
    worst_b, worst_s, worst_new = 0.0, 0.0, 0.0
    for pg in bench.pages:
        b, s = browser.get(pg.name, {}), apptest.get(pg.name, {})
        bcell = table_cell(b["error"]) if b.get("error") else fmt_sum(b.get("select"))
        scell = table_cell(s["error"]) if s.get("error") else fmt_sum(s.get("rerun"))
        ncell = "" if s.get("error") else fmt_sum(s.get("rerun_new"))
        out.lines.append(
            f"| {pg.name} | {fmt_s(b.get('load'))} | {bcell} | {scell} | {ncell} | {hot(s)} |"
        )
        if b.get("select"):
            worst_b = max(worst_b, b["select"]["median"])
        if s.get("rerun"):
            worst_s = max(worst_s, s["rerun"]["median"])
        if s.get("rerun_new"):
            worst_new = max(worst_new, s["rerun_new"]["median"])
    if bare := apptest.get("_bare"):
        out.lines += [
            "",
            f"AppTest floor (rerun of the one-line bare app): {fmt_sum(bare['rerun'])}.",
        ]
    out.lines.append("")

    pages = {pg.name for pg in bench.pages}
    slow_s = [
        f"{n} {fmt_s(s['rerun']['median'])}" + (f" ({hot(s, 1)})" if s.get("hot") else "")
        for n, s in apptest.items()
        if n in pages and s.get("rerun") and s["rerun"]["median"] >= GOAL_SERVER_S
    ]
    # A page that could not be measured fails its goal: a guard must not pass by omission.
    failed_s = [n for n, s in apptest.items() if n in pages and s.get("error")]
    failed_b = [n for n, b in browser.items() if b.get("error")]
    out.goals.append(
        Goal(
            f"Rerun < {fmt_s(GOAL_SERVER_S)} server-side (every page)",
            f"worst median {fmt_s(worst_s)}",
            not slow_s and not failed_s,
            "; ".join(filter(None, [_listed("slow", slow_s), _listed("not measured", failed_s)])),
        )
    )
    slow_new = [
        f"{n} {fmt_s(s['rerun_new']['median'])}"
        for n, s in apptest.items()
        if (s.get("rerun_new") or {}).get("median", 0) >= GOAL_SERVER_S
    ]
    out.goals.append(
        Goal(
            f"… and for a view not seen before (< {fmt_s(GOAL_SERVER_S)})",
            f"worst median {fmt_s(worst_new)}",
            not slow_new and not failed_s,
            "; ".join(
                filter(
                    None,
                    [
                        _listed("slow", slow_new)
                        + (": building plotly figures for a new filter" if slow_new else ""),
                        _listed("not measured", failed_s),
                    ],
                )
            ),
        )
    )
    slow_b = [
        f"{n} {fmt_s(b['select']['median'])}"
        for n, b in browser.items()
        if b.get("select") and b["select"]["median"] >= GOAL_BROWSER_S
    ]
    browser_side = sorted(
        (
            (b["select"]["median"] - apptest[n]["rerun"]["median"], n)
            for n, b in browser.items()
            if b.get("select") and apptest.get(n, {}).get("rerun")
        ),
        reverse=True,
    )
    why = "; ".join(filter(None, [_listed("slow", slow_b), _listed("not measured", failed_b)]))
    if slow_b and browser_side:
        why += "; time in the browser after the server's part (browser − server): " + (
            ", ".join(f"{n} {fmt_s(d)}" for d, n in browser_side[:3])
        )
    out.goals.append(
        Goal(
            f"Filter change < {fmt_s(GOAL_BROWSER_S)} in the browser (every page)",
            f"worst median {fmt_s(worst_b)}",
            not slow_b and not failed_b,
            why,
        )
    )
    return out
