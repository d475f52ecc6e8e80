"""Hover labels of events: what a reader sees on pointing at a mark.

The full title (labels on the chart may be shortened), the date as the article states it,
the EDTF date and its precision, the actors with their roles, the status, and how many
sources and independent outlets back it (usmx.sources.support). Plotly renders
hover text as a subset of HTML: every dataset value is escaped (`usmx.charts.style.esc`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd

from usmx.charts.frames import actor_names, event_title
from usmx.charts.style import esc
from usmx.i18n import backed_by, label, t
from usmx.locale import join, labelled, parenthesized
from usmx.tables import Tables


def _date_line(row: Mapping[str, Any], lang: str) -> str:
    precision = label("date_precision", row["precision"], lang)
    line = f"EDTF {row['date']} · {precision}"
    if row["precision"] == "open":
        line += f" {pd.Timestamp(row['end']):%Y-%m-%d}"
    return esc(line)


def event_hovertext(tables: Tables, lang: str) -> dict[str, str]:
    """Per event id, the escaped hover label: full title, dates, actors with roles, status."""
    names = actor_names(tables, lang)
    roles: dict[str, list[str]] = {}
    for link in tables.event_actors.itertuples():
        who = names.get(link.actor_id, link.actor_id)
        roles.setdefault(link.event_id, []).append(
            who + parenthesized(label("role", link.role, lang), lang)
        )
    out = {}
    backing: dict[tuple[int, int], str] = {}
    needed = ["id", "title_zh", "title_en", "date_text", "date", "precision", "end", "status"]
    needed += [c for c in ("n_sources", "n_outlets") if c in tables.events.columns]
    for row in tables.events[needed].to_dict("records"):
        stated = row["date_text"] or t("chart.hover.no_date_text", lang)
        actors = roles.get(row["id"], [])
        actor_lines = "<br>".join(
            esc(join(actors[i : i + 3], lang)) for i in range(0, len(actors), 3)
        )
        lines = [
            f"<b>{_wrapped(event_title(row, lang))}</b>",
            esc(labelled(t("word.as_stated", lang), stated, lang)),
            _date_line(row, lang),
            esc(labelled(t("word.actors", lang), "", lang)) + actor_lines,
            esc(labelled(t("word.status", lang), label("status", row["status"], lang), lang)),
        ]
        if "n_sources" in row:
            pair = (row["n_sources"], row["n_outlets"])
            if pair not in backing:  # few distinct pairs: each phrased once
                text = backed_by(*pair, lang)
                backing[pair] = esc(labelled(t("word.backed_by", lang), text, lang))
            lines.append(backing[pair])
        out[row["id"]] = "<br>".join(lines)
    return out


def _wrapped(text: str) -> str:
    """A title in lines short enough for a hover label (which plotly never wraps): at spaces
    when it has any, else every 28 characters (Chinese). Cheap: thousands per figure."""
    if " " in text:
        lines = textwrap.wrap(text, 56) or [""]
    else:
        lines = [text[i : i + 28] for i in range(0, len(text), 28)] or [""]
    return "<br>".join(esc(line) for line in lines)
