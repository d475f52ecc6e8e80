"""The Actors page: one actor's profile, and a table of every actor in the filtered events."""

from __future__ import annotations

import streamlit as st

from usmx import actors as A
from usmx import export_csv
from usmx.ui import context, url
from usmx.ui.quote_card import quote_card
from usmx.ui.sidebar import actor_label

ctx = context.current()
ds, f, lang = ctx.ds, ctx.filters, ctx.lang
st.title(ctx.t("actors.title"))
events, quotes, claims = f.events(ds), f.quotes(ds), f.claims(ds)
context.filter_caption(ctx, len(events))

# The picker follows the filter's first actor when the filter changes, opens ?profile=ID from a
# link, and otherwise keeps what the user picked; the choice goes back into the URL.
counts = A.event_counts(ds)
default = A.default_actor(ds, f)
if st.session_state.get("_actor_profile_default") != default:
    st.session_state["actor_profile"] = st.session_state["_actor_profile_default"] = default
url.seed("actor_profile", "profile", ctx.view.profile if ctx.view.profile in counts else None)
actor_id = st.selectbox(
    ctx.t("actors.pick"),
    options=sorted(counts, key=lambda a: -counts[a]),
    format_func=lambda a: actor_label(ds.actor(a), lang),
    key="actor_profile",
)
url.update(profile=actor_id)
prof = A.profile(ds, actor_id, events=events, quotes=quotes, claims=claims)
intro = prof.introduced_by
with st.container(border=True, key="actor_profile_card"):
    urls = {a.id: ctx.url("actors", profile=a.id) for a in ds.actors}
    source_url = ctx.url("source", span=(intro.start, intro.end))
    st.html(A.profile_html(prof, lang=lang, article=ds.article, urls=urls, source_url=source_url))

# Plain HTML tables, not data grids: a grid costs the browser ~100 ms each on every filter
# change (bench/pages.md).
st.subheader(ctx.t("word.events"))
st.caption(ctx.t("actors.events_caption", shown=len(prof.events), total=prof.total_events))
if prof.events:
    with st.container(key="actor_events"):
        st.html(
            A.events_table_html(prof, lang=lang, url_for=lambda e: ctx.url("timeline", event=e))
        )
st.subheader(ctx.t("word.quotes"))
for quote in prof.quotes:
    quote_card(quote, ctx)
if not prof.quotes:
    st.caption(ctx.t("actors.none"))
st.subheader(ctx.t("word.claims"))
if prof.claims:
    with st.container(key="actor_claims"):
        st.html(
            A.claims_table_html(
                prof, lang=lang, url_for=lambda a, b: ctx.url("source", span=(a, b))
            )
        )
else:
    st.caption(ctx.t("actors.none"))
st.subheader(ctx.t("actors.table"))
rows = A.actor_rows(ds, events, quotes, claims)
st.caption(ctx.t("actors.table_caption", shown=len(rows), total=len(ds.actors)))
with st.container(key="actors_table"):
    st.html(
        A.actors_table_html(
            A.actor_rows(ds, events, quotes, claims, lang=lang),
            lang=lang,
            profile_url=lambda a: ctx.url("actors", profile=a),
        )
    )
st.download_button(
    ctx.t("actors.dl_csv"),
    data=export_csv.rows_to_csv_bytes(rows, A.TABLE_COLUMNS),
    file_name="usmx-actors.csv",
    mime="text/csv",
    key="dl_actors_csv",
    icon=":material/download:",
)
