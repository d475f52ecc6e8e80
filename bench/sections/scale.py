"""Section `scale`: the app on generated datasets of 10k and 100k events.

bench/generate.py writes the events into a temporary directory (never data/). Per size: stock
`load_dataset` (YAML) with a cap, core costs in a worker (`_scale`: load, tables, filters, the
map's points), server reruns per page (bench.reruns, one capped process per page at the first
size), then the browser on a server that reads the generated file fast. Pages too slow at one
size are skipped at the next. Workers: bench/sections/scale_core.py; the table and the goals:
bench/sections/scale_report.py.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench import generate
from bench.context import Bench, Page, Rendered, log
from bench.reruns import apptest_reruns
from bench.sections.interaction import browser_interaction
from bench.servers import server
from bench.stopwatch import BROWSER_ERRORS, Expect, new_page, open_page
from bench.summaries import first_line, fmt_s, fmt_sum
from bench.workers import worker

NAME = "scale"
SIZES = (10_000, 100_000)
STOCK_LOAD_CAP_S = 90
RERUNS = 2  # timed server reruns and browser filter changes per page at scale
PAGE_CAP_S = {10_000: 45, 100_000: 150}  # seconds per page process (load included)
SKIP_AFTER_S = 10.0  # a page this slow per rerun at one size is not tried at the next


def scale_browser(
    bench: Bench, path: Path, skip: dict[str, str], timeout_s: float
) -> dict[str, Any]:
    """First visit and filter changes in the browser, on a server serving `path`."""
    out: dict[str, Any] = {}
    with server(env={"USMX_DATASET": str(path)}, fast=True) as srv:
        context, page = new_page(bench.browser)
        try:
            overview = bench.expects.get("overview", Expect())
            out["first_visit"] = open_page(page, srv.url + "/", overview, timeout_s=300)
            log(f"first visit (loads the data): {fmt_s(out['first_visit'])}")
        except BROWSER_ERRORS as exc:
            out["error"] = first_line(exc)
            log(f"first visit failed: {out['error']}")
            return out
        finally:
            context.close()
        out["pages"] = browser_interaction(
            bench.browser, srv.url, bench.pages, RERUNS, bench.expects, skip=skip,
            timeout_s=timeout_s,
        )  # fmt: skip
        out["rss"] = srv.rss()
    return out


def _server_reruns(pages: list[Page], n: int, path: Path, skip: dict[str, str]) -> dict:
    """Server reruns at size `n`: at the first size one process per page (a page that never
    finishes cannot starve the others), later sizes one process (loading is the cost there)."""
    found: dict[str, Any] = {}
    todo = [pg for pg in pages if pg.name not in skip]
    groups = [[pg] for pg in todo] if n == SIZES[0] else [todo]
    for group in filter(None, groups):
        found.update(
            apptest_reruns(
                group,
                reruns=RERUNS,
                warmups=1,
                env={"USMX_DATASET": str(path), "USMX_BENCH_FAST": "1"},
                timeout=PAGE_CAP_S.get(n, 150) * len(group),
                baseline=False,
                profile=2 if n == SIZES[0] else 0,
            )
        )
    for pg in pages:
        r = found.setdefault(pg.name, {"page": pg.name, "error": skip.get(pg.name)})
        log(f"apptest {pg.name} at {n}: {fmt_sum(r.get('rerun'))} {r.get('error') or ''}")
    return found


def measure_size(bench: Bench, n: int, tmp: Path, skip: dict[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    t = time.perf_counter()
    path = generate.generate(n, tmp / f"n{n}")
    entry["generate"] = time.perf_counter() - t
    entry["mb"] = path.stat().st_size / 1e6
    log(f"{n} events: {entry['mb']:.1f} MB written in {fmt_s(entry['generate'])}")
    res = worker(["_load", str(path)], timeout=STOCK_LOAD_CAP_S)
    entry["stock_load"] = res.one("load") or {
        "timeout": STOCK_LOAD_CAP_S if res.timed_out else None
    }
    if not res.records and not res.timed_out:
        entry["stock_load"]["error"] = res.stderr[-300:]
    log(f"stock load_dataset: {entry['stock_load']}")
    res = worker(["_scale", str(path)], timeout=300)
    entry["core"] = {r["step"]: r for r in res.get("step")}
    entry["map"] = res.get("map")
    entry["core_rss"] = res.one("rss")
    entry["core_timed_out"] = res.timed_out
    for step, r in entry["core"].items():
        log(f"{step}: {fmt_sum(r['seconds'])}")
    entry["apptest"] = _server_reruns(bench.pages, n, path, skip)
    # The browser cannot beat the server: pages that failed there are not opened.
    here = dict(skip)
    for name, r in entry["apptest"].items():
        if name not in here and r.get("error"):
            here[name] = f"skipped: server-side {r['error'][:60]}"
    slowest = max(
        (r["rerun"]["max"] for r in entry["apptest"].values() if r.get("rerun")), default=10.0
    )
    entry["browser"] = scale_browser(bench, path, here, timeout_s=min(120, 3 * slowest + 30))
    for name, r in entry["apptest"].items():
        if r.get("error"):
            skip.setdefault(name, f"skipped: at {n:,} events {r['error'][:60]}")
        elif r.get("rerun") and r["rerun"]["median"] > SKIP_AFTER_S:
            med = fmt_s(r["rerun"]["median"])
            skip.setdefault(name, f"skipped: {med} per rerun at {n:,} events")
    return entry


def measure(bench: Bench) -> None:
    bench.section("scale")
    # Filled size by size, so an interrupted run still reports the sizes it finished.
    out: dict[int, Any] = bench.results.setdefault(NAME, {})
    skip: dict[str, str] = {}  # page -> why it is not measured at the next size
    with tempfile.TemporaryDirectory(prefix="usmx-bench-") as tmp:
        for n in SIZES:
            out[n] = measure_size(bench, n, Path(tmp), skip)


def render(bench: Bench) -> Rendered:
    from bench.sections.scale_report import render_scale

    return render_scale(bench)
