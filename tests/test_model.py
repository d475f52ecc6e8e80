"""usmx.model: records are frozen once loaded, and their derived values are computed once."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from usmx import model as M
from usmx.dataset import load_dataset
from usmx.dates import parse_edtf
from usmx.model import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def _records(ds: Dataset):
    yield ds.source
    yield ds.source.evidence[0]
    for table in ("actors", "places", "events", "quotes", "claims"):
        record = getattr(ds, table)[0]
        yield record
        yield record.evidence[0]
    yield ds.events[0].actors[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", "changed"), ("evidence", []), ("start", 0), ("role", "target"), ("path", "x")],
)
def test_no_loaded_record_can_be_changed(ds, field, value):
    tried = 0
    for record in _records(ds):
        if field in type(record).model_fields:
            tried += 1
            with pytest.raises(ValidationError, match="frozen"):
                setattr(record, field, value)
    assert tried


def test_tables_cannot_be_replaced(ds):
    with pytest.raises(ValidationError, match="frozen"):
        ds.events = []


def test_a_change_is_a_copy(ds):
    event = ds.events[0]
    copy = event.model_copy(update={"title_en": "x"})
    assert copy.title_en == "x"
    assert event.title_en != "x"


def test_every_span_is_resolved_by_the_loader(ds):
    # The loader puts a resolved copy of each selector in the record's list.
    for record in [ds.source, *ds.actors, *ds.places, *ds.events, *ds.quotes, *ds.claims]:
        for ev in [*record.evidence, *getattr(record, "context", [])]:
            assert ds.article[ev.start : ev.end] == ev.exact


def test_interval_is_parsed_once_per_record(ds, monkeypatch):
    calls: list[str] = []

    def counting(value):
        calls.append(value)
        return parse_edtf(value)

    event = ds.events[0].model_copy()  # a fresh record: nothing cached yet
    monkeypatch.setattr(M, "parse_edtf", counting)
    first = event.interval
    assert [event.interval for _ in range(3)] == [first] * 3
    assert calls == [event.date]


@pytest.mark.parametrize(("date", "start", "end"), [("2025", "2025-01-01", "2025-12-31")])
def test_a_copy_with_another_date_has_its_own_interval(ds, date, start, end):
    event = ds.events[0]
    assert event.interval  # cached on the original
    copy = event.model_copy(update={"date": date})
    assert (copy.interval.start.isoformat(), copy.interval.end.isoformat()) == (start, end)
    assert event.interval == parse_edtf(event.date)


@pytest.mark.parametrize("table", ["actors", "places", "events", "quotes", "claims"])
def test_id_maps_are_built_once_and_complete(ds, table):
    by_id = getattr(ds, f"{table}_by_id")
    assert by_id is getattr(ds, f"{table}_by_id")  # the same map on every call
    assert list(by_id) == [r.id for r in getattr(ds, table)]
    assert all(by_id[r.id] is r for r in getattr(ds, table))


def test_actor_hierarchy_is_built_once(ds):
    assert ds.children() is ds.children()
    assert "cia" in ds.children()["us_government"]
    assert {"us_government", "cia"} <= ds.descendants("us_government")
    assert ds.descendants("cia") == {"cia"} | {a.id for a in ds.actors if a.parent_id == "cia"} | {
        d for a in ds.actors if a.parent_id == "cia" for d in ds.descendants(a.id)
    }
