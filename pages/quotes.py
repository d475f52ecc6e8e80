"""The Quotes page: every quotation of the article, searchable in both languages, exportable."""

from __future__ import annotations

import streamlit as st

from usmx import quotes as Q
from usmx.i18n import label
from usmx.ui import context, url
from usmx.ui.quote_card import quote_card, quote_terms

ctx = context.current()
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("quotes.title"))
context.filter_caption(ctx, len(ctx.filters.events(ds)))
pool = ctx.filters.quotes(ds)  # the sidebar filter first; the controls below narrow within it
cols = st.columns([5, 4, 3])
query = cols[0].text_input(ctx.t("quotes.search"), key="quote_q", max_chars=200)
speakers = cols[1].multiselect(
    ctx.t("quotes.speakers"),
    options=Q.speaker_options(pool),
    format_func=lambda s: Q.speaker_label(s, ds, lang),
    placeholder=ctx.t("filter.placeholder"),
    key="quote_speakers",
)
kinds = cols[2].pills(
    ctx.t("quotes.kind"),
    options=list(Q.KINDS),
    selection_mode="multi",
    format_func=lambda k: label("quote_kind", k, lang),
    key="quote_kind",
)
shown = Q.select_quotes(pool, ds, query=query, speakers=speakers, kinds=kinds)
# A link from the Source page (?quote=ID) shows that one quote.
if linked := url.current().quote:
    shown = [ds.quotes_by_id[linked]] if linked in ds.quotes_by_id else []
    st.info(ctx.t("quotes.single"), icon=":material/link:")
    if st.button(ctx.t("quotes.show_all"), key="quote_show_all"):
        url.update(quote=None)
        st.rerun()
st.caption(ctx.t("quotes.caption", shown=len(shown), total=len(ds.quotes)))
dl = st.columns([1, 1, 4])
dl[0].download_button(
    ctx.t("quotes.dl_csv"),
    data=Q.quotes_csv(shown, ds),
    file_name="usmx-quotes.csv",
    mime="text/csv",
    key="dl_quotes_csv",
    icon=":material/download:",
)
dl[1].download_button(
    ctx.t("quotes.dl_json"),
    data=Q.quotes_json(shown),
    file_name="usmx-quotes.json",
    mime="application/json",
    key="dl_quotes_json",
    icon=":material/download:",
)
if not shown:
    st.info(ctx.t("empty.no_match"))
# What was said and by whom first (newest first), then the quoted terms as one compact table.
arranged = Q.arrange(shown)
for quote in arranged.cards:
    quote_card(quote, ctx)
if arranged.terms:
    st.subheader(ctx.t("quotes.terms"))
    st.caption(ctx.t("quotes.terms_caption"))
    quote_terms(arranged.terms, ctx)
