"""The Overview page: headline numbers, events per month, actors, latest quotes, the source.

The landing page of every new visitor and of every new server, so it is kept light: the
monthly chart is an inline SVG (`usmx.months`) and the actor table plain HTML, so neither
plotly.js nor a data grid loads in the browser, and pandas, plotly and the frames
(`Loaded.tables`) are never touched on the server. Its downloads build the registered plotly
chart (`events_by_month`) only when clicked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from usmx import actors as A
from usmx import months
from usmx import quotes as Q
from usmx.filenames import export_filename
from usmx.filters import Filters
from usmx.headline import headline_html
from usmx.model import Event
from usmx.palette import STATUS_COLORS
from usmx.ui import context
from usmx.ui.data import Loaded
from usmx.ui.quote_card import quote_card
from usmx.ui.text import escape_markdown

MONTH_CHART = "events_by_month"  # its registry id: what the downloads export
DOWNLOADS = {"png": "image/png", "svg": "image/svg+xml", "html": "text/html"}

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
    # Plain HTML, not st.metric (whose number formatting loads 60 KB of scripts).
    st.html(
        headline_html(
            [
                (ctx.t("word.events"), len(events)),
                (ctx.t("word.actors"), len(rows)),
                (ctx.t("word.quotes"), len(quotes)),
                (ctx.t("word.claims"), len(claims)),
            ],
            ctx.lang,
        )
    )
    month_chart(ctx, events)

    left, right = st.columns([2, 3])
    with left:
        st.subheader(ctx.t("overview.actors"))
        top = rows[:TOP_ACTORS]
        st.caption(ctx.t("overview.actors_caption", shown=len(top), total=len(rows)))
        st.html(
            A.top_actors_html(top, ctx.lang, lambda actor_id: ctx.url("actors", profile=actor_id))
        )
    with right:
        st.subheader(ctx.t("overview.latest_quotes"))
        # The quote browser's order: what was said and by whom (newest first), then terms.
        arranged = Q.arrange(quotes)
        latest = [*arranged.cards, *arranged.terms][:LATEST_QUOTES]
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


def month_chart(ctx: context.PageContext, events: Sequence[Event]) -> None:
    """Events per month of the default window, with its words, data table and downloads."""
    counts = months.count_events(events, months.DEFAULT_WINDOW)
    colors = {status.value: color for status, color in STATUS_COLORS.items()}
    alt = months.summary(counts, ctx.lang)
    with st.container(key="overview_months"):
        st.subheader(ctx.t("chart.events_by_month.title"))
        notes = []
        if counts.longer:
            notes.append(ctx.t("chart.events_by_month.longer", n=counts.longer))
        if counts.outside:
            notes.append(ctx.t("chart.events_by_month.outside", n=counts.outside))
        if notes:
            st.caption(escape_markdown(" ".join(notes)))
        st.html(months.chart_html(counts, colors, ctx.lang, alt))
        st.caption(escape_markdown(alt))
        with st.expander(ctx.t("chart.data_table"), key="overview_months_table"):
            st.html(months.table_html(counts, ctx.lang))
        row = st.container(horizontal=True, key=f"dl_{MONTH_CHART}", gap="small")
        ids = tuple(e.id for e in events)
        for fmt, mime in DOWNLOADS.items():
            row.download_button(
                ctx.t(f"chart.download.{fmt}"),
                data=_chart_file(ctx.loaded, ids, ctx.lang, fmt, ctx.filters),
                file_name=export_filename(MONTH_CHART, ctx.filters, ctx.lang, fmt),
                mime=mime,
                key=f"dl_{MONTH_CHART}_{fmt}",
                help=ctx.t("chart.download.help"),
                on_click="ignore",
                icon=":material/download:",
            )


def _chart_file(
    loaded: Loaded, event_ids: tuple[str, ...], lang: str, fmt: str, filters: Filters
) -> Callable[[], bytes]:
    """The registered plotly chart as a file, built when the button is pressed (off the
    page's path: this imports pandas, plotly and, for images, kaleido). The frames are the
    shared cached ones (`Loaded.tables`), built at most once per dataset version. The file
    carries the filter's caption and the source (usmx.charts.frame)."""

    def build() -> bytes:
        from usmx.charts.frame import export_frame
        from usmx.charts.frames import subset_tables
        from usmx.charts.registry import CHARTS
        from usmx.ui.charts import render_bytes

        tables = subset_tables(loaded.tables, event_ids)
        published = loaded.dataset.source.published
        fig = CHARTS[MONTH_CHART].figure(tables, lang=lang, published=published)
        return render_bytes(MONTH_CHART, fig, fmt, export_frame(loaded.dataset, filters, lang))

    return build
