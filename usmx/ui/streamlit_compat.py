"""The one place that touches a Streamlit internal: the "pages/ folder" mode switch.

Why: Streamlit 1.67 decides per server process, from whether a `pages/` folder sits next to
the entry script, to run the app the old multipage way (`PagesManager.uses_pages_directory`).
Until some session has called `st.navigation`, a new server therefore runs the entry script as
one page among the files of `pages/` (under another script hash, so the sidebar's widgets get
other ids on that first run and the session's first click resets the filter), and serves a
deep link such as `/timeline` by running `pages/timeline.py` alone, without the entry script.
`st.navigation` switches the mode off as a side effect, but only once it has been called: too
late for the run that calls it. The design keeps the `pages/` folder, and Streamlit 1.67 has
no public setting for this, so we switch the mode off ourselves and rerun.

tests/test_streamlit_compat.py fails loudly if Streamlit renames or drops the switch; then
check whether a public option exists and delete this module.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def in_pages_folder_mode() -> bool:
    """True while this server still runs scripts the old `pages/` way."""
    return bool(PagesManager.uses_pages_directory)


def leave_pages_folder_mode() -> None:
    """Switch the server to the `st.navigation` router and rerun this script through it.

    The next run goes through the entry script's router (same URL path, same page hash).
    """
    PagesManager.uses_pages_directory = False
    st.rerun()
