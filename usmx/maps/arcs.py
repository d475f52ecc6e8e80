"""Arcs: actions across a border, from the initiator's country to the event's place.

An event gets an arc from country C to place P when one of its initiators belongs to C and P
lies in another country (the US military striking Venezuela: Washington -> Caracas). Events
with the same ends share one `Arc`, whose width grows with their number.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from usmx.geo import load_layer, point_in_polygon
from usmx.i18n import DEFAULT_LANG, name, t
from usmx.maps.inputs import (
    Backing,
    EventsIn,
    dataset_events,
    event_lines,
    event_rows,
    place_rows,
)
from usmx.maps.style import ARC_WIDTH_PER_SQRT_EVENT, MAX_ARC_WIDTH_PX, MIN_ARC_WIDTH_PX
from usmx.model import Dataset, Event, Place
from usmx.vocabulary import PlaceKind, Role


@dataclass(frozen=True)
class Arc:
    id: str  # "US>venezuela": the initiators' country, then the target place's id
    source_country: str
    source_id: str  # the source country's own place (its capital's point)
    target_id: str
    source_lon: float
    source_lat: float
    target_lon: float
    target_lat: float
    count: int
    width: float  # pixels
    event_ids: tuple[str, ...]
    tooltip: str

    def deck_row(self) -> dict[str, Any]:
        """What the deck's ArcLayer gets for this arc (`id` names it in a click)."""
        return {
            "id": self.id,
            "source_lon": self.source_lon,
            "source_lat": self.source_lat,
            "target_lon": self.target_lon,
            "target_lat": self.target_lat,
            "width": self.width,
            "tooltip": self.tooltip,
        }


@functools.cache
def _country_shapes() -> tuple[tuple[str, dict[str, Any]], ...]:
    return tuple(
        (f["properties"]["iso_a2"], f["geometry"]) for f in load_layer("countries")["features"]
    )


def place_country(place: Place) -> str | None:
    """ISO country code of a place: from its ISO 3166 code, else from where its point lies.

    A border belongs to both countries, so it has none (no arc ends on the border point).
    """
    if place.iso_3166:
        return place.iso_3166[:2]
    if place.kind == PlaceKind.border:
        return None
    for iso, geometry in _country_shapes():
        if point_in_polygon(place.lon, place.lat, geometry):
            return iso
    return None


def arc_width(count: int, max_count: int) -> float:
    """Width in pixels of an arc of `count` events when the widest has `max_count`."""
    k = ARC_WIDTH_PER_SQRT_EVENT
    if max_count > 0:
        k = min(k, (MAX_ARC_WIDTH_PX - MIN_ARC_WIDTH_PX) / math.sqrt(max_count))
    return round(MIN_ARC_WIDTH_PX + k * math.sqrt(max(count, 0)), 2)


def _origins(event: Event, ds: Dataset) -> list[str]:
    """The countries of the event's initiators, in order, once each."""
    actors = ds.actors_by_id
    countries: dict[str, None] = {}
    for ea in event.actors:
        actor = actors.get(ea.actor_id)
        if ea.role == Role.initiator and actor is not None and actor.country:
            countries[actor.country] = None
    return list(countries)


def cross_border_arcs(
    events: EventsIn, ds: Dataset, *, lang: str = DEFAULT_LANG, backing: Backing | None = None
) -> list[Arc]:
    """Arcs for actions across a border, one per (initiator's country, event place); with
    `backing`, each event's tooltip line says how many sources and outlets back it.

    The arc starts at the country's own place in the dataset (the country place whose
    iso_3166 is C: Washington for the US, Mexico City for Mexico).
    """
    places = ds.places_by_id
    home = {p.iso_3166: p for p in ds.places if p.kind == PlaceKind.country and p.iso_3166}
    countries = {pid: place_country(p) for pid, p in places.items()}
    groups: dict[tuple[str, str], list[Event]] = {}
    for ev in dataset_events(events, ds):
        origins = _origins(ev, ds)
        for pid in dict.fromkeys(ev.place_ids):
            target_country = countries.get(pid)
            for origin in origins:
                if target_country and origin != target_country and origin in home:
                    groups.setdefault((origin, pid), []).append(ev)
    max_count = max((len(v) for v in groups.values()), default=0)
    rows = {e.id: e for e in event_rows(e for v in groups.values() for e in v)}
    ends = place_rows([*home.values(), *(places[pid] for _, pid in groups)])
    arcs = []
    for (origin, pid), evs in groups.items():
        source, target = ends[home[origin].id], ends[pid]
        header = t(
            "map.tooltip.arc",
            lang,
            source=name(source, lang),
            target=name(target, lang),
            count=len(evs),
        )
        arcs.append(
            Arc(
                id=f"{origin}>{pid}",
                source_country=origin,
                source_id=source.id,
                target_id=pid,
                source_lon=source.lon,
                source_lat=source.lat,
                target_lon=target.lon,
                target_lat=target.lat,
                count=len(evs),
                width=arc_width(len(evs), max_count),
                event_ids=tuple(e.id for e in evs),
                tooltip="\n".join([header, *event_lines([rows[e.id] for e in evs], lang, backing)]),
            )
        )
    return arcs


def arc_slots(ds: Dataset) -> list[str]:
    """Ids of every arc the dataset can draw, widest first: the deck's fixed arc order."""
    arcs = cross_border_arcs(ds.events, ds)
    return [a.id for a in sorted(arcs, key=lambda a: -a.count)]
