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

from tests.browser import CHROMIUM, CHROMIUM_ARGS, running_server

ACTOR_TEXT = "Donald Trump"  # an actor whose filter changes the map's points and arcs
QUIET_MS = 300

# Before the app starts: count the server's script-finished messages (ForwardMsg field 6, read
# from the WebSocket frames), the bytes received, the last DOM change, the last long task's
# end and the last key press or click, all in the page's clock.
INIT_JS = """
(() => {
  Object.assign(window, {__finished: 0, __finishedAt: 0, __lastMutation: 0, __bytes: 0,
                         __longEnd: 0, __longMs: 0, __pressedAt: 0});
  const varint = (b, i) => {
    let v = 0, s = 0, x;
    do { x = b[i++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80 && i < b.length);
    return [v, i];
  };
  const finished = (b) => {
    let i = 0;
    while (i < b.length) {
      let tag, n;
      [tag, i] = varint(b, i);
      const field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { [n, i] = varint(b, i); if (field === 6) return true; }
      else if (wire === 2) { [n, i] = varint(b, i); i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  };
  const seen = (buf) => {
    window.__bytes += buf.byteLength;
    if (finished(new Uint8Array(buf))) {
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

SETTLED_JS = """(exp) => {
  if (window.__finished < exp.finished) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const deck = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
  if (!deck || !deck.width) return false;
  const dom = Math.max(window.__lastMutation, window.__finishedAt);
  const busy = Math.max(dom, window.__longEnd);
  if (performance.now() - busy < exp.quiet) return false;
  return {settled: (dom - window.__pressedAt) / 1000, busy: (busy - window.__pressedAt) / 1000,
          long_ms: window.__longMs, sent: window.__bytes - window.__bytesAtPress};
}"""


def wait_settled(page: Any, finished: int, timeout_s: float = 120) -> dict[str, float]:
    handle = page.wait_for_function(
        SETTLED_JS,
        arg={"finished": finished, "quiet": QUIET_MS},
        polling=50,
        timeout=timeout_s * 1000,
    )
    return handle.json_value()


def finished(page: Any) -> int:
    return page.evaluate("window.__finished")


def actor_box(page: Any) -> Any:
    return page.locator(".st-key-actor").get_by_role("combobox")


def pick_actor(page: Any) -> dict[str, float]:
    actor_box(page).click()
    option = page.get_by_role("option").filter(has_text=ACTOR_TEXT).first
    option.wait_for(state="visible", timeout=60_000)
    before = finished(page)
    option.click()
    result = wait_settled(page, before + 1)
    if "actor=trump" not in page.url:
        raise RuntimeError(f"the filter did not reach the URL: {page.url}")
    return result


def clear_actor(page: Any) -> dict[str, float]:
    actor_box(page).focus()
    before = finished(page)
    page.keyboard.press("Backspace")
    result = wait_settled(page, before + 1)
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


def measure(runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    changes: list[dict[str, float]] = []
    with running_server() as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.add_init_script(INIT_JS)
            page = context.new_page()
            started = time.perf_counter()
            page.goto(f"{server.url}/map?lang=en")
            wait_settled(page, 1)
            load = time.perf_counter() - started
            # Warm-up: the first change of a session compiles shaders. It is also the first
            # time this view is shown: Streamlit then sends the whole deck (later, a view seen
            # before may be sent as a reference to the browser's message cache).
            first = pick_actor(page)
            clear_actor(page)
            for _ in range(runs):
                changes.append(pick_actor(page))
                changes.append(clear_actor(page))
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


def render(results: dict[str, Any]) -> str:
    lines = [
        "# Map page: browser time of a filter change",
        "",
        "Written by `bench/map.py` (see its docstring for the method). A filter change is one",
        f"pick or removal of {ACTOR_TEXT} in the sidebar's actor filter on `/map?lang=en`,",
        "in headless Chromium with software WebGL (SwiftShader) on a shared 2-core machine:",
        "the load average is part of every number. The goal (issue 9) is < 300 ms.",
        "",
        (
            "| run | settled (DOM, as bench/run.py) | main thread busy until | long tasks | "
            "sent per change | sent for a new view | first load |"
        ),
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in results.items():
        lines.append(
            f"| {label}: {r['commit']} ({r['date']}, load {r['loadavg']}) | "
            f"{fmt(r['settled_s'], 's')} | {fmt(r['busy_s'], 's')} | "
            f"{fmt(r['long_ms'], 'ms')} | {fmt(r['sent_kb'], 'KB')} | "
            f"{r.get('first_sent_kb', 0):.0f} KB | {r['load_s']:.1f} s |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="latest")
    parser.add_argument("--out", type=Path, default=BENCH / "map.md")
    args = parser.parse_args(argv)
    store = args.out.with_suffix(".json")
    results = json.loads(store.read_text()) if store.exists() else {}
    result = measure(args.runs)
    result.update(
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
