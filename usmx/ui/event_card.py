"""The event card: everything about one event, with the article's exact words highlighted.

`event_card_html` builds the card's body from dataset text, escaping every value (the card is
HTML); `show_event_card` draws it with a link to the span on the Source page.
"""

from __future__ import annotations

import hashlib
import html

import streamlit as st

from usmx.charts.frames import chronological_ids, event_option
from usmx.evidence import evidence_html
from usmx.i18n import label, name, t, title
from usmx.model import Dataset, Event
from usmx.tables import Tables
from usmx.ui import url
from usmx.ui.context import PageContext


def _colon(lang: str) -> str:
    return "：" if lang == "zh-Hant" else ": "


def _row(term: str, value: str) -> str:
    """A definition-list row; `value` must already be escaped HTML."""
    return f"<dt>{html.escape(term)}</dt><dd>{value}</dd>"


def _date_html(event: Event, lang: str) -> str:
    iv = event.interval
    stated = event.date_text or t("chart.hover.no_date_text", lang)
    precision = label("date_precision", iv.precision, lang)
    if iv.start is None:
        days = t("card.as_of", lang, date=iv.end.isoformat())
    elif iv.start == iv.end:
        days = iv.end.isoformat()
    else:
        days = t("card.days", lang, start=iv.start.isoformat(), end=iv.end.isoformat())
    c = _colon(lang)
    quoted = f"「{stated}」" if event.date_text else stated
    # An open start already says "as of" in `days`; other precisions name themselves.
    shown = days if iv.start is None else f"{precision} · {days}"
    return (
        f"{html.escape(t('word.as_stated', lang))}{c}"
        f"<span lang='zh-Hant'>{html.escape(quoted)}</span><br>"
        f"{html.escape(t('card.edtf', lang))}{c}<code>{html.escape(event.date)}</code>"
        f" · {html.escape(shown)}"
    )


def event_card_html(event: Event, ds: Dataset, lang: str) -> str:
    """The card's body as escaped HTML: titles, summary, date, status, actors, places and the
    evidence sentences with the exact spans in `<mark>`."""
    actors = ds.actors_by_id
    places = ds.places_by_id
    sep = "、" if lang == "zh-Hant" else ", "
    who = sep.join(
        f"{html.escape(name(actors[ea.actor_id], lang))}"
        f"{'（' if lang == 'zh-Hant' else ' ('}{html.escape(label('role', ea.role.value, lang))}"
        f"{'）' if lang == 'zh-Hant' else ')'}"
        for ea in event.actors
        if ea.actor_id in actors
    )
    where = sep.join(html.escape(name(places[p], lang)) for p in event.place_ids if p in places)
    rows = [
        _row(t("word.date", lang), _date_html(event, lang)),
    ]
    if event.date_basis:
        rows.append(_row(t("word.date_basis", lang), html.escape(event.date_basis)))
    rows += [
        _row(t("word.status", lang), html.escape(label("status", event.status.value, lang))),
        _row(t("word.type", lang), html.escape(label("event_type", event.event_type.value, lang))),
        _row(t("word.actors", lang), who),
        _row(t("word.places", lang), where or html.escape(t("card.no_places", lang))),
    ]
    summary_label = t("card.summary_en", lang)
    sub = (
        f"<p class='usmx-sub' lang='en'>{html.escape(event.title_en)}</p>"
        if lang == "zh-Hant"
        else ""
    )
    quotes = "".join(
        f"<blockquote lang='zh-Hant'>{evidence_html(ds.article, ev.start, ev.end)}</blockquote>"
        for ev in event.evidence
        if ev.start is not None and ev.end is not None
    )
    heading_lang = "zh-Hant" if lang == "zh-Hant" else "en"
    return (
        f"<div class='usmx-card'>"
        f"<h4 lang='{heading_lang}'>{html.escape(title(event, lang))}</h4>{sub}"
        f"<p><strong>{html.escape(summary_label)}</strong>{_colon(lang)}"
        f"<span lang='en'>{html.escape(event.summary_en)}</span></p>"
        f"<dl>{''.join(rows)}</dl>"
        f"<strong>{html.escape(t('word.evidence', lang))}</strong>{quotes}"
        "</div>"
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
    events_key = hashlib.sha256("\n".join(tables.events["id"]).encode()).hexdigest()
    every, rows_of = _options(ctx.loaded.digest, events_key, tables)
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
