"""Points: one per place with filtered events, sized by their number; grid cells past MAX_POINTS.

`place_points` gives a `PlacePoint` per place that has at least one of the events, with its
name, how exactly its position is known (exact, region, country) and a plain-text tooltip
listing the events there. Above MAX_POINTS places, `aggregate_points` bins nearby ones into
grid cells (precision "aggregate"): deck.gl draws 5,000 circles smoothly and the deck's JSON,
with a tooltip per point, stays a few MB, while a generated benchmark dataset can have
100,000 events at tens of thousands of places.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from usmx.i18n import count as i18n_count
from usmx.i18n import name, t
from usmx.maps.inputs import (
    Backing,
    EventRow,
    EventsIn,
    PlacesIn,
    clip,
    event_lines,
    event_rows,
    place_rows,
)
from usmx.maps.style import (
    MAX_RADIUS_PX,
    MIN_RADIUS_PX,
    PRECISION_MARKS,
    RADIUS_PER_SQRT_EVENT,
    TOOLTIP_EVENTS,
    Mark,
)

MAX_POINTS = 5_000
FIRST_CELL_DEG = 0.25  # first grid tried when binning; doubled until few enough cells remain
BASIS_LANG = "en"  # point_basis is written in English only: shown in English tooltips
AGGREGATE = "aggregate"


@dataclass(frozen=True)
class PlacePoint:
    """A place on the map with the events there (or a grid cell of places, see `is_cell`)."""

    id: str  # the place's id; "cell:X:Y" for a grid cell
    lon: float
    lat: float
    count: int  # events at the place
    radius: float  # pixels
    name: str  # in the map's language
    precision: str  # exact, region, country (vocabulary.Precision), or "aggregate"
    tooltip: str  # plain text, one line per event
    event_ids: tuple[str, ...] = ()
    name_en: str = ""
    name_zh: str = ""
    kind: str = ""
    iso_3166: str = ""
    precision_label: str = ""
    point_basis: str = ""
    places: int = 1  # places a grid cell stands for
    cell_deg: float = 0.0  # a grid cell's size

    @property
    def is_cell(self) -> bool:
        return self.precision == AGGREGATE

    @property
    def mark(self) -> Mark:
        return PRECISION_MARKS.get(self.precision, PRECISION_MARKS["exact"])

    def deck_row(self) -> dict[str, Any]:
        """What the deck's ScatterplotLayer gets for this point (`id` names it in a click)."""
        mark = self.mark
        return {
            "id": self.id,
            "lon": self.lon,
            "lat": self.lat,
            "count": self.count,
            "radius": self.radius,
            "fill": mark.fill,
            "line": mark.line,
            "line_width": mark.line_width,
            "tooltip": self.tooltip,
        }


def point_radius(count: int, max_count: int) -> float:
    """Radius in pixels for a point with `count` events when the largest has `max_count`."""
    k = RADIUS_PER_SQRT_EVENT
    if max_count > 0:
        k = min(k, (MAX_RADIUS_PX - MIN_RADIUS_PX) / math.sqrt(max_count))
    return round(MIN_RADIUS_PX + k * math.sqrt(max(count, 0)), 2)


def place_points(
    events: EventsIn, places: PlacesIn, *, lang: str, backing: Backing | None = None
) -> list[PlacePoint]:
    """One point per place with at least one of `events`, in the places' order; with
    `backing`, each event's tooltip line says how many sources and outlets back it."""
    by_id = place_rows(places)
    at: dict[str, list[EventRow]] = {}
    for ev in event_rows(events):
        for pid in dict.fromkeys(ev.place_ids):  # a place listed twice counts once
            if pid in by_id:
                at.setdefault(pid, []).append(ev)
    max_count = max((len(v) for v in at.values()), default=0)
    points = []
    for pid, p in by_id.items():
        here = at.get(pid)
        if not here:
            continue
        precision_label = t(f"map.precision.{p.precision}", lang)
        lines = [name(p, lang), precision_label]
        if p.point_basis and lang == BASIS_LANG:
            lines.append(clip(p.point_basis, 160))
        lines.append(t("map.tooltip.events", lang, count=len(here)))
        points.append(
            PlacePoint(
                id=pid,
                lon=p.lon,
                lat=p.lat,
                count=len(here),
                radius=point_radius(len(here), max_count),
                name=name(p, lang),
                precision=p.precision,
                tooltip="\n".join(lines + event_lines(here, lang, backing)),
                event_ids=tuple(e.id for e in here),
                name_en=p.name_en,
                name_zh=p.name_zh,
                kind=p.kind,
                iso_3166=p.iso_3166,
                precision_label=precision_label,
                point_basis=p.point_basis,
            )
        )
    return points


def point_slots(events: EventsIn, places: PlacesIn) -> list[str]:
    """Place ids, busiest over `events` (all of them: the dataset's) first, then the rest in
    the places' order: the deck's fixed point order (usmx.maps.deck)."""
    totals: dict[str, int] = {}
    for ev in event_rows(events):
        for pid in dict.fromkeys(ev.place_ids):
            totals[pid] = totals.get(pid, 0) + 1
    return sorted(place_rows(places), key=lambda pid: -totals.get(pid, 0))


def aggregation_cell(points: Sequence[PlacePoint], max_points: int = MAX_POINTS) -> float:
    """Grid cell size (degrees) that bins `points` into at most `max_points` cells; 0 if none
    is needed."""
    if len(points) <= max_points:
        return 0.0
    cell = FIRST_CELL_DEG
    while len({_cell_key(p, cell) for p in points}) > max_points:
        cell *= 2
    return cell


def _cell_key(point: PlacePoint, cell: float) -> tuple[int, int]:
    return math.floor(point.lon / cell), math.floor(point.lat / cell)


def aggregate_points(
    points: Sequence[PlacePoint], *, lang: str, max_points: int = MAX_POINTS
) -> list[PlacePoint]:
    """`points` unchanged when they are few; otherwise one point per grid cell.

    A cell's point sits at the count-weighted mean of its places and lists its biggest places
    in the tooltip. Cells double in size from FIRST_CELL_DEG until at most `max_points` remain.
    """
    cell = aggregation_cell(points, max_points)
    if not cell:
        return list(points)
    cells: dict[tuple[int, int], list[PlacePoint]] = {}
    for p in points:
        cells.setdefault(_cell_key(p, cell), []).append(p)
    max_count = max(sum(p.count for p in members) for members in cells.values())
    out = []
    for (cx, cy), members in sorted(cells.items()):
        total = sum(p.count for p in members)
        biggest = sorted(members, key=lambda p: (-p.count, p.name))
        lines = [
            t(
                "map.tooltip.cell",
                lang,
                places=i18n_count("places", len(members), lang),
                events=i18n_count("events", total, lang),
            ),
            *(f"• {clip(p.name)}: {p.count}" for p in biggest[:TOOLTIP_EVENTS]),
        ]
        if len(members) > TOOLTIP_EVENTS:
            lines.append(t("map.tooltip.more", lang, n=len(members) - TOOLTIP_EVENTS))
        out.append(
            PlacePoint(
                id=f"cell:{cx}:{cy}",
                lon=round(sum(p.lon * p.count for p in members) / total, 4),
                lat=round(sum(p.lat * p.count for p in members) / total, 4),
                count=total,
                radius=point_radius(total, max_count),
                name=biggest[0].name,
                precision=AGGREGATE,
                tooltip="\n".join(lines),
                places=len(members),
                cell_deg=cell,
            )
        )
    return out
