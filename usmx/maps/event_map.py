"""One event on a small map: for a story step or an event card, reusable from any page.

`event_deck` draws the event's places (each ringed, keeping its precision mark, so a country's
stand-in still reads as a country) and its cross-border arc on the same offline boundaries as
the Map page, with the view fitted to them (`fit_view`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import pydeck as pdk

from usmx.maps import boundaries
from usmx.maps import style as S
from usmx.maps.arcs import cross_border_arcs
from usmx.maps.deck import (
    arc_layer,
    area_layers,
    compact_deck,
    label_layers,
    land_layers,
    point_layer,
    ring_layer,
    sinaloa_labels,
)
from usmx.maps.labels import pixel, place_labels
from usmx.maps.points import place_points
from usmx.model import Dataset, Event

# How close a story map may zoom, by the vaguest precision of the event's places.
STORY_MAX_ZOOM = {"exact": 5.5, "region": 4.5, "country": 3.3}


def fit_view(
    lonlats: Sequence[tuple[float, float]],
    width: int,
    height: int,
    *,
    pad_px: float = 60,
    max_zoom: float = 5.5,
    min_zoom: float = 1.5,
) -> dict[str, float]:
    """The web-mercator view that shows every (lon, lat) with `pad_px` to spare."""
    if not lonlats:
        return dict(S.VIEWS["border"])
    xs, ys = zip(*(pixel(lon, lat, 0) for lon, lat in lonlats), strict=True)
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    fits = [
        math.log2((size - 2 * pad_px) / span)
        for size, span in ((width, span_x), (height, span_y))
        if span > 0 and size > 2 * pad_px
    ]
    zoom = max(min_zoom, min([max_zoom, *fits]))
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    lon = cx / 512 * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * cy / 512))))
    return {"latitude": round(lat, 4), "longitude": round(lon, 4), "zoom": round(zoom, 2)}


def event_deck(
    event: Event,
    ds: Dataset,
    *,
    lang: str,
    width: int = 480,
    height: int = 320,
    inline: bool = False,
) -> pdk.Deck:
    """A small deck of one event: its places ringed on the boundaries, its cross-border arc.

    For a story step or an event card (`st.pydeck_chart(event_deck(...), height=height)`).
    The view fits the places (and the arc's start) at `width` x `height` pixels; each place
    keeps its precision mark, so a country's stand-in still reads as a country.
    """
    points = [
        replace(p, radius=S.STORY_RADIUS_PX) for p in place_points([event], ds.places, lang=lang)
    ]
    arcs = cross_border_arcs([event], ds, lang=lang)
    ends = [(p.lon, p.lat) for p in points] + [(a.source_lon, a.source_lat) for a in arcs]
    # No closer than the vaguest place allows: a country's stand-in point is not a city.
    closest = min((STORY_MAX_ZOOM.get(p.precision, 5.5) for p in points), default=5.5)
    view = fit_view(ends, width, height, max_zoom=closest)
    sinaloa_iso = {f["properties"]["iso_3166_2"] for f in boundaries.sinaloa(lang)["features"]}
    labels = sinaloa_labels(lang, points) + place_labels(points, sinaloa_iso)
    layers = [
        *land_layers(basemap=False, inline=inline),
        *area_layers(lang, pickable=False),
        arc_layer([a.deck_row() for a in arcs]),
        ring_layer(points, "story-ring"),
        point_layer([p.deck_row() for p in points]),
        *label_layers(labels, points, view["zoom"]),
    ]
    return compact_deck(layers, view, basemap=False)
