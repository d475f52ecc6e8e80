"""usmx.maps points, arcs, binning, legend and places table (the deck: tests/test_map_deck.py)."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import time

import pandas as pd
import pytest
from markupsafe import escape

from usmx import maps
from usmx.filters import Filters
from usmx.i18n import count, t
from usmx.maps import style
from usmx.maps.inputs import clip
from usmx.model import Dataset
from usmx.tables import Tables

ACTOR_FILTERS = [(), ("sheinbaum",), ("trump",), ("us_military",), ("mexican_senate",)]


def expected_counts(ds: Dataset, events) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in events:
        for pid in set(e.place_ids):
            counts[pid] = counts.get(pid, 0) + 1
    return counts


def points_by_id(ds, events=None, lang="en") -> dict[str, maps.PlacePoint]:
    events = ds.events if events is None else events
    return {p.id: p for p in maps.place_points(events, ds.places, lang=lang)}


# --- points -----------------------------------------------------------------------------------


@pytest.mark.parametrize("actors", ACTOR_FILTERS)
def test_points_count_the_filtered_events_per_place(ds, actors):
    events = Filters(actors=actors).events(ds)
    points = maps.place_points(events, ds.places, lang="en")
    assert {p.id: p.count for p in points} == expected_counts(ds, events)
    for p in points:
        assert sorted(p.event_ids) == sorted(e.id for e in events if p.id in e.place_ids)


def test_points_are_frozen_records(ds):
    [point, *_] = maps.place_points(ds.events, ds.places, lang="en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.count = 0  # type: ignore[misc]


def test_actor_filter_reduces_points_and_counts(ds):
    everything = points_by_id(ds)
    sheinbaum = points_by_id(ds, Filters(actors=("sheinbaum",)).events(ds))
    assert "sinaloa" in sheinbaum  # she launched the Sinaloa crackdown
    assert "venezuela" not in sheinbaum
    assert "venezuela" in everything
    assert sheinbaum["mexico"].count < everything["mexico"].count
    assert set(sheinbaum) < set(everything)


def test_no_events_no_points(ds):
    assert maps.place_points([], ds.places, lang="en") == []


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_frames_give_the_same_points_as_records(ds, tables: Tables, lang):
    events = Filters(actors=("trump",)).events(ds)
    frame = tables.events[tables.events["id"].isin([e.id for e in events])]
    from_models = maps.place_points(events, ds.places, lang=lang)
    assert maps.place_points(frame, tables.places, lang=lang) == from_models


@pytest.mark.parametrize(
    ("lang", "mexico", "precision_key"),
    [("zh-Hant", "墨西哥", "map.precision.country"), ("en", "Mexico", "map.precision.country")],
)
def test_point_fields_in_each_language(ds, lang, mexico, precision_key):
    point = points_by_id(ds, lang=lang)["mexico"]
    assert point.name == mexico
    assert point.precision == "country"
    assert point.precision_label == t(precision_key, lang)
    assert point.point_basis.startswith("Mexico City")


@pytest.mark.parametrize(
    ("place_id", "precision"), [("mexico", "country"), ("sinaloa", "region"), ("texas", "region")]
)
def test_points_are_marked_by_precision(ds, place_id, precision):
    point = points_by_id(ds)[place_id]
    assert point.precision == precision
    row = point.deck_row()
    assert (row["fill"], row["line"]) == (
        style.PRECISION_MARKS[precision].fill,
        style.PRECISION_MARKS[precision].line,
    )
    # The precision is said in the tooltip, right under the name.
    assert point.tooltip.split("\n")[1] == t(f"map.precision.{precision}", "en")


def test_unnamed_places_do_not_look_named():
    # A point standing for a region or a country is pale inside, ringed: never a solid dot.
    exact = style.PRECISION_MARKS["exact"]
    for precision in ("region", "country"):
        mark = style.PRECISION_MARKS[precision]
        assert mark.fill[3] < exact.fill[3] / 2
        assert mark.line_width > exact.line_width
    assert style.PRECISION_MARKS["country"].fill[3] < style.PRECISION_MARKS["region"].fill[3]


def test_radius_grows_with_count(ds):
    by_count = sorted(maps.place_points(ds.events, ds.places, lang="en"), key=lambda p: p.count)
    radii = [p.radius for p in by_count]
    assert radii == sorted(radii)
    assert by_count[-1].radius > by_count[0].radius
    assert all(style.MIN_RADIUS_PX < r <= style.MAX_RADIUS_PX for r in radii)


@pytest.mark.parametrize(
    ("small", "large", "max_count"),
    [(1, 2, 2), (1, 4, 30), (9, 16, 30), (10, 1000, 100_000), (90_000, 100_000, 100_000)],
)
def test_point_radius_is_monotonic_and_bounded(small, large, max_count):
    r_small = maps.point_radius(small, max_count)
    r_large = maps.point_radius(large, max_count)
    assert style.MIN_RADIUS_PX <= r_small < r_large <= style.MAX_RADIUS_PX


def test_radius_area_follows_count_for_small_numbers():
    # sqrt scaling: 4 events have twice the radius increment of 1 event.
    one = maps.point_radius(1, 30) - style.MIN_RADIUS_PX
    four = maps.point_radius(4, 30) - style.MIN_RADIUS_PX
    assert four == pytest.approx(2 * one, abs=0.02)


def test_tooltip_lists_events_newest_first_and_caps_the_list(ds):
    points = points_by_id(ds)
    busiest = max(points.values(), key=lambda p: p.count)
    lines = busiest.tooltip.split("\n")
    listed = [ln for ln in lines if ln.startswith("• ")]
    assert len(listed) == min(busiest.count, style.TOOLTIP_EVENTS)
    if busiest.count > style.TOOLTIP_EVENTS:
        assert lines[-1] == t("map.tooltip.more", "en", n=busiest.count - style.TOOLTIP_EVENTS)
    venezuela = points["venezuela"]
    listed = [ln for ln in venezuela.tooltip.split("\n") if ln.startswith("• ")]
    assert len(listed) == min(venezuela.count, style.TOOLTIP_EVENTS)
    assert "Caracas" in venezuela.tooltip  # the point basis, in English
    by_id = ds.events_by_id
    newest = max(venezuela.event_ids, key=lambda i: by_id[i].interval.end)
    assert by_id[newest].title_en in listed[0]


def test_tooltip_in_chinese_uses_chinese_titles(ds):
    venezuela = points_by_id(ds, lang="zh-Hant")["venezuela"]
    strike = ds.events_by_id["us_strike_on_venezuela"]
    assert strike.title_zh in venezuela.tooltip
    assert strike.title_en not in venezuela.tooltip


def test_hostile_titles_stay_plain_text(ds):
    strike = ds.events_by_id["us_strike_on_venezuela"]
    hostile = strike.model_copy(
        update={"title_en": '<script>alert("x")</script> & <img src=x onerror=alert(1)>\nnext'}
    )
    [point, *_] = maps.place_points([hostile], ds.places, lang="en")
    # The title arrives exactly as written, on one line: deck.gl shows a text tooltip with
    # innerText, so nothing in it can become markup.
    assert '<script>alert("x")</script> & <img src=x onerror=alert(1)> next' in point.tooltip
    assert set(style.TOOLTIP) == {"text", "style"}  # no "html" template
    assert style.TOOLTIP["text"] == "{tooltip}"


@pytest.mark.parametrize(
    ("edtf", "shown"),
    [
        ("2026-01-03", "2026-01-03"),
        ("2026-01", "2026-01"),
        ("2025-01-20/2026-01-16", "2025-01-20 – 2026-01-16"),
        ("../2026-01-15", "… – 2026-01-15"),
    ],
)
def test_format_date(edtf, shown):
    assert maps.format_date(edtf) == shown


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("short", 10, "short"), ("a\nb  c", 10, "a b c"), ("abcdefghijkl", 5, "abcd…")],
)
def test_clip(text, limit, expected):
    assert clip(text, limit) == expected


def test_point_slots_cover_every_place_busiest_first(ds):
    slots = maps.point_slots(ds.events, ds.places)
    assert sorted(slots) == sorted(p.id for p in ds.places)
    counts = expected_counts(ds, ds.events)
    assert [counts.get(s, 0) for s in slots] == sorted((counts.get(s, 0) for s in slots), reverse=1)


# --- arcs -------------------------------------------------------------------------------------


def arcs_by_id(ds, events=None, lang="en") -> dict[str, maps.Arc]:
    events = ds.events if events is None else events
    return {a.id: a for a in maps.cross_border_arcs(events, ds, lang=lang)}


def test_strike_on_venezuela_is_an_arc_from_washington_to_caracas(ds):
    arc = arcs_by_id(ds)["US>venezuela"]
    assert {"us_strike_on_venezuela", "maduro_captured"} <= set(arc.event_ids)
    us, ve = ds.places_by_id["united_states"], ds.places_by_id["venezuela"]
    assert (arc.source_lon, arc.source_lat) == (us.lon, us.lat)
    assert (arc.target_lon, arc.target_lat) == (ve.lon, ve.lat)


def test_us_proposals_are_arcs_to_mexico(ds):
    arc = arcs_by_id(ds)["US>mexico"]
    proposals = {
        e.id
        for e in ds.events
        if "mexico" in e.place_ids
        and any(ea.actor_id == "trump" and ea.role == "initiator" for ea in e.actors)
    }
    assert proposals
    assert proposals <= set(arc.event_ids)


def test_arcs_only_cross_borders(ds):
    arcs = arcs_by_id(ds)
    places = ds.places_by_id
    for arc in arcs.values():
        assert maps.place_country(places[arc.target_id]) != arc.source_country
        assert arc.source_id != arc.target_id
    all_ids = {e for a in arcs.values() for e in a.event_ids}
    # Mexico's own crackdown in Sinaloa draws no arc.
    assert "sinaloa_crackdown" not in all_ids
    # Events with no initiator (a phone call between equals) have no direction: no arc.
    assert "sheinbaum_trump_call" not in all_ids
    # Nothing ends on the border point, which belongs to both countries.
    assert all(a.target_id != "us_mexico_border" for a in arcs.values())


def test_mexican_initiative_on_us_soil_goes_the_other_way(ds):
    # The article has no Mexican act on US soil, so a test variant adds one: an event with a
    # Mexican initiator placed in the United States (not the article's data).
    assert "MX>united_states" not in arcs_by_id(ds)
    event = ds.events_by_id["sinaloa_crackdown"].model_copy(
        update={"id": "made_up_mexican_act_in_us", "place_ids": ["united_states"]}
    )
    arc = arcs_by_id(ds, [*ds.events, event])["MX>united_states"]
    assert arc.event_ids == ("made_up_mexican_act_in_us",)
    mx = ds.places_by_id["mexico"]
    assert (arc.source_lon, arc.source_lat) == (mx.lon, mx.lat)


def test_arcs_are_aggregated_by_endpoints(ds):
    arcs = maps.cross_border_arcs(ds.events, ds, lang="en")
    keys = [(a.source_id, a.target_id) for a in arcs]
    assert len(keys) == len(set(keys))
    for a in arcs:
        assert a.count == len(a.event_ids) == len(set(a.event_ids))
    by_count = sorted(arcs, key=lambda a: a.count)
    assert by_count[-1].count > 1
    assert by_count[-1].width > by_count[0].width
    assert all(style.MIN_ARC_WIDTH_PX < a.width <= style.MAX_ARC_WIDTH_PX for a in arcs)


@pytest.mark.parametrize(
    ("lang", "header"),
    [("zh-Hant", "美國 → 委內瑞拉"), ("en", "United States → Venezuela")],
)
def test_arc_tooltip_names_both_ends_in_each_language(ds, lang, header):
    tooltip = arcs_by_id(ds, lang=lang)["US>venezuela"].tooltip
    assert tooltip.split("\n")[0].startswith(header)
    strike = ds.events_by_id["us_strike_on_venezuela"]
    assert (strike.title_zh if lang == "zh-Hant" else strike.title_en) in tooltip


def test_arcs_follow_the_filter(ds, tables: Tables):
    events = Filters(actors=("sheinbaum",)).events(ds)
    arcs = arcs_by_id(ds, events)
    assert "US>venezuela" not in arcs
    ids = {e.id for e in events}
    assert all(set(a.event_ids) <= ids for a in arcs.values())
    frame = tables.events[tables.events["id"].isin(ids)]
    assert maps.cross_border_arcs(frame, ds, lang="en") == list(arcs.values())


def test_arc_slots_name_every_arc_of_the_dataset(ds):
    slots = maps.arc_slots(ds)
    assert set(slots) == set(arcs_by_id(ds))
    for actors in ACTOR_FILTERS:
        assert set(arcs_by_id(ds, Filters(actors=actors).events(ds))) <= set(slots)


@pytest.mark.parametrize(
    ("place_id", "country"),
    [
        ("mexico", "MX"),
        ("sinaloa", "MX"),
        ("texas", "US"),
        ("venezuela", "VE"),
        ("mexican_seaports", "MX"),  # no ISO code: found from its point (Mexico's)
        ("us_mexico_border", None),  # belongs to both sides
    ],
)
def test_place_country(ds, place_id, country):
    assert maps.place_country(ds.places_by_id[place_id]) == country


# --- many places ------------------------------------------------------------------------------


def synthetic_points(n: int) -> list[maps.PlacePoint]:
    """n places on a 0.1° grid over Mexico, each with a few events."""
    side = int(n**0.5) + 1
    return [
        maps.PlacePoint(
            id=f"p{i}",
            lon=-115 + (i % side) * 0.1,
            lat=15 + (i // side) * 0.1,
            count=1 + i % 5,
            radius=8.0,
            name=f"Place {i}",
            precision="exact",
            tooltip=f"Place {i}",
        )
        for i in range(n)
    ]


def test_few_points_are_not_aggregated():
    points = synthetic_points(maps.MAX_POINTS)
    assert maps.aggregation_cell(points) == 0
    assert maps.aggregate_points(points, lang="en") == points


def test_many_points_are_binned_below_the_threshold():
    points = synthetic_points(maps.MAX_POINTS + 2_000)
    cell = maps.aggregation_cell(points)
    assert cell >= 0.25
    binned = maps.aggregate_points(points, lang="en")
    assert len(binned) <= maps.MAX_POINTS
    assert sum(b.count for b in binned) == sum(p.count for p in points)
    assert sum(b.places for b in binned) == len(points)
    assert all(b.is_cell and b.cell_deg == cell for b in binned)
    biggest = max(binned, key=lambda b: b.count)
    assert biggest.tooltip.startswith(
        t(
            "map.tooltip.cell",
            "en",
            places=count("places", biggest.places, "en"),
            events=count("events", biggest.count, "en"),
        )
    )
    deck = json.loads(maps.build_deck(points, [], lang="en").to_json())
    layers = {lyr["id"]: lyr for lyr in deck["layers"]}
    assert len(layers["points"]["data"]) == len(binned)
    assert layers["place-labels"]["data"] == []  # no names for binned cells


def test_a_benchmark_sized_dataset_stays_usable():
    # 100,000 events at 20,000 places, given as frames like usmx.tables builds them.
    n_places, n_events = 20_000, 100_000
    places = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(n_places)],
            "name_en": [f"Place {i}" for i in range(n_places)],
            "name_zh": [f"地點{i}" for i in range(n_places)],
            "kind": "city",
            "lat": [14.5 + (i // 200) * 0.18 for i in range(n_places)],
            "lon": [-117 + (i % 200) * 0.15 for i in range(n_places)],
            "precision": "exact",
            "point_basis": "",
            "iso_3166": "",
        }
    )
    day = pd.Timestamp("2026-01-03")
    events = pd.DataFrame(
        {
            "id": [f"e{i}" for i in range(n_events)],
            "title_en": [f"Event {i}" for i in range(n_events)],
            "title_zh": [f"事件{i}" for i in range(n_events)],
            "date": "2026-01-03",
            "start": day,
            "end": day,
            "place_ids": [(f"p{(i * 7) % n_places}",) for i in range(n_events)],
        }
    )
    started = time.perf_counter()
    points = maps.place_points(events, places, lang="zh-Hant")
    slots = maps.point_slots(events, places)
    text = maps.build_deck(points, [], lang="zh-Hant", point_slots=slots).to_json()
    elapsed = time.perf_counter() - started
    assert len(points) == n_places
    assert sum(p.count for p in points) == n_events
    deck = json.loads(text)
    [drawn] = [lyr for lyr in deck["layers"] if lyr["id"] == "points"]
    assert len(drawn["data"]) <= maps.MAX_POINTS  # binned cells are not slotted
    assert len(text.encode()) < 5_000_000
    assert elapsed < 20, f"{elapsed:.1f} s"


# --- the places table and downloads -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_places_table_sorted_with_translated_headers(ds, lang):
    points = maps.place_points(ds.events, ds.places, lang=lang)
    table = maps.places_table_html(points, lang=lang)
    headers = [t(f"map.col.{c}", lang) for c in ("place", "events", "precision")]
    for header in headers:
        assert f">{html.escape(header)}</th>" in table
    assert table.count("<tr>") == len(points) + 1  # the header row
    busiest = max(points, key=lambda p: p.count)
    first_row = table.split("<tbody>")[1].split("</tr>")[0]
    assert html.escape(busiest.name) in first_row


def test_places_table_escapes_names(ds):
    [point] = maps.place_points(ds.events[:1], ds.places, lang="en")[:1]
    hostile = dataclasses.replace(point, name="<img src=x onerror=alert(1)>")
    table = maps.places_table_html([hostile], lang="en")
    assert "<img" not in table
    assert "&lt;img src=x onerror=alert(1)&gt;" in table


def test_places_csv_has_the_filtered_places_and_counts(ds):
    events = Filters(actors=("sheinbaum",)).events(ds)
    data = maps.places_csv_bytes(ds, events)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["id"]: int(r["event_count"]) for r in rows} == expected_counts(ds, events)
    assert rows[0]["name_zh"]  # Chinese survives


def test_places_geojson_has_places_and_filtered_events(ds):
    events = Filters(actors=("trump",)).events(ds)
    data = json.loads(maps.places_geojson_bytes(ds, events))
    kinds = [f["properties"]["feature_type"] for f in data["features"]]
    assert kinds.count("place") == len(ds.places)
    assert kinds.count("event") == sum(len(set(e.place_ids)) for e in events)
    counts = {
        f["properties"]["id"]: f["properties"]["event_count"]
        for f in data["features"]
        if f["properties"]["feature_type"] == "place"
    }
    assert {k: v for k, v in counts.items() if v} == expected_counts(ds, events)


# --- the map in words -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_alt_text_describes_the_map(ds, lang):
    points = maps.place_points(ds.events, ds.places, lang=lang)
    arcs = maps.cross_border_arcs(ds.events, ds, lang=lang)
    text = maps.alt_text(points, arcs, lang)
    assert count("places", len(points), lang) in text
    assert count("arcs", len(arcs), lang) in text
    assert max(points, key=lambda p: p.count).name in text


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_legend_explains_every_mark(lang):
    legend = maps.legend_html(lang)
    for key in (
        "map.legend.exact",
        "map.legend.region",
        "map.legend.country",
        "map.legend.size",
        "map.legend.arc",
        "map.legend.border",
        "map.legend.sinaloa",
        "map.legend.pick",
    ):
        assert str(escape(t(key, lang))) in legend  # as Jinja escapes it
    assert "<script" not in legend
    assert "<style" not in legend


@pytest.mark.parametrize("precision", style.PRECISIONS)
def test_legend_swatches_match_the_deck(precision):
    mark = style.PRECISION_MARKS[precision]
    legend = maps.legend_html("en")
    assert f"--fill: {style.css(mark.fill)}; --line: {style.css(mark.line)}" in legend
