"""The charts' input: the dataset's frames cut to a filter, and what charts read from a row.

Every chart takes a `Tables` already cut to the filtered events (`subset_tables`), so every
view of one filter draws the same records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from usmx.i18n import name, title
from usmx.months import DEFAULT_WINDOW
from usmx.tables import Tables


def subset_tables(tables: Tables, event_ids: Iterable[str]) -> Tables:
    """The frames cut to these events (in dataset order); actors and places stay whole."""
    ids = pa.array(list(dict.fromkeys(event_ids)), type=pa.string())

    def rows(frame: pd.DataFrame, column: str) -> pd.DataFrame:
        # pyarrow's is_in: pandas' isin on string columns walks values in Python (slow at
        # 100,000 events and many ids).
        mask = pc.is_in(pa.array(frame[column], type=pa.string()), value_set=ids)
        return frame[mask.to_numpy(zero_copy_only=False)].reset_index(drop=True)

    return replace(
        tables,
        events=rows(tables.events, "id"),
        event_actors=rows(tables.event_actors, "event_id"),
        event_places=rows(tables.event_places, "event_id"),
    )


def actor_names(tables: Tables, lang: str) -> dict[str, str]:
    """Actor id -> display name in `lang`."""
    actors = tables.actors
    return {
        actor_id: name(SimpleNamespace(name_zh=zh, name_en=en), lang)
        for actor_id, zh, en in zip(actors["id"], actors["name_zh"], actors["name_en"], strict=True)
    }


def event_title(row: Mapping[str, Any], lang: str) -> str:
    """The title of an event row (a record of `tables.events`) in `lang`."""
    return title(SimpleNamespace(title_zh=row["title_zh"], title_en=row["title_en"]), lang)


def window_for(
    date_from: dt.date | None, date_to: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The months chart's window for a filter's date range: the range itself, else the default."""
    if date_from is None and date_to is None:
        return DEFAULT_WINDOW
    lo = date_from or DEFAULT_WINDOW[0]
    hi = date_to or DEFAULT_WINDOW[1]
    return (lo, hi) if lo <= hi else DEFAULT_WINDOW


def selected_event_ids(selection: Mapping[str, Any] | None) -> list[str]:
    """Event ids from a plotly selection (Streamlit's `state.selection`), in click order."""
    points = (selection or {}).get("points") or []
    ids: list[str] = []
    for point in points:
        value = point.get("customdata")
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if isinstance(value, str) and value not in ids:
            ids.append(value)
    return ids


def chronological_ids(events: pd.DataFrame) -> list[str]:
    """Event ids by first day (an open start counts from its end), then dataset order."""
    if events.empty:
        return []
    first = events["start"].fillna(events["end"])
    return events.assign(_first=first).sort_values(["_first", "order"])["id"].tolist()


def event_option(row: Mapping[str, Any], lang: str) -> str:
    """How an event is listed in a chooser: its EDTF date, then its title."""
    return f"{row['date']} · {event_title(row, lang)}"
