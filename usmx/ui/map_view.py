"""Streamlit pieces of the Map page: its controls, the clickable deck, what a click picked, the
legend and the places table.

A click on a point, an arc, Sinaloa or the border reruns the page through `_on_select`, which
turns the chart's selection into a pick (usmx.maps.selection) kept in session state under
PICK_KEY and written to the URL (`?pick=place:sinaloa`), so a link reopens it. The chart's own
selection lives in the browser and cannot be set from Python: a pick opened from a link is
shown by the deck's own ring, and "Close" remounts the chart (a new key) to drop a selection.
The chart keeps its key otherwise, so pan and zoom survive filter changes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import streamlit as st

from usmx import maps
from usmx import urlstate as U
from usmx.i18n import backed_by, name, title
from usmx.model import Event, Place
from usmx.render import render
from usmx.ui import acled_map_overlay, url
from usmx.ui.context import PageContext
from usmx.ui.data import ids_key

DECK_KEY = "map_deck"
PICK_KEY = "map_pick"
_GENERATION = "_map_deck_generation"  # bumped by "Close": a new chart key drops its selection
_CELL = "_map_cell_picked"  # a click on a grid cell of many places (no single place to list)
HEIGHT = 620
MAX_LISTED = 50  # events listed for a pick; the rest are counted ("… and 12 more")


def deck_key() -> str:
    generation = st.session_state.get(_GENERATION, 0)
    return f"{DECK_KEY}_{generation}" if generation else DECK_KEY


def controls(ctx: PageContext) -> tuple[str, bool]:
    """The view switch and the basemap toggle; (view, basemap)."""
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    view = left.segmented_control(
        ctx.t("map.view"),
        options=list(maps.VIEWS),
        format_func=lambda v: ctx.t(f"map.view.{v}"),
        default="border",
        required=True,
        key="map_view",
    )
    basemap = right.toggle(ctx.t("map.basemap"), value=False, key="map_basemap")
    right.caption(ctx.t("map.basemap_note"))
    return view or "border", bool(basemap)


def current_pick(ctx: PageContext) -> maps.Pick | None:
    """The picked place or arc: from a click, or from the URL when it names a new one."""
    url.seed(PICK_KEY, U.P_PICK, ctx.view.pick)
    value = st.session_state.get(PICK_KEY)
    return maps.Pick.parse(value, ctx.loaded.choices.places) if value else None


def _on_select(places: Sequence[Place]) -> None:
    state = st.session_state.get(deck_key())
    selection = (state or {}).get("selection") or {}
    acled_map_overlay.take_zoom(selection)  # a click on an ACLED hexagon zooms in there
    pick = maps.pick_from_selection(selection, places)
    st.session_state[PICK_KEY] = pick.param if pick else None
    objects = selection.get("objects") or {}
    st.session_state[_CELL] = any(
        str(o.get("id", "")).startswith("cell:") for o in objects.get("points", [])
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _backing(digest: str, _tables) -> dict[str, tuple[int, int]]:
    # `digest` names the dataset version; `_tables` its frames (not hashed). Shared.
    events = _tables.events
    pairs = zip(events["n_sources"].tolist(), events["n_outlets"].tolist(), strict=True)
    return dict(zip(events["id"].tolist(), pairs, strict=True))


def backing(ctx: PageContext) -> dict[str, tuple[int, int]]:
    """Event id -> (sources, independent outlets) backing it (usmx.sources.support)."""
    return _backing(ctx.loaded.digest, ctx.tables)


@st.cache_resource(show_spinner=False, max_entries=16)
def _points_and_arcs(digest: str, events_key: str, lang: str, _events: Sequence[Event], _ds,
                     _backing) -> tuple[tuple[maps.PlacePoint, ...], tuple[maps.Arc, ...]]:  # fmt: skip
    # Keyed on the dataset version, the filtered events (a digest of their ids) and the
    # language; the rest follows from those. Frozen records in tuples: shared, not modified.
    points = maps.place_points(_events, _ds.places, lang=lang, backing=_backing)
    arcs = maps.cross_border_arcs(_events, _ds, lang=lang, backing=_backing)
    return tuple(points), tuple(arcs)


def points_and_arcs(
    ctx: PageContext, events: Sequence[Event]
) -> tuple[tuple[maps.PlacePoint, ...], tuple[maps.Arc, ...]]:
    """The map's points and cross-border arcs for `events`, built once per view: at 100,000
    events building them takes ~0.4 s of every rerun, and a filter switched back, a click or
    a language switch back would build the same again."""
    key = ids_key(e.id for e in events)
    return _points_and_arcs(ctx.loaded.digest, key, ctx.lang, events, ctx.ds, backing(ctx))


@st.cache_resource(show_spinner=False, max_entries=4)
def _slots(digest: str, _ds) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # `digest` names the dataset version; `_ds` is its content (not hashed).
    return tuple(maps.point_slots(_ds.events, _ds.places)), tuple(maps.arc_slots(_ds))


def deck_chart(
    ctx: PageContext,
    points: Sequence[maps.PlacePoint],
    arcs: Sequence[maps.Arc],
    *,
    view: str,
    basemap: bool,
    pick: maps.Pick | None,
    acled: acled_map_overlay.MapOverlay | None = None,
) -> None:
    """The map. Its boundaries come from the app's static files when Streamlit serves them
    (`server.enableStaticServing`), else inline (same picture, more bytes per rerun).
    `acled`: the user's ACLED layer, drawn under the article's arcs and points."""
    point_slots, arc_slots = _slots(ctx.loaded.digest, ctx.ds)
    deck = maps.build_deck(
        points,
        arcs,
        lang=ctx.lang,
        view=view,
        basemap=basemap,
        inline=not st.get_option("server.enableStaticServing"),
        pick=pick,
        point_slots=point_slots,
        arc_slots=arc_slots,
        under=acled.layers if acled else (),
        view_state=acled.view_state if acled else None,
    )
    st.pydeck_chart(
        deck,
        key=deck_key(),
        height=HEIGHT,
        alt=maps.alt_text(points, arcs, ctx.lang),
        on_select=functools.partial(_on_select, tuple(ctx.ds.places)),
        selection_mode="single-object",
    )


def _filter_by(place_id: str) -> None:
    # Runs before the script: the sidebar's place filter (key U.P_PLACES) starts from it.
    chosen = list(st.session_state.get(U.P_PLACES) or [])
    if place_id not in chosen:
        st.session_state[U.P_PLACES] = [*chosen, place_id]


def _close() -> None:
    state = st.session_state.get(deck_key()) or {}
    if (state.get("selection") or {}).get("indices"):
        st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1
    st.session_state[PICK_KEY] = None
    st.session_state[_CELL] = False


def _item(ctx: PageContext, event: Event, backed: dict[str, tuple[int, int]]) -> dict[str, Any]:
    n_sources, n_outlets = backed.get(event.id, (0, 0))
    return {
        "date": maps.format_date(event.date),
        "title": title(event, ctx.lang),
        "url": ctx.url("timeline", event=event.id),
        "backing": backed_by(n_sources, n_outlets, ctx.lang) if n_sources else "",
        "corroborated": n_outlets > 1,
    }


def pick_panel(ctx: PageContext, events: Sequence[Event], pick: maps.Pick | None) -> None:
    """The events at the picked place or arc, a "filter by this place" button and "Close";
    a hint when nothing is picked. Writes the pick to the URL."""
    url.update(pick=pick.param if pick else None)
    with st.container(key="map_pick_panel", border=True):
        picked = maps.describe(pick, events, ctx.ds, lang=ctx.lang) if pick else None
        if picked is None:
            hint = "map.pick.cell" if st.session_state.get(_CELL) else "map.pick.hint"
            st.caption(ctx.t(hint))
            return
        summary = (
            ctx.t("map.pick.events", count=len(picked.events))
            if picked.events
            else ctx.t("map.pick.none")
        )
        hidden = len(picked.events) - MAX_LISTED
        st.html(
            render(
                "map_pick.html.j2",
                heading=picked.heading,
                note=picked.note,
                summary=summary,
                items=[_item(ctx, e, backing(ctx)) for e in picked.events[:MAX_LISTED]],
                more=ctx.t("map.tooltip.more", n=hidden) if hidden > 0 else "",
            )
        )
        place = ctx.ds.places_by_id.get(picked.place_id)
        left, right = st.columns([4, 1])
        if place is not None:
            in_filter = place.id in ctx.filters.places
            key = "map.pick.filtered" if in_filter else "map.pick.filter"
            left.button(
                ctx.t(key, place=name(place, ctx.lang)),
                key="map_pick_filter",
                on_click=_filter_by,
                args=(place.id,),
                disabled=in_filter,
                icon=":material/filter_alt:",
            )
        right.button(ctx.t("map.pick.close"), key="map_pick_close", on_click=_close)


def event_map(
    ctx: PageContext, event: Event, *, key: str, width: int = 480, height: int = 360
) -> bool:
    """A small map of one event (usmx.maps.event_deck): its places ringed, its cross-border
    arc, the view fitted to them for a chart about `width` x `height` pixels. False (and
    nothing drawn) when the event has no place on the map."""
    if not any(pid in ctx.ds.places_by_id for pid in event.place_ids):
        return False
    deck = maps.event_deck(
        event,
        ctx.ds,
        lang=ctx.lang,
        width=width,
        height=height,
        inline=not st.get_option("server.enableStaticServing"),
    )
    points = maps.place_points([event], ctx.ds.places, lang=ctx.lang)
    arcs = maps.cross_border_arcs([event], ctx.ds, lang=ctx.lang)
    st.pydeck_chart(deck, key=key, height=height, alt=maps.alt_text(points, arcs, ctx.lang))
    return True


def legend(lang: str, *, acled: bool = False) -> None:
    """The map's legend: point marks and sizes, arcs, the border line, Sinaloa, the pick;
    the ACLED layer's hexagons and dots when it is shown."""
    st.html(maps.legend_html(lang, acled=acled))


def places_table(points: Sequence[maps.PlacePoint], lang: str) -> None:
    st.html(maps.places_table_html(points, lang=lang))
