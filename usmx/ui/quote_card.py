"""Quotes on a Streamlit page: one quote as a bordered card, the quoted terms as one table
(the HTML comes from `usmx.quotes`)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from usmx.model import Quote
from usmx.quotes import quote_card_html, terms_html
from usmx.ui.context import PageContext


def _source_url(quote: Quote, ctx: PageContext) -> str:
    ev = quote.evidence[0]
    return ctx.url("source", span=(ev.start, ev.end))


def _event_url(quote: Quote, ctx: PageContext) -> str | None:
    return ctx.url("timeline", event=quote.event_id) if quote.event_id else None


def quote_card(quote: Quote, ctx: PageContext) -> None:
    """Draw `quote` with links to its words in the Source page and to its event."""
    with st.container(border=True, key=f"quote_card_{quote.id}"):
        # st.html sanitises (DOMPurify); the template escapes the text.
        st.html(
            quote_card_html(
                quote,
                ctx.ds,
                lang=ctx.lang,
                source_url=_source_url(quote, ctx),
                event_url=_event_url(quote, ctx),
            )
        )


def quote_terms(terms: Sequence[Quote], ctx: PageContext) -> None:
    """Draw the quoted terms as one compact table, each linked to its words and its event."""
    with st.container(border=True, key="quote_terms"):
        st.html(
            terms_html(
                terms,
                ctx.ds,
                lang=ctx.lang,
                source_url=lambda q: _source_url(q, ctx),
                event_url=lambda q: _event_url(q, ctx),
            )
        )
