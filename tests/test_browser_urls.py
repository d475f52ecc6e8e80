"""Every path the app names opens its page, and a date range survives the URL (issue 8).

Bug 8: `/overview`, the Overview's path in the page registry, opened Streamlit's "Page not
found" dialog over the app. Here every named path (and every menu link's target) must open
without it, at its own address, showing its own page. Bug 1: a range from the first day
(`dates=1846-01-01&dates=2026-01-10`, the form links had before the EDTF encoding, and
`dates=../2026-01-10`) must read as "any time to 2026-01-10", and every menu link must carry it
in a form that reads back as the same range.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser import app_errors, menu_paths, named_paths, nav_link_selector, wait_settled
from usmx.dataset import load_dataset
from usmx.filters import Choices
from usmx.urlstate import P_DATES, parse_filters

pytestmark = pytest.mark.browser

NOT_FOUND = "Page not found"


def heading(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text()


def open_path(page, server, path: str) -> None:
    page.goto(f"{server.url}/{path}?lang=en")
    wait_settled(page)


def assert_on_own_page(page, server, path: str) -> None:
    assert urlparse(page.url).path == f"/{path}", f"/{path} was sent to {page.url}"
    assert NOT_FOUND not in page.locator("body").inner_text()
    assert app_errors(page) == []


@pytest.fixture(scope="module")
def overview_heading(browser, server) -> str:
    context = browser.new_context()
    page = context.new_page()
    open_path(page, server, "")
    try:
        return heading(page)
    finally:
        context.close()


@pytest.mark.parametrize("path", named_paths())
def test_named_path_opens_its_page(page, server, path, overview_heading):
    open_path(page, server, path)
    assert_on_own_page(page, server, path)
    if path in ("", "overview"):
        assert heading(page) == overview_heading
    else:  # its own page, not the main page Streamlit falls back to
        assert heading(page) not in ("", overview_heading)


def test_unknown_path_is_reported(page, server):
    """The check above can fail: an unknown path shows the dialog it looks for."""
    page.goto(f"{server.url}/no-such-page?lang=en")
    wait_settled(page)
    expect(page.get_by_role("dialog")).to_contain_text(NOT_FOUND)
    assert any(NOT_FOUND in e for e in app_errors(page))


LINKS_FROM = "source"  # the page whose menu is read; its own link is read from another page


@pytest.fixture(scope="module")
def menu_targets(browser, server) -> dict[str, str]:
    """Where each menu link goes, resolved as a new tab would (path -> absolute URL)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        targets = {}
        for here in (LINKS_FROM, "quotes"):
            open_path(page, server, here)
            for path in menu_paths():
                if path != here and path not in targets:
                    href = page.locator(nav_link_selector(path)).get_attribute("href")
                    targets[path] = urljoin(page.url, href)
        return targets
    finally:
        context.close()


@pytest.mark.parametrize("path", menu_paths())
def test_menu_links_name_their_pages(menu_targets, path):
    """Every menu link, opened in a new tab, goes to its page's path (the Overview's is
    /overview): a path the test above opens without "Page not found"."""
    expected = f"/{path or 'overview'}"
    assert urlparse(menu_targets[path]).path == expected, menu_targets[path]


# --- bug 1: a range from the first day ------------------------------------------------------

TO = dt.date(2026, 1, 10)
RANGE_FROM_FIRST_DAY = [
    "dates=1846-01-01&dates=2026-01-10",  # the form links had before the EDTF encoding
    "dates=../2026-01-10",
    "dates=..%2F2026-01-10",
]


COUNTED = re.compile(r"\d+ of \d+ events")


@pytest.fixture(scope="module")
def choices() -> Choices:
    return Choices.from_dataset(load_dataset())


def filter_caption(page):
    """The caption that states what the filter shows ("34 of 39 events, any time to …")."""
    return page.get_by_test_id("stCaptionContainer").filter(has_text=COUNTED).first


@pytest.mark.parametrize("query", RANGE_FROM_FIRST_DAY)
def test_range_from_the_first_day_survives_the_url(page, server, choices, query):
    page.goto(f"{server.url}/timeline?lang=en&{query}")
    wait_settled(page)
    expect(filter_caption(page)).to_contain_text(f"any time to {TO.isoformat()}")
    caption = filter_caption(page).inner_text()
    links = {path: page.locator(nav_link_selector(path)) for path in menu_paths()}
    for path, link in links.items():
        href = link.get_attribute("href")
        params = parse_qs(urlparse(href).query)
        assert params.get(P_DATES) == [f"../{TO.isoformat()}"], (path, href)
        filters, notices = parse_filters(params, choices)
        assert (filters.date_from, filters.date_to) == (None, TO), (path, href)
        assert notices == []
    # And a click through the menu shows the same range on the next page.
    other = next(path for path in links if path not in ("", "timeline"))
    links[other].click()
    expect(page).to_have_url(re.compile(rf"/{other}\?"))
    wait_settled(page)
    expect(filter_caption(page)).to_contain_text(f"any time to {TO.isoformat()}")
    assert filter_caption(page).inner_text() == caption
