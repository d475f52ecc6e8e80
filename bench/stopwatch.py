"""The page stopwatch: times script runs and redraws in the browser, in the page's own clock.

A page opened through `new_page` is instrumented before Streamlit starts (INIT_JS): it counts
the server's "script finished" messages read from the WebSocket (a run too fast to ever show
the "running" state still counts), remembers the last DOM change and when the user last
pressed something. A page is *settled* (SETTLED_JS) when a new run has finished, the app says
notRunning, no status widget shows, every plotly chart has its SVG and every map its canvas,
and the DOM has been quiet for QUIET_MS; times are taken to the last DOM change. harness.browser
waits for the same app signals without timing them.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from bench.context import ACTOR_ID, ACTOR_KEY, ACTOR_TEXT, Page
from harness.browser import nav_link_selector

QUIET_MS = 300  # no DOM change for this long after the run: the page is settled
DISCOVER_PAUSE_S = 1.5

# Instruments the page before Streamlit starts: counts the server's "script finished" messages
# (ForwardMsg field 6, read from the WebSocket frames: a run too fast to ever render the
# "running" state still counts), remembers the last DOM change and when the user last pressed
# something, all in the page's own clock.
# Does a websocket message (a ForwardMsg, protobuf) say "script finished" (field 6, a varint)?
# Decoded by hand: the page has no protobuf library. Shared with bench/map.py.
SCRIPT_FINISHED_JS = """
  const varint = (b, i) => {
    let v = 0, s = 0, x;
    do { x = b[i++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80 && i < b.length);
    return [v, i];
  };
  const scriptFinished = (b) => {
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
"""

INIT_JS = (
    """
(() => {
  window.__usmxFinished = 0;
  window.__usmxFinishedAt = 0;
  window.__usmxLastMutation = 0;
"""
    + SCRIPT_FINISHED_JS
    + """  const seen = (buf) => {
    if (scriptFinished(new Uint8Array(buf))) {
      window.__usmxFinished++;
      window.__usmxFinishedAt = performance.now();
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
  new MutationObserver(() => { window.__usmxLastMutation = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  for (const ev of ['pointerdown', 'keydown'])
    document.addEventListener(ev, () => { window.__usmxPressedAt = performance.now(); }, true);
})();
"""
)

# Settled: a new run finished, the app says notRunning, no status widget, main content
# present, every plotly chart drawn (.main-svg) and every deck.gl map has its canvas, and the
# DOM has been quiet for `quiet` ms. The settle time is the last DOM change (or the finish
# message, if later); the function returns how long ago that was, in ms.
SETTLED_JS = """(exp) => {
  if (window.__usmxFinished < exp.finished) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]') || document;
  if (!main.querySelector(exp.content)) return false;
  // An element whose code is still loading shows a skeleton (harness.browser.DRAWN_JS).
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const plots = main.querySelectorAll('[data-testid="stPlotlyChart"]');
  if (plots.length < exp.plots) return false;
  for (const p of plots) if (!p.querySelector('.main-svg')) return false;
  const decks = main.querySelectorAll('[data-testid="stDeckGlJsonChart"]');
  if (decks.length < exp.decks) return false;
  for (const d of decks) if (!d.querySelector('canvas')) return false;
  const last = Math.max(window.__usmxLastMutation, window.__usmxFinishedAt);
  const ago = performance.now() - last;
  if (ago < exp.quiet) return false;
  window.__usmxSettledAt = last;
  return ago;
}"""

COUNTS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document;
  return {
    plots: main.querySelectorAll('[data-testid="stPlotlyChart"]').length,
    decks: main.querySelectorAll('[data-testid="stDeckGlJsonChart"]').length,
    metrics: main.querySelectorAll('[data-testid="stMetric"], .usmx-headline dd').length,
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
  };
}"""


@dataclass
class Expect:
    """What a settled page must show: at least this many plotly charts and deck.gl maps."""

    plots: int = 0
    decks: int = 0
    content: str = '[data-testid="stHeading"], [data-testid="stMarkdown"]'

    def js(self, finished: int = 1) -> dict[str, Any]:
        return {
            "plots": self.plots,
            "decks": self.decks,
            "content": self.content,
            "finished": finished,
            "quiet": QUIET_MS,
        }


def runs_so_far(page: Any) -> int:
    """Script runs finished in this page so far."""
    return page.evaluate("window.__usmxFinished")


DIAGNOSE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  const main = document.querySelector('[data-testid="stMain"]') || document;
  return {
    state: app && app.getAttribute('data-test-script-state'),
    finished: window.__usmxFinished,
    status: status && status.innerText.slice(0, 80),
    plots: main.querySelectorAll('[data-testid="stPlotlyChart"]').length,
    drawn: main.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length,
    decks: main.querySelectorAll('[data-testid="stDeckGlJsonChart"]').length,
  };
}"""


class NotSettled(RuntimeError):
    """A page did not settle in time; says what the page looked like."""


def wait_settled(page: Any, expect: Expect, *, finished: int = 1, timeout_s: float = 60) -> float:
    """Wait until settled (see SETTLED_JS); return how many seconds ago it settled."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        handle = page.wait_for_function(
            SETTLED_JS, arg=expect.js(finished), polling="raf", timeout=timeout_s * 1000
        )
        return handle.json_value() / 1000
    except PlaywrightTimeout:
        shot = Path(tempfile.gettempdir()) / f"usmx-bench-timeout-{time.time():.0f}.png"
        with contextlib.suppress(*BROWSER_ERRORS):
            page.screenshot(path=str(shot))
        state = page.evaluate(DIAGNOSE_JS)
        raise NotSettled(
            f"not settled after {timeout_s:.0f} s at {page.url}: wanted {expect.js(finished)}, "
            f"saw {state} (screenshot {shot})"
        ) from None


def new_page(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(INIT_JS)
    return context, context.new_page()


def open_page(page: Any, url: str, expect: Expect, timeout_s: float = 120) -> float:
    """Load `url` in a fresh session; seconds until settled."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    ago = wait_settled(page, expect, timeout_s=timeout_s)
    return time.perf_counter() - ago - start


def discover_expect(page: Any, url: str) -> tuple[Expect, dict[str, int], float]:
    """What a page draws when fully loaded (the counts later waits insist on); load seconds."""
    load = open_page(page, url, Expect())
    page.wait_for_timeout(DISCOVER_PAUSE_S * 1000)  # let late components mount
    wait_settled(page, Expect())
    counts = page.evaluate(COUNTS_JS)
    return Expect(plots=counts["plots"], decks=counts["decks"]), counts, load


def _actor_box(page: Any) -> Any:
    return page.locator(f".st-key-{ACTOR_KEY}").get_by_role("combobox")


class FilterNotApplied(RuntimeError):
    """The page reran but the URL does not show the filter change: nothing was measured."""


def _url_actors(page: Any) -> list[str]:
    return parse_qs(urlparse(page.url).query).get(ACTOR_KEY, [])


def select_actor(page: Any, expect: Expect, timeout_s: float = 60) -> float:
    """Pick the actor in the sidebar filter; browser seconds from the press to settled."""
    _actor_box(page).click()
    option = page.get_by_role("option").filter(has_text=ACTOR_TEXT).first
    option.wait_for(state="visible", timeout=timeout_s * 1000)
    before = runs_so_far(page)
    option.click()
    wait_settled(page, expect, finished=before + 1, timeout_s=timeout_s)
    seconds = page.evaluate("(window.__usmxSettledAt - window.__usmxPressedAt) / 1000")
    if ACTOR_ID not in _url_actors(page):
        raise FilterNotApplied(f"picking {ACTOR_TEXT} reran the page but {page.url} has no filter")
    return seconds


def clear_actor(page: Any, expect: Expect, timeout_s: float = 60) -> float:
    """Remove the chosen actor again (Backspace in the focused box); browser seconds."""
    _actor_box(page).focus()
    before = runs_so_far(page)
    page.keyboard.press("Backspace")
    wait_settled(page, expect, finished=before + 1, timeout_s=timeout_s)
    seconds = page.evaluate("(window.__usmxSettledAt - window.__usmxPressedAt) / 1000")
    page.keyboard.press("Escape")
    if ACTOR_ID in _url_actors(page):
        raise FilterNotApplied(f"Backspace reran the page but {page.url} still has the filter")
    return seconds


def click_nav(page: Any, target: Page) -> int:
    """Click the sidebar menu's link to `target`; return the finished-run count before it.

    Each link sits in a container keyed by its page (usmx.ui.context.menu).
    """
    link = page.locator(nav_link_selector("" if target.script is None else target.name))
    if link.count() != 1:
        raise RuntimeError(f"no menu link to {target.name} at {page.url}")
    before = runs_so_far(page)
    link.click()
    return before


def _browser_errors() -> tuple[type[Exception], ...]:
    from playwright.sync_api import Error

    # RuntimeError: NotSettled, FilterNotApplied, a missing link or a dead server.
    return (Error, RuntimeError)


BROWSER_ERRORS = _browser_errors()
