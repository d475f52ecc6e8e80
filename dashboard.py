"""usmx entry point: router for every page, shared sidebar, and the Overview page itself."""

from __future__ import annotations

import streamlit as st

from usmx.ui import context, overview
from usmx.ui.navigation import OVERVIEW, PAGES, ROOT

context.use_router()
st.set_page_config(page_title="usmx", page_icon=str(ROOT / "assets" / "favicon.png"), layout="wide")
ctx = context.build()

nav = st.navigation(
    [
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
)
try:
    nav.run()
finally:
    context.release()
