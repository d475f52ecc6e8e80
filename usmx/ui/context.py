"""What every page needs, computed once per rerun by dashboard.py: data, filter, language.

The entry script builds a `PageContext` (data, the sidebar's filter, the language and the
URL's view state) and the page it routes to reads it with `current()`. The context is handed
over in `st.session_state` (per session; set at the start of the entry script's run and
removed at its end), so a page run on its own (AppTest runs files of `pages/` directly)
builds its own instead of reading a stale one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import streamlit as st

from usmx import heap
from usmx.dataset import DEFAULT_DATASET
from usmx.filters import Filters, describe
from usmx.i18n import t
from usmx.model import Dataset
from usmx.render import stylesheet
from usmx.ui import sidebar, streamlit_compat, url
from usmx.ui.data import Loaded, get_data
from usmx.ui.text import escape_markdown
from usmx.urlstate import ViewState

if TYPE_CHECKING:
    from collections.abc import Sequence

    from streamlit.delta_generator import DeltaGenerator
    from streamlit.navigation.page import StreamlitPage

    from usmx.tables import Tables

_CONTEXT = "_usmx_page_context"
_REROUTED = "_usmx_rerouted"


@dataclass(frozen=True)
class PageContext:
    loaded: Loaded
    filters: Filters
    lang: str
    view: ViewState  # the URL's view state at the start of this run (page-own values too)

    @property
    def ds(self) -> Dataset:
        return self.loaded.dataset

    @property
    def tables(self) -> Tables:
        return self.loaded.tables

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def link_params(self, page: str | None = None, **own: object) -> dict[str, list[str]]:
        """Query of a link to `page` that keeps the filter and language, plus `own` values
        of that page (e.g. `event=` for the timeline)."""
        state = ViewState(filters=self.filters, lang=self.lang)
        return state.for_page(page or "", **own).to_params()

    def url(self, page: str, **own: object) -> str:
        """Relative link to `page` (e.g. "source") that keeps the filter and language."""
        params = self.link_params(page, **own)
        return f"./{page}?{urlencode(params, doseq=True)}" if params else f"./{page}"


def dataset_path() -> Path:
    # USMX_DATASET lets tests and benchmarks serve another file (e.g. a generated one).
    return Path(os.environ.get("USMX_DATASET", DEFAULT_DATASET))


def build() -> PageContext:
    """Load data and draw the sidebar; stop the page with a clear message if data is unusable."""
    loaded = get_data(dataset_path())
    if not isinstance(loaded, Loaded):
        lang = sidebar.language(ViewState(lang=url.read_language()))
        st.error(t("error.dataset", lang))
        st.code("\n".join(str(p) for p in loaded), language=None, wrap_lines=True)
        st.stop()
    view = url.read(loaded.choices)
    filters, lang = sidebar.render(loaded, view)
    st.html(stylesheet())  # the app's one stylesheet, once per run; fragments carry none
    if loaded.problems:
        with st.sidebar.expander(t("error.dataset_stale", lang), icon="⚠️"):
            st.code("\n".join(str(p) for p in loaded.problems), language=None, wrap_lines=True)
    ctx = PageContext(loaded, filters, lang, view)
    st.session_state[_CONTEXT] = ctx
    return ctx


def menu(slot: DeltaGenerator, pages: Sequence[StreamlitPage], ctx: PageContext) -> None:
    """The page menu, in `slot`: one link per page that keeps the filter and language."""
    params = ctx.link_params()
    with slot:
        for page in pages:
            # Keyed, so tests find a link by page (`.st-key-nav_map a`), not by position.
            with st.container(key=f"nav_{page.url_path or 'overview'}"):
                st.page_link(page, query_params=params, width="stretch")
        st.divider()


def use_router() -> None:
    """Call first in dashboard.py: make sure this run goes through its st.navigation router
    (see usmx.ui.streamlit_compat for why a new server would not)."""
    if streamlit_compat.in_pages_folder_mode():
        # A new server's first run: nothing but imports has happened, so the modules are
        # frozen without a collection (see usmx.heap) before the rerun's collection walks them.
        heap.freeze_long_lived(collect=False)
        streamlit_compat.leave_pages_folder_mode()


def current() -> PageContext:
    """The context dashboard.py built for this run; a page run on its own builds it itself."""
    ctx = st.session_state.get(_CONTEXT)
    if ctx is not None:
        return ctx
    if streamlit_compat.in_pages_folder_mode() and not st.session_state.get(_REROUTED):
        # A deep link right after the server started ran this page without dashboard.py: go
        # through the router instead. Once per session, so a runner that insists on running
        # pages directly (AppTest) cannot loop.
        st.session_state[_REROUTED] = True
        streamlit_compat.leave_pages_folder_mode()
    return build()


def release() -> None:
    """End of the entry script's run: the next run must not see this run's context; what
    this run imported or loaded for good leaves the collector's walks (usmx.heap)."""
    st.session_state.pop(_CONTEXT, None)
    heap.freeze_long_lived()


def filter_caption(ctx: PageContext, shown: int) -> None:
    # The caption holds dataset names: escaped, so a name is never read as markdown.
    st.caption(escape_markdown(describe(ctx.filters, ctx.ds, shown, ctx.lang)))
