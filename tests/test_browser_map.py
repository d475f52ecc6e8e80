"""The Map page in a real browser: click a place on the canvas, see its events, filter by it.

Also: with the basemap off the map asks nothing of any host but the app's, and a filter change
does not fetch the boundaries again (they are static files, fetched once).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser import wait_map_drawn, wait_settled
from usmx import maps
from usmx.filters import Filters
from usmx.maps.boundaries import STATIC_FILES
from usmx.maps.labels import pixel

pytestmark = pytest.mark.browser
CHART = '[data-testid="stDeckGlJsonChart"]'
PANEL = ".st-key-map_pick_panel"
TIMEOUT_MS = 60_000  # the first map of a server in software WebGL on a loaded 2-core box


def canvas_point(page, lon: float, lat: float, view: dict[str, float]) -> tuple[float, float]:
    """Where (lon, lat) is drawn, in page pixels, with the deck at its initial `view`."""
    box = page.locator(f"{CHART} canvas").first.bounding_box()
    x, y = pixel(lon, lat, view["zoom"])
    cx, cy = pixel(view["longitude"], view["latitude"], view["zoom"])
    return box["x"] + box["width"] / 2 + x - cx, box["y"] + box["height"] / 2 + y - cy


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def static_fetches(page) -> list[str]:
    return page.evaluate(
        """() => performance.getEntriesByType('resource')
            .map(e => e.name).filter(n => n.includes('/app/static/geo/'))"""
    )


@pytest.fixture
def requests_seen(page):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_a_click_on_a_place_lists_its_events_and_filters_by_it(page, server, ds, requests_seen):
    page.goto(f"{server.url}/map?lang=en")
    wait_map_drawn(page)
    # Texas: only its point answers a click there (the states' land does not).
    texas = ds.places_by_id["texas"]
    x, y = canvas_point(page, texas.lon, texas.lat, maps.VIEWS["border"])
    page.mouse.click(x, y)

    panel = page.locator(PANEL)
    expect(panel.get_by_role("heading", name="Texas")).to_be_visible(timeout=TIMEOUT_MS)
    at_texas = [e for e in ds.events if "texas" in e.place_ids]
    expect(panel.locator("li")).to_have_count(len(at_texas))
    for event in at_texas:
        expect(panel.get_by_role("link", name=event.title_en)).to_have_attribute(
            "href", re.compile(rf"timeline\?.*event={event.id}")
        )
    expect(page).to_have_url(re.compile(r"[?&]pick=place%3Atexas(&|$)"), timeout=TIMEOUT_MS)

    panel.get_by_role("button", name="Filter by Texas").click()
    wait_settled(page)
    expect(page).to_have_url(re.compile(r"[?&]place=texas(&|$)"), timeout=TIMEOUT_MS)
    shown = len(Filters(places=("texas",)).events(ds))
    expect(page.get_by_test_id("stCaptionContainer").first).to_contain_text(
        f"{shown} of {len(ds.events)} events"
    )
    expect(panel.get_by_role("button", name="Texas is in the filter")).to_be_disabled()

    # Offline: nothing but the app's own host was asked for anything (basemap off).
    hosts = {urlparse(u).netloc for u in requests_seen if u.startswith("http")}
    assert hosts == {urlparse(server.url).netloc}, hosts


def test_a_filter_change_keeps_the_boundaries(page, server):
    page.goto(f"{server.url}/map?lang=en")
    wait_map_drawn(page)
    assert sorted(u.rsplit("/", 1)[-1] for u in static_fetches(page)) == sorted(
        STATIC_FILES.values()
    )
    box = page.locator(".st-key-actor").get_by_role("combobox")
    box.click()
    page.get_by_role("option", name=re.compile("Donald Trump")).first.click()
    page.keyboard.press("Escape")
    # The rerun's own sign that it ran (the filter in the URL), then the map drawn after it:
    # waiting for "settled" alone can pass before the rerun has started.
    expect(page).to_have_url(re.compile(r"[?&]actor=trump\b"), timeout=TIMEOUT_MS)
    wait_map_drawn(page)
    assert query(page)["actor"] == ["trump"]
    # The deck named the same files: deck.gl kept its data, the browser fetched nothing new.
    assert len(static_fetches(page)) == len(STATIC_FILES)


def test_a_link_with_a_pick_opens_its_events(page, server, ds):
    page.goto(f"{server.url}/map?pick=arc:US%3Evenezuela")
    wait_map_drawn(page)
    panel = page.locator(PANEL)
    expect(panel.get_by_role("heading", name="美國 → 委內瑞拉")).to_be_visible()
    [arc] = [a for a in maps.cross_border_arcs(ds.events, ds) if a.id == "US>venezuela"]
    expect(panel.locator("li")).to_have_count(arc.count)


def test_the_map_keeps_its_pan_across_a_filter_change(page, server, ds):
    page.goto(f"{server.url}/map?lang=en")
    wait_map_drawn(page)
    mexico = ds.places_by_id["mexico"]
    x, y = canvas_point(page, mexico.lon, mexico.lat, maps.VIEWS["border"])
    box = page.locator(f"{CHART} canvas").first.bounding_box()
    # Drag the map 100 px left and 120 px up, from a spot with no point on it.
    start_x, start_y = box["x"] + 150, box["y"] + 150
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(start_x - 100, start_y - 120, steps=8)
    page.mouse.up()
    tooltip = page.locator(".deck-tooltip")
    page.mouse.move(x - 100, y - 120)  # where Mexico's point is now
    expect(tooltip).to_contain_text("Mexico", timeout=TIMEOUT_MS)

    box = page.locator(".st-key-actor").get_by_role("combobox")
    box.click()
    page.get_by_role("option", name=re.compile("Donald Trump")).first.click()
    page.keyboard.press("Escape")
    # The rerun's own sign that it ran (the filter in the URL), then the map drawn after it:
    # waiting for "settled" alone can pass before the rerun has started.
    expect(page).to_have_url(re.compile(r"[?&]actor=trump\b"), timeout=TIMEOUT_MS)
    wait_map_drawn(page)
    assert query(page)["actor"] == ["trump"]
    page.mouse.move(5, 5)
    expect(tooltip).to_be_hidden()
    page.mouse.move(x - 100, y - 120)  # the map did not jump back
    expect(tooltip).to_contain_text("Mexico", timeout=TIMEOUT_MS)
