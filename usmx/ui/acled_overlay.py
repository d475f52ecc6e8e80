"""The user's ACLED layer beside the article's events, on the Timeline and the Map pages.

A toggle, off by default and shown only when a layer is stored (usmx.ui.acled_layer). With
it on, the sidebar's filter reaches the layer as an `AcledFilter` (usmx.acled_query
`filter_for`: the dates, the actors ACLED has names for, the places by state or country), and
a caption says how many rows match and which chosen actors or places ACLED cannot express.

- Timeline: the layer's events per day, week or month of the detail's window, counted in SQL,
  drawn as a light band under the labelled chart (usmx.charts.timeline_acled).
- Map: hexagons counted in SQL, until a click on one zooms in there; then the places in a box
  around it where ACLED puts events, as dots sized by them (usmx.maps.acled). "Back to hexagons" or another map view zooms out.

Every query goes through `AcledLayer.cached` (one answer per layer version and filter), and
what is built from an answer (the band, the deck's rows) is cached per layer version, filter
and language: a rerun that changes nothing on the layer asks DuckDB nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pydeck as pdk
import streamlit as st

from usmx.acled_match import keys_for
from usmx.acled_places import place_keys
from usmx.acled_query import AcledFilter, AcledLayer, filter_for
from usmx.charts import timeline_acled as band
from usmx.i18n import count, name
from usmx.locale import join, number, sentence_separator
from usmx.maps import acled as acled_map
from usmx.ui.acled_layer import current_layer
from usmx.ui.charts import show_figure
from usmx.ui.context import PageContext
from usmx.ui.text import escape_markdown

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

ZOOM_KEY = "_map_acled_zoom"  # (lon, lat) of the hexagon a click zoomed in on
_ZOOM_VIEW = "_map_acled_zoom_view"  # the map view the zoom was made from
BUILT = 16  # built bands and deck rows kept (per layer version, filter, language)


def toggle(ctx: PageContext, key: str, slot: DeltaGenerator | None = None) -> AcledLayer | None:
    """The "show your ACLED layer" toggle (only when a layer is stored): the layer when on."""
    layer = current_layer()
    if layer is None:
        return None
    on = (slot or st).toggle(
        ctx.t("acled.overlay.toggle"), value=False, key=key, help=ctx.t("acled.overlay.help")
    )
    if not on:
        st.session_state[ZOOM_KEY] = None  # shown again, the layer starts from its hexagons
    return layer if on else None


def scope(ctx: PageContext) -> AcledFilter:
    """The sidebar filter as the layer's filter."""
    return filter_for(ctx.filters, ctx.ds)


def caption(ctx: PageContext, layer: AcledLayer, f: AcledFilter) -> None:
    """How many rows match, and the chosen actors and places the layer cannot be filtered by."""
    lang = ctx.lang
    parts = [
        ctx.t(
            "acled.overlay.caption",
            file=layer.source_name or "—",
            rows=count("rows", layer.cached("count", f), lang),
            total=number(layer.cached("count"), lang),
        )
    ]
    unnamed = [a for a in ctx.filters.actors if not keys_for(ctx.ds, [a])]
    if unnamed:
        names = join((name(ctx.ds.actors_by_id[a], lang) for a in unnamed), lang)
        parts.append(ctx.t("acled.overlay.no_actor", actors=names))
    places = place_keys(ctx.ds, ctx.filters.places)
    for key, ids in (("no_place", places.unmatched), ("by_state", places.by_state)):
        if ids:
            names = join((name(ctx.ds.places_by_id[p], lang) for p in ids), lang)
            parts.append(ctx.t(f"acled.overlay.{key}", places=names))
    st.caption(escape_markdown(sentence_separator(lang).join(parts)))


# --- Timeline --------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=BUILT)
def _band(version: str, f_key: str, window: tuple[dt.date, dt.date], lang: str,
          _layer: AcledLayer, _f: AcledFilter) -> tuple[Any, str]:  # fmt: skip
    # Keyed on the layer's version, the filter (its repr) and the window; shared, not modified.
    unit = band.unit_for(*window)
    lo = max(filter(None, (_f.date_from, window[0])))
    hi = min(filter(None, (_f.date_to, window[1])))
    days = AcledFilter(**{**_fields(_f), "date_from": lo, "date_to": hi})
    counts = _layer.cached("counts_by_period", days, unit=unit)
    figure = band.band_figure(counts, window, unit=unit, lang=lang, file=_layer.source_name)
    return figure, band.band_alt(counts, window, lang)


def _fields(f: AcledFilter) -> dict[str, Any]:
    return {k: getattr(f, k) for k in f.__dataclass_fields__}


def timeline_band(
    ctx: PageContext, layer: AcledLayer, window: tuple[dt.date, dt.date]
) -> Callable[[], None]:
    """What the Timeline draws under its detail with the layer on: the band and a caption."""

    def draw() -> None:
        f = scope(ctx)
        figure, alt = _band(layer.version, repr(f), window, ctx.lang, layer, f)
        show_figure(figure, key="timeline_acled_band", alt=alt, caption=False)
        caption(ctx, layer, f)

    return draw


# --- Map -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapOverlay:
    """What the Map draws of the layer: its deck layers, and the view when zoomed in."""

    layers: tuple[pdk.Layer, ...]
    view_state: dict[str, float] | None
    zoom: acled_map.Zoom | None
    shown: int  # hexagons, or places drawn
    rows: int  # rows matching (in the box when zoomed in)
    size_km: float


@st.cache_resource(show_spinner=False, max_entries=BUILT)
def _hex_rows(version: str, f_key: str, size_km: float, lang: str,
              _layer: AcledLayer, _f: AcledFilter) -> list[dict[str, Any]]:  # fmt: skip
    frame = _layer.cached("hex_bins", _f, size_km=size_km)
    return acled_map.hex_rows(frame, size_km, lang)


@st.cache_resource(show_spinner=False, max_entries=BUILT)
def _point_rows(version: str, f_key: str, lang: str,
                _layer: AcledLayer, _f: AcledFilter) -> list[dict[str, Any]]:  # fmt: skip
    frame = _layer.cached("locations", _f, limit=acled_map.MAX_MAP_POINTS)
    return acled_map.point_rows(frame, lang)


def take_zoom(selection: Mapping[str, Any]) -> None:
    """From the map's click handler: a click on a hexagon zooms in there (anything else
    leaves the zoom as it is: only "back to hexagons" or another view zooms out)."""
    zoom = acled_map.Zoom.from_selection(selection)
    if zoom is not None:
        st.session_state[ZOOM_KEY] = (zoom.lon, zoom.lat)


def _zoom_out() -> None:
    st.session_state[ZOOM_KEY] = None


def map_overlay(ctx: PageContext, layer: AcledLayer, view: str) -> MapOverlay:
    """The layer's share of the map for the current filter, view and zoom."""
    if st.session_state.get(_ZOOM_VIEW) != view:  # another view: back to hexagons
        st.session_state[ZOOM_KEY] = None
    st.session_state[_ZOOM_VIEW] = view
    f = scope(ctx)
    size = acled_map.hex_size(view)
    centre = st.session_state.get(ZOOM_KEY)
    if centre:
        zoom = acled_map.Zoom(*centre)
        boxed = AcledFilter(**{**_fields(f), "bbox": zoom.bbox})
        rows = _point_rows(layer.version, repr(boxed), ctx.lang, layer, boxed)
        layers = (acled_map.point_layer(rows),)
        matching = layer.cached("count", boxed)
        return MapOverlay(layers, zoom.view(), zoom, len(rows), matching, size)
    rows = _hex_rows(layer.version, repr(f), size, ctx.lang, layer, f)
    matching = layer.cached("count", f)
    return MapOverlay((acled_map.hex_layer(rows),), None, None, len(rows), matching, size)


def map_caption(ctx: PageContext, layer: AcledLayer, overlay: MapOverlay) -> None:
    """Under the map: hexagons or the zoomed-in dots, a way back, and the layer's caption."""
    lang = ctx.lang
    if overlay.zoom is None:
        text = ctx.t(
            "acled.overlay.hexagons",
            km=f"{overlay.size_km:g}",
            hexagons=count("hexagons", overlay.shown, lang),
        )
        st.caption(escape_markdown(text))
    else:
        capped = overlay.shown >= acled_map.MAX_MAP_POINTS
        text = ctx.t(
            "acled.overlay.zoomed_capped" if capped else "acled.overlay.zoomed",
            rows=count("rows", overlay.rows, lang),
            places=count("places", overlay.shown, lang),
        )
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.caption(escape_markdown(text))
        right.button(ctx.t("acled.overlay.back"), key="map_acled_back", on_click=_zoom_out,
                     icon=":material/hexagon:")  # fmt: skip
    caption(ctx, layer, scope(ctx))
