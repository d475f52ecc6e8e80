"""The overview's headline numbers as plain HTML: a label over a big number, in a row.

Looks like st.metric without its scripts (the landing page loads as little as it can).
"""

from __future__ import annotations

from collections.abc import Sequence

from usmx.render import render


def headline_html(items: Sequence[tuple[str, int]], lang: str = "en") -> str:
    """(label, number) pairs; numbers grouped as the language writes them (100,000)."""
    return render("headline.html.j2", items=[(label, int(v)) for label, v in items], lang=lang)
