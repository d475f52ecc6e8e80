"""The Map page's filter change in a real browser: how long, how many bytes, how much main thread.

    .venv/bin/python bench/map.py [--runs 5] [--label NAME] [--out bench/map.md]

Starts the real app (tests/browser.py's Server) and headless Chromium, opens /map, then picks
and removes an actor in the sidebar filter `--runs` times. Per change it records:

- settled: from the key press or click to the settled page, measured as bench/run.py does
  (the server's script-finished message arrived, the app says notRunning, the deck has its
  canvas, the DOM has been quiet for 300 ms; the time of the last DOM change counts);
- busy: the same, but also counting the main thread's long tasks (deck.gl parsing the new
  JSON, tessellating polygons and drawing in software WebGL happen there and change no DOM);
- sent: bytes the server sent over the WebSocket for the change (the deck's JSON is most),
  and for the first change to a view not seen before in the session.

Each run is stored under its label in bench/map.json, and bench/map.md shows every label
side by side, so a change can be measured before and after (`--label before` / `after`).
Self-contained on purpose: bench/run.py is being reorganised, this only needs tests/browser.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.stopwatch import SCRIPT_FINISHED_JS
from harness.browser import CHROMIUM, CHROMIUM_ARGS
from harness.server import running_server

ACTOR_TEXT = "Donald Trump"  # an actor whose filter changes the map's points and arcs
QUIET_MS = 300

# Before the app starts: count the server's script-finished messages (ForwardMsg field 6, read
# from the WebSocket frames), the bytes received, the last DOM change, the last long task's
# end and the last key press or click, all in the page's clock.
INIT_JS = (
    """
(() => {
  Object.assign(window, {__finished: 0, __finishedAt: 0, __lastMutation: 0, __bytes: 0,
                         __longEnd: 0, __longMs: 0, __pressedAt: 0});
"""
    + SCRIPT_FINISHED_JS
    + """  const seen = (buf) => {
    window.__bytes += buf.byteLength;
    if (scriptFinished(new Uint8Array(buf))) {
      window.__finished++;
      window.__finishedAt = performance.now();
    }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        if (ev.data instanceof ArrayBuffer) seen(ev.data);
        else if (ev.data instanceof Blob) ev.data.arrayBuffer().then(seen);
      });
    }
  };
  new MutationObserver(() => { window.__lastMutation = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__longEnd = Math.max(window.__longEnd, e.startTime + e.duration);
      if (e.startTime >= window.__pressedAt) window.__longMs += e.duration;
    }
  }).observe({type: 'longtask', buffered: true});
  for (const ev of ['pointerdown', 'keydown'])
    document.addEventListener(ev, () => {
      window.__pressedAt = performance.now();
      window.__longMs = 0;
      window.__bytesAtPress = window.__bytes;
    }, true);
})();
"""
)

SETTLED_JS = """(exp) => {
  if (window.__finished < exp.finished) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const deck = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
  if (exp.deck && (!deck || !deck.width)) return false;
  const dom = Math.max(window.__lastMutation, window.__finishedAt);
  const busy = Math.max(dom, window.__longEnd);
  if (performance.now() - busy < exp.quiet) return false;
  return {settled: (dom - window.__pressedAt) / 1000, busy: (busy - window.__pressedAt) / 1000,
          long_ms: window.__longMs, sent: window.__bytes - window.__bytesAtPress};
}"""


def wait_settled(
    page: Any, finished: int, timeout_s: float = 120, deck: bool = True
) -> dict[str, float]:
    handle = page.wait_for_function(
        SETTLED_JS,
        arg={"finished": finished, "quiet": QUIET_MS, "deck": deck},
        polling=50,
        timeout=timeout_s * 1000,
    )
    return handle.json_value()


def finished(page: Any) -> int:
    return page.evaluate("window.__finished")


def actor_box(page: Any) -> Any:
    return page.locator(".st-key-actor").get_by_role("combobox")


def pick_actor(page: Any, deck: bool = True) -> dict[str, float]:
    actor_box(page).click()
    option = page.get_by_role("option").filter(has_text=ACTOR_TEXT).first
    option.wait_for(state="visible", timeout=60_000)
    before = finished(page)
    option.click()
    result = wait_settled(page, before + 1, deck=deck)
    if "actor=trump" not in page.url:
        raise RuntimeError(f"the filter did not reach the URL: {page.url}")
    return result


def clear_actor(page: Any, deck: bool = True) -> dict[str, float]:
    actor_box(page).focus()
    before = finished(page)
    page.keyboard.press("Backspace")
    result = wait_settled(page, before + 1, deck=deck)
    page.keyboard.press("Escape")
    if "actor=trump" in page.url:
        raise RuntimeError(f"the filter was not removed: {page.url}")
    return result


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def measure(runs: int, path: str = "map") -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    changes: list[dict[str, float]] = []
    with running_server() as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.add_init_script(INIT_JS)
            page = context.new_page()
            started = time.perf_counter()
            deck = path == "map"
            page.goto(f"{server.url}/{path}?lang=en")
            wait_settled(page, 1, deck=deck)
            load = time.perf_counter() - started
            # Warm-up: the first change of a session compiles shaders. It is also the first
            # time this view is shown: Streamlit then sends the whole deck (later, a view seen
            # before may be sent as a reference to the browser's message cache).
            first = pick_actor(page, deck)
            clear_actor(page, deck)
            for _ in range(runs):
                changes.append(pick_actor(page, deck))
                changes.append(clear_actor(page, deck))
        finally:
            browser.close()
    return {
        "load_s": load,
        "settled_s": summary([c["settled"] for c in changes]),
        "busy_s": summary([c["busy"] for c in changes]),
        "long_ms": summary([c["long_ms"] for c in changes]),
        "sent_kb": summary([c["sent"] / 1024 for c in changes]),
        "first_sent_kb": first["sent"] / 1024,
    }


def git_head() -> str:
    out = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip()[:80]


def fmt(s: dict[str, float], unit: str) -> str:
    scale, suffix = (1000, "ms") if unit == "s" else (1, unit)
    return (
        f"**{s['median'] * scale:.0f} {suffix}** "
        f"({s['min'] * scale:.0f}–{s['max'] * scale:.0f}, n={s['n']})"
    )


# Where the time went (issue 9), found with Chrome traces and the GPU process's CPU time; kept
# here so the table below is read with it.
FINDINGS = """
## Where the time went

- Per filter change the old deck cost ~0.8 s of CPU in Chromium's GPU process (SwiftShader:
  software WebGL) and one synchronous `ReadPixels` of ~0.6–1.4 s on the page's main thread
  (software compositing reads every WebGL frame back). Dropping layers one by one showed the
  state and country outlines (GeoJsonLayer strokes, ~11,800 path vertices) were ~60% of it;
  points, arcs and labels are cheap.
- Serving the boundaries once (static files, `server.enableStaticServing`) alone did not help:
  deck.gl redraws every layer on every frame, so what counts is how much is drawn, not how it
  arrives. It does cut what a new view sends from ~270 KB to ~30 KB.
- So the boundaries are drawn for the map, not for measuring (scripts/build_map_layers.py):
  clipped to the views, Mexico's polygon dropped (its states cover it), country outlines only
  where no state runs, states simplified below a pixel (context countries to ~3 px), and
  outlines as LineLayer segments (~4,200)
  instead of stroked paths: ~0.24 s of GPU-process CPU per change instead of ~0.8 s.
- The places table is escaped HTML instead of a canvas data grid.
- What remains is mostly Streamlit's own re-render of the page (~0.3 s of main-thread CPU per
  change on this machine, map or not): compare the row measured on a page without a map.
"""


def render(results: dict[str, Any]) -> str:
    lines = [
        "# Map page: browser time of a filter change",
        "",
        "Written by `bench/map.py` (see its docstring for the method). A filter change is one",
        f"pick or removal of {ACTOR_TEXT} in the sidebar's actor filter on `/map?lang=en`,",
        "in headless Chromium with software WebGL (SwiftShader) on a shared 2-core machine:",
        "the load average is part of every number. The goal (issue 9) is < 300 ms.",
        "Rows alternate before (main at 7221b40, run from an exported copy) and after (this",
        "branch), so both meet the same load; a row measured on another page (`--page`)",
        "shows what any filter change costs on this machine at that moment.",
        "",
        (
            "| run | settled (DOM, as bench/run.py) | main thread busy until | long tasks | "
            "sent per change | sent for a new view | first load |"
        ),
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in results.items():
        lines.append(
            f"| {label}: {r['commit']} /{r.get('page', 'map')} "
            f"({r['date']}, load {r['loadavg']}) | "
            f"{fmt(r['settled_s'], 's')} | {fmt(r['busy_s'], 's')} | "
            f"{fmt(r['long_ms'], 'ms')} | {fmt(r['sent_kb'], 'KB')} | "
            f"{r.get('first_sent_kb', 0):.0f} KB | {r['load_s']:.1f} s |"
        )
    return "\n".join(lines) + "\n" + FINDINGS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="latest")
    parser.add_argument(
        "--page", default="map", help="another page, for the floor a page without a map sets"
    )
    parser.add_argument("--out", type=Path, default=BENCH / "map.md")
    args = parser.parse_args(argv)
    store = args.out.with_suffix(".json")
    results = json.loads(store.read_text()) if store.exists() else {}
    result = measure(args.runs, args.page)
    result.update(
        page=args.page,
        commit=git_head(),
        date=dt.date.today().isoformat(),
        loadavg=" ".join(f"{x:.1f}" for x in os.getloadavg()),
    )
    results[args.label] = result
    for path, text in ((store, json.dumps(results, indent=1) + "\n"), (args.out, render(results))):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    print(render({args.label: result}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
