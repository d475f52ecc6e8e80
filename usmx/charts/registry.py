"""The one registry of charts: id -> how to build, describe, tabulate and export it.

Pages show `CHARTS[id].figure(tables, lang=...)` and the command line exports the same
figures, so a chart looks the same on screen and in a file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from usmx.charts.counts import (
    actor_involvement_figure,
    events_by_month_figure,
    events_by_type_figure,
)
from usmx.charts.describe import (
    actor_involvement_summary,
    actor_involvement_table,
    events_by_month_summary,
    events_by_month_table,
    events_by_type_summary,
    events_by_type_table,
    timeline_summary,
    timeline_table,
)
from usmx.charts.timeline import EXPORT_WIDTH, timeline_figure
from usmx.tables import Tables

# The actor network is drawn by usmx.network_chart, imported on first use (networkx is slow).


def network_figure(tables: Tables, *, lang: str) -> go.Figure:
    from usmx.network_chart import figure_from_tables

    return figure_from_tables(tables, lang=lang)


def network_summary(tables: Tables, lang: str) -> str:
    from usmx.network_chart import summary_from_tables

    return summary_from_tables(tables, lang)


def network_table(tables: Tables, lang: str) -> pd.DataFrame:
    from usmx.network_chart import table_from_tables

    return table_from_tables(tables, lang)


@dataclass(frozen=True)
class ChartSpec:
    """One chart: how to build it, describe it in words, tabulate it, and its export size.

    `build(tables, *, lang, **opts)` takes frames already cut to the filtered events;
    `height=None` exports at the figure's own height (the timeline grows with its rows).
    """

    id: str
    title_key: str
    build: Callable[..., go.Figure]
    summary: Callable[[Tables, str], str]
    table: Callable[[Tables, str], pd.DataFrame]
    width: int = 1000
    height: int | None = None
    options: Sequence[str] = ()  # keyword options `build` accepts besides `lang`

    def export_size(self, fig: go.Figure) -> tuple[int, int]:
        return self.width, self.height or int(fig.layout.height or 500)

    def figure(self, tables: Tables, *, lang: str, **opts: Any) -> go.Figure:
        """Build with only the options this chart takes (callers may pass a shared set)."""
        return self.build(tables, lang=lang, **{k: v for k, v in opts.items() if k in self.options})


CHARTS: dict[str, ChartSpec] = {
    spec.id: spec
    for spec in (
        ChartSpec(
            "timeline",
            "chart.timeline.title",
            timeline_figure,
            timeline_summary,
            timeline_table,
            width=EXPORT_WIDTH,
            options=("lanes", "focus", "color_by", "published", "extent", "date_range"),
        ),
        ChartSpec(
            "events_by_type",
            "chart.events_by_type.title",
            events_by_type_figure,
            events_by_type_summary,
            events_by_type_table,
            width=900,
        ),
        ChartSpec(
            "actor_involvement",
            "chart.actor_involvement.title",
            actor_involvement_figure,
            actor_involvement_summary,
            actor_involvement_table,
            width=900,
            options=("top",),
        ),
        ChartSpec(
            "events_by_month",
            "chart.events_by_month.title",
            events_by_month_figure,
            events_by_month_summary,
            events_by_month_table,
            width=1000,
            options=("window",),
        ),
        ChartSpec(
            "network",
            "chart.network.title",
            network_figure,
            network_summary,
            network_table,
            width=1300,
        ),
    )
}
