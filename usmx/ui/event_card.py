"""The event card: everything about one event, with the article's exact words highlighted.

`event_card_html` fills the card's template (usmx/templates/event_card.html.j2, autoescaped)
with dataset text; `show_event_card` draws it with a link to the span on the Source page.
"""

from __future__ import annotations

import streamlit as st

from usmx.charts.frames import chronological_ids, event_option
from usmx.evidence import sentence
from usmx.i18n import in_language, label, name, t
from usmx.locale import parenthesized
from usmx.model import Dataset, Event
from usmx.render import render
from usmx.tables import Tables
from usmx.ui import url
from usmx.ui.context import PageContext
from usmx.ui.data import events_key


def _days(event: Event, lang: str) -> str:
    """The days the date covers, with its precision (an open start says "as of")."""
    iv = event.interval
    if iv.start is None:
        return t("card.as_of", lang, date=iv.end.isoformat())
    days = (
        iv.end.isoformat()
        if iv.start == iv.end
        else t("card.days", lang, start=iv.start.isoformat(), end=iv.end.isoformat())
    )
    return f"{label('date_precision', iv.precision, lang)} · {days}"


def event_card_html(event: Event, ds: Dataset, lang: str) -> str:
    """The card's body (template event_card.html.j2): titles, summary, date, status, actors,
    places and the evidence sentences with the exact spans in `<mark>`."""
    actors, places = ds.actors_by_id, ds.places_by_id
    return render(
        "event_card.html.j2",
        event=event,
        # In Chinese the English title is shown under the heading (the summary is English).
        subtitle=in_language(lang, zh=event.title_en, en=""),
        stated=(
            f"「{event.date_text}」" if event.date_text else t("chart.hover.no_date_text", lang)
        ),
        days=_days(event, lang),
        actors=[
            name(actors[ea.actor_id], lang)
            + parenthesized(label("role", ea.role.value, lang), lang)
            for ea in event.actors
            if ea.actor_id in actors
        ],
        places=[name(places[p], lang) for p in event.place_ids if p in places],
        sentences=[
            sentence(ds.article, ev.start, ev.end)
            for ev in event.evidence
            if ev.start is not None and ev.end is not None
        ],
        lang=lang,
    )


def show_event_card(event_id: str, ctx: PageContext) -> None:
    """Draw the card of `event_id`, or say it is gone (a stale link or selection)."""
    event = ctx.ds.events_by_id.get(event_id)
    with st.container(border=True, key="event_card"):
        if event is None:
            st.info(ctx.t("card.not_found"))
            return
        st.html(event_card_html(event, ctx.ds, ctx.lang))
        links = st.container(horizontal=True, key="event_card_links")
        for i, ev in enumerate(event.evidence):
            if ev.start is None or ev.end is None:
                continue
            suffix = f" {i + 1}" if len(event.evidence) > 1 else ""
            links.link_button(
                ctx.t("word.open_in_source") + suffix,
                ctx.url("source", span=(ev.start, ev.end)),
                key=f"event_card_source_{i}",
                icon=":material/article:",
            )


MAX_PICKER_OPTIONS = 1_000


@st.cache_resource(show_spinner=False, max_entries=48)
def _options(digest: str, events_key: str, _tables: Tables) -> tuple[list[str], dict[str, dict]]:
    """The shown events' ids in date order and their rows by id, once per set of events
    (pandas work a rerun of a view seen before need not redo). Shared: never modified."""
    every = chronological_ids(_tables.events)
    rows = _tables.events.set_index("id", drop=False).to_dict("index")
    return every, rows


def event_picker(ctx: PageContext, tables: Tables, key: str) -> str | None:
    """A chooser of the shown events (the keyboard-friendly way to open a card), whose value
    a chart selection may also set (see `usmx.ui.charts.selection_to_widget`); draws the card
    of the chosen event and returns its id."""
    every, rows_of = _options(ctx.loaded.digest, events_key(tables), tables)
    shown = set(every)
    if st.session_state.get(key) not in shown:
        st.session_state[key] = None  # not shown under the current filter
    # A link (?event=ID, e.g. from the Source page) opens that card; the choice goes back
    # into the URL, so copying the address reopens it.
    url.seed(key, "event", ctx.view.event if ctx.view.event in shown else None)
    # Thousands of options (generated data) would make a multi-megabyte list on every run:
    # the first MAX_PICKER_OPTIONS, plus the chosen one.
    ids = every[:MAX_PICKER_OPTIONS]
    current = st.session_state.get(key)
    if current and current not in ids:
        ids = [current, *ids]
    picked = st.selectbox(
        ctx.t("timeline.pick_event"),
        ids,
        format_func=lambda i: event_option(rows_of[i], ctx.lang),
        placeholder=ctx.t("timeline.pick_hint"),
        key=key,
    )
    if len(every) > MAX_PICKER_OPTIONS:
        st.caption(ctx.t("timeline.pick_capped", shown=MAX_PICKER_OPTIONS, total=len(every)))
    selected = st.session_state.get(f"{key}_selected") or []
    if len(selected) > 1:
        st.caption(ctx.t("timeline.selected_n", n=len(selected)))
    url.update(event=picked)
    if picked:
        show_event_card(picked, ctx)
    return picked
