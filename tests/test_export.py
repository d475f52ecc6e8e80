"""Tests for usmx.export: the JSON contract, CSV tables, GeoJSON, and filtered exports."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from usmx.dataset import DEFAULT_DATASET
from usmx.export import write_dataset
from usmx.export_csv import (
    ACTOR_COLUMNS,
    CLAIM_COLUMNS,
    CSV_TABLES,
    EVENT_ACTOR_COLUMNS,
    EVENT_COLUMNS,
    PLACE_COLUMNS,
    QUOTE_COLUMNS,
    actors_to_rows,
    claims_to_rows,
    event_actors_to_rows,
    events_to_rows,
    places_to_rows,
    quotes_to_rows,
    rows_to_csv_bytes,
)
from usmx.export_geojson import places_geojson
from usmx.export_json import dataset_to_json, record_to_json, to_json_bytes
from usmx.model import Dataset, Event

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TABLES = ("actors", "places", "events", "quotes", "claims")
BOM = b"\xef\xbb\xbf"
# `ds`, the shipped dataset, is the session fixture in conftest.py.


@pytest.fixture(scope="module")
def doc(ds: Dataset) -> dict[str, Any]:
    return dataset_to_json(ds)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --- JSON ---------------------------------------------------------------------------------------


def test_json_has_one_key_per_table(ds: Dataset, doc: dict[str, Any]) -> None:
    assert list(doc) == ["source", *TABLES]
    for table in TABLES:
        assert len(doc[table]) == len(getattr(ds, table))


def test_json_keeps_the_files_order(doc: dict[str, Any]) -> None:
    raw = yaml.safe_load(DEFAULT_DATASET.read_text(encoding="utf-8"))
    for table in TABLES:
        assert [r["id"] for r in doc[table]] == [r["id"] for r in raw[table]]


@pytest.mark.parametrize("table", TABLES)
def test_json_records_carry_every_model_field(ds: Dataset, doc: dict[str, Any], table: str):
    model = type(getattr(ds, table)[0])
    for record in doc[table]:
        assert set(model.model_fields) <= set(record), record["id"]
        assert next(iter(record)) == "id"


@pytest.mark.parametrize("table", ["events", "quotes"])
def test_json_dates_are_derived(ds: Dataset, doc: dict[str, Any], table: str) -> None:
    for record, model in zip(doc[table], getattr(ds, table), strict=True):
        assert record["date"] == model.date
        assert ISO_DAY.match(record["date_end"])
        assert record["date_precision"] == model.interval.precision
        if record["date_precision"] == "open":
            assert record["date_start"] is None
        else:
            assert ISO_DAY.match(record["date_start"])
            assert record["date_start"] <= record["date_end"]


def test_json_open_start_and_week_dates(doc: dict[str, Any]) -> None:
    precisions = {e["date_precision"] for e in doc["events"]}
    # The article dates nothing to a whole month ("this month" ends at the report), so the
    # month form is checked on a copy below.
    assert {"day", "week", "year", "range", "open"} <= precisions
    week = next(e for e in doc["events"] if e["date"] == "2026-01-05/2026-01-11")
    assert (week["date_start"], week["date_end"], week["date_precision"]) == (
        "2026-01-05",
        "2026-01-11",
        "week",
    )
    opened = next(e for e in doc["events"] if e["date"] == "../2026-01-16")
    assert (opened["date_start"], opened["date_end"]) == (None, "2026-01-16")


def test_json_evidence_is_exact_start_end(ds: Dataset, doc: dict[str, Any]) -> None:
    records = [doc["source"], *(r for t in TABLES for r in doc[t])]
    with_affix = 0
    for record in records:
        assert record["evidence"], record.get("id")
        for ev in record["evidence"]:
            assert (
                {"exact", "start", "end"}
                <= set(ev)
                <= {"exact", "start", "end", "prefix", "suffix"}
            )
            assert ds.article[ev["start"] : ev["end"]] == ev["exact"]
            for affix in ("prefix", "suffix"):
                if affix in ev:
                    assert ev[affix]
                    with_affix += 1
    assert with_affix > 0  # the optional keys really appear where set


def test_json_event_actors_and_places(ds: Dataset, doc: dict[str, Any]) -> None:
    actor_ids = {a["id"] for a in doc["actors"]}
    place_ids = {p["id"] for p in doc["places"]}
    for event in doc["events"]:
        assert event["actors"]
        for link in event["actors"]:
            assert set(link) == {"actor_id", "role"}
            assert link["actor_id"] in actor_ids
        assert set(event["place_ids"]) <= place_ids
    assert all("speaker_id" in q for q in doc["quotes"])
    assert {q["speaker_id"] for q in doc["quotes"]} - {None} <= actor_ids


def test_json_source(doc: dict[str, Any], ds: Dataset) -> None:
    source = doc["source"]
    for key in ("sha256", "language", "published", "reports", "reports_date", "path"):
        assert key in source
    assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])
    assert source["published"] == ds.source.published.isoformat()
    assert ISO_DAY.match(source["reports_date"])


def test_json_bytes_round_trip_keep_chinese(doc: dict[str, Any]) -> None:
    data = to_json_bytes(doc)
    assert json.loads(data) == doc
    assert "特朗普".encode() in data
    assert b"\\u" not in data.replace(b"\\\\", b"")
    assert data.endswith(b"}\n")


# --- rows and CSV -------------------------------------------------------------------------------


def test_rows_have_the_documented_columns(ds: Dataset) -> None:
    assert tuple(events_to_rows(ds.events, ds)[0]) == EVENT_COLUMNS
    assert tuple(event_actors_to_rows(ds.events, ds)[0]) == EVENT_ACTOR_COLUMNS
    assert tuple(quotes_to_rows(ds.quotes, ds)[0]) == QUOTE_COLUMNS
    assert tuple(claims_to_rows(ds.claims, ds)[0]) == CLAIM_COLUMNS
    assert tuple(actors_to_rows(ds.actors)[0]) == ACTOR_COLUMNS
    assert tuple(places_to_rows(ds.places)[0]) == PLACE_COLUMNS


def _event(ds: Dataset, event_id: str) -> Event:
    return next(e for e in ds.events if e.id == event_id)


@pytest.mark.parametrize(
    ("event_id", "column", "expected"),
    [
        ("trump_warns_mexico", "date_precision", "week"),
        ("trump_warns_mexico", "date_start", "2026-01-05"),
        ("trump_warns_mexico", "date_text", "上週"),
        ("us_advisers_in_mexican_command_posts", "date_start", None),
        ("us_advisers_in_mexican_command_posts", "date_precision", "open"),
        ("mexican_senate_vote_scheduled", "date_precision", "day"),
        ("fentanyl_designated_wmd", "date_end", "2025-12-31"),
        ("sheinbaum_trump_call", "actors", "sheinbaum:participant;trump:participant"),
        ("sheinbaum_trump_call", "actor_names_en", "Claudia Sheinbaum;Donald Trump"),
        ("us_invasions_of_mexico", "place_ids", "mexico;texas;california"),
        (
            "maduro_captured",
            "evidence",
            "美軍擄走委內瑞拉總統馬杜羅（Nicolás Maduro，又譯馬杜洛）後",
        ),
        ("sinaloa_crackdown", "event_type", "counternarcotics"),
        ("sinaloa_crackdown", "status", "ongoing"),
    ],
)
def test_event_row_values(ds: Dataset, event_id: str, column: str, expected: Any) -> None:
    (row,) = events_to_rows([_event(ds, event_id)], ds)
    assert row[column] == expected


def test_event_row_evidence_offsets(ds: Dataset) -> None:
    for row in events_to_rows(ds.events, ds):
        assert ds.article[row["evidence_start"] : row["evidence_end"]] == row["evidence"]


def test_filtered_rows_export_only_the_subset(ds: Dataset) -> None:
    subset = [e for e in ds.events if e.event_type.value == "diplomacy"]
    assert 0 < len(subset) < len(ds.events)
    rows = events_to_rows(subset, ds)
    assert [r["id"] for r in rows] == [e.id for e in subset]
    links = event_actors_to_rows(subset, ds)
    assert len(links) == sum(len(e.actors) for e in subset)
    assert {r["event_id"] for r in links} == {e.id for e in subset}
    quotes = quotes_to_rows([q for q in ds.quotes if q.speaker_id == "trump"], ds)
    assert quotes
    assert all(r["speaker_name_en"] == "Donald Trump" for r in quotes)
    claims = claims_to_rows(ds.claims[:2], ds)
    assert [r["id"] for r in claims] == [c.id for c in ds.claims[:2]]


@pytest.mark.parametrize(
    ("rows", "columns", "expected"),
    [
        ([{"a": "特朗普", "b": None}], None, "a,b\r\n特朗普,\r\n"),
        ([{"a": "x,y", "b": 'say "hi"'}], None, 'a,b\r\n"x,y","say ""hi"""\r\n'),
        ([{"a": "line\nbreak", "b": 1.5}], None, 'a,b\r\n"line\nbreak",1.5\r\n'),
        ([], ["id", "title_zh"], "id,title_zh\r\n"),
        ([], None, ""),
        # Formula-leading text is neutralised; numbers, and text that is a number, are not.
        (
            [{"a": '=HYPERLINK("http://x","y")'}],
            None,
            'a\r\n"\'=HYPERLINK(""http://x"",""y"")"\r\n',
        ),
        ([{"a": "+cmd", "b": "@SUM(A1)"}], None, "a,b\r\n'+cmd,'@SUM(A1)\r\n"),
        ([{"a": "-x", "b": -99.13}], None, "a,b\r\n'-x,-99.13\r\n"),
        ([{"a": "-3", "b": "\tx"}], None, "a,b\r\n-3,'\tx\r\n"),
        ([{"a": "a=b", "b": "../2026-01-16"}], None, "a,b\r\na=b,../2026-01-16\r\n"),
    ],
)
def test_rows_to_csv_bytes(rows: list[dict[str, Any]], columns: Any, expected: str) -> None:
    data = rows_to_csv_bytes(rows, columns)
    assert data == BOM + expected.encode("utf-8")


def test_rows_to_csv_rejects_unknown_columns() -> None:
    with pytest.raises(ValueError, match="not in fieldnames"):
        rows_to_csv_bytes([{"a": 1, "b": 2}], ["a"])


def test_write_csv_tables(ds: Dataset, tmp_path: Path) -> None:
    written = write_dataset(ds, "csv", tmp_path / "csv")
    assert sorted(p.name for p in written) == sorted(CSV_TABLES)
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(CSV_TABLES)
    expected_rows = {
        "actors.csv": len(ds.actors),
        "places.csv": len(ds.places),
        "events.csv": len(ds.events),
        "event_actors.csv": sum(len(e.actors) for e in ds.events),
        "quotes.csv": len(ds.quotes),
        "claims.csv": len(ds.claims),
    }
    for path in written:
        rows = read_csv(path.read_bytes())
        assert len(rows) == expected_rows[path.name], path.name
        assert tuple(rows[0]) == CSV_TABLES[path.name]
    events = read_csv((tmp_path / "csv" / "events.csv").read_bytes())
    assert [r["title_zh"] for r in events] == [e.title_zh for e in ds.events]
    assert [r["summary_en"] for r in events] == [e.summary_en for e in ds.events]
    quotes = read_csv((tmp_path / "csv" / "quotes.csv").read_bytes())
    assert [r["text_zh"] for r in quotes] == [q.text_zh for q in ds.quotes]
    actors = read_csv((tmp_path / "csv" / "actors.csv").read_bytes())
    trump = next(r for r in actors if r["id"] == "trump")
    assert "川普" in trump["aliases"].split(";")
    places = read_csv((tmp_path / "csv" / "places.csv").read_bytes())
    sinaloa = next(r for r in places if r["id"] == "sinaloa")
    assert (sinaloa["iso_3166"], sinaloa["name_zh"]) == ("MX-SIN", "錫那羅亞州")


def test_write_json(ds: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "usmx.json"
    assert write_dataset(ds, "json", out) == [out]
    assert json.loads(out.read_text(encoding="utf-8")) == dataset_to_json(ds)


def test_write_geojson(ds: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "places.geojson"
    assert write_dataset(ds, "geojson", out) == [out]
    assert json.loads(out.read_bytes()) == places_geojson(ds)


def test_write_unknown_format(ds: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        write_dataset(ds, "xml", tmp_path / "x.xml")
    assert not (tmp_path / "x.xml").exists()


# --- GeoJSON ------------------------------------------------------------------------------------


def _features(collection: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in collection["features"] if f["properties"]["feature_type"] == kind]


def test_geojson_is_a_valid_feature_collection(ds: Dataset) -> None:
    collection = json.loads(to_json_bytes(places_geojson(ds, ds.events)))
    assert collection["type"] == "FeatureCollection"
    ids = [f["id"] for f in collection["features"]]
    assert len(ids) == len(set(ids))
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90


def test_geojson_places(ds: Dataset) -> None:
    collection = places_geojson(ds)
    places = _features(collection, "place")
    assert len(places) == len(collection["features"]) == len(ds.places)
    by_id = {f["properties"]["id"]: f for f in places}
    sinaloa = by_id["sinaloa"]
    assert sinaloa["properties"]["iso_3166"] == "MX-SIN"
    assert sinaloa["properties"]["name_zh"] == "錫那羅亞州"
    model = next(p for p in ds.places if p.id == "sinaloa")
    assert sinaloa["geometry"]["coordinates"] == [model.lon, model.lat]  # lon first
    for place in ds.places:
        props = by_id[place.id]["properties"]
        expected = [e.id for e in ds.events if place.id in e.place_ids]
        assert props["event_ids"] == expected
        assert props["event_count"] == len(expected)
        assert set(props) >= {"name_en", "name_es", "kind", "precision", "point_basis"}


def test_geojson_event_features_one_per_place_link(ds: Dataset) -> None:
    collection = places_geojson(ds, ds.events)
    events = _features(collection, "event")
    assert len(events) == sum(len(set(e.place_ids)) for e in ds.events)
    assert len(_features(collection, "place")) == len(ds.places)
    places = {p.id: p for p in ds.places}
    for feature in events:
        props = feature["properties"]
        event = _event(ds, props["id"])
        assert props["place_id"] in event.place_ids
        place = places[props["place_id"]]
        assert feature["geometry"]["coordinates"] == [place.lon, place.lat]
        assert props["date_end"] == event.interval.end.isoformat()
        assert props["title_zh"] == event.title_zh
        assert {"date", "date_start", "event_type", "status", "title_en"} <= set(props)


def test_geojson_counts_only_the_given_events(ds: Dataset) -> None:
    subset = [e for e in ds.events if "sinaloa" in e.place_ids]
    assert subset
    collection = places_geojson(ds, subset)
    counts = {
        f["properties"]["id"]: f["properties"]["event_count"]
        for f in _features(collection, "place")
    }
    assert counts["sinaloa"] == len(subset)
    assert sum(counts.values()) == sum(len(set(e.place_ids)) for e in subset)
    assert {f["properties"]["id"] for f in _features(collection, "event")} == {e.id for e in subset}
    empty = places_geojson(ds, [])
    assert _features(empty, "event") == []
    assert all(f["properties"]["event_count"] == 0 for f in empty["features"])


def test_json_month_date(ds: Dataset) -> None:
    event = ds.events[0].model_copy(update={"date": "2026-01"})
    record = record_to_json(event)
    assert (record["date_start"], record["date_end"], record["date_precision"]) == (
        "2026-01-01",
        "2026-01-31",
        "month",
    )


def test_json_claim_context_spans_carry_offsets(doc: dict[str, Any], ds: Dataset) -> None:
    with_context = [c for c in doc["claims"] if c["context"]]
    assert with_context
    for claim in with_context:
        for span in claim["context"]:
            assert ds.article[span["start"] : span["end"]] == span["exact"]
