"""Real browser tests: the real Streamlit server driven by Debian Chromium through Playwright.

Elements are found by data-testid and widget keys (`.st-key-<key>`), never by position.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser import wait_settled
from usmx.dataset import load_dataset

pytestmark = pytest.mark.browser
N = len(load_dataset().events)


def open_app(page, server, path: str = "", query: str = "") -> None:
    page.goto(f"{server.url}/{path}{'?' + query if query else ''}")
    wait_settled(page)


def choose_actor(page, option_text: str) -> None:
    box = page.locator(".st-key-actor").get_by_role("combobox")
    box.click()
    box.fill(option_text)
    page.get_by_role("option", name=re.compile(re.escape(option_text))).first.click()
    page.keyboard.press("Escape")
    wait_settled(page)


def filter_caption(page):
    """The caption stating what the filter shows ("7 of 40 events involving ...")."""
    return (
        page.get_by_test_id("stCaptionContainer")
        .filter(has_text=re.compile(r"\d+ / \d+ 個事件|\d+ of \d+ events"))
        .first
    )


def expect_caption(page, pattern: str) -> None:
    # Auto-retrying: a click starts a rerun a moment later, so poll instead of reading once.
    expect(filter_caption(page)).to_contain_text(re.compile(pattern))


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_overview_shows_counts_and_source(page, server):
    open_app(page, server, query="lang=en")
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    expect_caption(page, f"{N} of {N} events")
    expect(page.get_by_text("About the source")).to_be_visible()
    expect(page.get_by_text(re.compile("a20384386f05ea3f"))).to_be_visible()


def test_actor_filter_updates_caption_and_url(page, server):
    open_app(page, server, query="lang=en")
    choose_actor(page, "Claudia Sheinbaum")
    expect_caption(page, rf"\d+ of {N} events involving Claudia Sheinbaum")
    expect(page).to_have_url(re.compile(r"[?&]actor=sheinbaum(&|$)"))


def test_alias_search_adds_actor(page, server):
    open_app(page, server, query="lang=en")
    page.locator(".st-key-actor_q input").fill("川普")
    page.keyboard.press("Enter")
    wait_settled(page)
    page.locator(".st-key-add_actor_trump button").click()
    wait_settled(page)
    expect(page).to_have_url(re.compile(r"[?&]actor=trump(&|$)"))
    expect_caption(page, "involving Donald Trump")


def test_shared_url_reproduces_view_and_reports_bad_values(page, server):
    open_app(page, server, query="lang=en&actor=maduro&actor=nobody&dates=2026-13-01")
    expect_caption(page, "involving Nicolás Maduro")
    warnings = page.get_by_test_id("stAlertContentWarning")
    expect(warnings.filter(has_text="actor=nobody")).to_be_visible()
    expect(warnings.filter(has_text="2026-13-01")).to_be_visible()
    assert query(page)["actor"] == ["maduro"]
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_language_switch_changes_labels(page, server):
    open_app(page, server)
    expect_caption(page, "個事件")
    page.locator(".st-key-lang").get_by_role("radio", name="English").click()
    wait_settled(page)
    expect_caption(page, f"of {N} events")
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))
