"""The Overview page: headline numbers, a compact timeline, actors, latest quotes, the source."""

from __future__ import annotations

import streamlit as st

from usmx import actors as A
from usmx.charts import subset_tables
from usmx.ui import context
from usmx.ui.charts import show_registered
from usmx.ui.quote_card import quote_card

TOP_ACTORS = 8
LATEST_QUOTES = 3


def render() -> None:
    ctx = context.current()
    ds, f = ctx.ds, ctx.filters
    st.title(ctx.t("app.title"))
    st.caption(ctx.t("app.subtitle"))
    events, quotes, claims = f.events(ds), f.quotes(ds), f.claims(ds)
    context.filter_caption(ctx, len(events))
    rows = A.actor_rows(ds, events, quotes, claims, lang=ctx.lang)
    cols = st.columns(4)
    cols[0].metric(ctx.t("word.events"), len(events))
    cols[1].metric(ctx.t("word.actors"), len(rows))
    cols[2].metric(ctx.t("word.quotes"), len(quotes))
    cols[3].metric(ctx.t("word.claims"), len(claims))
    show_registered(
        "events_by_month",
        ctx,
        subset_tables(ctx.tables, [e.id for e in events]),
        key="overview_timeline",
    )

    left, right = st.columns([2, 3])
    with left:
        st.subheader(ctx.t("overview.actors"))
        top = rows[:TOP_ACTORS]
        st.caption(ctx.t("overview.actors_caption", shown=len(top), total=len(rows)))
        name_col = "name_zh" if ctx.lang == "zh-Hant" else "name_en"
        st.dataframe(
            [
                {
                    "name": r[name_col],
                    "events": r["events"],
                    "profile": ctx.url("actors", profile=str(r["id"])),
                }
                for r in top
            ],
            hide_index=True,
            key="overview_actors",
            column_config={
                "name": ctx.t("word.actors"),
                "events": ctx.t("word.events"),
                "profile": st.column_config.LinkColumn(
                    ctx.t("overview.profile"), display_text=ctx.t("overview.open_profile")
                ),
            },
        )
    with right:
        st.subheader(ctx.t("overview.latest_quotes"))
        # Spoken quotations before quoted terms, then latest first (an open-start date sorts
        # by the day it is known by).
        latest = sorted(
            quotes, key=lambda q: (q.kind.value == "direct", q.interval.end), reverse=True
        )[:LATEST_QUOTES]
        for quote in latest:
            quote_card(quote, ctx)
        if not latest:
            st.info(ctx.t("empty.no_match"))
        st.markdown(f"[{ctx.t('overview.all_quotes')}]({ctx.url('quotes')})")

    src = ds.source
    with st.container(border=True, key="about_source"):
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
        st.markdown(f"[{ctx.t('about.link')} →]({ctx.url('source')})")
