"""usmx entry point: router for every page, shared sidebar, and the Overview page itself."""

from __future__ import annotations

import streamlit as st

from usmx.ui import context, overview
from usmx.ui.navigation import OVERVIEW, PAGES

# A Material icon, not an image file: Streamlit reads a favicon file with PIL and numpy
# (0.3 s of imports on a new server's first page).
PAGE_ICON = ":material/travel_explore:"

context.use_router()
st.set_page_config(page_title="usmx", page_icon=PAGE_ICON, layout="wide")
menu = st.sidebar.container(key="usmx_nav")  # first in the sidebar; filled once pages exist
ctx = context.build()

pages = [
    st.Page(
        overview.render,
        title=ctx.t(OVERVIEW.title_key),
        icon=OVERVIEW.icon,
        url_path=OVERVIEW.url_path,
        default=True,
    ),
    *(
        st.Page(page.path, title=ctx.t(page.title_key), icon=page.icon, url_path=page.url_path)
        for page in PAGES
    ),
]
# Our own menu instead of Streamlit's: its links carry the filter in their query, so a
# click still keeps the view when the session behind the tab is gone (server restarted),
# and "open in a new tab" opens the same view.
nav = st.navigation(pages, position="hidden")
context.menu(menu, pages, ctx)
try:
    nav.run()
finally:
    context.release()
