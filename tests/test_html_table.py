"""usmx.html_table: escaped HTML data tables, cut at max_rows with a note."""

from __future__ import annotations

import math
from html.parser import HTMLParser

import pandas as pd
import pytest

from usmx.charts.registry import CHARTS
from usmx.html_table import MAX_ROWS, frame_html, table_html
from usmx.i18n import LANGS


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._in = True
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.rows[-1][-1] += data


def cells(out: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(out)
    return parser.rows


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (3, "3"),
        (12345, "12,345"),
        (0.5, "0.50"),
        (math.nan, ""),
        (None, ""),
        (True, "True"),
        ("<script>x</script>", "<script>x</script>"),  # shown as text, never as markup
        (pd.Timestamp("2026-01-16"), "2026-01-16 00:00:00"),
    ],
)
def test_cells_are_text(value, shown):
    out = table_html(["a", "b"], [["row", value]])
    assert cells(out)[1] == ["row", shown]
    assert "<script>" not in out


def test_long_tables_are_cut_with_a_note():
    rows = ([f"r{i}", i] for i in range(MAX_ROWS + 7))
    out = table_html(["a", "b"], rows, total=MAX_ROWS + 7, lang="en")
    assert len(cells(out)) == MAX_ROWS + 1
    assert f"The first {MAX_ROWS} of {MAX_ROWS + 7:,} rows" in out


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_table_round_trips(chart_id, lang, tables):
    frame = CHARTS[chart_id].table(tables, lang)
    got = cells(frame_html(frame, lang=lang))
    assert got[0] == [str(c) for c in frame.columns]
    assert len(got) == len(frame) + 1
    first = frame.iloc[0].tolist() if len(frame) else []
    if first:
        assert got[1][0] == str(first[0])
