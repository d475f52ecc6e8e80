"""Section `memory`: the server's RSS idle, after sessions on every page, and over reruns.

One session visits every page through the menu, then nine more side by side (all kept open);
then one session toggles the actor filter 50 times on the page with the most charts. Goals:
RSS under GOAL_RSS_MB after one session on every page, and no growth over the 50 reruns
(GOAL_GROWTH_MB: the median of the last 10 against that of reruns 1-10; RSS moves by ±1-2 MB
on its own, so 50 reruns cannot resolve a leak much smaller than 0.1 MB per rerun).
"""

from __future__ import annotations

import statistics
from typing import Any

from bench.context import Bench, Goal, Page, Rendered, log
from bench.servers import server
from bench.stopwatch import (
    BROWSER_ERRORS,
    Expect,
    clear_actor,
    click_nav,
    new_page,
    open_page,
    select_actor,
    wait_settled,
)
from bench.summaries import first_line, fmt_mb, slope

NAME = "memory"
GOAL_RSS_MB = 250
GOAL_GROWTH_MB = 5.0
RERUNS = 50
MORE_SESSIONS = 9


def visit_all(tabs: list[Any], base: str, pages: list[Page], expects: dict[str, Expect]) -> None:
    """Each tab (its own session) opens the overview, then every page through the menu.

    All tabs take each step together, so several sessions load the server at once.
    """
    for step, target in enumerate(pages):
        expect = expects.get(target.name, Expect())
        if step == 0:
            for tab in tabs:
                tab.goto(target.url(base), wait_until="commit", timeout=120_000)
            befores = [0] * len(tabs)
        else:
            befores = [click_nav(tab, target) for tab in tabs]
        for tab, before in zip(tabs, befores, strict=True):
            wait_settled(tab, expect, finished=before + 1, timeout_s=120)


def measure(bench: Bench) -> None:
    bench.section("memory")
    mem: dict[str, Any] = bench.results.setdefault(NAME, {})  # kept if interrupted
    contexts = []
    pages, expects = bench.pages, bench.expects
    with server() as srv:
        try:
            mem["idle"] = srv.rss()
            context, page = new_page(bench.browser)
            contexts.append(context)
            visit_all([page], srv.url, pages, expects)
            mem["one_session"] = srv.rss()
            log(f"RSS after one session on every page: {mem['one_session'][0]:.0f} MB")
            tabs = []
            for _ in range(MORE_SESSIONS):
                context, page = new_page(bench.browser)
                contexts.append(context)
                tabs.append(page)
            visit_all(tabs, srv.url, pages, expects)
            mem["ten_sessions"] = srv.rss()
            log(f"RSS after {MORE_SESSIONS} more sessions: {mem['ten_sessions'][0]:.0f} MB")
            for c in contexts:
                c.close()
            contexts = []
            # The actor filter on, off, on, ... on the page with the most charts.
            target = max(pages, key=lambda p: expects.get(p.name, Expect()).plots)
            expect = expects.get(target.name, Expect())
            context, page = new_page(bench.browser)
            contexts.append(context)
            open_page(page, target.url(srv.url), expect)
            series = [srv.rss()[0]]
            for i in range(RERUNS):
                if i % 2 == 0:
                    select_actor(page, expect)
                else:
                    clear_actor(page, expect)
                series.append(srv.rss()[0])
            mem["reruns_page"] = target.name
            mem["series"] = series
            mem["slope"] = slope(series)
            mem["growth"] = statistics.median(series[-10:]) - statistics.median(series[1:11])
            log(f"RSS over {RERUNS} reruns: {series[0]:.0f} → {series[-1]:.0f} MB")
        except BROWSER_ERRORS as exc:
            mem["error"] = first_line(exc)
            log(f"memory: {mem['error']}")
        finally:
            for c in contexts:
                c.close()


def render(bench: Bench) -> Rendered:
    mem = bench.results.get(NAME)
    if not mem:
        return Rendered()
    out = Rendered(["## Memory (server RSS, /proc/<pid>/status VmRSS)", ""])
    if "error" in mem:
        out.lines += [f"Error: {mem['error']}", ""]
    rows = [
        ("server idle after start", mem.get("idle")),
        ("one session visited every page", mem.get("one_session")),
        (
            (
                f"{MORE_SESSIONS + 1} sessions (kept open; {MORE_SESSIONS} of them side by "
                "side) visited every page"
            ),
            mem.get("ten_sessions"),
        ),
    ]
    out.lines += ["| state | server RSS | child processes |", "|---|---|---|"]
    out.lines += [f"| {name} | {fmt_mb(v[0])} | {fmt_mb(v[1])} |" for name, v in rows if v]
    series = mem.get("series")
    if series:
        out.lines += [
            "",
            (
                f"{RERUNS} reruns in one session on the {mem['reruns_page']} page (actor filter "
                f"on, off, …): RSS {series[0]:.1f} → {series[10]:.1f} (10) → {series[25]:.1f} "
                f"(25) → {series[-1]:.1f} MB ({RERUNS}); median of the last 10 minus median of "
                f"reruns 1-10: **{mem['growth']:+.1f} MB**; least-squares slope "
                f"{mem['slope'] * 1024:.0f} KB per rerun."
            ),
        ]
    out.lines.append("")
    one = (mem.get("one_session") or [None])[0]
    out.goals.append(
        Goal(
            f"Server RSS < {GOAL_RSS_MB} MB after one session on every page",
            fmt_mb(one) if one is not None else mem.get("error", "not measured"),
            None if one is None else one < GOAL_RSS_MB,
            "" if one is None or one < GOAL_RSS_MB else "see import costs and caches",
        )
    )
    if series:
        ok = mem["growth"] < GOAL_GROWTH_MB
        out.goals.append(
            Goal(
                f"No growth over {RERUNS} reruns in one session (< {GOAL_GROWTH_MB:.0f} MB)",
                f"{mem['growth']:+.1f} MB",
                ok,
                "" if ok else "state or caches grow with every rerun",
            )
        )
    return out
