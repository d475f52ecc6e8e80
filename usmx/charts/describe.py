"""Charts in words: a one-sentence summary and a data table per chart.

The summary is the chart's accessible name and visible caption; the table is its data for
screen readers and the "chart data" expander. Both are plain text (usmx.html_table escapes).
"""

from __future__ import annotations

import pandas as pd

from usmx import months
from usmx.charts.counts import _month_counts, actor_role_counts, month_counts, type_counts
from usmx.charts.frames import actor_names, event_title
from usmx.i18n import backed_by, count, label, t
from usmx.months import DEFAULT_WINDOW
from usmx.tables import Tables
from usmx.vocabulary import Role, Status


def _span_text(events: pd.DataFrame) -> tuple[str, str]:
    starts = events["start"].fillna(events["end"])
    return f"{starts.min():%Y-%m}", f"{events['end'].max():%Y-%m}"


def timeline_summary(tables: Tables, lang: str) -> str:
    ev = tables.events
    if ev.empty:
        return t("empty.no_match", lang)
    first, last = _span_text(ev)
    return t("chart.timeline.alt", lang, n=len(ev), first=first, last=last)


def timeline_table(tables: Tables, lang: str) -> pd.DataFrame:
    ev = tables.events
    return pd.DataFrame(
        {
            t("word.title", lang): [event_title(r, lang) for r in ev.to_dict("records")],
            "EDTF": ev["date"].tolist(),
            t("chart.col.precision", lang): [
                label("date_precision", p, lang) for p in ev["precision"]
            ],
            t("word.as_stated", lang): ev["date_text"].tolist(),
            t("word.type", lang): [label("event_type", v, lang) for v in ev["event_type"]],
            t("word.status", lang): [label("status", v, lang) for v in ev["status"]],
            t("word.backed_by", lang): _backing(ev, lang),
        }
    )


def _backing(events: pd.DataFrame, lang: str) -> list[str]:
    """ "2 sources, 1 outlet" per event (usmx.sources.support, a column of `usmx.tables`)."""
    if "n_sources" not in events.columns:
        return [""] * len(events)
    pairs = list(zip(events["n_sources"].tolist(), events["n_outlets"].tolist(), strict=True))
    text = {pair: backed_by(*pair, lang) for pair in set(pairs)}  # few distinct: each once
    return [text[pair] for pair in pairs]


def events_by_type_summary(tables: Tables, lang: str) -> str:
    counts = type_counts(tables.events)
    if counts.empty:
        return t("empty.no_match", lang)
    return t(
        "chart.events_by_type.alt",
        lang,
        events=count("events", int(counts.sum()), lang),
        types=count("event_types", len(counts), lang),
        top=label("event_type", counts.index[0], lang),
        count=int(counts.iloc[0]),
    )


def events_by_type_table(tables: Tables, lang: str) -> pd.DataFrame:
    counts = type_counts(tables.events)
    return pd.DataFrame(
        {
            t("word.type", lang): [label("event_type", v, lang) for v in counts.index],
            t("word.count", lang): counts.tolist(),
        }
    )


def actor_involvement_summary(tables: Tables, lang: str) -> str:
    counts = actor_role_counts(tables)
    if counts.empty:
        return t("empty.no_match", lang)
    names = actor_names(tables, lang)
    top = counts.iloc[0]
    return t(
        "chart.actor_involvement.alt",
        lang,
        top=names.get(top["actor_id"], top["actor_id"]),
        events=count("events", int(top["events"]), lang),
    )


def actor_involvement_table(tables: Tables, lang: str) -> pd.DataFrame:
    counts = actor_role_counts(tables)
    names = actor_names(tables, lang)
    out = pd.DataFrame(
        {
            t("word.actors", lang): [names.get(a, a) for a in counts["actor_id"]],
            t("word.events", lang): counts["events"].tolist(),
        }
    )
    for role in Role:
        out[label("role", role.value, lang)] = counts[role.value].tolist()
    return out


def events_by_month_summary(tables: Tables, lang: str) -> str:
    if tables.events.empty:
        return t("empty.no_match", lang)
    return months.summary(_month_counts(tables.events, DEFAULT_WINDOW), lang)


def events_by_month_table(tables: Tables, lang: str) -> pd.DataFrame:
    counts = month_counts(tables.events)
    out = pd.DataFrame({t("chart.axis.month", lang): counts["month"].tolist()})
    for status in Status:
        out[label("status", status.value, lang)] = counts[status.value].tolist()
    out[t("chart.col.total", lang)] = counts["total"].tolist()
    return out if not tables.events.empty else out.iloc[0:0]
