"""The Overview page: headline numbers, a compact timeline, actors, latest quotes, the source."""

from __future__ import annotations

import streamlit as st

from usmx.charts import subset_tables
from usmx.ui import context
from usmx.ui.charts import show_registered


def render() -> None:
    ctx = context.current()
    ds, f = ctx.ds, ctx.filters
    st.title(ctx.t("app.title"))
    st.caption(ctx.t("app.subtitle"))
    events, quotes, claims = f.events(ds), f.quotes(ds), f.claims(ds)
    context.filter_caption(ctx, len(events))
    cols = st.columns(4)
    cols[0].metric(ctx.t("word.events"), len(events))
    cols[1].metric(ctx.t("word.actors"), len({ea.actor_id for e in events for ea in e.actors}))
    cols[2].metric(ctx.t("word.quotes"), len(quotes))
    cols[3].metric(ctx.t("word.claims"), len(claims))
    sub = subset_tables(ctx.tables, [e.id for e in events])
    show_registered("events_by_month", ctx, sub, key="overview_timeline")
    src = ds.source
    with st.container(border=True):
        st.subheader(ctx.t("about.header"))
        st.markdown(
            ctx.t(
                "about.body",
                published=src.published.isoformat(),
                reports_date=src.reports_date.isoformat() if src.reports_date else "",
                language=src.language,
                sha=src.sha256,
            )
        )
