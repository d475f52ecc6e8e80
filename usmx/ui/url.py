"""The one place that reads and writes the browser's URL (`st.query_params`).

The URL holds the view state a user would share (`usmx.urlstate.ViewState`). Per run:

1. `read(choices)` parses the URL once; what it had to ignore is kept as notices until the
   user changes the filter (the sidebar shows them), so they cannot flash by unread.
2. Widgets are seeded from it with `seed(key, param, value)`: a widget takes the URL's value
   when the URL names a value this session has not seen yet (a link was opened, or the back
   button), and keeps the user's own choice otherwise.
3. What the widgets then hold is written back with `update(...)`, which sends only the
   parameters that changed (each write is a message to the browser).

So copying the address always reproduces the view, whichever page wrote it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from usmx import urlstate as U
from usmx.filters import Choices

_START = "_usmx_view_state_read"  # the state the URL held at the start of this run
_STATE = "_usmx_view_state"  # the state this run has written so far
_SEEN = "_usmx_url_seen"  # per widget key, the URL value it was last seeded from
_NOTICES = "_usmx_url_notices"


def _raw() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def read(choices: Choices) -> U.ViewState:
    """The view state in the URL at the start of this run; notices are collected for later."""
    state, notices = U.parse(_raw(), choices)
    if notices:
        known = st.session_state.get(_NOTICES, [])
        st.session_state[_NOTICES] = known + [n for n in notices if n not in known]
    st.session_state[_START] = st.session_state[_STATE] = state
    return state


def read_language() -> str:
    """Only the language (when the dataset could not be loaded, so nothing else is known)."""
    return U.parse_lang(st.query_params.get_all(U.P_LANG), [])


def notices() -> list[U.Notice]:
    return list(st.session_state.get(_NOTICES, []))


def clear_notices() -> None:
    st.session_state[_NOTICES] = []


def current() -> U.ViewState:
    """The view state as written so far in this run."""
    return st.session_state.get(_STATE) or U.ViewState()


def seed(key: str, param: str, value: Any) -> None:
    """Let widget `key` start from `value`, the URL's value of `param`, when the URL names one
    this session has not seen yet (a link was opened, the back button was pressed) or the
    widget has no state yet; otherwise the widget keeps the user's choice."""
    seen = st.session_state.setdefault(_SEEN, {})
    in_url = _param_text(_start(), param)
    if value is not None and (in_url != seen.get(param) or key not in st.session_state):
        st.session_state[key] = value
    seen[param] = in_url


def _start() -> U.ViewState:
    return st.session_state.get(_START) or U.ViewState()


def _param_text(state: U.ViewState, param: str) -> list[str] | None:
    return state.to_params().get(param)


def update(**values: Any) -> U.ViewState:
    """Set parts of the view state (filters, lang, event, profile, span, quote, focus) and
    write the URL parameters that changed."""
    state = current().with_values(**values)
    st.session_state[_STATE] = state
    wanted = state.to_params()
    for key in U.ALL_PARAMS:
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
    # What we wrote is not a new link: seed() must not take it for one on the next run.
    seen = st.session_state.setdefault(_SEEN, {})
    for param in values:
        seen[param] = _param_text(state, param)
    return state
