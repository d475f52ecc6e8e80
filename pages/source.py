"""The Source page: the article itself, every evidence span highlighted, and who cites what."""

from __future__ import annotations

import streamlit as st

from usmx import source_view as sv
from usmx import spans as S
from usmx.article import TranslationError
from usmx.i18n import count
from usmx.ui import context, url
from usmx.urlstate import parse_span

ctx = context.current()
ds, f, lang, article = ctx.ds, ctx.filters, ctx.lang, ctx.ds.article
st.title(ctx.t("source.title"))
events, quotes, claims = f.events(ds), f.quotes(ds), f.claims(ds)
context.filter_caption(ctx, len(events))
with st.container(border=True, key="source_about"):
    st.subheader(ctx.t("about.header"))
    st.html(sv.about_html(ds, lang))

view = st.segmented_control(
    ctx.t("source.view"),
    options=["side", "marked"],
    format_func=lambda v: ctx.t(f"source.view_{v}"),
    default="side",
    required=True,
    key="source_view",
)
types = st.pills(
    ctx.t("source.types"),
    options=list(S.RECORD_TYPES),
    selection_mode="multi",
    default=list(S.RECORD_TYPES),
    format_func=lambda rt: ctx.t(f"record_type.{rt}"),
    key="source_types",
)
shown = S.filtered_spans(
    ds,
    event_ids={e.id for e in events},
    quote_ids={q.id for q in quotes},
    claim_ids={c.id for c in claims},
    record_types=types,
)
st.caption(
    ctx.t(
        "source.filter_note",
        events=count("events", len(events), lang),
        quotes=count("quotes", len(quotes), lang),
        claims=count("claims", len(claims), lang),
    )
)

# A link's `span=START-END` opens that span in the picker; the picker's choice goes back into
# the URL. (A malformed span is reported with the other URL notices, in the sidebar.)
from_url = ctx.view.span
choices = S.span_choices(article, shown, extra=from_url)
url.seed("source_span", "span", S.span_key(*from_url) if from_url else None)
picked = st.selectbox(
    ctx.t("source.pick_span"),
    options=["", *choices],
    format_func=lambda k: f"{choices[k]}  [{k}]" if k else ctx.t("source.no_span"),
    key="source_span",
)
focus = parse_span(picked, len(article)) if picked else None
url.update(span=focus)
cited = None
if focus:
    records = S.records_at(ds, focus, lang)
    # Shown under the focused paragraph, so scrolling to the span brings both into view.
    cited = sv.cited_by(article, focus, records, S.record_urls(records, ctx.url))

labels = S.record_labels(ds, lang)
english = None
if view == "side":
    try:
        english = ctx.loaded.english()  # read once per version of the files
    except TranslationError as exc:
        st.error(ctx.t("source.translation_error"))
        st.code(str(exc), language=None, wrap_lines=True)
# st.html sanitises with DOMPurify, which keeps ids, classes, title and data-*.
if english is not None:
    st.html(
        sv.render_side_by_side_html(
            article,
            shown,
            english,
            lang=lang,
            focus=focus,
            selected_record_types=types,
            labels=labels,
            cited=cited,
        )
    )
else:
    st.html(
        sv.render_article_html(
            article,
            shown,
            lang=lang,
            focus=focus,
            selected_record_types=types,
            labels=labels,
            cited=cited,
        )
    )
if focus:
    st.html(sv.scroll_script(focus), unsafe_allow_javascript=True)
