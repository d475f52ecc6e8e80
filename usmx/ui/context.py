"""What every page needs, computed once per rerun by dashboard.py: data, filter, language."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from usmx.dataset import DEFAULT_DATASET
from usmx.filters import Filters, describe
from usmx.i18n import t
from usmx.model import Dataset
from usmx.render import stylesheet
from usmx.ui import sidebar
from usmx.ui.data import Loaded, get_data
from usmx.ui.text import escape_markdown

if TYPE_CHECKING:
    from collections.abc import Sequence

    from streamlit.delta_generator import DeltaGenerator
    from streamlit.navigation.page import StreamlitPage

    from usmx.tables import Tables

# The context of the script run in progress. Script runs of one session happen one after
# another in that session's own thread, so a thread-local is per session and per run.
_run = threading.local()
_REROUTED = "_usmx_rerouted"


@dataclass(frozen=True)
class PageContext:
    loaded: Loaded
    filters: Filters
    lang: str

    @property
    def ds(self) -> Dataset:
        return self.loaded.dataset

    @property
    def tables(self) -> Tables:
        return self.loaded.tables

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def url(self, page: str, **extra: str) -> str:
        """Relative link to `page` (e.g. "source") that keeps the filter and language."""
        params = sidebar.filter_params(self.filters, self.lang)
        params.update({k: [v] for k, v in extra.items()})
        return f"./{page}?{urlencode(params, doseq=True)}" if params else f"./{page}"


def dataset_path() -> Path:
    # USMX_DATASET lets tests and benchmarks serve another file (e.g. a generated one).
    return Path(os.environ.get("USMX_DATASET", DEFAULT_DATASET))


def build() -> PageContext:
    """Load data and draw the sidebar; stop the page with a clear message if data is unusable."""
    loaded = get_data(dataset_path())
    if not isinstance(loaded, Loaded):
        lang = sidebar.language()
        st.error(t("error.dataset", lang))
        st.code("\n".join(str(p) for p in loaded), language=None, wrap_lines=True)
        st.stop()
    filters, lang = sidebar.render(loaded)
    st.html(stylesheet())  # the app's one stylesheet, once per run; fragments carry none
    if loaded.problems:
        with st.sidebar.expander(t("error.dataset_stale", lang), icon="⚠️"):
            st.code("\n".join(str(p) for p in loaded.problems), language=None, wrap_lines=True)
    ctx = PageContext(loaded, filters, lang)
    _run.ctx = ctx
    return ctx


def menu(slot: DeltaGenerator, pages: Sequence[StreamlitPage], ctx: PageContext) -> None:
    """The page menu, in `slot`: one link per page that keeps the filter and language."""
    params = sidebar.filter_params(ctx.filters, ctx.lang)
    with slot:
        for page in pages:
            # Keyed, so tests find a link by page (`.st-key-nav_map a`), not by position.
            with st.container(key=f"nav_{page.url_path or 'overview'}"):
                st.page_link(page, query_params=params, width="stretch")
        st.divider()


def use_router() -> None:
    """Call first in dashboard.py: make sure this run goes through its st.navigation router.

    Until some session of a server process has called st.navigation, Streamlit 1.67 runs
    scripts the old `pages/` way: the entry script as a page, under another script hash, so
    the sidebar's widgets get other ids on this first run than on every later one and the
    session's first click resets the filter. Switch to the router and rerun at once.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current() -> PageContext:
    """The context dashboard.py built for this run; a page run on its own builds it itself.

    (Streamlit's AppTest runs files in `pages/` directly, without the entry script.)
    """
    ctx = getattr(_run, "ctx", None)
    if ctx is not None:
        return ctx
    if PagesManager.uses_pages_directory and not st.session_state.get(_REROUTED):
        # Until some session has called st.navigation, Streamlit 1.67 serves a deep link
        # (/timeline right after the server starts) by running the file in pages/ directly,
        # without dashboard.py: no layout, no translated menu. Switch to the router and rerun
        # the same page through it (same URL path, same page hash). Once per session, so a
        # runner that insists on running pages directly (AppTest) cannot loop.
        PagesManager.uses_pages_directory = False
        st.session_state[_REROUTED] = True
        st.rerun()
    return build()


def release() -> None:
    """End of the entry script's run: the next run must not see this run's context."""
    _run.ctx = None


def filter_caption(ctx: PageContext, shown: int) -> None:
    # The caption holds dataset names: escaped, so a name is never read as markdown.
    st.caption(escape_markdown(describe(ctx.filters, ctx.ds, shown, ctx.lang)))
