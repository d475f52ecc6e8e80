"""Tests for usmx.acled_export: our events in ACLED's layout, and the report of those left out."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from usmx.acled_codebook import COLUMNS, EVENT_TYPES, INTER_CODES, interaction
from usmx.acled_export import (
    RECORDED_STATUSES,
    SKIPPED_COLUMNS,
    Skipped,
    acled_date,
    acled_rows,
    event_row,
    report_path,
    write_acled,
)
from usmx.dates import parse_edtf
from usmx.model import Dataset
from usmx.vocabulary import EventType, Status


@pytest.mark.parametrize(
    ("edtf", "expected"),
    [
        ("2026-01-12", ("2026-01-12", 1)),
        ("2026-01-05/2026-01-11", ("2026-01-08", 2)),  # a Monday–Sunday week: its middle
        ("2026-01-03/2026-01-05", ("2026-01-04", 2)),  # three days
        ("2026-01", ("2026-01-15", 3)),  # a month: the 15th
        ("2026-02", ("2026-02-15", 3)),
        ("2026-01-01/2026-01-10", ("2026-01-01", 3)),  # early in the month: its first day
        ("2026-01-17/2026-01-31", ("2026-01-31", 3)),  # late in the month: its last day
        ("2026-01-03/2026-01-15", ("2026-01-15", 3)),  # inside one month: the 15th
        ("2026-01-16/2026-01-28", ("2026-01-22", 3)),  # 15th outside the span: its middle
        ("2025", None),  # a year is too vague
        ("2025-12-20/2026-01-05", None),  # more than a week across two months
        ("../2026-01-16", None),  # open start
        ("1846/1848", None),
    ],
)
def test_acled_date(edtf: str, expected):
    got = acled_date(parse_edtf(edtf))
    if expected is None:
        assert got is None
    else:
        assert (got[0].isoformat(), got[1]) == expected
        interval = parse_edtf(edtf)
        assert interval.start <= got[0] <= interval.end  # never a day outside the EDTF


def test_every_event_is_exported_or_reported(ds: Dataset):
    rows, skipped = acled_rows(ds)
    ids = [r["tags"].split("; ")[0].removeprefix("usmx_id=") for r in rows]
    assert sorted(ids + [s.event_id for s in skipped]) == sorted(e.id for e in ds.events)
    assert rows, "the article has events ACLED would record"
    assert skipped, "and events it would not"


def test_rows_follow_the_codebook(ds: Dataset):
    rows, _ = acled_rows(ds)
    for row in rows:
        assert list(row) == list(COLUMNS)
        assert row["sub_event_type"] in EVENT_TYPES[row["event_type"]]
        assert row["disorder_type"] == EVENT_TYPES[row["event_type"]][row["sub_event_type"]]
        assert row["time_precision"] in (1, 2, 3)
        assert row["geo_precision"] in (1, 2, 3)
        assert row["inter1"] in INTER_CODES
        assert row["interaction"] == interaction(row["inter1"], row["inter2"] or 0)
        assert row["year"] == dt.date.fromisoformat(row["event_date"]).year
        assert -90 <= row["latitude"] <= 90
        assert -180 <= row["longitude"] <= 180
        assert row["fatalities"] == 0


def test_rows_keep_the_edtf_date_and_the_source_words(ds: Dataset):
    rows, _ = acled_rows(ds)
    for row in rows:
        event = ds.events_by_id[row["event_id_cnty"].split("-", 1)[1]]
        assert f"edtf={event.date}" in row["tags"]
        assert f"EDTF {event.date}" in row["notes"]
        assert event.evidence[0].exact in row["notes"]
        day = dt.date.fromisoformat(row["event_date"])
        assert event.interval.start <= day <= event.interval.end


@pytest.mark.parametrize(
    ("reason", "check"),
    [
        ("status", lambda e: e.status not in RECORDED_STATUSES),
        ("type", lambda e: e.event_type in (EventType.statement, EventType.legislative)),
    ],
)
def test_left_out_for_the_right_reason(ds: Dataset, reason: str, check):
    _, skipped = acled_rows(ds)
    by_id = {s.event_id: s for s in skipped}
    for event in ds.events:
        if check(event):
            assert event.id in by_id
            if reason == "status":
                assert by_id[event.id].reason_code == "status"
    assert all(s.reason for s in skipped)


def test_a_statement_is_not_an_acled_event(ds: Dataset):
    event = next(e for e in ds.events if e.event_type == EventType.statement)
    out = event_row(event.model_copy(update={"status": Status.occurred}), ds)
    assert isinstance(out, Skipped)
    assert out.reason_code == "type"


def test_force_abroad_is_an_external_actor(ds: Dataset):
    event = next(
        e
        for e in ds.events
        if e.event_type == EventType.military_action and e.status.value == "occurred"
        and e.interval.start == e.interval.end
    )  # fmt: skip
    row = event_row(event, ds)
    assert not isinstance(row, Skipped)
    assert row["inter1"] == 8  # US forces outside the United States: External/Other forces
    assert "sub_event_type=default" in row["tags"]


def test_write_acled_writes_the_csv_and_the_report(ds: Dataset, tmp_path: Path):
    out, report = write_acled(ds, tmp_path / "sub" / "ours.csv")
    assert report == report_path(out) == tmp_path / "sub" / "ours.skipped.csv"
    rows, skipped = acled_rows(ds)
    read = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(read) == len(rows)
    assert list(read[0]) == list(COLUMNS)
    reported = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    assert list(reported[0]) == list(SKIPPED_COLUMNS)
    assert [r["event_id"] for r in reported] == [s.event_id for s in skipped]
    assert sorted(p.name for p in out.parent.iterdir()) == ["ours.csv", "ours.skipped.csv"]


def test_formula_text_is_neutralised_in_the_csv(ds: Dataset, tmp_path: Path):
    rows, _ = acled_rows(ds)
    event_id = rows[0]["tags"].split("; ")[0].removeprefix("usmx_id=")
    event = ds.events_by_id[event_id]
    hostile = event.model_copy(update={"summary_en": '=HYPERLINK("http://x.example","y")'})
    out, _ = write_acled(ds, tmp_path / "h.csv", [hostile])
    read = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert read[0]["notes"].startswith("'=HYPERLINK")
