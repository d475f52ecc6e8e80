"""What a click on the map picked, and the events there.

Streamlit 1.67's `st.pydeck_chart(on_select=...)` reports a click as the clicked layer's id and
the clicked data object. `pick_from_selection` turns that into a `Pick`: a place (a point, or
Sinaloa's area, or the border line) or a cross-border arc. A pick is written in the URL as
`pick=place:sinaloa` or `pick=arc:US>venezuela` (usmx.urlstate), so a link reopens it.
`describe` lists the filtered events at a pick for the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from usmx.i18n import name, t
from usmx.maps.arcs import cross_border_arcs
from usmx.model import Dataset, Event, Place
from usmx.vocabulary import PlaceKind

PLACE, ARC = "place", "arc"
# Layers a click can pick from (usmx.maps.deck names its layers with these).
POINTS, ARCS, SINALOA, BORDER = "points", "arcs", "sinaloa", "border"
_ARC_ID = re.compile(r"([A-Z]{2})>([a-z0-9_]+)", re.ASCII)


@dataclass(frozen=True)
class Pick:
    kind: str  # PLACE or ARC
    id: str  # a place id, or an arc id ("US>venezuela": initiators' country > target place)

    @property
    def param(self) -> str:
        """As written in the URL: "place:sinaloa", "arc:US>venezuela"."""
        return f"{self.kind}:{self.id}"

    @property
    def place_id(self) -> str:
        """The place a "filter by this place" button adds: the place, or the arc's target."""
        if self.kind == ARC:
            match = _ARC_ID.fullmatch(self.id)
            return match[2] if match else ""
        return self.id

    @classmethod
    def parse(cls, value: str, place_ids: Sequence[str] | frozenset[str]) -> Pick | None:
        """A pick from its URL form, or None when it names no known place."""
        kind, _, ident = value.partition(":")
        if kind == PLACE and ident in place_ids:
            return cls(PLACE, ident)
        if kind == ARC and (match := _ARC_ID.fullmatch(ident)) and match[2] in place_ids:
            return cls(ARC, ident)
        return None


def _place_for_area(layer_id: str, obj: Mapping[str, Any], places: Sequence[Place]) -> str | None:
    if layer_id == SINALOA:
        iso = (obj.get("properties") or {}).get("iso_3166_2")
        return next((p.id for p in places if iso and p.iso_3166 == iso), None)
    return next((p.id for p in places if p.kind == PlaceKind.border), None)


def pick_from_selection(selection: Mapping[str, Any], places: Sequence[Place]) -> Pick | None:
    """The pick in a pydeck selection state ({"indices": ..., "objects": {layer: [obj]}})."""
    for layer_id, objects in (selection.get("objects") or {}).items():
        if not objects or not isinstance(objects[0], Mapping):
            continue
        obj = objects[0]
        ident = str(obj.get("id") or "")
        if layer_id == POINTS and ident and not ident.startswith("cell:"):
            return Pick(PLACE, ident)
        if layer_id == ARCS and _ARC_ID.fullmatch(ident):
            return Pick(ARC, ident)
        if layer_id in (SINALOA, BORDER) and (place_id := _place_for_area(layer_id, obj, places)):
            return Pick(PLACE, place_id)
    return None


@dataclass(frozen=True)
class Picked:
    """A pick as the page shows it: a heading, a note, and the filtered events there."""

    pick: Pick
    heading: str
    note: str  # how exactly the place's point is known ("" for an arc)
    place_id: str  # the place to filter by
    events: tuple[Event, ...]  # newest first


def _newest_first(events: Sequence[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=lambda e: (e.interval.end, e.id), reverse=True))


def describe(pick: Pick, events: Sequence[Event], ds: Dataset, *, lang: str) -> Picked | None:
    """The filtered `events` at `pick`; None when the pick names nothing in `ds`."""
    places = ds.places_by_id
    if pick.kind == PLACE:
        place = places.get(pick.id)
        if place is None:
            return None
        here = [e for e in events if pick.id in e.place_ids]
        note = t(f"map.precision.{place.precision.value}", lang)
        return Picked(pick, name(place, lang), note, pick.id, _newest_first(here))
    match = _ARC_ID.fullmatch(pick.id)
    if not match or match[2] not in places:
        return None
    source = next((p for p in ds.places if p.iso_3166 == match[1]), None)
    arc = next((a for a in cross_border_arcs(events, ds, lang=lang) if a.id == pick.id), None)
    ids = set(arc.event_ids) if arc else set()
    # The same arrow as the arc's tooltip, in both languages.
    heading = f"{name(source, lang) if source else match[1]} → {name(places[match[2]], lang)}"
    return Picked(pick, heading, "", match[2], _newest_first([e for e in events if e.id in ids]))
