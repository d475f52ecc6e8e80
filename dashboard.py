"""usmx entry point: router for every page, shared sidebar, and the Overview page itself."""

from __future__ import annotations

import streamlit as st

from usmx.ui import context, overview
from usmx.ui.navigation import OVERVIEW, PAGES, in_menu

# An emoji: the browser draws it as an inline SVG, so the favicon costs no request to any
# host (a Material icon is fetched from fonts.gstatic.com) and no import (an image file or
# URL makes Streamlit import PIL and numpy, 0.3 s on a new server's first page).
PAGE_ICON = "🌎"

context.use_router()
st.set_page_config(page_title="usmx", page_icon=PAGE_ICON, layout="wide")
menu = st.sidebar.container(key="usmx_nav")  # first in the sidebar; filled once pages exist
try:
    ctx = context.build()
    # Streamlit serves the default page at "/" but still reserves its url_path, which then
    # answers "Page not found": reserve a name nothing links to, and serve /overview (the
    # path the page registry names) by a hidden page that draws the same Overview.
    home = st.Page(
        overview.render,
        title=ctx.t(OVERVIEW.title_key),
        icon=OVERVIEW.icon,
        url_path="index",
        default=True,
    )
    alias = st.Page(
        overview.render,
        title=ctx.t(OVERVIEW.title_key),
        icon=OVERVIEW.icon,
        url_path=OVERVIEW.url_path,
        visibility="hidden",
    )
    routed = {
        page.url_path: st.Page(
            page.path, title=ctx.t(page.title_key), icon=page.icon, url_path=page.url_path
        )
        for page in PAGES
    }
    pages = [home, *routed.values()]
    # Our own menu instead of Streamlit's: its links carry the filter in their query, so a
    # click still keeps the view when the session behind the tab is gone (server restarted),
    # and "open in a new tab" opens the same view. An editor page that is off is routed (its
    # address says it is off) but not listed.
    nav = st.navigation([*pages, alias], position="hidden")
    # Streamlit writes the default page's link as a bare "?query", relative to the current
    # page: from any other page, the menu links the Overview by its own path, /overview.
    first = home if nav is home else alias
    listed = [first, *(routed[page.url_path] for page in PAGES if in_menu(page))]
    context.menu(menu, listed, ctx)
    nav.run()
finally:
    context.release()
