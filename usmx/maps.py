"""The Map: where the filtered events happened, as a pydeck Deck drawn from our own boundaries.

Pure (pydeck and pandas, no Streamlit), so the page, the CLI and the tests build the same map.

- `place_points`: one point per place that has filtered events, sized by their number.
- `cross_border_arcs`: one arc per (initiator's country, event place) when the actor acts on
  another country's soil, e.g. the US military striking Venezuela.
- `build_deck`: outlines of Mexico's states and the US border states, Sinaloa filled and
  labelled, the US–Mexico border as a strong line, then arcs and points on top.

Offline by design. pydeck's `map_provider=None` keeps `map_style` at pydeck's sentinel
"__MAP_STYLE__", which Streamlit's frontend removes: no basemap is fetched. `map_style=None`
would NOT do that: Streamlit 1.67 then falls back to CARTO's positron style, fetched from the
internet. No API key is ever put into the deck's JSON.

Tooltips are plain text (`{"text": "{tooltip}"}`): deck.gl puts a text tooltip into the page
with `innerText`, so dataset strings (titles, names) can never become markup, whatever they
hold. An `html` template would not be better: Streamlit 1.67 HTML-escapes the interpolated
value itself, so pre-escaped text would show `&amp;` literally.
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from usmx import export
from usmx.geo import load_layer, point_in_polygon
from usmx.i18n import DEFAULT_LANG, LANGS, t
from usmx.i18n import count as i18n_count
from usmx.locale import join, parenthesized
from usmx.model import Dataset, Event, Place, PlaceKind, Role

# Above this many points the map bins nearby places into grid cells (see aggregate_points):
# deck.gl draws 5,000 circles smoothly, and the deck's JSON (with a tooltip per point) stays
# a few MB. A generated benchmark dataset can have 100,000 events at tens of thousands of places.
MAX_POINTS = 5_000
FIRST_CELL_DEG = 0.25  # first grid tried when binning; doubled until few enough cells remain

TOOLTIP_EVENTS = 8  # events listed in a tooltip before "+N more"
TOOLTIP_TITLE_CHARS = 90

# Point radius in screen pixels: MIN + k * sqrt(count), so a circle's area grows about in
# proportion to its events. k shrinks when the largest count would exceed MAX.
MIN_RADIUS_PX = 6.0
MAX_RADIUS_PX = 34.0
RADIUS_PER_SQRT_EVENT = 4.0
MIN_ARC_WIDTH_PX = 1.5
MAX_ARC_WIDTH_PX = 12.0
ARC_WIDTH_PER_SQRT_EVENT = 1.6

VIEWS: dict[str, dict[str, float]] = {
    # Sinaloa and the whole border (Tijuana to Matamoros) at ~1000-1200 px width.
    "border": {"latitude": 26.0, "longitude": -105.5, "zoom": 4.3},
    # Also Washington (38.9 N, 77.0 W) and Caracas (10.5 N, 66.9 W).
    "wide": {"latitude": 25.0, "longitude": -92.5, "zoom": 3.2},
}

# Colours (RGBA). Points by how exactly their position is known (model.Precision): country
# stand-ins are pale and outlined so they don't read as a precise location.
PRECISION_COLORS: dict[str, list[int]] = {
    "exact": [200, 30, 45, 235],
    "region": [235, 125, 20, 225],
    "country": [70, 120, 190, 120],
    "aggregate": [120, 60, 160, 200],
}
PRECISION_LINE_COLORS: dict[str, list[int]] = {
    "exact": [110, 10, 20, 255],
    "region": [150, 70, 0, 255],
    "country": [30, 70, 140, 255],
    "aggregate": [70, 30, 110, 255],
}
SINALOA_FILL = [30, 150, 110, 120]
SINALOA_LINE = [15, 100, 70, 255]
SINALOA_TEXT = [10, 80, 55, 255]
BORDER_COLOR = [150, 20, 130, 255]
BORDER_WIDTH_PX = 3.5
ARC_SOURCE_COLOR = [40, 90, 170, 210]
ARC_TARGET_COLOR = [200, 30, 45, 230]
STATE_LINE = [150, 150, 150, 255]
COUNTRY_LINE = [120, 120, 120, 255]

# deck.gl's TextLayer draws glyphs into a texture with the canvas font: "auto" collects every
# character of the data (the default set is ASCII only, so Chinese would be blank), and the font
# list must reach a CJK font on the viewer's machine.
CJK_FONT = (
    '"Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", '
    '"Heiti TC", sans-serif'
)
# Bitmap glyphs drawn large and scaled down: SDF glyphs (needed for outlines) lose thin strokes
# such as the en dash in "US–Mexico border"; a translucent box behind the text keeps it legible.
FONT_SETTINGS = {"sdf": False, "fontSize": 64, "buffer": 4}
MAX_PLACE_LABELS = 300  # more labels than this only clutter
AREA_LABEL_PX = 15
PLACE_LABEL_PX = 13
LABEL_CLEARANCE_DEG = 1.0  # a point this close to a state's label point pushes the label aside

TOOLTIP = {
    "text": "{tooltip}",
    "style": {
        "backgroundColor": "rgba(255, 255, 255, 0.96)",
        "color": "#1f2328",
        "border": "1px solid #c8c8c8",
        "borderRadius": "4px",
        "fontSize": "12px",
        "lineHeight": "1.45",
        "maxWidth": "420px",
        "whiteSpace": "pre-line",
        "fontFamily": CJK_FONT,
    },
}


# --- inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ev:
    id: str
    title_en: str
    title_zh: str
    date: str
    end: str  # ISO day, for sorting newest first
    start: str
    place_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Pl:
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


def _events(events: Iterable[Event] | pd.DataFrame) -> list[_Ev]:
    """Events from model objects or from rows of `tables.events` (same fields)."""
    if isinstance(events, pd.DataFrame):
        # Column-wise, not row dicts: a 100,000-event frame converts in ~0.1 s instead of ~5 s.
        def days(col: str) -> list[str]:
            return events[col].dt.strftime("%Y-%m-%d").fillna("").tolist()

        return [
            _Ev(*fields)
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
    out = []
    for e in events:
        iv = e.interval
        out.append(
            _Ev(
                e.id,
                e.title_en,
                e.title_zh,
                e.date,
                iv.end.isoformat(),
                _day(iv.start),
                tuple(e.place_ids),
            )
        )
    return out


def _places(places: Iterable[Place] | Mapping[str, Place] | pd.DataFrame) -> dict[str, _Pl]:
    """Places by id from model objects, a dict of them, or `tables.places`."""
    if isinstance(places, pd.DataFrame):
        rows = places.to_dict("records")
        return {
            r["id"]: _Pl(
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
            for r in rows
        }
    items = places.values() if isinstance(places, Mapping) else places
    return {
        p.id: _Pl(
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


def _dataset_events(events: Iterable[Event] | pd.DataFrame, ds: Dataset) -> list[Event]:
    if isinstance(events, pd.DataFrame):
        by_id = ds.events_by_id
        return [by_id[i] for i in events["id"] if i in by_id]
    return list(events)


# --- text -------------------------------------------------------------------------------------


def _name(p: _Pl, lang: str) -> str:
    return p.name_zh if lang == "zh-Hant" else p.name_en


def _title(e: _Ev, lang: str) -> str:
    return e.title_zh if lang == "zh-Hant" else e.title_en


def _clip(text: str, limit: int = TOOLTIP_TITLE_CHARS) -> str:
    text = " ".join(text.split())  # a newline in a title would break the tooltip's lines
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_date(edtf: str) -> str:
    """An EDTF date for reading: "2025-01-20/2026-01-16" -> "2025-01-20 – 2026-01-16"."""
    left, sep, right = edtf.partition("/")
    if not sep:
        return edtf
    return f"… – {right}" if left == ".." else f"{left} – {right}"


def _event_lines(events: Sequence[_Ev], lang: str) -> list[str]:
    newest = sorted(events, key=lambda e: (e.end, e.start, e.id), reverse=True)
    lines = [f"• {format_date(e.date)}  {_clip(_title(e, lang))}" for e in newest[:TOOLTIP_EVENTS]]
    if len(newest) > TOOLTIP_EVENTS:
        lines.append(t("map.tooltip.more", lang, n=len(newest) - TOOLTIP_EVENTS))
    return lines


# --- points -----------------------------------------------------------------------------------


def point_radius(count: int, max_count: int) -> float:
    """Radius in pixels for a point with `count` events when the largest has `max_count`."""
    k = RADIUS_PER_SQRT_EVENT
    if max_count > 0:
        k = min(k, (MAX_RADIUS_PX - MIN_RADIUS_PX) / math.sqrt(max_count))
    return round(MIN_RADIUS_PX + k * math.sqrt(max(count, 0)), 2)


def place_points(
    events: Iterable[Event] | pd.DataFrame,
    places: Iterable[Place] | Mapping[str, Place] | pd.DataFrame,
    *,
    lang: str,
) -> list[dict[str, Any]]:
    """One row per place with at least one of `events`, in the places' order.

    Each row has lon, lat, count, radius (pixels), name (in `lang`), precision and its label,
    point_basis, event_ids, colours, and a plain-text `tooltip` listing the events there.
    """
    by_id = _places(places)
    at: dict[str, list[_Ev]] = {}
    for ev in _events(events):
        for pid in dict.fromkeys(ev.place_ids):  # a place listed twice counts once
            if pid in by_id:
                at.setdefault(pid, []).append(ev)
    max_count = max((len(v) for v in at.values()), default=0)
    rows = []
    for pid, p in by_id.items():
        here = at.get(pid)
        if not here:
            continue
        precision_label = t(f"map.precision.{p.precision}", lang)
        lines = [_name(p, lang), precision_label]
        if p.point_basis and lang == "en":  # the basis is written in English only
            lines.append(_clip(p.point_basis, 160))
        lines.append(t("map.tooltip.events", lang, count=len(here)))
        rows.append(
            {
                "id": pid,
                "lon": p.lon,
                "lat": p.lat,
                "count": len(here),
                "radius": point_radius(len(here), max_count),
                "name": _name(p, lang),
                "name_en": p.name_en,
                "name_zh": p.name_zh,
                "kind": p.kind,
                "iso_3166": p.iso_3166,
                "precision": p.precision,
                "precision_label": precision_label,
                "point_basis": p.point_basis,
                "event_ids": [e.id for e in here],
                "color": PRECISION_COLORS.get(p.precision, PRECISION_COLORS["exact"]),
                "line_color": PRECISION_LINE_COLORS.get(
                    p.precision, PRECISION_LINE_COLORS["exact"]
                ),
                "tooltip": "\n".join(lines + _event_lines(here, lang)),
            }
        )
    return rows


def aggregation_cell(points: Sequence[dict[str, Any]], max_points: int = MAX_POINTS) -> float:
    """Grid cell size (degrees) that bins `points` into at most `max_points` cells; 0 if none
    is needed."""
    if len(points) <= max_points:
        return 0.0
    cell = FIRST_CELL_DEG
    while len({_cell_key(p, cell) for p in points}) > max_points:
        cell *= 2
    return cell


def _cell_key(point: dict[str, Any], cell: float) -> tuple[int, int]:
    return math.floor(point["lon"] / cell), math.floor(point["lat"] / cell)


def aggregate_points(
    points: Sequence[dict[str, Any]], *, lang: str, max_points: int = MAX_POINTS
) -> list[dict[str, Any]]:
    """`points` unchanged when they are few; otherwise one point per grid cell.

    A cell's point sits at the count-weighted mean of its places and lists its biggest places
    in the tooltip. Cells double in size from FIRST_CELL_DEG until at most `max_points` remain.
    """
    cell = aggregation_cell(points, max_points)
    if not cell:
        return list(points)
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for p in points:
        cells.setdefault(_cell_key(p, cell), []).append(p)
    max_count = max(sum(p["count"] for p in members) for members in cells.values())
    rows = []
    for (cx, cy), members in sorted(cells.items()):
        count = sum(p["count"] for p in members)
        biggest = sorted(members, key=lambda p: (-p["count"], p["name"]))
        lines = [
            t(
                "map.tooltip.cell",
                lang,
                places=i18n_count("places", len(members), lang),
                events=i18n_count("events", count, lang),
            ),
            *(f"• {_clip(p['name'])}: {p['count']}" for p in biggest[:TOOLTIP_EVENTS]),
        ]
        if len(members) > TOOLTIP_EVENTS:
            lines.append(t("map.tooltip.more", lang, n=len(members) - TOOLTIP_EVENTS))
        rows.append(
            {
                "id": f"cell:{cx}:{cy}",
                "lon": round(sum(p["lon"] * p["count"] for p in members) / count, 4),
                "lat": round(sum(p["lat"] * p["count"] for p in members) / count, 4),
                "count": count,
                "places": len(members),
                "cell_deg": cell,
                "radius": point_radius(count, max_count),
                "name": biggest[0]["name"],
                "iso_3166": "",
                "precision": "aggregate",
                "color": PRECISION_COLORS["aggregate"],
                "line_color": PRECISION_LINE_COLORS["aggregate"],
                "tooltip": "\n".join(lines),
            }
        )
    return rows


# --- arcs -------------------------------------------------------------------------------------


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
    k = ARC_WIDTH_PER_SQRT_EVENT
    if max_count > 0:
        k = min(k, (MAX_ARC_WIDTH_PX - MIN_ARC_WIDTH_PX) / math.sqrt(max_count))
    return round(MIN_ARC_WIDTH_PX + k * math.sqrt(max(count, 0)), 2)


def cross_border_arcs(
    events: Iterable[Event] | pd.DataFrame, ds: Dataset, *, lang: str = DEFAULT_LANG
) -> list[dict[str, Any]]:
    """Arcs for actions across a border, one per (initiator's country, event place).

    An event gets an arc from country C to place P when one of its initiators belongs to C and
    P lies in another country. The arc starts at C's own place in the dataset (the country
    place whose iso_3166 is C: Washington for the US, Mexico City for Mexico). Events with the
    same endpoints share one arc, whose width grows with their number.
    """
    actors = ds.actors_by_id
    places = ds.places_by_id
    home = {p.iso_3166: p for p in ds.places if p.kind == PlaceKind.country and p.iso_3166}
    countries = {pid: place_country(p) for pid, p in places.items()}
    groups: dict[tuple[str, str], list[Event]] = {}
    for ev in _dataset_events(events, ds):
        origins = dict.fromkeys(
            actors[ea.actor_id].country
            for ea in ev.actors
            if ea.role == Role.initiator and ea.actor_id in actors and actors[ea.actor_id].country
        )
        for pid in dict.fromkeys(ev.place_ids):
            target = countries.get(pid)
            for origin in origins:
                if target and origin != target and origin in home:
                    groups.setdefault((origin, pid), []).append(ev)
    max_count = max((len(v) for v in groups.values()), default=0)
    as_ev = {e.id: e for e in _events(e for v in groups.values() for e in v)}
    rows = []
    for (origin, pid), evs in groups.items():
        source, target = _places([home[origin]])[home[origin].id], _places([places[pid]])[pid]
        header = t(
            "map.tooltip.arc",
            lang,
            source=_name(source, lang),
            target=_name(target, lang),
            count=len(evs),
        )
        rows.append(
            {
                "id": f"{origin}>{pid}",
                "source_country": origin,
                "source_id": source.id,
                "target_id": pid,
                "source_lon": source.lon,
                "source_lat": source.lat,
                "target_lon": target.lon,
                "target_lat": target.lat,
                "count": len(evs),
                "width": arc_width(len(evs), max_count),
                "event_ids": [e.id for e in evs],
                "tooltip": "\n".join([header, *_event_lines([as_ev[e.id] for e in evs], lang)]),
            }
        )
    return rows


# --- deck -------------------------------------------------------------------------------------


def _literal(value: str) -> str:
    """A string prop deck.gl must get as-is: pydeck turns bare strings into accessor
    expressions ("@@=pixels") and passes single-quoted ones through without the quotes."""
    if "'" in value:
        raise ValueError(f"a literal prop cannot contain a single quote: {value!r}")
    return f"'{value}'"


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by 2, which triples the size of
    the boundary coordinates (~1.3 MB instead of ~0.4 MB sent on every rerun)."""

    def to_json(self) -> str:
        return json.dumps(
            self,
            sort_keys=True,
            default=default_serialize,
            separators=(",", ":"),
            ensure_ascii=False,
        )


def _with_tooltips(layer: dict[str, Any], lang: str, suffix: str = "") -> dict[str, Any]:
    """A copy of a boundary layer whose features carry a `tooltip` (their name in `lang`)."""
    key = "name_zht" if lang == "zh-Hant" else "name_en"
    return {
        "type": "FeatureCollection",
        "features": [
            {**f, "properties": {**f["properties"], "tooltip": f["properties"][key] + suffix}}
            for f in layer["features"]
        ],
    }


@functools.lru_cache(maxsize=len(LANGS))
def boundary_layers(lang: str) -> dict[str, dict[str, Any]]:
    """The shipped boundaries as FeatureCollections for the deck, with tooltips in `lang`.

    Cached (the files don't change while the app runs): callers must not modify the result.
    """
    states = [
        *load_layer("mexico_states")["features"],
        *load_layer("us_border_states")["features"],
    ]
    border = load_layer("us_mexico_border")
    km = border["features"][0]["properties"].get("length_km")
    suffix = f" ({km:,.0f} km)" if km else ""
    return {
        "countries": _with_tooltips(load_layer("countries"), lang),
        "states": _with_tooltips({"features": states}, lang),
        "sinaloa": _with_tooltips(
            {"features": [f for f in states if f["properties"].get("is_sinaloa")]}, lang
        ),
        "border": _with_tooltips(border, lang, suffix),
    }


def _label_rows(points: Sequence[dict[str, Any]], skip_iso: set[str]) -> list[dict[str, Any]]:
    # The Sinaloa label already names the state: no second label on its point.
    return [
        {
            "text": p["name"],
            "lon": p["lon"],
            "lat": p["lat"],
            # right of the point, else left of it
            "places": [([p["radius"] + 4, 0], "start"), ([-(p["radius"] + 4), 0], "end")],
            "kind": "place",
            "size": PLACE_LABEL_PX,
            "priority": p["count"],  # where labels collide, the busiest place keeps its label
        }
        for p in points
        if p.get("iso_3166") not in skip_iso
    ]


def _area_label(props: dict[str, Any], points: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A state's label at its label point; moved to the left of a point drawn there (Sinaloa's
    place point is its label point) so neither hides the other."""
    lon, lat = props["label_lon"], props["label_lat"]
    near = [
        p["radius"]
        for p in points
        if abs(p["lon"] - lon) < LABEL_CLEARANCE_DEG and abs(p["lat"] - lat) < LABEL_CLEARANCE_DEG
    ]
    gap = max(near, default=0) + 6
    return {
        "text": props["tooltip"],
        "lon": lon,
        "lat": lat,
        # over its own point it would hide it: beside it, left first (the sea off Sinaloa)
        "places": [([-gap, 0], "end"), ([gap, 0], "start")] if near else [([0, 0], "middle")],
        "kind": "area",
        "size": AREA_LABEL_PX,
        "priority": math.inf,
    }


def _pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web-mercator pixel position at `zoom` (512-pixel tiles, as deck.gl's MapView)."""
    scale = 512 * 2**zoom
    lat = max(min(lat, 85.05), -85.05)
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * scale
    return (lon + 180) / 360 * scale, y


def _text_px(text: str, size: float) -> float:
    # CJK glyphs are about one em wide, Latin ones about 0.6 em: close enough to keep apart.
    return sum(size if ord(c) >= 0x2E80 else 0.6 * size for c in text)


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def declutter(
    labels: Sequence[dict[str, Any]], points: Sequence[dict[str, Any]], zoom: float
) -> list[dict[str, Any]]:
    """The labels that fit at `zoom`, each with the `offset` and `anchor` it got.

    Highest priority first, each label takes the first of its `places` (offset, anchor) where
    its box covers no label already kept and no other place's point; with none free it is
    dropped. At most MAX_PLACE_LABELS.

    deck.gl's CollisionFilterExtension would do this in the browser, but in Streamlit 1.67 it
    hid every label; here it is deterministic and testable. Zooming in does not bring a dropped
    label back: the tooltip and the table below the map still name every place.
    """
    circles = []
    for p in points:
        x, y = _pixel(p["lon"], p["lat"], zoom)
        r = p["radius"]
        circles.append(((p["lon"], p["lat"]), (x - r, y - r, x + r, y + r)))
    kept: list[dict[str, Any]] = []
    boxes: list[tuple[float, ...]] = []
    for label in sorted(labels, key=lambda lb: (-lb["priority"], lb["text"])):
        x0, y0 = _pixel(label["lon"], label["lat"], zoom)
        width, half = _text_px(label["text"], label["size"]), label["size"] * 0.7
        own = (label["lon"], label["lat"])
        for offset, anchor in label["places"]:
            x, y = x0 + offset[0], y0 + offset[1]
            left = {"start": x, "end": x - width}.get(anchor, x - width / 2)
            box = (left - 2, y - half, left + width + 2, y + half)
            if any(_overlaps(box, b) for b in boxes) or any(
                _overlaps(box, c) for at, c in circles if at != own
            ):
                continue
            kept.append({**label, "offset": offset, "anchor": anchor})
            boxes.append(box)
            break
        if len(kept) >= MAX_PLACE_LABELS:
            break
    return kept


def build_deck(
    points: Sequence[dict[str, Any]],
    arcs: Sequence[dict[str, Any]],
    *,
    lang: str,
    view: str = "border",
    basemap: bool = False,
    layers_geo: Mapping[str, dict[str, Any]] | None = None,
) -> pdk.Deck:
    """The map: boundaries, Sinaloa, the border, arcs, points (binned above MAX_POINTS).

    `view` is a key of VIEWS. `basemap=True` adds CARTO's keyless light basemap (needs
    internet); otherwise nothing is fetched. `layers_geo` replaces `boundary_layers(lang)`.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown map view {view!r}; expected one of {', '.join(VIEWS)}")
    geo = dict(layers_geo) if layers_geo is not None else boundary_layers(lang)
    shown = aggregate_points(points, lang=lang)
    binned = len(shown) != len(points)
    land_alpha = 0 if basemap else 255  # over a basemap only the outlines are drawn
    sinaloa = geo["sinaloa"]["features"]
    sinaloa_iso = {f["properties"].get("iso_3166_2", "") for f in sinaloa}
    labels = declutter(
        [
            *(_area_label(f["properties"], shown) for f in sinaloa),
            *([] if binned else _label_rows(shown, sinaloa_iso)),
        ],
        shown,
        VIEWS[view]["zoom"],
    )
    label_keys = ("text", "lon", "lat", "offset", "anchor")
    sinaloa_labels = [{k: lb[k] for k in label_keys} for lb in labels if lb["kind"] == "area"]
    place_labels = [{k: lb[k] for k in label_keys} for lb in labels if lb["kind"] == "place"]
    point_data = [
        {k: p[k] for k in ("lon", "lat", "count", "radius", "color", "line_color", "tooltip")}
        for p in shown
    ]
    arc_keys = ("source_lon", "source_lat", "target_lon", "target_lat", "width", "tooltip")
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id="countries",
            data=geo["countries"],
            stroked=True,
            filled=True,
            get_fill_color=[238, 236, 230, land_alpha],
            get_line_color=COUNTRY_LINE,
            line_width_min_pixels=1,
            pickable=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="states",
            data=geo["states"],
            stroked=True,
            filled=True,
            get_fill_color=[248, 247, 243, land_alpha],
            get_line_color=STATE_LINE,
            line_width_min_pixels=0.8,
            pickable=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="sinaloa",
            data=geo["sinaloa"],
            stroked=True,
            filled=True,
            get_fill_color=SINALOA_FILL,
            get_line_color=SINALOA_LINE,
            line_width_min_pixels=1.5,
            pickable=True,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id="border",
            data=geo["border"],
            stroked=True,
            filled=False,
            get_line_color=BORDER_COLOR,
            line_width_units=_literal("pixels"),
            get_line_width=BORDER_WIDTH_PX,
            line_width_min_pixels=BORDER_WIDTH_PX,
            line_cap_rounded=True,
            line_joint_rounded=True,
            pickable=True,
        ),
        pdk.Layer(
            "ArcLayer",
            id="arcs",
            data=[{k: a[k] for k in arc_keys} for a in arcs],
            get_source_position=["source_lon", "source_lat"],
            get_target_position=["target_lon", "target_lat"],
            get_source_color=ARC_SOURCE_COLOR,
            get_target_color=ARC_TARGET_COLOR,
            get_width="width",
            width_units=_literal("pixels"),
            get_height=0.5,
            get_tilt=25,  # seen from straight above, an untilted arc is a straight line
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="points",
            data=point_data,
            get_position=["lon", "lat"],
            get_radius="radius",
            radius_units=_literal("pixels"),
            get_fill_color="color",
            get_line_color="line_color",
            stroked=True,
            line_width_units=_literal("pixels"),
            get_line_width=1.5,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            id="sinaloa-label",
            data=sinaloa_labels,
            get_position=["lon", "lat"],
            get_text="text",
            get_pixel_offset="offset",
            get_text_anchor="anchor",
            get_alignment_baseline=_literal("center"),
            get_size=AREA_LABEL_PX,
            size_units=_literal("pixels"),
            get_color=SINALOA_TEXT,
            font_family=_literal(CJK_FONT),
            font_weight=_literal("bold"),
            character_set=_literal("auto"),
            font_settings=FONT_SETTINGS,
            background=True,
            get_background_color=[255, 255, 255, 200],
            background_padding=[3, 1],
        ),
        pdk.Layer(
            "TextLayer",
            id="place-labels",
            data=place_labels,
            get_position=["lon", "lat"],
            get_text="text",
            get_pixel_offset="offset",
            get_size=PLACE_LABEL_PX,
            size_units=_literal("pixels"),
            get_color=[40, 40, 40, 255],
            get_text_anchor="anchor",
            get_alignment_baseline=_literal("center"),
            font_family=_literal(CJK_FONT),
            character_set=_literal("auto"),
            font_settings=FONT_SETTINGS,
            background=True,
            get_background_color=[255, 255, 255, 170],
            background_padding=[2, 0],
        ),
    ]
    if basemap:
        deck = CompactDeck(
            layers=layers,
            initial_view_state=pdk.ViewState(**VIEWS[view]),
            map_provider="carto",
            map_style="light",
            tooltip=TOOLTIP,
        )
    else:
        deck = CompactDeck(
            layers=layers,
            initial_view_state=pdk.ViewState(**VIEWS[view]),
            map_provider=None,
            tooltip=TOOLTIP,
        )
    # pydeck copies CARTO_API_KEY (and others) from the environment into the JSON: never ship
    # a key; the CARTO light style works without one.
    for attr in ("carto_key", "mapbox_key", "google_maps_key"):
        setattr(deck, attr, None)
    return deck


def visible_bounds(view: Mapping[str, float], width: int, height: int) -> tuple[float, ...]:
    """(west, south, east, north) seen by a web-mercator view of `width` x `height` pixels.

    deck.gl's MapView uses 512-pixel tiles: the world is 512 * 2**zoom pixels wide.
    """
    scale = 512 * 2 ** view["zoom"]
    lon, lat = view["longitude"], view["latitude"]
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * scale

    def lat_at(py: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))

    half_lon = width / 2 / scale * 360
    return lon - half_lon, lat_at(y + height / 2), lon + half_lon, lat_at(y - height / 2)


# --- page helpers -----------------------------------------------------------------------------


def places_frame(points: Sequence[dict[str, Any]], *, lang: str) -> pd.DataFrame:
    """The points as a table for the page, most events first, with headers in `lang`."""
    columns = {
        "name": t("map.col.place", lang),
        "count": t("map.col.events", lang),
        "precision_label": t("map.col.precision", lang),
        "lat": t("map.col.lat", lang),
        "lon": t("map.col.lon", lang),
        "point_basis": t("map.col.point_basis", lang),
    }
    frame = pd.DataFrame(list(points), columns=list(columns))
    frame = frame.sort_values("count", ascending=False, kind="stable")
    return frame.rename(columns=columns).reset_index(drop=True)


def alt_text(points: Sequence[dict[str, Any]], arcs: Sequence[dict[str, Any]], lang: str) -> str:
    """The map described in words, for screen readers (st.pydeck_chart's `alt`)."""
    biggest = sorted(points, key=lambda p: -p["count"])[:3]
    return t(
        "map.alt",
        lang,
        places=i18n_count("places", len(points), lang),
        arcs=i18n_count("arcs", len(arcs), lang),
        top=join((f"{p['name']}{parenthesized(str(p['count']), lang)}" for p in biggest), lang)
        or t("word.none", lang),
    )


def places_geojson_bytes(ds: Dataset, events: Iterable[Event]) -> bytes:
    """GeoJSON download: every place with its count of `events`, plus one point per event."""
    return export.to_json_bytes(export.places_geojson(ds, list(events)))


def places_csv_bytes(ds: Dataset, events: Iterable[Event]) -> bytes:
    """CSV download: the places that have some of `events`, with their number (event_count)."""
    counts: dict[str, int] = {}
    for e in events:
        for pid in dict.fromkeys(e.place_ids):
            counts[pid] = counts.get(pid, 0) + 1
    places = [p for p in ds.places if p.id in counts]
    rows = [{**row, "event_count": counts[row["id"]]} for row in export.places_to_rows(places)]
    return export.rows_to_csv_bytes(rows, [*export.PLACE_COLUMNS, "event_count"])


def _css(rgba: Sequence[int]) -> str:
    r, g, b, a = rgba
    return f"rgba({r}, {g}, {b}, {a / 255:.2f})"


def legend_html(lang: str) -> str:
    """A small legend for the map (catalog strings only, escaped anyway), for st.html."""

    def row(swatch: str, text: str) -> str:
        return (
            '<div style="display:flex;align-items:center;gap:8px;margin:2px 0">'
            f'<span style="flex:none;display:inline-flex;width:46px;justify-content:center">'
            f"{swatch}</span><span>{html.escape(text)}</span></div>"
        )

    def dot(kind: str, size: int = 12) -> str:
        return (
            f'<span style="display:inline-block;width:{size}px;height:{size}px;'
            f"border-radius:50%;background:{_css(PRECISION_COLORS[kind])};"
            f'border:1.5px solid {_css(PRECISION_LINE_COLORS[kind])}"></span>'
        )

    sizes = "".join(dot("region", s) for s in (8, 13, 18))
    arc = (
        '<span style="display:inline-block;width:28px;height:4px;border-radius:2px;'
        f"background:linear-gradient(90deg,{_css(ARC_SOURCE_COLOR)},"
        f'{_css(ARC_TARGET_COLOR)})"></span>'
    )
    border = (
        f'<span style="display:inline-block;width:28px;height:4px;'
        f'background:{_css(BORDER_COLOR)}"></span>'
    )
    sinaloa = (
        f'<span style="display:inline-block;width:18px;height:14px;'
        f'background:{_css(SINALOA_FILL)};border:1.5px solid {_css(SINALOA_LINE)}"></span>'
    )
    rows = [
        *(row(dot(kind), t(f"map.precision.{kind}", lang)) for kind in ("exact", "region")),
        row(dot("country"), t("map.precision.country", lang)),
        row(
            f'<span style="display:inline-flex;align-items:center;gap:2px">{sizes}</span>',
            t("map.legend.size", lang),
        ),
        row(arc, t("map.legend.arc", lang)),
        row(border, t("map.legend.border", lang)),
        row(sinaloa, t("map.legend.sinaloa", lang)),
    ]
    header = html.escape(t("map.legend.header", lang))
    return (
        '<div style="font-size:0.85rem;line-height:1.4">'
        f'<div style="font-weight:600;margin-bottom:4px">{header}</div>'
        '<div style="columns:2 320px;column-gap:28px">' + "".join(rows) + "</div></div>"
    )
