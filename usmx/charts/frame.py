"""What makes an exported chart self-explanatory: the filter it shows and its source, in words.

A chart on the page sits under the page's filter caption and the app's "About the source";
a PNG pasted into a document has neither. `framed` returns a copy of a figure with both
written under it (the figure keeps its title and legend), in the chosen language:

    7 of 39 events involving Claudia Sheinbaum
    Source: a news article in Traditional Chinese of 2026-01-16, relaying The New York
    Times of 2026-01-15 (“After Maduro's capture, …”)

The lines join the title's subtitle, and the plot area keeps its size.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from usmx.charts.style import INK, esc
from usmx.charts.text_width import fit_lines
from usmx.filters import Filters, describe
from usmx.i18n import name, t
from usmx.model import Dataset

FONT_PX = 12
LINE_PX = 17  # plotly sets lines of 12 px text 1.3 em apart, plus room for descenders
PAD_PX = 8


@dataclass(frozen=True)
class ExportFrame:
    """The two lines under an exported chart (plain text; escaped when drawn)."""

    caption: str  # what the filter shows (usmx.filters.describe)
    source: str  # the article, its date, the outlet it relays (source_line)


def source_line(published: str, outlet: str, reports_date: str, title: str, lang: str) -> str:
    """The source as one sentence in `lang` (the dataset gives the article's title in English)."""
    return t(
        "chart.source_line", lang, published=published, outlet=outlet, date=reports_date,
        title=title,
    )  # fmt: skip


def framed(fig: go.Figure, frame: ExportFrame, width: int) -> go.Figure:
    """A copy of `fig` (drawn `width` pixels wide) with the filter and source lines added
    under its title: the subtitle grows by those lines, the top margin and the height by
    their height, so the plot area keeps its size and place relative to the foot."""
    out = go.Figure(fig)
    usable = width - 40
    lines = [
        *fit_lines(frame.caption, usable, FONT_PX, max_lines=2),
        *fit_lines(frame.source, usable, FONT_PX, max_lines=3),
    ]
    extra = LINE_PX * len(lines) + PAD_PX
    old = float(out.layout.height or 500)
    new = old + extra
    title = out.layout.title
    subtitle = title.subtitle.text if title.subtitle and title.subtitle.text else None
    text = "<br>".join([*([subtitle] if subtitle else []), *(esc(line) for line in lines)])
    margin_t = out.layout.margin.t
    top = float(margin_t) if margin_t is not None else 100.0
    out.update_layout(
        height=new,
        margin_t=top + extra,
        title={
            "yref": "container",
            "y": 1 - 12 / new,
            "yanchor": "top",
            "subtitle": {"text": text, "font": {"size": FONT_PX, "color": INK}},
        },
    )
    return out


def export_frame(ds: Dataset, filters: Filters | None, lang: str) -> ExportFrame:
    """The lines every exported chart carries: what the filter shows, and the source."""
    filters = filters or Filters()
    src = ds.source
    outlet_actor = ds.actors_by_id.get(src.reports_outlet_id or "")
    outlet = name(outlet_actor, lang) if outlet_actor else (src.reports or "")
    return ExportFrame(
        caption=describe(filters, ds, len(filters.events(ds)), lang),
        source=source_line(
            src.published.isoformat(),
            outlet,
            src.reports_date.isoformat() if src.reports_date else "",
            src.title_en,
            lang,
        ),
    )
