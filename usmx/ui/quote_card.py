"""One quote as a bordered card on a Streamlit page (the HTML comes from `usmx.quotes`)."""

from __future__ import annotations

import streamlit as st

from usmx.model import Quote
from usmx.quotes import quote_card_html
from usmx.ui.context import PageContext


def quote_card(quote: Quote, ctx: PageContext) -> None:
    """Draw `quote` with links to its words in the Source page and to its event."""
    ev = quote.evidence[0]
    source_url = ctx.url("source", span=(ev.start, ev.end))
    event_url = ctx.url("timeline", event=quote.event_id) if quote.event_id else None
    with st.container(border=True, key=f"quote_card_{quote.id}"):
        # st.html sanitises (DOMPurify); the text is escaped.
        st.html(
            quote_card_html(
                quote, ctx.ds, lang=ctx.lang, source_url=source_url, event_url=event_url
            )
        )
