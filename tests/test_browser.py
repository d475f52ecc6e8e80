"""Real browser tests: the real Streamlit server driven by Debian Chromium through Playwright.

Elements are found by data-testid and widget keys (`.st-key-<key>`), never by position.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser import NAV, wait_map_drawn, wait_settled
from usmx.charts.registry import CHARTS
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
    headline = page.locator(".usmx-headline")
    expect(headline.locator("dt").first).to_have_text("Events")
    expect(headline.locator("dd").first).to_have_text(str(N))
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


PAGE_TITLES = {
    "": "US–Mexico security events",
    "timeline": "Timeline",
    "map": "Map",
    "quotes": "Quotes",
    "actors": "Actors",
    "source": "The source article",
}


@pytest.mark.parametrize("path", list(PAGE_TITLES))
def test_every_page_opens_with_an_actor_filter(page, server, path):
    open_app(page, server, path, "lang=en&actor=sheinbaum")
    expect(page.get_by_role("heading", level=1).first).to_contain_text(PAGE_TITLES[path])
    expect_caption(page, "involving Claudia Sheinbaum")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    if path == "timeline":
        expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible()
    if path == "map":
        # The app's own signal, with a CI-sized timeout: the first map of a new server in
        # software WebGL under load once took longer than expect()'s default 5 s.
        wait_map_drawn(page)
        expect(page.locator('[data-testid="stDeckGlJsonChart"] canvas').first).to_be_visible()


def test_filter_holds_across_page_switches(page, server):
    open_app(page, server, query="lang=en")
    choose_actor(page, "Omar García Harfuch")
    nav = page.locator(NAV)
    for name in ("Timeline", "Map", "Quotes", "Source", "Overview"):
        nav.get_by_role("link", name=name).click()
        wait_settled(page)
        expect_caption(page, "involving Omar García Harfuch")
        expect(page).to_have_url(re.compile(r"[?&]actor=garcia_harfuch(&|$)"))


def test_overview_chart_downloads_as_svg(page, server, tmp_path):
    # The overview draws a light SVG; its download is the registry's plotly chart, built
    # on the click.
    open_app(page, server, "", "lang=en&actor=trump")
    expect(page.locator(".st-key-overview_months img.usmx-months")).to_be_visible()
    with page.expect_download(timeout=60_000) as download:
        page.locator(".st-key-dl_events_by_month_svg").get_by_role(
            "button", name=re.compile("SVG")
        ).click()
    assert download.value.suggested_filename == "events_by_month_actor-trump_en.svg"
    path = tmp_path / "months.svg"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<svg")
    assert "Events per month" in text


def test_download_chart_png_and_events_csv(page, server, tmp_path):
    open_app(page, server, "timeline", "lang=en&actor=maduro")
    with page.expect_download(timeout=60_000) as download:
        page.locator(".st-key-dl_timeline_png").get_by_role(
            "button", name=re.compile("PNG")
        ).click()
    png = tmp_path / "timeline.png"
    download.value.save_as(png)
    assert download.value.suggested_filename.endswith(".png")
    assert "maduro" in download.value.suggested_filename
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == CHARTS["timeline"].width  # the registry's export size
    assert height >= 300

    with page.expect_download() as download:
        page.locator(".st-key-dl_events_csv").get_by_role("button", name=re.compile("CSV")).click()
    csv_path = tmp_path / "events.csv"
    download.value.save_as(csv_path)
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("id,")
    assert any(line.startswith("maduro_captured,") for line in lines[1:])
    assert not any(line.startswith("sheinbaum_trump_call,") for line in lines[1:])
