"""Review page: an editor adds a source and decides on what the extraction assistant proposes.

Off unless the server is started with USMX_REVIEW=1 (usmx.settings); then not in the menu,
and this address only says so.
"""

from __future__ import annotations

import streamlit as st

from usmx.ui import context, review_page

ctx = context.current()
st.title(ctx.t("review.title"))
review_page.render(ctx)
