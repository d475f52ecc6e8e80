"""Real browser: clicking an actor on the Network chart lists its events, and the link keeps it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser import app_errors, wait_settled

pytestmark = pytest.mark.browser
# Drawing the chart and the rerun after a click take seconds on a busy 2-core machine: wait
# for what the app shows, with room to spare.
SLOW = 60_000

# Where a point of the chart is: the trace holding the actors, and the actor's index in it.
POINT_JS = """(actor) => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const trace = gd.data.findIndex(tr => tr.mode === 'markers+text');
    const point = gd.data[trace].customdata.findIndex(c => c[1] === actor);
    return [trace, point];
}"""


def test_clicking_an_actor_lists_its_events(page, server):
    page.goto(f"{server.url}/network?lang=en")
    wait_settled(page)
    chart = page.get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".scatterlayer .trace").first).to_be_visible(timeout=SLOW)
    trace, point = page.evaluate(POINT_JS, "trump")
    dot = chart.locator(".scatterlayer .trace").nth(trace).locator("path.point").nth(point)
    dot.scroll_into_view_if_needed()
    box = dot.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    listing = page.locator(".usmx-net-events")
    heading = re.compile(r"^Donald Trump: \d+ events$")
    expect(listing.locator("h4")).to_have_text(heading, timeout=SLOW)
    expect(page.locator(".st-key-network_pick").get_by_role("combobox")).to_have_value(
        "Donald Trump"
    )
    expect(listing.locator("mark").first).to_be_visible()  # the article's words
    first = listing.locator("a.title").first
    expect(first).to_have_attribute("href", re.compile(r"^\./timeline\?.*event=[a-z0-9_]+"))
    page.wait_for_function("() => location.search.includes('node=trump')", timeout=SLOW)
    assert parse_qs(urlparse(page.url).query)["node"] == ["trump"]
    # The address reproduces the view in a new tab.
    again = page.context.new_page()
    again.goto(page.url)
    wait_settled(again)
    expect(again.locator(".usmx-net-events h4")).to_have_text(heading, timeout=SLOW)
    assert not app_errors(page)
    assert not app_errors(again)
