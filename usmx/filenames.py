"""Safe, telling file names for exports: the chart or table, the filter, the language.

Pure and light (no plotly, no pandas): pages name their downloads before anything is built.
"""

from __future__ import annotations

import hashlib
import re

from usmx.filters import Filters

MAX_FILENAME = 120
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _filter_part(filters: Filters | None) -> list[str]:
    if filters is None:
        return []
    parts = []
    for prefix, values in (
        ("actor", filters.actors),
        ("type", filters.event_types),
        ("place", filters.places),
        ("status", filters.statuses),
    ):
        if values:
            parts.append(f"{prefix}-{'+'.join(values)}")
    if filters.date_from or filters.date_to:
        parts.append(
            f"{filters.date_from.isoformat() if filters.date_from else 'start'}_"
            f"{filters.date_to.isoformat() if filters.date_to else 'end'}"
        )
    return parts


def _safe(text: str) -> str:
    return _SAFE.sub("-", text).strip("-.") or "x"


def export_filename(chart_id: str, filters: Filters | None, lang: str, ext: str) -> str:
    """A safe ASCII file name naming the chart, the filter and the language.

    e.g. `timeline_actor-sheinbaum_2026-01-01_2026-01-31_en.png`. Only [A-Za-z0-9._-];
    at most MAX_FILENAME characters: a long filter is cut and a short hash of it keeps two
    different filters from sharing a name.
    """
    ext = _safe(ext.lstrip(".")).lower()[:8]
    head = _safe(chart_id)[:40]
    tail = f"_{_safe(lang)[:10]}.{ext}"
    middle = "_".join(_safe(p) for p in _filter_part(filters))
    name = f"{head}_{middle}{tail}" if middle else f"{head}{tail}"
    if len(name) > MAX_FILENAME:
        digest = hashlib.sha256(middle.encode()).hexdigest()[:8]
        room = MAX_FILENAME - len(head) - len(tail) - len(digest) - 3
        name = f"{head}_{middle[:room].rstrip('-_.')}-{digest}{tail}"
    return name
