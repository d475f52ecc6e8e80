"""The dataset's places (and a page's filtered events at them) as GeoJSON (RFC 7946)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from usmx.export_json import date_fields
from usmx.model import Dataset, Event


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}  # GeoJSON (RFC 7946) is lon, lat


def places_geojson(ds: Dataset, events: Iterable[Event] | None = None) -> dict[str, Any]:
    """A FeatureCollection with one point per place, and per (event, place) when filtering.

    Every place is a feature (feature_type "place") whose event_count/event_ids count the
    given events, or all events when `events` is None. When `events` is given (a page's
    filtered selection), each of those events also becomes one point at each of its places
    (feature_type "event"), so a map can draw exactly what the page shows.
    """
    selected = list(ds.events if events is None else events)
    by_place: dict[str, list[str]] = {p.id: [] for p in ds.places}
    for e in selected:
        for pid in dict.fromkeys(e.place_ids):  # a place listed twice counts once
            by_place[pid].append(e.id)
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "id": f"place:{p.id}",
            "geometry": _point(p.lon, p.lat),
            "properties": {
                "feature_type": "place",
                "id": p.id,
                "name_en": p.name_en,
                "name_zh": p.name_zh,
                "name_es": p.name_es,
                "kind": p.kind.value,
                "precision": p.precision.value,
                "iso_3166": p.iso_3166,
                "point_basis": p.point_basis,
                "event_count": len(by_place[p.id]),
                "event_ids": by_place[p.id],
            },
        }
        for p in ds.places
    ]
    if events is not None:
        places = {p.id: p for p in ds.places}
        for e in selected:
            for pid in dict.fromkeys(e.place_ids):
                p = places[pid]
                features.append(
                    {
                        "type": "Feature",
                        "id": f"event:{e.id}@{p.id}",
                        "geometry": _point(p.lon, p.lat),
                        "properties": {
                            "feature_type": "event",
                            "id": e.id,
                            "place_id": p.id,
                            "title_en": e.title_en,
                            "title_zh": e.title_zh,
                            "date": e.date,
                            **date_fields(e),
                            "event_type": e.event_type.value,
                            "status": e.status.value,
                        },
                    }
                )
    return {"type": "FeatureCollection", "features": features}
