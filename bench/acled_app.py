"""The app with a 100,000-row ACLED layer on: what bench/acled.py measures beyond the queries.

Two children of bench/acled.py, each in a fresh process:

- `browser(data_dir, csv)`: a real server (harness.server) with USMX_DATA_DIR=`data_dir`,
  still empty, and headless Chromium (software WebGL). In `cycles` new tabs: open the
  Timeline, switch to the Map and back (what a page switch costs anyway), then
  `usmx import-acled` writes the layer (a new version each cycle) and the first views after
  the import are timed: switch to the Map, turn the layer on (hexagons drawn), the same on
  the Timeline (its band drawn), each from the click until the page settled and the main
  thread is idle (bench/map.py's signals: the script finished, the deck has its canvas, the
  DOM and the main thread quiet for 300 ms). Then the actor filter is changed on the Map with
  the layer on (the Sinaloa Cartel, which ACLED names, in and out, `runs` times after a
  warm-up), and a hexagon is clicked to zoom in. The server's memory (VmRSS, VmHWM of its
  process) is read last.
- `reruns(data_dir, runs)`: first, on the server side (AppTest), the first runs of the Map and
  the Timeline after an import (`server_first_views`); then every page under AppTest with the
  layer stored (and on where the page has the toggle): server-side seconds per rerun as the actor filter goes on and off
  (after two warm-ups: the views seen before), and for a few actors never chosen before
  (views not cached yet), as bench/reruns.py does for the dataset alone.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOAL_FIRST_VIEW_S = 3.0
GOAL_RERUN_S = 0.300
GOAL_RSS_MB = 500.0
GOAL_MAP_CHANGE_S = 1.0
BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
ACTOR_ID, ACTOR_TEXT = "sinaloa_cartel", "Sinaloa Cartel"  # ACLED names it: the layer changes
NEW_ACTORS = ("mexican_military", "mexico_government", "trump", "sheinbaum", "us_government")
TOGGLES = {"pages/timeline.py": "timeline_acled", "pages/map.py": "map_acled"}


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "p95": sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))],
        "max": max(values),
        "n": len(values),
    }


def _memory_mb(pid: int) -> dict[str, float]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(rest.split()[0]) / 1024
    return {"rss_mb": found.get("VmRSS", 0.0), "peak_mb": found.get("VmHWM", 0.0)}


# --- the real server and browser -----------------------------------------------------------------


def browser(
    data_dir: str, csv_path: str, runs: int | str = 5, cycles: int | str = 3
) -> dict[str, Any]:
    runs, cycles_n = int(runs), int(cycles)
    from playwright.sync_api import sync_playwright

    from bench.map import INIT_JS, wait_settled
    from harness.browser import CHROMIUM_ARGS, chromium_path
    from harness.server import running_server

    out: dict[str, Any] = {}
    with (
        running_server(env={"USMX_DATA_DIR": data_dir}) as server,
        sync_playwright() as p,
    ):
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        context.add_init_script(INIT_JS)
        # Each cycle in a new tab: open the Timeline, go to the Map and back (what a page
        # switch costs anyway, a deck drawn: the tab's WebGL warm), import the layer (again: a
        # new version), then go to the Map and turn the layer on, and the same on the Timeline.
        cycles: list[dict[str, float]] = []
        for _ in range(cycles_n):
            page = context.new_page()
            page.goto(f"{server.url}/timeline?lang=en")
            wait_settled(page, 1, deck=False)
            row = {"before_map": _switch(page, "map", deck=True)}
            row["before_timeline"] = _switch(page, "timeline", deck=False)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "usmx.cli", "import-acled", csv_path, "--data-dir",
                 data_dir],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
            row["import_s"] = time.perf_counter() - started
            for path, deck in (("map", True), ("timeline", False)):
                row[f"{path}_open"] = _switch(page, path, deck=deck)
                row[f"{path}_on"] = _toggle(page, f"{path}_acled", deck=deck)
                row[f"{path}_total"] = row[f"{path}_open"] + row[f"{path}_on"]
            cycles.append(row)
            page.close()
        out["first_views"] = {k: _summary([c[k] for c in cycles]) for k in cycles[0]}

        page = context.new_page()
        page.goto(f"{server.url}/map?lang=en")
        wait_settled(page, 1)
        _toggle(page, "map_acled", deck=True)
        _pick(page), _clear(page)  # warm-up (the first change compiles shaders): not counted
        changes = []
        for _ in range(runs):
            changes += [_pick(page), _clear(page)]
        out["filter_change"] = {
            key: _summary([c[key] for c in changes]) for key in ("settled", "busy", "sent")
        }
        out["zoom_in"] = _zoom_in(page)
        out["memory"] = _memory_mb(server.proc.pid)  # python -m streamlit run: the server
        chromium.close()
    return out


def _switch(page: Any, path: str, *, deck: bool) -> float:
    """Seconds from a click on the page menu's link to `path` until the page settled and the
    main thread is idle (bench/map.py's "busy")."""
    from bench.map import finished, wait_settled
    from harness.browser import nav_link_selector

    before = finished(page)
    page.locator(nav_link_selector(path)).first.click()
    return wait_settled(page, before + 1, deck=deck)["busy"]


def _toggle(page: Any, key: str, *, deck: bool) -> float:
    """Seconds from a click on the layer's toggle until settled and idle (band or hexagons)."""
    from bench.map import finished, wait_settled

    before = finished(page)
    page.locator(f".st-key-{key} label").first.click()
    return wait_settled(page, before + 1, deck=deck)["busy"]


def _pick(page: Any) -> dict[str, float]:
    from bench.map import finished, wait_settled

    box = page.locator(".st-key-actor").get_by_role("combobox")
    box.click()
    page.keyboard.type(ACTOR_TEXT)
    option = page.get_by_role("option").filter(has_text=ACTOR_TEXT).first
    option.wait_for(state="visible", timeout=60_000)
    before = finished(page)
    option.click()
    result = wait_settled(page, before + 1)
    page.keyboard.press("Escape")
    if f"actor={ACTOR_ID}" not in page.url:
        raise RuntimeError(f"the filter did not reach the URL: {page.url}")
    return result


def _clear(page: Any) -> dict[str, float]:
    from bench.map import finished, wait_settled

    page.locator(".st-key-actor").get_by_role("combobox").focus()
    before = finished(page)
    page.keyboard.press("Backspace")
    result = wait_settled(page, before + 1)
    page.keyboard.press("Escape")
    if f"actor={ACTOR_ID}" in page.url:
        raise RuntimeError(f"the filter was not removed: {page.url}")
    return result


def _zoom_in(page: Any) -> dict[str, float]:
    """A click in the middle of Mexico (a hexagon there): the zoomed-in locations drawn."""
    from bench.map import finished, wait_settled

    box = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.bounding_box()
    before = finished(page)
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.55)
    result = wait_settled(page, before + 1)
    if not page.locator(".st-key-map_acled_back").count():
        raise RuntimeError("the click on a hexagon did not zoom in")
    return result


# --- AppTest reruns --------------------------------------------------------------------------


def server_first_views(data_dir: str) -> dict[str, dict[str, float]]:
    """Server-side seconds of the first runs after an import, per page with the toggle: the
    page drawn once without a layer (a warm server), the layer's file put in place (a new
    version), then the page's next run and the run that turns the layer on (AppTest)."""
    from harness.apptest import new_app, page_from_entry
    from usmx.acled_import import layer_path

    source = layer_path(Path(data_dir))
    out = {}
    with tempfile.TemporaryDirectory(prefix="usmx-acled-first-") as fresh:
        os.environ["USMX_DATA_DIR"] = fresh
        target = layer_path(Path(fresh))
        target.parent.mkdir(parents=True, exist_ok=True)
        for script, toggle in TOGGLES.items():
            target.unlink(missing_ok=True)
            at = new_app(timeout=600).run()
            at.switch_page(page_from_entry(script)).run()
            at.run()  # warm, no layer
            staged = target.with_suffix(".new")
            shutil.copyfile(source, staged)  # a new file: a new version of the layer
            staged.replace(target)
            t = time.perf_counter()
            at.run()
            opened = time.perf_counter() - t
            t = time.perf_counter()
            at.toggle(key=toggle).set_value(True).run()
            shown = time.perf_counter() - t
            if at.exception:
                raise RuntimeError(f"{script}: {at.exception[0].message}")
            name = Path(script).stem
            out[name] = {"open_s": opened, "layer_on_s": shown, "total_s": opened + shown}
    return out


def reruns(data_dir: str, runs: int | str = 10) -> dict[str, Any]:
    runs = int(runs)
    first = server_first_views(data_dir)
    os.environ["USMX_DATA_DIR"] = data_dir
    from bench.context import discover_pages
    from harness.apptest import new_app, page_from_entry

    pages: dict[str, Any] = {"_first": first}
    for pg in discover_pages():
        at = new_app(timeout=600).run()
        if pg.script:
            at.switch_page(page_from_entry(pg.script)).run()
        toggle = TOGGLES.get(pg.script or "")
        if toggle:
            at.toggle(key=toggle).set_value(True).run()
        if at.exception:
            pages[pg.name] = {"error": str(at.exception[0].message)[:300]}
            continue
        seen = []
        for i in range(runs + 2):  # two warm-ups: the first change to each value
            at.sidebar.multiselect(key="actor").set_value([ACTOR_ID] if i % 2 == 0 else [])
            t = time.perf_counter()
            at.run()
            if i >= 2:
                seen.append(time.perf_counter() - t)
        new = []
        for actor_id in NEW_ACTORS:
            at.sidebar.multiselect(key="actor").set_value([actor_id])
            t = time.perf_counter()
            at.run()
            new.append(time.perf_counter() - t)
        pages[pg.name] = {
            "layer_on": bool(toggle),
            "seen": _summary(seen),
            "new": _summary(new),
            "error": str(at.exception[0].message)[:300] if at.exception else None,
        }
    return pages


# --- report ------------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _ok(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _s(t: dict[str, float]) -> str:
    return f"{t['median'] * 1000:,.0f} ms (p95 {t['p95'] * 1000:,.0f}, n={t['n']})"


def app_report(app: dict[str, Any]) -> str:
    """The app with the layer on (bench/acled_app.py): first views, the Map's filter change,
    the server's memory, reruns per page."""
    views = app["first_views"]
    total = {p: views[f"{p}_total"]["median"] for p in ("map", "timeline")}
    added = {p: total[p] - views[f"before_{p}"]["median"] for p in total}
    change = app["filter_change"]["busy"]
    memory = app["memory"]
    pages = dict(app["reruns"])
    server_first = pages.pop("_first")
    ok_pages = [v for v in pages.values() if "seen" in v]
    worst = max((max(v["seen"]["p95"], v["new"]["p95"]) for v in ok_pages), default=float("inf"))
    broken = [k for k, v in pages.items() if v.get("error")]
    lines = [
        "",
        "## The app with the layer on",
        "",
        (
            "A real server (USMX_DATA_DIR in the temporary folder) and headless Chromium with "
            "software WebGL (`bench/acled_app.py`); the layer imported with `usmx import-acled` "
            f"while the server runs ({app['first_views']['import_s']['median']:.1f} s median, "
            "the CLI process included)."
        ),
        "",
        "| goal | measured | |",
        "|---|---|---|",
        *(
            (
                f"| first page view < {GOAL_FIRST_VIEW_S:.0f} s after import, server side: {p} "
                f"(its first run after the import, turn the layer on) | "
                f"{server_first[p]['total_s']:.2f} s | "
                f"{_ok(server_first[p]['total_s'] < GOAL_FIRST_VIEW_S)} |"
            )
            for p in ("map", "timeline")
        ),
        *(
            (
                f"| first page view < {GOAL_FIRST_VIEW_S:.0f} s after import, in the browser: "
                f"{p} (switch to it, turn the layer on) | {total[p]:.2f} s, of which the layer "
                f"{added[p]:.2f} s | {_ok(total[p] < GOAL_FIRST_VIEW_S)}"
                + (
                    ""
                    if total[p] < GOAL_FIRST_VIEW_S or added[p] >= GOAL_FIRST_VIEW_S
                    else f" (the page switch alone, no layer: {total[p] - added[p]:.2f} s)"
                )
                + " |"
            )
            for p in ("map", "timeline")
        ),
        (
            f"| server rerun < {GOAL_RERUN_S * 1000:.0f} ms on every page | slowest p95 "
            f"{worst * 1000:,.0f} ms | {_ok(worst < GOAL_RERUN_S and not broken)} |"
        ),
        (
            f"| server memory < {GOAL_RSS_MB:.0f} MB | peak {memory['peak_mb']:.0f} MB, "
            f"{memory['rss_mb']:.0f} MB at the end | {_ok(memory['peak_mb'] < GOAL_RSS_MB)} |"
        ),
        (
            f"| browser filter change on the map < {GOAL_MAP_CHANGE_S:.0f} s (software WebGL) | "
            f"{_s(change)} | {_ok(change['p95'] < GOAL_MAP_CHANGE_S)} |"
        ),
        "",
        (
            f"Medians of {views['map_total']['n']} cycles, each in a new tab, the layer "
            "imported again each time (a new version: nothing cached for it). Times from the "
            "click until the page settled and the main thread is idle."
        ),
        "",
        (
            "| page | switch to it, no layer | switch to it after the import | turn the layer on "
            "| first view (switch + layer on) |"
        ),
        "|---|---|---|---|---|",
    ]
    for path in ("map", "timeline"):
        lines.append(
            f"| {path} | {_s(views[f'before_{path}'])} | {_s(views[f'{path}_open'])} | "
            f"{_s(views[f'{path}_on'])} | {_s(views[f'{path}_total'])} |"
        )
    settled, sent = app["filter_change"]["settled"], app["filter_change"]["sent"]
    lines += [
        "",
        (
            "Map filter change (the Sinaloa Cartel in and out of the actor filter, the "
            f"hexagons redrawn): settled {_s(settled)}, main thread busy until {_s(change)}, "
            f"{sent['median'] / 1024:,.0f} KB sent per change. A click on a hexagon (zoom in, "
            f"locations drawn): {app['zoom_in']['busy'] * 1000:,.0f} ms."
        ),
        "",
        "Server reruns under AppTest after an actor filter change, the layer on where the page",
        "has the toggle: views seen before (two warm-ups, then the filter on and off) and views",
        "never seen (a different actor each time, nothing cached for it yet).",
        "",
        "| page | layer | seen before: median | p95 | new view: median | p95 |",
        "|---|---|---|---|---|---|",
    ]
    for name, v in pages.items():
        if "seen" not in v:
            lines.append(f"| {name} | | error: {v['error']} | | | |")
            continue
        seen, new = v["seen"], v["new"]
        layer = "on" if v["layer_on"] else "its summary" if name == "acled" else ""
        lines.append(
            f"| {name} | {layer} | {_ms(seen['median'])} | "
            f"{_ms(seen['p95'])} | {_ms(new['median'])} | {_ms(new['p95'])} |"
        )
    return "\n".join(lines) + "\n"
