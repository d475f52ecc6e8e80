"""Tests for usmx.extract.places: the committed gazetteer, points and honest precision."""

from __future__ import annotations

import pytest

from tests.fixtures.extract_actors import ACTORS
from usmx.extract.actors import find_actors
from usmx.extract.names import NameIndex, dictionary
from usmx.extract.places import PlaceIndex, load_gazetteer
from usmx.model import Dataset

INDEX = NameIndex(dictionary(ACTORS))


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    return PlaceIndex([])


def _find(index: PlaceIndex, text: str) -> list[tuple[str, str, str, str | None]]:
    mentions = find_actors(text, INDEX).mentions
    return [
        (p.selector.exact, p.place_id, p.precision, p.iso_3166) for p in index.find(text, mentions)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在庫利亞坎查獲實驗室。", [("庫利亞坎", "geonames:4012176", "exact", "MX-SIN")]),
        ("A lab in Culiacán was raided.", [("Culiacán", "geonames:4012176", "exact", "MX-SIN")]),
        ("A lab in Culiacan was raided.", [("Culiacan", "geonames:4012176", "exact", "MX-SIN")]),
        (
            "包括德州和加州。",
            [("德州", "US-TX", "region", "US-TX"), ("加州", "US-CA", "region", "US-CA")],
        ),
        ("在錫那羅亞州打擊。", [("錫那羅亞州", "MX-SIN", "region", "MX-SIN")]),
        ("在锡那罗亚州打击。", [("锡那罗亚州", "MX-SIN", "region", "MX-SIN")]),
        ("經美墨邊境走私。", [("美墨邊境", "border:US-MX", "region", None)]),
        ("across the US-Mexico border", [("US-Mexico border", "border:US-MX", "region", None)]),
        ("美國的鄰國墨西哥", [("美國", "US", "country", "US"), ("墨西哥", "MX", "country", "MX")]),
        ("the port of Tijuana", [("Tijuana", "geonames:3981609", "exact", "MX-BCN")]),
        ("Officials in Tyler met.", []),  # a one-word small-city name alone: not a place
        (
            "Officials in Tyler, Texas, met.",
            [
                ("Tyler", "geonames:4738214", "exact", "US-TX"),
                ("Texas", "US-TX", "region", "US-TX"),
            ],
        ),
        ("錫那羅亞州警察今天表示。", []),  # part of an actor's name
        ("the mexican economy", []),  # Latin place names are capitalised
    ],
)
def test_places(
    places: PlaceIndex, text: str, expected: list[tuple[str, str, str, str | None]]
) -> None:
    assert _find(places, text) == expected


def test_countries_stand_at_their_capital(places: PlaceIndex) -> None:
    [mx] = places.find("墨西哥", [])
    assert (mx.lat, mx.lon) == pytest.approx((19.43, -99.13), abs=0.01)
    assert "capital" in (mx.point_basis or "")


def test_dataset_places_keep_their_own_point(ds: Dataset) -> None:
    index = PlaceIndex(ds.places)
    found = {p.selector.exact: p for p in index.find(ds.article, [])}
    assert found["墨西哥海港"].dataset_place_id == "mexican_seaports"
    assert found["德州"].dataset_place_id == "texas"
    sinaloa = next(p for p in ds.places if p.id == "sinaloa")
    assert (found["錫那羅亞州"].lat, found["錫那羅亞州"].lon) == (sinaloa.lat, sinaloa.lon)


def test_gazetteer_covers_every_mexican_and_us_state() -> None:
    states = {r["iso_3166"] for r in load_gazetteer() if r["kind"] == "state"}
    assert sum(s.startswith("MX-") for s in states) == 32
    assert sum(s.startswith("US-") for s in states) == 51
    for record in load_gazetteer():
        if record["kind"] in ("state", "city"):
            assert -180 <= record["lon"] <= 180
            assert -90 <= record["lat"] <= 90
