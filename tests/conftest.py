"""Shared fixtures: the shipped dataset, loaded once per test session."""

from __future__ import annotations

import pytest

from usmx.dataset import load_dataset
from usmx.model import Dataset
from usmx.tables import Tables, build_tables


@pytest.fixture(scope="session")
def ds() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def tables(ds: Dataset) -> Tables:
    return build_tables(ds)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (see tests/browser.py)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server():
    """The real app on a free port, shared by the browser tests of one session."""
    from tests.browser import Server, require_chromium

    require_chromium()
    s = Server()
    yield s
    s.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()
