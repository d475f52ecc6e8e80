"""Claims page: every claim with who, when, its exact words, figure and context; exportable."""

from __future__ import annotations

import streamlit as st

from usmx import claims as C
from usmx.claims_view import claims_html
from usmx.filenames import export_filename
from usmx.i18n import name
from usmx.ui import context

ctx = context.current()
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("claims.title"))
context.filter_caption(ctx, len(ctx.filters.events(ds)))
st.caption(ctx.t("claims.intro"))
pool = C.claim_rows(ds, ctx.filters.claims(ds))  # the sidebar filter first, then the controls


def claimant_label(claimant: str) -> str:
    actor = ds.actors_by_id.get(claimant)
    return name(actor, lang) if actor else ctx.t("claims.unattributed")


top = st.columns([5, 4])
query = top[0].text_input(ctx.t("claims.search"), key="claims_q", max_chars=200)
claimants = top[1].multiselect(
    ctx.t("claims.claimants"),
    options=C.claimant_options(pool),
    format_func=claimant_label,
    placeholder=ctx.t("filter.placeholder"),
    key="claims_claimants",
)
row = st.container(horizontal=True, vertical_alignment="bottom", key="claims_controls")
sort_key = row.selectbox(
    ctx.t("claims.sort"),
    options=list(C.SORT_KEYS),
    format_func=lambda k: ctx.t(f"claims.sort.{k}"),
    key="claims_sort",
)
descending = row.toggle(ctx.t("claims.descending"), key="claims_desc")
with_figure = row.toggle(ctx.t("claims.with_figure"), key="claims_figure")
shown = C.sort_rows(
    C.filter_rows(pool, query=query, claimants=claimants, with_figure=with_figure),
    sort_key,
    descending=descending,
    lang=lang,
)
st.caption(ctx.t("claims.caption", shown=len(shown), total=len(ds.claims)))
downloads = st.container(horizontal=True, key="claims_downloads")
for fmt, data, mime in (
    ("csv", lambda: C.claims_csv(shown), "text/csv"),
    ("json", lambda: C.claims_json(shown), "application/json"),
):
    downloads.download_button(
        ctx.t(f"claims.dl_{fmt}"),
        data=data,
        file_name=export_filename("claims", ctx.filters, lang, fmt),
        mime=mime,
        key=f"dl_claims_{fmt}",
        on_click="ignore",
        icon=":material/download:",
    )
if not shown:
    st.info(ctx.t("empty.no_match"))
else:
    st.html(
        claims_html(
            shown,
            ds,
            lang,
            profile_url=lambda actor_id: ctx.url("actors", profile=actor_id),
            timeline_url=lambda event_id: ctx.url("timeline", event=event_id),
            source_url=lambda start, end: ctx.url("source", span=(start, end)),
        )
    )
