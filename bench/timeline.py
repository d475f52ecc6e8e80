"""Timeline benchmark: label layout, server reruns and browser filter changes, with labels on.

    .venv/bin/python bench/timeline.py [--runs 7] [--out bench/timeline.md] [--skip browser]

- layout: `usmx.charts.timeline_layout.layout` (and the whole detail figure) for the real
  events and for 2,000 events (copies of the real ones under new ids, all in one window: the
  densest case below the aggregation limit);
- server: AppTest reruns of the Timeline page after an actor filter change, for a view seen
  before (the figures come from the cache) and for views not seen before;
- browser: the real server and Debian's Chromium; seconds from picking the actor in the
  sidebar until the page is settled (the run finished and the DOM quiet for 300 ms), and the
  part of it spent before the server's "script finished" message arrived.

Goals (issue 9): under 50 ms server-side for a view seen before, under 300 ms in the browser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.browser import CHROMIUM, CHROMIUM_ARGS, wait_drawn, wait_settled
from harness.server import running_server

GOAL_SERVER_S = 0.050
GOAL_BROWSER_S = 0.300
ACTOR_ID, ACTOR_TEXT = "trump", "Donald Trump"
PAGE = "pages/timeline.py"


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms" if values else "n/a"


def spread_ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f} ms (n={len(values)})"


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


# --- layout -------------------------------------------------------------------------------


def layout_section(runs: int) -> list[str]:
    import pandas as pd

    from usmx.charts import text_width
    from usmx.charts import timeline as T
    from usmx.charts import timeline_marks as M
    from usmx.charts.timeline_layout import layout
    from usmx.charts.timeline_scale import Window
    from usmx.dataset import load_dataset
    from usmx.tables import build_tables

    ds = load_dataset()
    tables = build_tables(ds)
    published = ds.source.published
    n = 2_000
    copies = pd.concat([tables.events] * -(-n // len(tables.events)), ignore_index=True)
    copies = copies.iloc[:n].copy()
    copies["id"] = [f"gen_{i}" for i in range(n)]
    copies["order"] = range(n)
    for column in ("title_en", "title_zh"):  # distinct titles, as bench/generate.py writes
        copies[column] = [f"[GENERATED] #{i + 1} {title}" for i, title in enumerate(copies[column])]
    big = replace(tables, events=copies)
    everything = Window(dt.date(1846, 1, 1), dt.date(2026, 1, 31))
    rows = [
        "| events | language | layout only | whole detail figure | rows |",
        "|---|---|---|---|---|",
    ]
    for name, tabs in ((f"{len(tables.events)} (the article)", tables), (f"{n:,}", big)):
        for lang in ("en", "zh-Hant"):
            spans = T.spans_of(tabs, lang=lang)
            items = [M.span_item(s, everything.fraction) for s in spans]
            lanes = M.lane_order("country")

            def lay(items=items, lanes=lanes):
                text_width.clear_cache()  # every label fitted anew: the cold case
                return layout(items, lanes)

            focus = (everything.first, everything.last)

            def figure(tabs=tabs, lang=lang, focus=focus):
                text_width.clear_cache()
                return T.detail_figure(tabs, lang=lang, focus=focus, published=published)

            figure()  # warm: imports, templates
            layout_s = timed(lay, runs)
            placed = lay()
            figure_s = timed(figure, runs)
            n_rows = max(p.row for p in placed.placed) + 1
            rows.append(
                f"| {name} | {lang} | {median_ms(layout_s)} | {median_ms(figure_s)} | {n_rows} |"
            )
    return [
        "## Label layout",
        "",
        (
            "Every event in one window (1846–2026), lanes by country; medians of "
            f"{runs} runs. The 2,000 are copies of the article's events: many share a day, "
            "the densest case below the aggregation limit."
        ),
        "",
        *rows,
    ]


# --- server ---------------------------------------------------------------------------------


def server_section(runs: int) -> tuple[list[str], float | None]:
    from harness.apptest import run_app
    from usmx.dataset import load_dataset

    at = run_app(PAGE, lang="en")
    if at.exception:
        return [f"AppTest failed: {at.exception[0].message}"], None
    seen: list[float] = []
    for i in range(runs + 2):
        at.sidebar.multiselect(key="actor").set_value([ACTOR_ID] if i % 2 == 0 else [])
        start = time.perf_counter()
        at.run()
        if i >= 2:  # the first change to each value builds the figures: not "seen before"
            seen.append(time.perf_counter() - start)
    ds = load_dataset()
    involved = {link.actor_id for ev in ds.events for link in ev.actors} - {ACTOR_ID}
    new: list[float] = []
    for actor_id in sorted(involved)[:runs]:
        at.sidebar.multiselect(key="actor").set_value([actor_id])
        start = time.perf_counter()
        at.run()
        new.append(time.perf_counter() - start)
    ok = statistics.median(seen) < GOAL_SERVER_S
    lines = [
        "## Server: Timeline page rerun after an actor filter change (AppTest)",
        "",
        "| view | median | range |",
        "|---|---|---|",
        f"| seen before (figures cached) | {median_ms(seen)} | {spread_ms(seen)} |",
        f"| not seen before (figures built) | {median_ms(new)} | {spread_ms(new)} |",
        "",
        (
            f"Goal < {GOAL_SERVER_S * 1000:.0f} ms for a view seen before: "
            f"{'met' if ok else 'NOT met'}."
        ),
    ]
    return lines, statistics.median(seen)


# --- browser --------------------------------------------------------------------------------

# Counts the server's "script finished" messages (ForwardMsg field 6) and remembers the last
# DOM change and the last key or pointer press, in the page's own clock (as bench/run.py).
INIT_JS = """
(() => {
  window.__finished = 0; window.__finishedAt = 0; window.__lastMutation = 0;
  const varint = (b, i) => { let v = 0, s = 0, x;
    do { x = b[i++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80 && i < b.length);
    return [v, i]; };
  const finished = (b) => { let i = 0;
    while (i < b.length) { let tag, n; [tag, i] = varint(b, i);
      const field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { [n, i] = varint(b, i); if (field === 6) return true; }
      else if (wire === 2) { [n, i] = varint(b, i); i += n; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return false; }
    return false; };
  const seen = (buf) => { if (finished(new Uint8Array(buf))) {
    window.__finished++; window.__finishedAt = performance.now(); } };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native { constructor(...a) { super(...a);
    this.addEventListener('message', (ev) => {
      if (ev.data instanceof ArrayBuffer) seen(ev.data);
      else if (ev.data instanceof Blob) ev.data.arrayBuffer().then(seen); }); } };
  new MutationObserver(() => { window.__lastMutation = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  for (const ev of ['pointerdown', 'keydown'])
    document.addEventListener(ev, () => { window.__pressedAt = performance.now(); }, true);
})();
"""
SETTLED_JS = """(after) => {
  if (window.__finished <= after) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const plots = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  for (const p of plots) if (!p.querySelector('.main-svg')) return false;
  const last = Math.max(window.__lastMutation, window.__finishedAt);
  if (performance.now() - last < 300) return false;
  return {settled: last - window.__pressedAt, finished: window.__finishedAt - window.__pressedAt};
}"""


def _press_and_settle(page: Any, action: Callable[[], None]) -> dict[str, float]:
    before = page.evaluate("window.__finished")
    action()
    handle = page.wait_for_function(SETTLED_JS, arg=before, polling="raf", timeout=60_000)
    return {k: v / 1000 for k, v in handle.json_value().items()}


def browser_section(runs: int) -> tuple[list[str], float | None]:
    from playwright.sync_api import sync_playwright

    pick: list[dict[str, float]] = []
    with running_server() as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.add_init_script(INIT_JS)
        page = context.new_page()
        page.goto(f"{server.url}/timeline?lang=en")
        wait_settled(page, timeout=120_000)
        wait_drawn(page, timeout=120_000)
        box = page.locator(".st-key-actor").get_by_role("combobox")
        for i in range(runs + 1):
            box.click()
            option = page.get_by_role("option").filter(has_text=ACTOR_TEXT).first
            option.wait_for(state="visible")
            timing = _press_and_settle(page, option.click)
            page.keyboard.press("Escape")
            box.focus()
            _press_and_settle(page, lambda: page.keyboard.press("Backspace"))
            page.keyboard.press("Escape")
            if i:  # the first pick of this session builds the figures: not timed
                pick.append(timing)
        browser.close()
    settled = [t["settled"] for t in pick]
    finished = [t["finished"] for t in pick]
    ok = statistics.median(settled) < GOAL_BROWSER_S
    lines = [
        "## Browser: Timeline page, actor filter change (real server, headless Chromium)",
        "",
        "| from the click until | median | range |",
        "|---|---|---|",
        f"| the server's run finished | {median_ms(finished)} | {spread_ms(finished)} |",
        f"| the page is settled (drawn, DOM quiet) | {median_ms(settled)} | {spread_ms(settled)} |",
        "",
        (
            f"Goal < {GOAL_BROWSER_S * 1000:.0f} ms: {'met' if ok else 'NOT met'}. Software "
            "rendering (no GPU); the machine is shared, see the load average above."
        ),
    ]
    return lines, statistics.median(settled)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "timeline.md")
    parser.add_argument("--skip", nargs="*", default=[], choices=["layout", "server", "browser"])
    args = parser.parse_args(argv)
    import os

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    out = [
        "# Timeline benchmark (labels on)",
        "",
        (
            f"Written by `bench/timeline.py` on {dt.datetime.now():%Y-%m-%d %H:%M}; "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} CPUs, load average at start {load}."
        ),
        "",
    ]
    sections = {
        "layout": lambda: (layout_section(args.runs), None),
        "server": lambda: server_section(args.runs),
        "browser": lambda: browser_section(args.runs),
    }
    for name, run in sections.items():
        if name in args.skip:
            continue
        print(f"{name}...", flush=True)
        lines, _ = run()
        out += [*lines, ""]
        print("\n".join(lines), flush=True)
    args.out.write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
