"""The user's ACLED layer beside the article's events: the toggle, the filter and caption both
pages share, and the Timeline's band (the Map's part is usmx.ui.acled_map_overlay).

A toggle, off by default and shown only when a layer is stored (usmx.ui.acled_layer). With
it on, the sidebar's filter reaches the layer as an `AcledFilter` (usmx.acled_query
`filter_for`: the dates, the actors ACLED has names for, the places by state or country), and
a caption says how many rows match and which chosen actors or places ACLED cannot express.

- Timeline: the layer's events per day, week or month of the detail's window, counted in SQL,
  drawn as a light band under the labelled chart (usmx.charts.timeline_acled).
- Map: hexagons counted in SQL, until a click on one zooms in there; then the places in a box
  around it where ACLED puts events, as dots sized by them (usmx.maps.acled). "Back to
  hexagons" or another map view zooms out. Kept apart so that the Timeline does not import
  pydeck, and no page imports DuckDB until a layer is stored.

Every query goes through `AcledLayer.cached` (one answer per layer version and filter), and
what is built from an answer (the band, the deck's rows) is cached per layer version, filter
and language: a rerun that changes nothing on the layer asks DuckDB nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import streamlit as st

from usmx.acled_match import keys_for
from usmx.acled_places import place_keys
from usmx.acled_query import AcledFilter, AcledLayer, filter_for
from usmx.charts import timeline_acled as band
from usmx.i18n import count, name
from usmx.locale import join, number, sentence_separator
from usmx.ui.acled_layer import current_layer
from usmx.ui.charts import show_figure
from usmx.ui.context import PageContext
from usmx.ui.text import escape_markdown

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

ZOOM_KEY = "_map_acled_zoom"  # (lon, lat) of the hexagon a click zoomed in on
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
    days = replace(_f, date_from=lo, date_to=hi)
    counts = _layer.cached("counts_by_period", days, unit=unit)
    figure = band.band_figure(counts, window, unit=unit, lang=lang, file=_layer.source_name)
    return figure, band.band_alt(counts, window, lang)


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
