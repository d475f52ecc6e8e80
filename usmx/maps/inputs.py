"""What the map reads, and the text it writes about it.

The map takes events and places either as dataset records or as rows of `usmx.tables` frames
(the page has both; a generated 100,000-event benchmark has only frames worth building), and
turns them into two small frozen rows with the fields it needs. Tooltips are plain text, one
event per line, newest first, each with how many sources and independent outlets back it when
the caller gives that (`Backing`: event id -> (sources, outlets), from usmx.sources.support).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeAlias

import pandas as pd

from usmx.i18n import backed_by, t, title
from usmx.maps.style import TOOLTIP_EVENTS, TOOLTIP_TITLE_CHARS
from usmx.model import Dataset, Event, Place

EventsIn: TypeAlias = Iterable[Event] | pd.DataFrame
PlacesIn: TypeAlias = Iterable[Place] | Mapping[str, Place] | pd.DataFrame
Backing: TypeAlias = Mapping[str, tuple[int, int]]  # event id -> (sources, outlets)


@dataclass(frozen=True)
class EventRow:
    id: str
    title_en: str
    title_zh: str
    date: str  # EDTF, as written in the dataset
    end: str  # ISO day, for sorting newest first
    start: str
    place_ids: tuple[str, ...]


@dataclass(frozen=True)
class PlaceRow:
    id: str
    name_en: str
    name_zh: str
    kind: str
    lon: float
    lat: float
    precision: str
    point_basis: str
    iso_3166: str


def _day(value: Any) -> str:
    if value is None or value is pd.NaT:
        return ""
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else value.isoformat()


def event_rows(events: EventsIn) -> list[EventRow]:
    """Events from model objects or from rows of `tables.events` (same fields)."""
    if isinstance(events, pd.DataFrame):
        # Column-wise, not row dicts: a 100,000-event frame converts in ~0.1 s instead of ~5 s.
        def days(col: str) -> list[str]:
            return events[col].dt.strftime("%Y-%m-%d").fillna("").tolist()

        return [
            EventRow(*fields)
            for fields in zip(
                events["id"].tolist(),
                events["title_en"].tolist(),
                events["title_zh"].tolist(),
                events["date"].tolist(),
                days("end"),
                days("start"),
                [tuple(ids) for ids in events["place_ids"].tolist()],
                strict=True,
            )
        ]
    rows = []
    for e in events:
        interval = e.interval
        rows.append(
            EventRow(
                e.id,
                e.title_en,
                e.title_zh,
                e.date,
                interval.end.isoformat(),
                _day(interval.start),
                tuple(e.place_ids),
            )
        )
    return rows


def place_rows(places: PlacesIn) -> dict[str, PlaceRow]:
    """Places by id from model objects, a dict of them, or `tables.places`."""
    if isinstance(places, pd.DataFrame):
        return {
            r["id"]: PlaceRow(
                r["id"],
                r["name_en"],
                r["name_zh"],
                r["kind"],
                float(r["lon"]),
                float(r["lat"]),
                r["precision"],
                r["point_basis"] or "",
                r["iso_3166"] or "",
            )
            for r in places.to_dict("records")
        }
    items = places.values() if isinstance(places, Mapping) else places
    return {
        p.id: PlaceRow(
            p.id,
            p.name_en,
            p.name_zh,
            p.kind.value,
            p.lon,
            p.lat,
            p.precision.value,
            p.point_basis or "",
            p.iso_3166 or "",
        )
        for p in items
    }


def dataset_events(events: EventsIn, ds: Dataset) -> list[Event]:
    """The dataset's records for `events` (given as records or as a frame of their rows)."""
    if isinstance(events, pd.DataFrame):
        by_id = ds.events_by_id
        return [by_id[i] for i in events["id"] if i in by_id]
    return list(events)


def clip(text: str, limit: int = TOOLTIP_TITLE_CHARS) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())  # a newline in a title would break the tooltip's lines
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_date(edtf: str) -> str:
    """An EDTF date for reading: "2025-01-20/2026-01-16" -> "2025-01-20 – 2026-01-16"."""
    left, sep, right = edtf.partition("/")
    if not sep:
        return edtf
    return f"… – {right}" if left == ".." else f"{left} – {right}"


def newest_first(events: Iterable[EventRow]) -> list[EventRow]:
    return sorted(events, key=lambda e: (e.end, e.start, e.id), reverse=True)


@lru_cache(maxsize=64)
def _backed(n_sources: int, n_outlets: int, lang: str) -> str:
    return " · " + backed_by(n_sources, n_outlets, lang)  # few distinct: each phrased once


def event_lines(events: Sequence[EventRow], lang: str, backing: Backing | None = None) -> list[str]:
    """Tooltip lines: "• date  title", newest first, at most TOOLTIP_EVENTS, then "… N more";
    with `backing`, each line ends with " · 2 sources, 1 outlet"."""
    newest = newest_first(events)
    lines = [
        f"• {format_date(e.date)}  {clip(title(e, lang))}"
        + (_backed(*backing[e.id], lang) if backing and e.id in backing else "")
        for e in newest[:TOOLTIP_EVENTS]
    ]
    if len(newest) > TOOLTIP_EVENTS:
        lines.append(t("map.tooltip.more", lang, n=len(newest) - TOOLTIP_EVENTS))
    return lines
