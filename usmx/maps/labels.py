"""Labels that never overlap: placed in pure Python at the view's zoom, then drawn by deck.gl.

Every label has spots to try (a pixel offset from its point and a text anchor: right of the
point, else left). `declutter` places the most important labels first, each in the first spot
where its box covers no label already placed and no other place's point, and drops a label
with no free spot. deck.gl's CollisionFilterExtension would do this in the browser, but in
Streamlit 1.67 it hid every label; here it is deterministic and tested with bounding boxes in
both languages. Zooming in does not bring a dropped label back: tooltips and the places table
still name every place.

Also the web-mercator geometry this needs (deck.gl's MapView: 512-pixel tiles).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from usmx.maps.points import PlacePoint
from usmx.maps.style import AREA_LABEL_PX, PLACE_LABEL_PX

MAX_PLACE_LABELS = 300  # more labels than this only clutter
LABEL_CLEARANCE_DEG = 1.0  # a point this close to a state's label point pushes the label aside
LABEL_GAP_PX = 4.0  # between a point's edge and its label
Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels
Spot = tuple[tuple[float, float], str]  # pixel offset, text anchor (start, middle, end)


@dataclass(frozen=True)
class Label:
    text: str
    lon: float
    lat: float
    kind: str  # "area" (a state's name on the state) or "place" (beside its point)
    size: float  # font size, pixels
    priority: float  # where labels collide, the higher one keeps its spot
    spots: tuple[Spot, ...]
    own: tuple[float, float] | None = None  # the point it labels: its own circle is no obstacle


@dataclass(frozen=True)
class PlacedLabel:
    text: str
    lon: float
    lat: float
    kind: str
    size: float
    offset: tuple[float, float]
    anchor: str

    def deck_row(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "lon": self.lon,
            "lat": self.lat,
            "offset": list(self.offset),
            "anchor": self.anchor,
        }


def pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web-mercator pixel position at `zoom` (512-pixel tiles, as deck.gl's MapView)."""
    scale = 512 * 2**zoom
    lat = max(min(lat, 85.05), -85.05)
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * scale
    return (lon + 180) / 360 * scale, y


def visible_bounds(view: Mapping[str, float], width: int, height: int) -> tuple[float, ...]:
    """(west, south, east, north) seen by a web-mercator view of `width` x `height` pixels."""
    scale = 512 * 2 ** view["zoom"]
    _, y = pixel(view["longitude"], view["latitude"], view["zoom"])

    def lat_at(py: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))

    half_lon = width / 2 / scale * 360
    lon = view["longitude"]
    return lon - half_lon, lat_at(y + height / 2), lon + half_lon, lat_at(y - height / 2)


def text_px(text: str, size: float) -> float:
    """Estimated width of `text` in pixels. CJK glyphs are about one em wide, Latin ones about
    0.6 em: close enough to keep labels apart."""
    return sum(size if ord(c) >= 0x2E80 else 0.6 * size for c in text)


def overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_box(label: Label | PlacedLabel, offset: Sequence[float], anchor: str, zoom: float) -> Box:
    """The pixel box `label` covers when drawn at `offset` with `anchor`."""
    x0, y0 = pixel(label.lon, label.lat, zoom)
    width, half = text_px(label.text, label.size), label.size * 0.7
    x, y = x0 + offset[0], y0 + offset[1]
    left = {"start": x, "end": x - width}.get(anchor, x - width / 2)
    return (left - 2, y - half, left + width + 2, y + half)


def place_labels(points: Sequence[PlacePoint], skip_iso: Collection[str] = ()) -> list[Label]:
    """A label beside each point (right, else left), busiest places first where they collide.

    Points whose ISO code is in `skip_iso` are named by an area label already (Sinaloa).
    """
    return [
        Label(
            text=p.name,
            lon=p.lon,
            lat=p.lat,
            kind="place",
            size=PLACE_LABEL_PX,
            priority=p.count,
            spots=(
                ((p.radius + LABEL_GAP_PX, 0.0), "start"),
                ((-(p.radius + LABEL_GAP_PX), 0.0), "end"),
            ),
            own=(p.lon, p.lat),
        )
        for p in points
        if p.iso_3166 not in skip_iso
    ]


def area_label(
    text: str, lon: float, lat: float, points: Sequence[PlacePoint], own_iso: str = ""
) -> Label:
    """A state's name at its label point; moved beside a point drawn there (Sinaloa's place
    point is its label point), left first (the sea off Sinaloa), so neither hides the other."""
    near = [
        p.radius
        for p in points
        if abs(p.lon - lon) < LABEL_CLEARANCE_DEG and abs(p.lat - lat) < LABEL_CLEARANCE_DEG
    ]
    gap = max(near, default=0) + 6
    spots: tuple[Spot, ...] = (
        (((-gap, 0.0), "end"), ((gap, 0.0), "start")) if near else (((0.0, 0.0), "middle"),)
    )
    return Label(
        text=text,
        lon=lon,
        lat=lat,
        kind="area",
        size=AREA_LABEL_PX,
        priority=math.inf,
        spots=spots,
    )


def declutter(
    labels: Sequence[Label], points: Sequence[PlacePoint], zoom: float
) -> list[PlacedLabel]:
    """The labels that fit at `zoom`, each with the spot it got; at most MAX_PLACE_LABELS."""
    circles = []
    for p in points:
        x, y = pixel(p.lon, p.lat, zoom)
        r = p.radius
        circles.append(((p.lon, p.lat), (x - r, y - r, x + r, y + r)))
    kept: list[PlacedLabel] = []
    boxes: list[Box] = []
    for label in sorted(labels, key=lambda lb: (-lb.priority, lb.text)):
        for offset, anchor in label.spots:
            box = label_box(label, offset, anchor, zoom)
            if any(overlaps(box, b) for b in boxes) or any(
                overlaps(box, c) for at, c in circles if at != label.own
            ):
                continue
            kept.append(
                PlacedLabel(
                    label.text, label.lon, label.lat, label.kind, label.size, offset, anchor
                )
            )
            boxes.append(box)
            break
        if len(kept) >= MAX_PLACE_LABELS:
            break
    return kept
