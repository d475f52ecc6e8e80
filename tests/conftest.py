"""Shared fixtures: the shipped dataset, loaded once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from usmx.acled_import import import_acled
from usmx.acled_query import AcledLayer
from usmx.dataset import load_dataset
from usmx.model import Dataset
from usmx.tables import Tables, build_tables

ACLED_FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "made_up_acled.csv"


@pytest.fixture(scope="session")
def ds() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def tables(ds: Dataset) -> Tables:
    return build_tables(ds)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (harness/browser.py), with
    Playwright's default waits raised to what a loaded 2-core CI box needs."""
    from playwright.sync_api import sync_playwright

    from harness.browser import CHROMIUM_ARGS, size_waits
    from tests.browser import require_chromium

    path = require_chromium()
    size_waits()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server():
    """The real app on a free port, shared by the browser tests of one session."""
    from harness.server import Server
    from tests.browser import require_chromium

    require_chromium()
    s = Server()
    yield s
    s.stop()


@pytest.fixture
def page(browser):
    from harness.browser import size_waits

    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    size_waits(context)
    pg = context.new_page()
    yield pg
    context.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Remove AppTest's scratch folder now, not in a finalizer at interpreter exit.

    streamlit.testing.v1.app_test keeps a module-level `TMP_DIR = tempfile.TemporaryDirectory()`
    for `AppTest.from_string` scripts and never cleans it up; its finalizer then prints a
    ResourceWarning after pytest's summary. Only the tests touch it, and only if imported.
    """
    app_test = sys.modules.get("streamlit.testing.v1.app_test")
    scratch = getattr(app_test, "TMP_DIR", None)
    if scratch is not None:
        scratch.cleanup()


@pytest.fixture(scope="module")
def acled_layer(tmp_path_factory: pytest.TempPathFactory):
    """The made-up ACLED fixture imported into a temporary folder and opened (DuckDB)."""
    folder = tmp_path_factory.mktemp("acled")
    import_acled(ACLED_FIXTURE, folder)
    opened = AcledLayer.open(folder)
    yield opened
    opened.close()
