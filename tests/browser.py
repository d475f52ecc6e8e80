"""Helpers for real-browser tests: a real Streamlit server and Debian's Chromium via Playwright.

Not a test module. Browser tests skip when Chromium is missing on a developer machine, but
under CI=true a missing browser is a failure: CI must run them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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


def require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the browser tests")
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(
    proc: subprocess.Popen, url: str, log: Path, timeout: float = 60, poll: float = 0.2
) -> None:
    """Until `url`'s /_stcore/health says ok; a server that exits raises with its log's end.

    Shared with bench/run.py, which times this.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text()[-2000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r,
        ):
            if r.read() == b"ok":
                return
        time.sleep(poll)
    raise RuntimeError("streamlit did not become healthy in time")


def stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM the process group (streamlit and anything it started), SIGKILL after 10 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class Server:
    """`streamlit run dashboard.py` on a free loopback port, stopped with its process group."""

    def __init__(
        self, env: dict[str, str] | None = None, script: str = "dashboard.py", port: int = 0
    ):
        self.port = port or free_port()  # a given port: a restart where the user's tab points
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            sys.executable, "-m", "streamlit", "run", script,
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        self.log = (ROOT / ".pytest_cache" / f"streamlit-{self.port}.log").resolve()
        self.log.parent.mkdir(exist_ok=True)
        with self.log.open("wb") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env={**os.environ, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_healthy()

    def wait_healthy(self, timeout: float = 60) -> None:
        wait_healthy(self.proc, self.url, self.log, timeout)

    def stop(self) -> None:
        stop_group(self.proc)

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would: no shutdown code runs."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


@contextlib.contextmanager
def running_server(**kwargs) -> Iterator[Server]:
    server = Server(**kwargs)
    try:
        yield server
    finally:
        server.stop()


NAV = ".st-key-usmx_nav"  # the sidebar's page menu (usmx.ui.context.menu)


def nav_link_selector(path: str) -> str:
    """CSS selector of the menu's link to page `path` ("" for the overview).

    The links carry the filter in their query; the overview's, as Streamlit writes the
    default page's link, is a bare "?query" relative to the current page.
    """
    return f".st-key-nav_{path or 'overview'} a"


def wait_settled(page, timeout: float = 30_000) -> None:
    """Wait until the script finished and nothing is running (the status widget is gone)."""
    page.wait_for_selector(SETTLED, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout
    )
    page.wait_for_selector(SETTLED, timeout=timeout)


# A map is drawn when its deck has a canvas of non-zero size and deck.gl has fetched the boundary
# files it names (usmx.maps.boundaries: served by the app, under app/static/). A test that
# looks at or clicks the map waits for this, not for a fixed time: the first map of a new
# server in software WebGL, on a loaded 2-core machine, can take many seconds.
MAP_DRAWN_JS = """(files) => {
    const decks = document.querySelectorAll('[data-testid="stDeckGlJsonChart"]');
    if (!decks.length) return false;
    // Placeholders of components whose code is still loading (or a page being redrawn).
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


def wait_map_drawn(page, files: list[str] | None = None, timeout: float = 60_000) -> None:
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


def warm_up(browser, server: Server) -> None:
    """One throwaway visit, so a test's own session meets a warm server.

    A server's first run imports everything (seconds on 2 cores) and goes through
    `usmx.ui.context.use_router`'s one-time reroute; tests about something else, or that time
    their clicks, start after it.
    """
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url)
    wait_settled(page, timeout=60_000)
    context.close()


def page_paths() -> list[str]:
    """URL paths of the pages that exist now: "" (the Overview), then the app's PAGES in order.

    Only pages whose script exists, so a page is tested as soon as its script lands.
    """
    from usmx.ui.navigation import PAGES

    return ["", *(page.url_path for page in PAGES if page.path.exists())]


# What a user would see as broken, as a list of texts (empty when the page is healthy). A
# string, so that sync and async Playwright pages both evaluate it.
APP_ERRORS_JS = """() => {
    const found = [];
    for (const e of document.querySelectorAll('[data-testid="stException"]'))
        found.push('exception: ' + e.innerText.slice(0, 300));
    for (const e of document.querySelectorAll('[role="dialog"], [data-testid="stDialog"]'))
        if (/connection error|is not connected|connecting/i.test(e.innerText))
            found.push('dialog: ' + e.innerText.slice(0, 200));
    const status = document.querySelector('[data-testid="stConnectionStatus"]');
    if (status) found.push('connection status: ' + status.innerText.slice(0, 100));
    return found;
}"""


def app_errors(page) -> list[str]:
    return sorted(set(page.evaluate(APP_ERRORS_JS)))
