"""Data tables as plain HTML (template `table.html.j2`): the text alternative of every chart,
and the Actors page's tables.

A real <table> with column and row headers is what screen readers read best, and it costs
the browser far less than a canvas data grid, which matters because tables are rebuilt on
every filter change (bench: timeline page 328 -> ~270 ms; Actors page, three grids, see
bench/pages.md). Long tables are cut at `max_rows` with a note; the page's CSV/JSON
downloads hold every row. A cell may be a `Link` (to another page of the app, or outside).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

from usmx.i18n import t
from usmx.locale import number
from usmx.render import render

MAX_ROWS = 500


@dataclass(frozen=True)
class Link:
    """A cell that links: `text` shown, `href` followed (`external` opens a new tab)."""

    text: str
    href: str
    external: bool = False


class Cell(NamedTuple):
    # A tuple, not a dataclass: a 500-row table makes thousands per rerun.
    text: str
    numeric: bool = False
    href: str = ""
    external: bool = False


def _text(value: Any) -> tuple[str, bool]:
    if isinstance(value, str):
        return value, False
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "", False
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}", True
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _text(value.item())
    return str(value), False


def cell(value: Any) -> Cell:
    """How a value is shown: numbers grouped and right-aligned, links as links, None blank."""
    if isinstance(value, Link):
        return Cell(value.text, href=value.href, external=value.external)
    text, numeric = _text(value)
    return Cell(text, numeric)


def table_html(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    total: int | None = None,
    lang: str = "en",
    max_rows: int = MAX_ROWS,
    css_class: str = "usmx-table",
    numeric: Sequence[bool] | None = None,
) -> str:
    """`rows` under `header`; the first column is each row's header. `total`, when the rows
    are an iterator, is how many there are (for the "first N of M" note). `numeric` marks
    the columns whose headings align right like their numbers."""
    shown = []
    for row in islice(rows, max_rows):
        cells = [cell(v) for v in row]
        shown.append((cells[0], cells[1:]))
    note = ""
    if total is not None and total > len(shown):
        note = t("table.first_rows", lang, shown=number(len(shown), lang), total=total)
    aligned = numeric or [False] * len(header)
    return render(
        "table.html.j2",
        header=[Cell(str(h), bool(n)) for h, n in zip(header, aligned, strict=False)],
        rows=shown,
        note=note,
        css_class=css_class,
    )


def frame_html(frame: Any, *, lang: str = "en", max_rows: int = MAX_ROWS) -> str:
    """A pandas DataFrame (duck-typed: columns, itertuples) as `table_html`."""
    return table_html(
        [str(c) for c in frame.columns],
        frame.itertuples(index=False, name=None),
        total=len(frame),
        lang=lang,
        max_rows=max_rows,
    )
