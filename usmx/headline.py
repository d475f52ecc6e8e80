"""The overview's headline numbers as plain HTML: a label over a big number, in a row.

Looks like st.metric without its scripts (the landing page loads as little as it can); the
row is a description list, so a screen reader reads each label with its number.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

STYLE = """<style>
.usmx-headline { display: flex; flex-wrap: wrap; gap: 1rem 2rem; margin: 0.2rem 0 0.6rem 0 !important;
  padding: 0 !important; }
.usmx-headline div { flex: 1 1 8rem; }
.usmx-headline dt { font-size: 0.875rem; margin: 0; }
.usmx-headline dd { font-size: 2.25rem; line-height: 1.2; margin: 0; }
</style>"""


def headline_html(items: Sequence[tuple[str, int]]) -> str:
    """(label, number) pairs; labels are escaped, numbers formatted with thousands separators."""
    cells = "".join(
        f"<div><dt>{html.escape(label)}</dt><dd>{int(value):,}</dd></div>" for label, value in items
    )
    return f'{STYLE}<dl class="usmx-headline">{cells}</dl>'
