"""The pydeck Deck: boundaries, Sinaloa, the border, arcs, points and labels, offline.

Offline by design. pydeck's `map_provider=None` keeps `map_style` at pydeck's sentinel
"__MAP_STYLE__", which Streamlit's frontend removes: no basemap is fetched. `map_style=None`
would NOT do that: Streamlit 1.67 then falls back to CARTO's positron style, fetched from the
internet. No API key is ever put into the deck's JSON. The land comes from the app's own static
files (usmx.maps.boundaries).

Tooltips are plain text (`{"text": "{tooltip}"}`): deck.gl puts a text tooltip into the page
with `innerText`, so dataset strings (titles, names) can never become markup, whatever they
hold. An `html` template would not be better: Streamlit 1.67 HTML-escapes the interpolated
value itself, so pre-escaped text would show `&amp;` literally.

Clicks: points, arcs, Sinaloa and the border are pickable (usmx.maps.selection). Streamlit
keeps a selection as indices into a layer's data, so with `slots` the points and arcs layers
keep one row per possible place or arc in a fixed order across filter changes (rows without
filtered events are drawn empty): a selected index always means the same place.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from usmx.maps import boundaries
from usmx.maps import style as S
from usmx.maps.arcs import Arc
from usmx.maps.labels import Label, area_label, declutter, place_labels
from usmx.maps.points import PlacePoint, aggregate_points
from usmx.maps.selection import ARC, ARCS, BORDER, PLACE, POINTS, SINALOA, Pick

# Rows for slots without filtered events: nothing drawn, so nothing to click.
_EMPTY_POINT = {
    "lon": 0.0,
    "lat": 0.0,
    "count": 0,
    "radius": 0.0,
    "fill": [0, 0, 0, 0],
    "line": [0, 0, 0, 0],
    "line_width": 0.0,
    "tooltip": "",
}
_EMPTY_ARC = {
    "source_lon": 0.0,
    "source_lat": 0.0,
    "target_lon": 0.0,
    "target_lat": 0.0,
    "width": 0.0,
    "tooltip": "",
}


def literal(value: str) -> str:
    """A string prop deck.gl must get as-is: pydeck turns bare strings into accessor
    expressions ("@@=pixels") and passes single-quoted ones through without the quotes."""
    if "'" in value:
        raise ValueError(f"a literal prop cannot contain a single quote: {value!r}")
    return f"'{value}'"


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation (pydeck indents by 2: a third more bytes)."""

    def to_json(self) -> str:
        return json.dumps(
            self,
            sort_keys=True,
            default=default_serialize,
            separators=(",", ":"),
            ensure_ascii=False,
        )


def land_layers(*, basemap: bool, inline: bool) -> list[pdk.Layer]:
    """Land fills (left out over a basemap) and outlines. Not pickable: a click on land is no
    pick, and outlines are LineLayer segments because SwiftShader draws them 4x faster than
    GeoJsonLayer's stroked paths (scripts/build_map_layers.py)."""
    fills = [
        pdk.Layer(
            "GeoJsonLayer",
            id=key,
            data=boundaries.source(key, inline=inline),
            stroked=False,
            filled=True,
            get_fill_color=color,
            pickable=False,
        )
        for key, color in (("countries", S.LAND_FILL), ("states", S.STATE_FILL))
    ]
    lines = [
        pdk.Layer(
            "LineLayer",
            id=key.replace("_", "-"),
            data=boundaries.source(key, inline=inline),
            get_source_position="s",
            get_target_position="t",
            get_color=color,
            get_width=width,
            width_units=literal("pixels"),
            pickable=False,
        )
        for key, color, width in (
            ("country_lines", S.COUNTRY_LINE, S.COUNTRY_LINE_PX),
            ("state_lines", S.STATE_LINE, S.STATE_LINE_PX),
        )
    ]
    return [*([] if basemap else fills), *lines]


def area_layers(lang: str, *, pickable: bool = True) -> list[pdk.Layer]:
    """Sinaloa filled and outlined, and the US–Mexico border as a strong line."""
    return [
        pdk.Layer(
            "GeoJsonLayer",
            id=SINALOA,
            data=boundaries.sinaloa(lang),
            stroked=True,
            filled=True,
            get_fill_color=S.SINALOA_FILL,
            get_line_color=S.SINALOA_LINE,
            line_width_min_pixels=1.5,
            pickable=pickable,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id=BORDER,
            data=boundaries.border(lang),
            stroked=True,
            filled=False,
            get_line_color=S.BORDER_COLOR,
            line_width_units=literal("pixels"),
            get_line_width=S.BORDER_WIDTH_PX,
            line_width_min_pixels=S.BORDER_WIDTH_PX,
            line_cap_rounded=True,
            line_joint_rounded=True,
            pickable=pickable,
        ),
    ]


def arc_layer(rows: list[dict[str, Any]], layer_id: str = ARCS, **props: Any) -> pdk.Layer:
    """Arcs from `rows` (Arc.deck_row); `props` override the defaults (colours, pickable)."""
    defaults = {
        "get_source_position": ["source_lon", "source_lat"],
        "get_target_position": ["target_lon", "target_lat"],
        "get_source_color": S.ARC_SOURCE_COLOR,
        "get_target_color": S.ARC_TARGET_COLOR,
        "get_width": "width",
        "width_units": literal("pixels"),
        "get_height": 0.5,
        "get_tilt": 25,  # seen from straight above, an untilted arc is a straight line
        "pickable": True,
    }
    return pdk.Layer("ArcLayer", id=layer_id, data=rows, **{**defaults, **props})


def point_layer(rows: list[dict[str, Any]], layer_id: str = POINTS, **props: Any) -> pdk.Layer:
    """Points from `rows` (PlacePoint.deck_row), each drawn with its precision's mark."""
    defaults = {
        "get_position": ["lon", "lat"],
        "get_radius": "radius",
        "radius_units": literal("pixels"),
        "get_fill_color": "fill",
        "get_line_color": "line",
        "stroked": True,
        "line_width_units": literal("pixels"),
        "get_line_width": "line_width",
        "pickable": True,
    }
    return pdk.Layer("ScatterplotLayer", id=layer_id, data=rows, **{**defaults, **props})


def ring_layer(points: Sequence[PlacePoint], layer_id: str = "pick-ring") -> pdk.Layer:
    """A dark ring around each of `points`: the picked place, or a story's places."""
    rows = [{"lon": p.lon, "lat": p.lat, "radius": p.radius + S.PICK_RING_GAP_PX} for p in points]
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        data=rows,
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units=literal("pixels"),
        filled=False,
        stroked=True,
        get_line_color=S.PICK_COLOR,
        line_width_units=literal("pixels"),
        get_line_width=S.PICK_RING_WIDTH_PX,
        pickable=False,
    )


def label_layers(labels: Sequence[Label], points: Sequence[PlacePoint], zoom: float) -> list:
    placed = declutter(labels, points, zoom)
    text = {
        "get_position": ["lon", "lat"],
        "get_text": "text",
        "get_pixel_offset": "offset",
        "get_text_anchor": "anchor",
        "get_alignment_baseline": literal("center"),
        "size_units": literal("pixels"),
        "font_family": literal(S.CJK_FONT),
        "character_set": literal("auto"),
        "font_settings": S.FONT_SETTINGS,
        "background": True,
    }
    return [
        pdk.Layer(
            "TextLayer",
            id="sinaloa-label",
            data=[lb.deck_row() for lb in placed if lb.kind == "area"],
            get_size=S.AREA_LABEL_PX,
            get_color=S.SINALOA_TEXT,
            font_weight=literal("bold"),
            get_background_color=[255, 255, 255, 200],
            background_padding=[3, 1],
            **text,
        ),
        pdk.Layer(
            "TextLayer",
            id="place-labels",
            data=[lb.deck_row() for lb in placed if lb.kind == "place"],
            get_size=S.PLACE_LABEL_PX,
            get_color=S.PLACE_TEXT,
            get_background_color=[255, 255, 255, 170],
            background_padding=[2, 0],
            **text,
        ),
    ]


def _slotted(
    rows: list[dict[str, Any]], slots: Sequence[str] | None, empty: dict[str, Any]
) -> list[dict[str, Any]]:
    """`rows` in the order of `slots` (ids), an `empty` row for each slot without one; rows
    of no slot come last."""
    if slots is None:
        return rows
    by_id = {r["id"]: r for r in rows}
    placed = [by_id.pop(s) if s in by_id else {**empty, "id": s} for s in slots]
    return placed + list(by_id.values())


def compact_deck(layers: list, view: dict[str, float], *, basemap: bool) -> pdk.Deck:
    """A CompactDeck of `layers` at `view`: offline unless `basemap`, and never with a key."""
    provider = (
        {"map_provider": "carto", "map_style": "light"} if basemap else {"map_provider": None}
    )
    deck = CompactDeck(
        layers=layers, initial_view_state=pdk.ViewState(**view), tooltip=S.TOOLTIP, **provider
    )
    # pydeck copies CARTO_API_KEY (and others) from the environment into the JSON: never ship
    # a key; the CARTO light style works without one.
    for attr in ("carto_key", "mapbox_key", "google_maps_key"):
        setattr(deck, attr, None)
    return deck


def sinaloa_labels(lang: str, shown: Sequence[PlacePoint]) -> list[Label]:
    """Sinaloa's name on the state, beside its point if one is drawn there."""
    return [
        area_label(f["properties"]["tooltip"], lon, lat, shown)
        for f in boundaries.sinaloa(lang)["features"]
        for lon, lat in [(f["properties"]["label_lon"], f["properties"]["label_lat"])]
    ]


def build_deck(
    points: Sequence[PlacePoint],
    arcs: Sequence[Arc],
    *,
    lang: str,
    view: str = "border",
    basemap: bool = False,
    inline: bool = False,
    pick: Pick | None = None,
    point_slots: Sequence[str] | None = None,
    arc_slots: Sequence[str] | None = None,
    under: Sequence[pdk.Layer] = (),
    view_state: dict[str, float] | None = None,
) -> pdk.Deck:
    """The Map page's deck.

    `view` is a key of VIEWS. `basemap=True` adds CARTO's keyless light basemap (needs
    internet); otherwise nothing is fetched beyond the app's own static files (`inline=True`
    embeds them instead). `pick` is ringed. `point_slots`/`arc_slots`: see the module doc.
    Above MAX_POINTS places the points are binned into cells (not slotted, not labelled).
    `under`: more layers, drawn above the land and Sinaloa, under the arcs and points (the
    user's ACLED layer). `view_state` replaces the view's centre and zoom (a zoomed-in map).
    """
    if view not in S.VIEWS:
        raise ValueError(f"unknown map view {view!r}; expected one of {', '.join(S.VIEWS)}")
    shown_view = view_state or S.VIEWS[view]
    shown = aggregate_points(points, lang=lang)
    binned = len(shown) != len(points)
    sinaloa_iso = {f["properties"]["iso_3166_2"] for f in boundaries.sinaloa(lang)["features"]}
    labels = sinaloa_labels(lang, shown) + ([] if binned else place_labels(shown, sinaloa_iso))
    # Bigger points first, so a smaller one at the same spot stays on top and clickable.
    by_size = sorted(shown, key=lambda p: -p.radius)
    point_rows = _slotted(
        [p.deck_row() for p in by_size], None if binned else point_slots, _EMPTY_POINT
    )
    arc_rows = _slotted([a.deck_row() for a in arcs], arc_slots, _EMPTY_ARC)
    picked_points = [p for p in shown if pick and pick.kind == PLACE and p.id == pick.id]
    picked_arcs = [a for a in arcs if pick and pick.kind == ARC and a.id == pick.id]
    layers = [
        *land_layers(basemap=basemap, inline=inline),
        *area_layers(lang),
        *under,
        *(
            [
                arc_layer(
                    [{**a.deck_row(), "width": a.width + S.PICK_ARC_EXTRA_PX} for a in picked_arcs],
                    "pick-arc",
                    pickable=False,
                    get_source_color=S.PICK_COLOR,
                    get_target_color=S.PICK_COLOR,
                )
            ]
            if picked_arcs
            else []
        ),
        arc_layer(arc_rows),
        *([ring_layer(picked_points)] if picked_points else []),
        point_layer(point_rows),
        *label_layers(labels, shown, shown_view["zoom"]),
    ]
    return compact_deck(layers, shown_view, basemap=basemap)
