"""usmx entry point: router for every page, shared sidebar, and the Overview page itself."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from usmx.ui import context, overview

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="usmx", page_icon=":material/public:", layout="wide")
ctx = context.build()

# (catalog key, script, URL path, icon); titles follow the language switch.
PAGES = [
    ("page.timeline", "pages/timeline.py", "timeline", ":material/timeline:"),
    ("page.map", "pages/map.py", "map", ":material/map:"),
    ("page.quotes", "pages/quotes.py", "quotes", ":material/format_quote:"),
    ("page.actors", "pages/actors.py", "actors", ":material/groups:"),
    ("page.source", "pages/source.py", "source", ":material/article:"),
]
nav = st.navigation(
    [
        st.Page(
            overview.render,
            title=ctx.t("page.overview"),
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        )
    ]
    + [
        st.Page(HERE / script, title=ctx.t(key), icon=icon, url_path=path)
        for key, script, path, icon in PAGES
        if (HERE / script).exists()
    ]
)
nav.run()
