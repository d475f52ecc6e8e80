"""usmx.maps.selection: what a click on the map picked, and the events there."""

from __future__ import annotations

import pytest

from usmx import maps
from usmx.filters import Filters
from usmx.i18n import t
from usmx.maps.selection import Pick, describe, pick_from_selection


def selection(layer_id: str, obj: dict, index: int = 0) -> dict:
    """A pydeck selection state as Streamlit 1.67 reports a single-object click."""
    return {"indices": {layer_id: [index]}, "objects": {layer_id: [obj]}}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (selection("points", {"id": "sinaloa", "radius": 9}), Pick("place", "sinaloa")),
        (selection("arcs", {"id": "US>venezuela"}), Pick("arc", "US>venezuela")),
        (
            selection("sinaloa", {"properties": {"iso_3166_2": "MX-SIN"}}),
            Pick("place", "sinaloa"),
        ),
        (  # the border line picks the dataset's border place
            selection("border", {"properties": {"name_en": "US–Mexico border"}}),
            Pick("place", "us_mexico_border"),
        ),
        (selection("points", {"id": "cell:3:4"}), None),  # a grid cell of many places
        (selection("arcs", {"id": "<script>"}), None),
        (selection("states", {"properties": {"iso": "MX-CHH"}}), None),  # not clickable
        ({"indices": {}, "objects": {}}, None),  # a click on nothing
        ({}, None),
        ({"objects": {"points": ["not a dict"]}}, None),
    ],
)
def test_pick_from_selection(ds, state, expected):
    assert pick_from_selection(state, ds.places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("place:sinaloa", Pick("place", "sinaloa")),
        ("arc:US>venezuela", Pick("arc", "US>venezuela")),
        ("place:atlantis", None),
        ("arc:US>atlantis", None),
        ("arc:us>venezuela", None),
        ("sinaloa", None),
        ("", None),
    ],
)
def test_pick_round_trips_through_its_url_form(ds, value, expected):
    places = frozenset(p.id for p in ds.places)
    pick = Pick.parse(value, places)
    assert pick == expected
    if pick:
        assert pick.param == value


@pytest.mark.parametrize(
    ("pick", "place_id"),
    [(Pick("place", "texas"), "texas"), (Pick("arc", "US>venezuela"), "venezuela")],
)
def test_the_place_to_filter_by(pick, place_id):
    assert pick.place_id == place_id


@pytest.mark.parametrize("actors", [(), ("sheinbaum",), ("trump",)])
@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_describe_a_place_lists_its_filtered_events_newest_first(ds, actors, lang):
    events = Filters(actors=actors).events(ds)
    picked = describe(Pick("place", "mexico"), events, ds, lang=lang)
    assert picked is not None
    assert picked.heading == ("墨西哥" if lang == "zh-Hant" else "Mexico")
    assert picked.note == t("map.precision.country", lang)
    assert picked.place_id == "mexico"
    expected = {e.id for e in events if "mexico" in e.place_ids}
    assert {e.id for e in picked.events} == expected
    ends = [e.interval.end for e in picked.events]
    assert ends == sorted(ends, reverse=True)


def test_describe_an_arc_lists_the_events_it_stands_for(ds):
    events = list(ds.events)
    picked = describe(Pick("arc", "US>venezuela"), events, ds, lang="en")
    assert picked is not None
    assert picked.heading == "United States → Venezuela"
    assert picked.place_id == "venezuela"
    [arc] = [a for a in maps.cross_border_arcs(events, ds) if a.id == "US>venezuela"]
    assert {e.id for e in picked.events} == set(arc.event_ids)


def test_describe_a_pick_the_filter_leaves_empty(ds):
    events = Filters(actors=("sheinbaum",)).events(ds)
    picked = describe(Pick("arc", "US>venezuela"), events, ds, lang="en")
    assert picked is not None
    assert picked.events == ()


@pytest.mark.parametrize(
    "pick", [Pick("place", "atlantis"), Pick("arc", "XX"), Pick("arc", "US>x")]
)
def test_describe_an_unknown_pick(ds, pick):
    assert describe(pick, ds.events, ds, lang="en") is None
