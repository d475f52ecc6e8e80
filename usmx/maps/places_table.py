"""The places under the map: a table of the points (HTML) and the places as downloads.

An HTML table, not st.dataframe: a canvas data grid cost the Map page ~100 ms of browser time
on every filter change for a few rows (see usmx/html_table.py); the CSV and GeoJSON downloads
hold every field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from usmx import export_csv, export_geojson, export_json
from usmx.html_table import table_html
from usmx.i18n import t
from usmx.maps.points import PlacePoint
from usmx.model import Dataset, Event

COLUMNS = ("place", "events", "precision", "lat", "lon", "point_basis")


def places_rows(points: Sequence[PlacePoint]) -> list[tuple[str, int, str, float, float, str]]:
    """One row per point, most events first (ties in the points' order)."""
    ordered = sorted(points, key=lambda p: -p.count)
    return [(p.name, p.count, p.precision_label, p.lat, p.lon, p.point_basis) for p in ordered]


def places_table_html(points: Sequence[PlacePoint], *, lang: str) -> str:
    """The points as an escaped HTML table with headers in `lang`."""
    header = [t(f"map.col.{c}", lang) for c in COLUMNS]
    return table_html(
        header,
        places_rows(points),
        lang=lang,
        total=len(points),
        css_class="usmx-table usmx-places",
    )


def places_geojson_bytes(ds: Dataset, events: Iterable[Event]) -> bytes:
    """GeoJSON download: every place with its count of `events`, plus one point per event."""
    return export_json.to_json_bytes(export_geojson.places_geojson(ds, list(events)))


def places_csv_bytes(ds: Dataset, events: Iterable[Event]) -> bytes:
    """CSV download: the places that have some of `events`, with their number (event_count)."""
    counts: dict[str, int] = {}
    for e in events:
        for pid in dict.fromkeys(e.place_ids):
            counts[pid] = counts.get(pid, 0) + 1
    places = [p for p in ds.places if p.id in counts]
    rows = [{**row, "event_count": counts[row["id"]]} for row in export_csv.places_to_rows(places)]
    return export_csv.rows_to_csv_bytes(rows, [*export_csv.PLACE_COLUMNS, "event_count"])
