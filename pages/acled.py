"""ACLED page: the stored ACLED layer, the editor's upload (when on), our events as ACLED rows."""

from __future__ import annotations

import streamlit as st

from usmx.ui import acled_layer, context

ctx = context.current()
st.title(ctx.t("acled.title"))
acled_layer.terms_note(ctx)
acled_layer.summary(ctx, acled_layer.current_layer())
acled_layer.upload(ctx)
acled_layer.export(ctx)
