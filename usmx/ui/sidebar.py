"""The shared sidebar: language switch and the one filter every page uses, bound to the URL.

The filter lives in the URL, so copying the address reproduces the view. We sync it through
the app's one URL helper (`usmx.ui.url`, encoding in `usmx.urlstate`) rather than Streamlit
1.67's `bind="query-params"`: bound multiselects write their *formatted labels* to the URL, so
a language switch would rewrite every value and a shared link would depend on the sender's
language. Here the URL holds stable ids (`?actor=trump`): it seeds the widgets once per
session, and is rewritten from the widgets' values on every run. The widgets live in the
entry script, so their state survives page switches.
"""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from usmx import filters as F
from usmx import urlstate as U
from usmx.i18n import DEFAULT_LANG, LANG_LABELS, LANGS, label, name, t
from usmx.model import Actor
from usmx.search import find_actors
from usmx.sources import source_label, sources_of
from usmx.ui import url
from usmx.ui.data import Loaded
from usmx.ui.text import code_span

COUNTRY_ORDER = {"US": 0, "MX": 1, "VE": 2}
MAX_SEARCH_HITS = 6


def actor_label(actor: Actor, lang: str) -> str:
    """Option label: country, then the name in both scripts, so typing either finds it."""
    country = t(f"country.{actor.country}", lang) if actor.country in COUNTRY_ORDER else "—"
    other = actor.name_en if lang == "zh-Hant" else actor.name_zh
    return f"{country}｜{name(actor, lang)} · {other}"


def _sorted_actors(actors: list[Actor]) -> list[Actor]:
    return sorted(actors, key=lambda a: (COUNTRY_ORDER.get(a.country or "", 9), a.kind != "person"))


def _add_actor(actor_id: str) -> None:
    chosen = list(st.session_state.get(U.P_ACTORS) or [])
    if actor_id not in chosen:
        chosen.append(actor_id)
    st.session_state[U.P_ACTORS] = chosen
    st.session_state["actor_q"] = ""


def _clear(first: dt.date, last: dt.date) -> None:
    for key in (U.P_ACTORS, U.P_TYPES, U.P_PLACES, U.P_STATUSES, U.P_SOURCES):
        st.session_state[key] = []
    st.session_state[U.P_DATES] = (first, last)
    st.session_state["actor_q"] = ""


_SEEDED = "_usmx_url_seeded"


def _seed_language(state: U.ViewState) -> None:
    if U.P_LANG not in st.session_state:
        st.session_state[U.P_LANG] = state.lang


def _seed_filters(filters: F.Filters, choices: F.Choices) -> None:
    """Once per session: the URL's filter into the widgets' state."""
    if st.session_state.get(_SEEDED):
        return
    st.session_state[U.P_ACTORS] = list(filters.actors)
    st.session_state[U.P_TYPES] = list(filters.event_types)
    st.session_state[U.P_PLACES] = list(filters.places)
    st.session_state[U.P_STATUSES] = list(filters.statuses)
    st.session_state[U.P_SOURCES] = list(filters.sources)
    st.session_state[U.P_DATES] = (
        max(filters.date_from or choices.first_day, choices.first_day),
        min(filters.date_to or choices.last_day, choices.last_day),
    )
    st.session_state[_SEEDED] = True


def _restore_ids(choices: F.Choices) -> None:
    """Put back the last run's ids where a multiselect's state holds something else.

    Streamlit 1.67 re-sends a multiselect's value as its formatted labels on a page switch;
    after a language switch those labels are in the old language and match no option.
    """
    previous = st.session_state.get("_usmx_filters")
    if previous is None:
        return
    facets = (
        (U.P_ACTORS, choices.actors, previous.actors),
        (U.P_TYPES, choices.event_types, previous.event_types),
        (U.P_PLACES, choices.places, previous.places),
        (U.P_STATUSES, choices.statuses, previous.statuses),
        (U.P_SOURCES, choices.sources, previous.sources),
    )
    for key, valid, ids in facets:
        value = st.session_state.get(key)
        if value and any(v not in valid for v in value):
            st.session_state[key] = list(ids)


def language(state: U.ViewState) -> str:
    """The language switch (first in the sidebar: every other label depends on it)."""
    _seed_language(state)
    lang = st.sidebar.segmented_control(
        "語言 / Language",
        options=list(LANGS),
        format_func=LANG_LABELS.get,
        required=True,
        key=U.P_LANG,
    )
    lang = lang if lang in LANGS else DEFAULT_LANG
    # Screen readers take the language from <html lang>, which Streamlit fixes at "en". The
    # value is one of LANGS, never text from a URL.
    st.sidebar.html(
        f"<script>document.documentElement.lang = {json.dumps(lang)};</script>",
        unsafe_allow_javascript=True,
    )
    return lang


def render(loaded: Loaded, state: U.ViewState) -> tuple[F.Filters, str]:
    """Draw the sidebar, seeded from the URL's `state`; return the filter and language."""
    lang = language(state)
    ds, choices = loaded.dataset, loaded.choices
    _seed_filters(state.filters, choices)
    _restore_ids(choices)
    sb = st.sidebar
    sb.header(t("filter.header", lang))

    query = sb.text_input(
        t("filter.actor_search", lang), key="actor_q", max_chars=U.MAX_VALUE_CHARS
    )
    if query.strip():
        hits = find_actors(query, ds.actors)[:MAX_SEARCH_HITS]
        if not hits:
            sb.caption(t("filter.actor_search_none", lang))
        for actor in hits:
            sb.button(
                f"＋ {actor_label(actor, lang)}",
                key=f"add_actor_{actor.id}",
                on_click=_add_actor,
                args=(actor.id,),
                width="stretch",
            )
    actors = {a.id: a for a in _sorted_actors(ds.actors)}
    chosen_actors = sb.multiselect(
        t("filter.actors", lang),
        options=list(actors),
        format_func=lambda a: actor_label(actors[a], lang),
        placeholder=t("filter.placeholder", lang),
        key=U.P_ACTORS,
        help=t("filter.sub_actors_note", lang),
    )
    dates = sb.date_input(
        t("filter.dates", lang),
        min_value=choices.first_day,
        max_value=choices.last_day,
        key=U.P_DATES,
        format="YYYY-MM-DD",
    )
    types = sb.multiselect(
        t("filter.types", lang),
        options=list(choices.event_types),
        format_func=lambda v: label("event_type", v, lang),
        placeholder=t("filter.placeholder", lang),
        key=U.P_TYPES,
    )
    places = ds.places_by_id
    chosen_places = sb.multiselect(
        t("filter.places", lang),
        options=list(choices.places),
        format_func=lambda p: name(places[p], lang),
        placeholder=t("filter.placeholder", lang),
        key=U.P_PLACES,
    )
    statuses = sb.multiselect(
        t("filter.statuses", lang),
        options=list(choices.statuses),
        format_func=lambda v: label("status", v, lang),
        placeholder=t("filter.placeholder", lang),
        key=U.P_STATUSES,
    )
    chosen_sources: list[str] = []
    if len(choices.sources) > 1:  # one source (the shipped article): nothing to choose
        docs = {doc.id: doc for doc in sources_of(ds)}
        chosen_sources = sb.multiselect(
            t("filter.sources", lang),
            options=list(choices.sources),
            format_func=lambda s: source_label(docs[s]),
            placeholder=t("filter.placeholder", lang),
            key=U.P_SOURCES,
            help=t("filter.sources_help", lang),
        )
    sb.button(
        t("filter.clear", lang),
        key="clear_filter",
        on_click=_clear,
        args=(choices.first_day, choices.last_day),
        icon=":material/filter_alt_off:",
    )
    date_from, date_to = _date_range(dates, choices)
    filters = F.Filters(
        actors=tuple(chosen_actors),
        date_from=date_from,
        date_to=date_to,
        event_types=tuple(types),
        places=tuple(chosen_places),
        statuses=tuple(statuses),
        sources=tuple(chosen_sources),
    )
    previous = st.session_state.get("_usmx_filters")
    if previous is not None and previous != filters:
        url.clear_notices()
    st.session_state["_usmx_filters"] = filters
    # URL notices stay until the user changes the filter, so they cannot flash by unread.
    for notice in url.notices():
        # The value comes from the URL: shown as code, so a shared link cannot put markup or
        # a link into the app's own warning.
        value = code_span(notice.value)
        sb.warning(t(f"notice.{notice.reason}", lang, param=notice.param, value=value), icon="⚠️")

    url.update(filters=filters, lang=lang)
    return filters, lang


def _date_range(value, choices: F.Choices) -> tuple[dt.date | None, dt.date | None]:
    """The date widget's value as a filter; the full extent means no date filter."""
    days = list(value) if isinstance(value, tuple | list) else [value]
    days = [d for d in days if isinstance(d, dt.date)]
    lo = days[0] if days else None
    hi = days[1] if len(days) > 1 else None
    lo = None if lo == choices.first_day else lo
    hi = None if hi == choices.last_day else hi
    return lo, hi
