"""The user's ACLED layer on the Map in a real browser: toggled on, its hexagons are drawn (a
hexagon answers the pointer with its tooltip), and the sidebar's actor filter changes them.

The server has its own data folder holding a layer imported from the made-up fixture
(tests/fixtures/acled/); hexagon centres come from the same layer's SQL (usmx.acled_query).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.server import running_server
from tests.browser import require_chromium, wait_map_drawn
from tests.test_browser_map import CHART, TIMEOUT_MS, canvas_point
from usmx import maps
from usmx.acled_import import import_acled
from usmx.acled_match import keys_for
from usmx.acled_query import KM_PER_DEG_LAT, KM_PER_DEG_LON, AcledFilter, AcledLayer
from usmx.i18n import count, t
from usmx.maps import acled as A

pytestmark = pytest.mark.browser
FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "made_up_acled.csv"
SIZE_KM = A.hex_size("border")
# Two made-up rows' places (lon, lat), far from the article's own points on the map.
APATZINGAN = (-102.3506, 19.0886)  # Michoacán: no cartel named
MAZATLAN = (-106.4111, 23.2494)  # Sinaloa: the Sinaloa Cartel named


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("acled-data")
    import_acled(FIXTURE, folder)
    return folder


@pytest.fixture(scope="module")
def layer_server(data_dir: Path):
    require_chromium()
    with running_server(env={"USMX_DATA_DIR": str(data_dir)}) as server:
        yield server


def hexagon_at(
    layer: AcledLayer, lon: float, lat: float, f: AcledFilter
) -> tuple[float, float, int]:
    """Centre and events (under `f`) of the hexagon holding the point (lon, lat)."""
    bins = layer.hex_bins(size_km=SIZE_KM)
    kx, ky = KM_PER_DEG_LON, KM_PER_DEG_LAT
    distance = ((bins["longitude"] - lon) * kx) ** 2 + ((bins["latitude"] - lat) * ky) ** 2
    q, r = bins.loc[distance.idxmin(), ["hex_q", "hex_r"]]
    centre = bins[(bins["hex_q"] == q) & (bins["hex_r"] == r)].iloc[0]
    filtered = layer.hex_bins(f, size_km=SIZE_KM)
    here = filtered[(filtered["hex_q"] == q) & (filtered["hex_r"] == r)]
    return float(centre["longitude"]), float(centre["latitude"]), int(here["events"].sum())


def hover(page, lon: float, lat: float) -> None:
    page.mouse.move(5, 5)  # away first: the tooltip follows a new pointer position
    page.mouse.move(*canvas_point(page, lon, lat, maps.VIEWS["border"]))


def test_the_layer_on_the_map_follows_the_actor_filter(page, layer_server, data_dir, ds):
    layer = AcledLayer.open(data_dir)
    assert layer is not None
    cartel = AcledFilter(actor_keys=keys_for(ds, ["sinaloa_cartel"]))
    page.goto(f"{layer_server.url}/map?lang=en")
    wait_map_drawn(page)
    tooltip = page.locator(".deck-tooltip")
    head = t("map.acled.tooltip", "en")

    # Off by default: from Mexico's point (its tooltip shows) to where Michoacán's made-up
    # row is, the tooltip goes away: nothing is drawn there.
    mexico = ds.places_by_id["mexico"]  # a place of the Sinaloa Cartel's events too
    hover(page, mexico.lon, mexico.lat)
    expect(tooltip).to_contain_text("Mexico", timeout=TIMEOUT_MS)
    lon, lat, events = hexagon_at(layer, *APATZINGAN, AcledFilter())
    page.mouse.move(*canvas_point(page, lon, lat, maps.VIEWS["border"]))
    expect(tooltip).to_be_hidden(timeout=TIMEOUT_MS)

    page.locator(".st-key-map_acled label").first.click()
    wait_map_drawn(page)
    expect(page.locator(".usmx-map-legend")).to_contain_text(t("map.legend.acled_hex", "en"))
    expect(page.get_by_text(re.compile(r"rows? of 10 match"))).to_contain_text(
        f"{count('rows', layer.count(), 'en')} of 10"
    )
    hover(page, lon, lat)
    expect(tooltip).to_contain_text(head, timeout=TIMEOUT_MS)
    expect(tooltip).to_contain_text(count("events", events, "en"))
    michoacan = (lon, lat)

    # The actor filter: only rows naming the Sinaloa Cartel stay.
    box = page.locator(".st-key-actor").get_by_role("combobox")
    box.click()
    page.keyboard.type("Sinaloa Cartel")  # the list shows a few actors at a time
    page.get_by_role("option", name=re.compile("Sinaloa Cartel")).first.click()
    page.keyboard.press("Escape")
    wait_map_drawn(page)
    expect(page.get_by_text(re.compile(r"rows? of 10 match"))).to_contain_text(
        f"{count('rows', layer.count(cartel), 'en')} of 10", timeout=TIMEOUT_MS
    )
    hover(page, mexico.lon, mexico.lat)
    expect(tooltip).to_contain_text("Mexico", timeout=TIMEOUT_MS)
    apatzingan = canvas_point(page, *michoacan, maps.VIEWS["border"])
    page.mouse.move(*apatzingan)  # Michoacán's row names no cartel: its hexagon is gone
    expect(tooltip).to_be_hidden(timeout=TIMEOUT_MS)
    lon, lat, events = hexagon_at(layer, *MAZATLAN, cartel)  # away from our Sinaloa point
    assert events > 0
    hover(page, lon, lat)
    expect(tooltip).to_contain_text(head, timeout=TIMEOUT_MS)
    expect(tooltip).to_contain_text(count("events", events, "en"))
    assert page.locator(f"{CHART} canvas").count() == 1
    layer.close()
