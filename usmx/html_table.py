"""Data tables as plain, escaped HTML: the text alternative of every chart.

A real <table> with column and row headers is what screen readers read best, and it costs
the browser far less than a canvas data grid, which matters because every chart's table is
rebuilt on every filter change (bench: timeline page 328 -> ~270 ms). Long tables are cut
at `max_rows` with a note; the page's CSV/JSON downloads hold every row.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from usmx.i18n import t
from usmx.locale import number

MAX_ROWS = 500


def _cell(value: Any) -> tuple[str, bool]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "", False
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}", True
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _cell(value.item())
    return str(value), False


def table_html(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    total: int | None = None,
    lang: str = "en",
    max_rows: int = MAX_ROWS,
    css_class: str = "usmx-table",
) -> str:
    """`rows` under `header`; the first column is each row's header. `total`, when the rows
    are an iterator, is how many there are (for the "first N of M" note)."""
    head = "".join(f'<th scope="col">{html.escape(str(h))}</th>' for h in header)
    body = []
    shown = 0
    for row in islice(rows, max_rows):
        cells = []
        for i, value in enumerate(row):
            text, numeric = _cell(value)
            if i == 0:
                cells.append(f'<th scope="row">{html.escape(text)}</th>')
            else:
                cells.append(f"<td{' class=num' if numeric else ''}>{html.escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
        shown += 1
    note = ""
    if total is not None and total > shown:
        note = (
            f'<p class="usmx-table-note">'
            f"{html.escape(t('table.first_rows', lang, shown=number(shown, lang), total=total))}</p>"
        )
    return (
        f'<table class="{css_class}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{note}"
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
