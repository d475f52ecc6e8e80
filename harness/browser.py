"""Debian's Chromium through Playwright, and waits on the app's own signals.

Never `playwright install`: the browser is the system's /usr/bin/chromium (USMX_CHROMIUM
overrides). A page is *settled* when Streamlit says its script is not running and shows no
status widget; it is *drawn* when, on top of that, no element is still loading its code,
every plotly chart has its SVG, every deck.gl map its canvas and every image has loaded.
Timeouts are sized for a 2-core CI box under the load of the whole suite (a new server's
first map in software WebGL takes many seconds there): a wait returns as soon as its signal
shows, so a long bound costs nothing unless something is broken.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("USMX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-sandbox",
    "--enable-unsafe-swiftshader",
]
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
NO_STATUS_JS = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
# Bounds, in ms, for waits on the app's signals (settled, drawn) and for Playwright's
# auto-retrying `expect` assertions and locator actions (5 s by default upstream: too short
# for a first map render on a loaded CI box, issue 8 bug 7).
WAIT_MS = 120_000
EXPECT_MS = 60_000
NAV = ".st-key-usmx_nav"  # the sidebar's page menu (usmx.ui.context.menu)


def chromium_path() -> str | None:
    """The Chromium to drive, or None when this machine has none."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


def size_waits(target: Any = None) -> None:
    """Playwright's default bounds, raised for CI: `expect` assertions everywhere, and the
    actions and navigations of `target` (a BrowserContext or Page) when given."""
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_MS)
    if target is not None:
        target.set_default_timeout(EXPECT_MS)
        target.set_default_navigation_timeout(WAIT_MS)


@contextlib.contextmanager
def chromium(args: list[str] | None = None) -> Iterator[Any]:
    """A headless Chromium (sync Playwright) for the `with` block."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=args or CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_settled(page: Any, timeout: float = WAIT_MS) -> None:
    """Wait until the script finished and nothing is running (the status widget is gone).

    Checked twice around the status widget: a rerun that starts just as the first check
    passes shows the widget, and must end again.
    """
    page.wait_for_selector(SETTLED, timeout=timeout)
    page.wait_for_function(NO_STATUS_JS, timeout=timeout)
    page.wait_for_selector(SETTLED, timeout=timeout)


# True once every chart, map and image in the main area is drawn (see the module docstring).
# Streamlit loads each element's code on first use and shows a skeleton (stSkeleton) until it
# has: a page whose chart code is still loading has no chart element yet, so without the
# skeleton check "every chart is drawn" would hold for a page that has drawn none.
DRAWN_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('[data-testid="stVerticalBlock"] > *')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  for (const p of main.querySelectorAll('[data-testid="stPlotlyChart"]'))
    if (!p.querySelector('.main-svg')) return false;
  for (const d of main.querySelectorAll('[data-testid="stDeckGlJsonChart"]'))
    if (!d.querySelector('canvas')) return false;
  for (const img of document.images)
    if (!img.complete) return false;
  return true;
}"""


def wait_drawn(page: Any, timeout: float = WAIT_MS) -> None:
    """Settled, and every plotly chart, deck.gl canvas and image drawn; then settled again
    (a chart that reports a selection can start another run)."""
    wait_settled(page, timeout)
    page.wait_for_function(DRAWN_JS, timeout=timeout, polling=100)
    wait_settled(page, timeout)


def nav_link_selector(path: str) -> str:
    """CSS selector of the menu's link to page `path` ("" for the overview).

    The links carry the filter in their query; the overview's, as Streamlit writes the
    default page's link, is a bare "?query" relative to the current page.
    """
    return f".st-key-nav_{path or 'overview'} a"


def page_paths() -> list[str]:
    """URL paths of the pages that exist now: "" (the Overview), then the app's PAGES in order.

    Only pages whose script exists, so a page is tested as soon as its script lands.
    """
    from usmx.ui.navigation import PAGES

    return ["", *(page.url_path for page in PAGES if page.path.exists())]


def menu_paths() -> list[str]:
    """URL paths the page menu links on a server started without editor settings: the
    Overview (""), then every page but the editor pages that are off (usmx.ui.navigation)."""
    from usmx.ui.navigation import PAGES, in_menu

    return ["", *(page.url_path for page in PAGES if page.path.exists() and in_menu(page))]


def named_paths() -> list[str]:
    """Every URL path the app names: "/" (""), each page, and the Overview's registry path
    (`/overview`, served by a hidden alias page in dashboard.py)."""
    from usmx.ui.navigation import OVERVIEW

    return [*page_paths(), OVERVIEW.url_path]


def warm_up(browser: Any, server: Any) -> None:
    """One throwaway visit to `server` (a Server or a URL), so a test's own session meets a
    warm server.

    A server's first run imports everything (seconds on 2 cores) and goes through
    `usmx.ui.context.use_router`'s one-time reroute; tests about something else, or that time
    their clicks, start after it.
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(getattr(server, "url", server), timeout=WAIT_MS)
        wait_settled(page)
    finally:
        context.close()


# What a user would see as broken, as a list of texts (empty when the page is healthy). A
# string, so that sync and async Playwright pages both evaluate it.
APP_ERRORS_JS = """() => {
    const found = [];
    for (const e of document.querySelectorAll('[data-testid="stException"]'))
        found.push('exception: ' + e.innerText.slice(0, 300));
    for (const e of document.querySelectorAll('[role="dialog"], [data-testid="stDialog"]'))
        if (/connection error|is not connected|connecting|page not found/i.test(e.innerText))
            found.push('dialog: ' + e.innerText.slice(0, 200));
    const status = document.querySelector('[data-testid="stConnectionStatus"]');
    if (status) found.push('connection status: ' + status.innerText.slice(0, 100));
    return found;
}"""


def app_errors(page: Any) -> list[str]:
    return sorted(set(page.evaluate(APP_ERRORS_JS)))


# Every map on the page has a sized canvas, no component is still loading its code, and the
# boundary files the map fetches once (usmx.maps.boundaries, served from static/) arrived.
MAP_DRAWN_JS = """(files) => {
    const decks = document.querySelectorAll('[data-testid="stDeckGlJsonChart"]');
    if (!decks.length) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    for (const deck of decks) {
        const canvas = deck.querySelector('canvas');
        if (!canvas || !canvas.width || !canvas.height) return false;
        if (!canvas.getBoundingClientRect().height) return false;
    }
    const fetched = new Set(performance.getEntriesByType('resource')
        .filter(e => e.responseEnd > 0).map(e => e.name.split('?')[0].split('/').pop()));
    return files.every(f => fetched.has(f));
}"""
FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def wait_map_drawn(page: Any, files: list[str] | None = None, timeout: float = WAIT_MS) -> None:
    """Wait until the page settled and every map on it has drawn its boundaries.

    `files`: the static files the map fetches (default: all of usmx.maps.boundaries; over a
    basemap only the outlines). Then two animation frames, in which deck.gl draws what it
    loaded.
    """
    if files is None:
        from usmx.maps.boundaries import STATIC_FILES

        files = list(STATIC_FILES.values())
    wait_settled(page, timeout=timeout)
    page.wait_for_function(MAP_DRAWN_JS, arg=files, timeout=timeout)
    page.evaluate(FRAMES_JS)
