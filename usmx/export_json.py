"""The dataset as JSON: the contract for anyone reusing the data.

Every record with all its fields, plus what the loader derives (each evidence span's
`start`/`end` offsets into the article, each date's first and last day and precision), in the
order of the curated file. `date_fields` and `to_json_bytes` serve the CSV and GeoJSON exports
too (`usmx.export_csv`, `usmx.export_geojson`), so every format derives dates the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from usmx.model import Dataset, DatedRecord, Evidence


def evidence_to_json(ev: Evidence) -> dict[str, Any]:
    """A span as `{"exact", "start", "end"}`; prefix/suffix only when the file sets them."""
    out: dict[str, Any] = {"exact": ev.exact, "start": ev.start, "end": ev.end}
    if ev.prefix:
        out["prefix"] = ev.prefix
    if ev.suffix:
        out["suffix"] = ev.suffix
    return out


def date_fields(record: DatedRecord) -> dict[str, Any]:
    """The derived day interval of a dated record; `date_start` is None for an open start."""
    interval = record.interval
    return {
        "date_start": interval.start.isoformat() if interval.start else None,
        "date_end": interval.end.isoformat(),
        "date_precision": interval.precision,
    }


def record_to_json(record: Any) -> dict[str, Any]:
    """Any record (source, actor, place, event, quote, claim) with its derived fields."""
    out = record.model_dump(mode="json", exclude={"evidence"})
    if "id" in out:  # dated records inherit `date` first; a reader looks for the id first
        out = {"id": out.pop("id"), **out}
    if isinstance(record, DatedRecord):
        out.update(date_fields(record))
    out["evidence"] = [evidence_to_json(ev) for ev in record.evidence]
    return out


def records_to_json(records: Iterable[Any]) -> list[dict[str, Any]]:
    return [record_to_json(r) for r in records]


def dataset_to_json(ds: Dataset) -> dict[str, Any]:
    """The whole dataset as one JSON-ready object (see the module docstring)."""
    return {
        "source": record_to_json(ds.source),
        "actors": records_to_json(ds.actors),
        "places": records_to_json(ds.places),
        "events": records_to_json(ds.events),
        "quotes": records_to_json(ds.quotes),
        "claims": records_to_json(ds.claims),
    }


def to_json_bytes(obj: Any) -> bytes:
    """UTF-8 JSON that keeps Chinese readable (no \\uXXXX escapes), ending with a newline."""
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
