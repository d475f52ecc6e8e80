"""AppTest of the ACLED layer beside the article's events (usmx.ui.acled_overlay): a toggle on the
Timeline and the Map, shown only when a layer is stored and off by default; with it on, a band
of counts under the timeline and hexagons on the map that follow the sidebar's dates, actors
and places; a click on a hexagon zooms in to locations, and back.

Layers are imported from the made-up fixture (tests/fixtures/acled/) into a temporary
USMX_DATA_DIR.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from tests.test_map_page import chart, deck
from usmx.acled_import import import_acled
from usmx.i18n import count, t
from usmx.maps import acled as A

FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "made_up_acled.csv"
ROWS = list(csv.DictReader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))
IN_ARTICLE_DAYS = [r for r in ROWS if "2026-01-01" <= r["event_date"] <= "2026-01-16"]


@pytest.fixture
def no_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USMX_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def stored(no_layer: Path) -> Path:
    import_acled(FIXTURE, no_layer)
    return no_layer


def opened(page: str, **query: str | list[str]) -> AppTest:
    at = run_app(page, **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def switched_on(at: AppTest, key: str) -> AppTest:
    at.toggle(key=key).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def band(at: AppTest) -> dict | None:
    charts = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    found = [c for c in charts if "ACLED" in c["layout"]["title"]["text"]]
    return found[0] if found else None


def band_total(at: AppTest) -> int:
    spec = band(at)
    assert spec is not None
    return int(sum(spec["data"][0]["y"]))


def acled_layers(at: AppTest) -> dict[str, dict]:
    return {lyr["id"]: lyr for lyr in deck(at)["layers"] if lyr["id"].startswith("acled")}


def hexagon_events(at: AppTest) -> int:
    """Events in the drawn hexagons, read back from their tooltips' counts."""
    rows = acled_layers(at)[A.HEX_LAYER]["data"]
    return sum(int(r["tooltip"].split("\n")[1].split(" ")[0].replace(",", "")) for r in rows)


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption).replace("\\", "")


@pytest.mark.parametrize(("page", "key"), [("pages/timeline.py", "timeline_acled"),
                                           ("pages/map.py", "map_acled")])  # fmt: skip
def test_no_toggle_without_a_layer(no_layer: Path, page: str, key: str):
    at = opened(page, lang="en")
    assert key not in {tg.key for tg in at.toggle}


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_timeline_band_on_and_off(stored: Path, lang: str):
    at = opened("pages/timeline.py", lang=lang)
    assert at.toggle(key="timeline_acled").value is False  # off by default
    assert band(at) is None
    switched_on(at, "timeline_acled")
    assert band_total(at) == len(IN_ARTICLE_DAYS)
    assert t("acled.unit.day", lang) in band(at)["layout"]["title"]["text"]
    rows = count("rows", len(ROWS), lang)
    assert rows in captions(at)
    assert FIXTURE.name in captions(at)
    at.toggle(key="timeline_acled").set_value(False).run()
    assert band(at) is None


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ({"actor": "sinaloa_cartel"}, lambda r: "Sinaloa Cartel" in (r["actor1"], r["actor2"])),
        ({"place": "sinaloa"}, lambda r: r["admin1"] == "Sinaloa"),
        ({"place": "us_mexico_border"}, lambda r: False),
    ],
)
def test_the_sidebar_filter_changes_the_band(stored: Path, query: dict[str, str], keep):
    at = switched_on(opened("pages/timeline.py", lang="en", **query), "timeline_acled")
    assert band_total(at) == sum(1 for r in IN_ARTICLE_DAYS if keep(r))
    shown = count("rows", sum(1 for r in ROWS if keep(r)), "en")
    assert f"{shown} of {len(ROWS)}" in captions(at)


def test_the_caption_names_what_acled_cannot_express(stored: Path):
    at = opened("pages/timeline.py", lang="en", place=["sinaloa", "us_mexico_border"])
    switched_on(at, "timeline_acled")
    text = captions(at)
    assert t("acled.overlay.no_place", "en", places="US–Mexico border") in text
    assert band_total(at) == sum(1 for r in IN_ARTICLE_DAYS if r["admin1"] == "Sinaloa")


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_map_hexagons_on_and_off(stored: Path, lang: str):
    at = opened("pages/map.py", lang=lang)
    assert at.toggle(key="map_acled").value is False
    assert acled_layers(at) == {}
    switched_on(at, "map_acled")
    assert set(acled_layers(at)) == {A.HEX_LAYER}
    assert hexagon_events(at) == len(ROWS)
    assert t("map.legend.acled_hex", lang) in "".join(h.proto.body for h in at.get("html"))
    at.toggle(key="map_acled").set_value(False).run()
    assert acled_layers(at) == {}


def test_an_actor_filter_changes_the_hexagons(stored: Path):
    at = switched_on(opened("pages/map.py", lang="en", actor="sinaloa_cartel"), "map_acled")
    assert hexagon_events(at) == sum(
        1 for r in ROWS if "Sinaloa Cartel" in (r["actor1"], r["actor2"])
    )


def test_a_click_on_a_hexagon_zooms_in_and_back(stored: Path):
    at = switched_on(opened("pages/map.py", lang="en"), "map_acled")
    hexagons = acled_layers(at)[A.HEX_LAYER]["data"]
    busiest = hexagons[0]
    at = click_hexagon(at, busiest)
    assert set(acled_layers(at)) == {A.POINT_LAYER}
    view = deck(at)["initialViewState"]
    assert (view["longitude"], view["latitude"], view["zoom"]) == (
        busiest["lon"], busiest["lat"], A.ZOOM,
    )  # fmt: skip
    locations = acled_layers(at)[A.POINT_LAYER]["data"]
    assert locations
    assert all("Sinaloa" in r["tooltip"] for r in locations[:1])
    at.button(key="map_acled_back").click().run()
    assert set(acled_layers(at)) == {A.HEX_LAYER}
    assert deck(at)["initialViewState"]["zoom"] != A.ZOOM


def click_hexagon(at: AppTest, row: dict) -> AppTest:
    """What the browser sends for a click on one hexagon (tests/test_map_page.py's click)."""
    rows = acled_layers(at)[A.HEX_LAYER]["data"]
    index = next(i for i, r in enumerate(rows) if r["polygon"] == row["polygon"])
    value = {"selection": {"indices": {A.HEX_LAYER: [index]}, "objects": {A.HEX_LAYER: [row]}}}
    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    widget = states.widgets.add()
    widget.id = chart(at).proto.id
    widget.string_value = json.dumps(value)
    at = at._run(widget_state=states)
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    ("modules", "absent"),
    [
        # The Timeline's toggle and band: no map library on the Timeline's path.
        ("usmx.ui.acled_overlay, usmx.ui.timeline", ("pydeck", "duckdb")),
        # Every page's layer code: DuckDB only once a layer is opened.
        ("usmx.ui.acled_overlay, usmx.ui.acled_map_overlay, usmx.ui.acled_layer", ("duckdb",)),
    ],
)
def test_a_server_with_no_layer_does_not_load_what_the_layer_needs(modules, absent):
    code = f"import sys, {modules}\nprint(sorted(m for m in {absent!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
