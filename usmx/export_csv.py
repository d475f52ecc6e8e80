"""The dataset as CSV: one flat table per record type, and the row builders behind them.

A row holds one value per cell: multi-valued fields (aliases, place ids, "actor:role" pairs)
are joined with LIST_SEPARATOR, and only a record's first evidence span goes in (the JSON
export keeps them all). `CSV_TABLES` lists the files `usmx.export.write_dataset` writes; pages
reuse the row builders and `rows_to_csv_bytes` for their download buttons, so a page's CSV and
the command line's are the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from usmx.csv_cells import safe_cell
from usmx.export_json import date_fields
from usmx.model import Actor, Claim, Dataset, Event, Place, Quote

EVENT_COLUMNS = (
    "id",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "title_en",
    "title_zh",
    "event_type",
    "status",
    "actors",
    "place_ids",
    "evidence",
    "evidence_start",
    "evidence_end",
    "summary_en",
    "actor_names_en",
    "date_basis",
)
QUOTE_COLUMNS = (
    "id",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "kind",
    "speaker_id",
    "speaker_name_en",
    "attribution_note",
    "text_zh",
    "text_en",
    "occasion",
    "event_id",
    "evidence",
    "evidence_start",
    "evidence_end",
    "date_basis",
)
CLAIM_COLUMNS = (
    "id",
    "claimant_id",
    "claimant_name_en",
    "attribution_note",
    "statement_en",
    "value",
    "value_text",
    "unit",
    "place_ids",
    "event_id",
    "evidence",
    "evidence_start",
    "evidence_end",
)
ACTOR_COLUMNS = (
    "id",
    "name_en",
    "name_zh",
    "name_es",
    "aliases",
    "kind",
    "country",
    "parent_id",
    "role_en",
    "role_zh",
    "wikidata",
    "evidence",
    "evidence_start",
    "evidence_end",
)
PLACE_COLUMNS = (
    "id",
    "name_en",
    "name_zh",
    "name_es",
    "kind",
    "lat",
    "lon",
    "iso_3166",
    "precision",
    "point_basis",
    "evidence",
    "evidence_start",
    "evidence_end",
)
EVENT_ACTOR_COLUMNS = ("event_id", "actor_id", "role", "actor_name_en")

# CSV file name -> its columns, in the order `write_dataset` writes them.
CSV_TABLES = {
    "actors.csv": ACTOR_COLUMNS,
    "places.csv": PLACE_COLUMNS,
    "events.csv": EVENT_COLUMNS,
    "event_actors.csv": EVENT_ACTOR_COLUMNS,
    "quotes.csv": QUOTE_COLUMNS,
    "claims.csv": CLAIM_COLUMNS,
}

# A multi-valued cell (aliases, place ids, "actor:role" pairs) joins its values with this;
# none of our ids or aliases contains it.
LIST_SEPARATOR = ";"


def _first_evidence(record: Any) -> dict[str, Any]:
    # A CSV cell holds one span; the first is the record's main one. The JSON keeps them all.
    ev = record.evidence[0]
    return {"evidence": ev.exact, "evidence_start": ev.start, "evidence_end": ev.end}


def _names(ds: Dataset) -> dict[str, str]:
    return {a.id: a.name_en for a in ds.actors}


def _join(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def events_to_rows(events: Iterable[Event], ds: Dataset) -> list[dict[str, Any]]:
    """Flat rows (EVENT_COLUMNS) for a table or CSV; `ds` supplies actor names."""
    names = _names(ds)
    return [
        {
            "id": e.id,
            "date": e.date,
            **date_fields(e),
            "date_text": e.date_text,
            "title_en": e.title_en,
            "title_zh": e.title_zh,
            "event_type": e.event_type.value,
            "status": e.status.value,
            "actors": _join(f"{a.actor_id}:{a.role.value}" for a in e.actors),
            "place_ids": _join(e.place_ids),
            **_first_evidence(e),
            "summary_en": e.summary_en,
            "actor_names_en": _join(names.get(a.actor_id, a.actor_id) for a in e.actors),
            "date_basis": e.date_basis,
        }
        for e in events
    ]


def event_actors_to_rows(events: Iterable[Event], ds: Dataset) -> list[dict[str, Any]]:
    """One row per (event, actor, role): the long table that spreadsheets can pivot."""
    names = _names(ds)
    return [
        {
            "event_id": e.id,
            "actor_id": a.actor_id,
            "role": a.role.value,
            "actor_name_en": names.get(a.actor_id, a.actor_id),
        }
        for e in events
        for a in e.actors
    ]


def quotes_to_rows(quotes: Iterable[Quote], ds: Dataset) -> list[dict[str, Any]]:
    """Flat rows (QUOTE_COLUMNS); `ds` supplies speaker names."""
    names = _names(ds)
    return [
        {
            "id": q.id,
            "date": q.date,
            **date_fields(q),
            "date_text": q.date_text,
            "kind": q.kind.value,
            "speaker_id": q.speaker_id,
            "speaker_name_en": names.get(q.speaker_id) if q.speaker_id else None,
            "attribution_note": q.attribution_note,
            "text_zh": q.text_zh,
            "text_en": q.text_en,
            "occasion": q.occasion.value,
            "event_id": q.event_id,
            **_first_evidence(q),
            "date_basis": q.date_basis,
        }
        for q in quotes
    ]


def claims_to_rows(claims: Iterable[Claim], ds: Dataset) -> list[dict[str, Any]]:
    """Flat rows (CLAIM_COLUMNS); `ds` supplies claimant names."""
    names = _names(ds)
    return [
        {
            "id": c.id,
            "claimant_id": c.claimant_id,
            "claimant_name_en": names.get(c.claimant_id) if c.claimant_id else None,
            "attribution_note": c.attribution_note,
            "statement_en": c.statement_en,
            "value": c.value,
            "value_text": c.value_text,
            "unit": c.unit,
            "place_ids": _join(c.place_ids),
            "event_id": c.event_id,
            **_first_evidence(c),
        }
        for c in claims
    ]


def actors_to_rows(actors: Iterable[Actor]) -> list[dict[str, Any]]:
    """Flat rows (ACTOR_COLUMNS); aliases joined with LIST_SEPARATOR."""
    return [
        {
            "id": a.id,
            "name_en": a.name_en,
            "name_zh": a.name_zh,
            "name_es": a.name_es,
            "aliases": _join(a.aliases),
            "kind": a.kind.value,
            "country": a.country,
            "parent_id": a.parent_id,
            "role_en": a.role_en,
            "role_zh": a.role_zh,
            "wikidata": a.wikidata,
            **_first_evidence(a),
        }
        for a in actors
    ]


def places_to_rows(places: Iterable[Place]) -> list[dict[str, Any]]:
    """Flat rows (PLACE_COLUMNS)."""
    return [
        {
            "id": p.id,
            "name_en": p.name_en,
            "name_zh": p.name_zh,
            "name_es": p.name_es,
            "kind": p.kind.value,
            "lat": p.lat,
            "lon": p.lon,
            "iso_3166": p.iso_3166,
            "precision": p.precision.value,
            "point_basis": p.point_basis,
            **_first_evidence(p),
        }
        for p in places
    ]


def rows_to_csv_bytes(
    rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None
) -> bytes:
    """CSV as UTF-8 *with* a byte order mark; None becomes an empty cell.

    Excel decodes a BOM-less CSV in the machine's legacy code page, which turns Chinese into
    mojibake; the BOM makes it read UTF-8. Python (`encoding="utf-8-sig"`), pandas and
    LibreOffice accept the BOM too. `columns` gives the header when `rows` may be empty (a
    filter that matched nothing still exports a usable header). Text that a spreadsheet would
    run as a formula is neutralised (`usmx.csv_cells.safe_cell`).
    """
    if columns is None:
        columns = list(rows[0]) if rows else []
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="raise")
    if columns:
        writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue().encode("utf-8-sig")


def dataset_csv_tables(ds: Dataset) -> dict[str, bytes]:
    """Every CSV file of the dataset, by file name (see CSV_TABLES)."""
    rows = {
        "actors.csv": actors_to_rows(ds.actors),
        "places.csv": places_to_rows(ds.places),
        "events.csv": events_to_rows(ds.events, ds),
        "event_actors.csv": event_actors_to_rows(ds.events, ds),
        "quotes.csv": quotes_to_rows(ds.quotes, ds),
        "claims.csv": claims_to_rows(ds.claims, ds),
    }
    return {name: rows_to_csv_bytes(rows[name], columns) for name, columns in CSV_TABLES.items()}
