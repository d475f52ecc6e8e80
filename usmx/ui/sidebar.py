"""The shared sidebar: language switch and the one filter every page uses, bound to the URL.

The filter lives in the URL, so copying the address reproduces the view. We sync it ourselves
rather than with Streamlit 1.67's `bind="query-params"`: bound multiselects write their
*formatted labels* to the URL, so a language switch would rewrite every value and a shared link
would depend on the sender's language. Here the URL holds stable ids (`?actor=trump`): it is
parsed once per session by the pure `usmx.filters.parse_query_params` (which reports what it
ignored), seeds the widgets, and is rewritten from the widgets' values on every run. The
widgets live in the entry script, so their state survives page switches.
"""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from usmx import filters as F
from usmx.i18n import DEFAULT_LANG, LANG_LABELS, LANGS, label, name, t
from usmx.model import Actor
from usmx.search import find_actors
from usmx.ui.data import Loaded
from usmx.ui.text import code_span

COUNTRY_ORDER = {"US": 0, "MX": 1, "VE": 2}
MAX_SEARCH_HITS = 6


def _raw_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def actor_label(actor: Actor, lang: str) -> str:
    """Option label: country, then the name in both scripts, so typing either finds it."""
    country = t(f"country.{actor.country}", lang) if actor.country in COUNTRY_ORDER else "—"
    other = actor.name_en if lang == "zh-Hant" else actor.name_zh
    return f"{country}｜{name(actor, lang)} · {other}"


def _sorted_actors(actors: list[Actor]) -> list[Actor]:
    return sorted(actors, key=lambda a: (COUNTRY_ORDER.get(a.country or "", 9), a.kind != "person"))


def _add_actor(actor_id: str) -> None:
    chosen = list(st.session_state.get(F.P_ACTORS) or [])
    if actor_id not in chosen:
        chosen.append(actor_id)
    st.session_state[F.P_ACTORS] = chosen
    st.session_state["actor_q"] = ""


def _clear(first: dt.date, last: dt.date) -> None:
    for key in (F.P_ACTORS, F.P_TYPES, F.P_PLACES, F.P_STATUSES):
        st.session_state[key] = []
    st.session_state[F.P_DATES] = (first, last)
    st.session_state["actor_q"] = ""


_SEEDED = "_usmx_url_seeded"
_NOTICES = "_usmx_url_notices"


def _seed_language() -> None:
    if F.P_LANG in st.session_state:
        return
    raw = st.query_params.get_all(F.P_LANG)
    st.session_state[F.P_LANG] = raw[0] if raw and raw[0] in LANGS else DEFAULT_LANG
    if raw and raw[0] not in LANGS:
        st.session_state[_NOTICES] = [F.Notice(F.P_LANG, raw[0][: F.MAX_VALUE_CHARS], "bad_lang")]


def _seed_filters(choices: F.Choices) -> None:
    """Once per session: the URL's filter into the widgets' state, and what was ignored."""
    if st.session_state.get(_SEEDED):
        return
    filters, notices = F.parse_query_params(_raw_params(), choices)
    st.session_state[F.P_ACTORS] = list(filters.actors)
    st.session_state[F.P_TYPES] = list(filters.event_types)
    st.session_state[F.P_PLACES] = list(filters.places)
    st.session_state[F.P_STATUSES] = list(filters.statuses)
    st.session_state[F.P_DATES] = (
        max(filters.date_from or choices.first_day, choices.first_day),
        min(filters.date_to or choices.last_day, choices.last_day),
    )
    st.session_state[_NOTICES] = st.session_state.get(_NOTICES, []) + notices
    st.session_state[_SEEDED] = True


def filter_params(filters: F.Filters, lang: str) -> dict[str, list[str]]:
    """The URL parameters that reproduce this filter and language."""
    wanted = filters.to_query_params()
    if lang != DEFAULT_LANG:
        wanted[F.P_LANG] = [lang]
    return wanted


def _restore_ids(choices: F.Choices) -> None:
    """Put back the last run's ids where a multiselect's state holds something else.

    Streamlit 1.67 re-sends a multiselect's value as its formatted labels on a page switch;
    after a language switch those labels are in the old language and match no option.
    """
    previous = st.session_state.get("_usmx_filters")
    if previous is None:
        return
    facets = (
        (F.P_ACTORS, choices.actors, previous.actors),
        (F.P_TYPES, choices.event_types, previous.event_types),
        (F.P_PLACES, choices.places, previous.places),
        (F.P_STATUSES, choices.statuses, previous.statuses),
    )
    for key, valid, ids in facets:
        value = st.session_state.get(key)
        if value and any(v not in valid for v in value):
            st.session_state[key] = list(ids)


def _write_url(filters: F.Filters, lang: str) -> None:
    """Make the URL's filter part match the widgets; page-own parameters are left alone."""
    wanted = filter_params(filters, lang)
    for key in (*F.FILTER_PARAMS, F.P_LANG):
        # Writing sends a message to the browser: only when the value changed.
        current = st.query_params.get_all(key)
        if key in wanted and current != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


def language() -> str:
    """The language switch (first in the sidebar: every other label depends on it)."""
    _seed_language()
    lang = st.sidebar.segmented_control(
        "語言 / Language",
        options=list(LANGS),
        format_func=LANG_LABELS.get,
        required=True,
        key=F.P_LANG,
    )
    lang = lang if lang in LANGS else DEFAULT_LANG
    # Screen readers take the language from <html lang>, which Streamlit fixes at "en". The
    # value is one of LANGS, never text from a URL.
    st.sidebar.html(
        f"<script>document.documentElement.lang = {json.dumps(lang)};</script>",
        unsafe_allow_javascript=True,
    )
    return lang


def render(loaded: Loaded) -> tuple[F.Filters, str]:
    """Draw the sidebar; return the filter and language it sets."""
    lang = language()
    ds, choices = loaded.dataset, loaded.choices
    _seed_filters(choices)
    _restore_ids(choices)
    sb = st.sidebar
    sb.header(t("filter.header", lang))

    query = sb.text_input(
        t("filter.actor_search", lang), key="actor_q", max_chars=F.MAX_VALUE_CHARS
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
        key=F.P_ACTORS,
        help=t("filter.sub_actors_note", lang),
    )
    dates = sb.date_input(
        t("filter.dates", lang),
        min_value=choices.first_day,
        max_value=choices.last_day,
        key=F.P_DATES,
        format="YYYY-MM-DD",
    )
    types = sb.multiselect(
        t("filter.types", lang),
        options=list(choices.event_types),
        format_func=lambda v: label("event_type", v, lang),
        placeholder=t("filter.placeholder", lang),
        key=F.P_TYPES,
    )
    places = ds.places_by_id
    chosen_places = sb.multiselect(
        t("filter.places", lang),
        options=list(choices.places),
        format_func=lambda p: name(places[p], lang),
        placeholder=t("filter.placeholder", lang),
        key=F.P_PLACES,
    )
    statuses = sb.multiselect(
        t("filter.statuses", lang),
        options=list(choices.statuses),
        format_func=lambda v: label("status", v, lang),
        placeholder=t("filter.placeholder", lang),
        key=F.P_STATUSES,
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
    )
    previous = st.session_state.get("_usmx_filters")
    if previous is not None and previous != filters:
        st.session_state[_NOTICES] = []
    st.session_state["_usmx_filters"] = filters
    # URL notices stay until the user changes the filter, so they cannot flash by unread.
    for notice in st.session_state.get(_NOTICES, []):
        # The value comes from the URL: shown as code, so a shared link cannot put markup or
        # a link into the app's own warning.
        value = code_span(notice.value)
        sb.warning(t(f"notice.{notice.reason}", lang, param=notice.param, value=value), icon="⚠️")

    _write_url(filters, lang)
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
