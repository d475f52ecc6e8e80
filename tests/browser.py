"""The pytest side of the real-browser tests; the server and browser helpers live in harness/.

Not a test module. Browser tests skip when Chromium is missing on a developer machine, but
under CI=true a missing browser is a failure: CI must run them. Everything else is the shared
harness (harness.server, harness.browser), re-exported so test modules import one place.
"""

from __future__ import annotations

import os

import pytest

from harness.browser import (
    APP_ERRORS_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    EXPECT_MS,
    NAV,
    SETTLED,
    WAIT_MS,
    app_errors,
    chromium_path,
    menu_paths,
    named_paths,
    nav_link_selector,
    page_paths,
    size_waits,
    wait_drawn,
    wait_map_drawn,
    wait_settled,
    warm_up,
)
from harness.server import ROOT, Server, free_port, running_server, stop_group, wait_healthy

__all__ = [
    "APP_ERRORS_JS",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "EXPECT_MS",
    "NAV",
    "ROOT",
    "SETTLED",
    "WAIT_MS",
    "Server",
    "app_errors",
    "free_port",
    "menu_paths",
    "named_paths",
    "nav_link_selector",
    "page_paths",
    "require_chromium",
    "running_server",
    "size_waits",
    "stop_group",
    "wait_drawn",
    "wait_healthy",
    "wait_map_drawn",
    "wait_settled",
    "warm_up",
]


def require_chromium() -> str:
    """The Chromium path; skips the test without one, fails it under CI=true."""
    path = chromium_path()
    if path is not None:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the browser tests")
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
