"""Chart files: PNG, SVG and PDF through kaleido, and self-contained interactive HTML.

Used by the dashboard's download buttons and by `usmx export-charts`; no Streamlit here.
Static images need Chromium. Starting one per image costs about 2 s, so the first static
export of a process starts ONE persistent kaleido server (lazily, under a lock, stopped at
exit); later images take a fraction of a second. Kaleido's server answers requests through
shared queues, so requests are serialised with the same lock: threads (Streamlit runs
download callables on their own threads) never receive each other's images.

HTML embeds plotly.js (about 4.8 MB) so the file works offline and for ever.
"""

from __future__ import annotations

import atexit
import os
import shutil
import threading
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import plotly.graph_objects as go

from usmx.charts.frame import export_frame, framed
from usmx.charts.frames import subset_tables, window_for
from usmx.charts.registry import CHARTS
from usmx.charts.timeline import extent_of
from usmx.filenames import export_filename
from usmx.filters import Filters
from usmx.model import Dataset
from usmx.tables import Tables, build_tables

FORMATS = ("png", "svg", "html", "pdf")
STATIC_FORMATS = ("png", "svg", "pdf")

_lock = threading.Lock()
_server_started = False
_atexit_registered = False


class ChromiumMissing(RuntimeError):
    """No Chromium to render static images with."""


def chromium_path() -> str:
    """The browser kaleido drives: $BROWSER_PATH, else Debian's /usr/bin/chromium, else PATH."""
    candidates = [os.environ.get("BROWSER_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    raise ChromiumMissing(
        "static chart export needs Chromium: apt-get install chromium, or set BROWSER_PATH"
    )


def _stop_server() -> None:
    import kaleido

    global _server_started
    with _lock:
        if _server_started:
            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False


def _ensure_server() -> None:
    """Start the persistent kaleido server once per process. Call with `_lock` held."""
    global _server_started
    if _server_started:
        return
    import kaleido

    # mathjax=False: our charts have no LaTeX, and the default would fetch MathJax from a CDN.
    kaleido.start_sync_server(
        path=chromium_path(), n=1, timeout=60, mathjax=False, silence_warnings=True
    )
    _server_started = True


def figure_to_html(fig: go.Figure) -> bytes:
    """A complete, offline HTML page: plotly.js is inlined, nothing is fetched."""
    page = fig.to_html(
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    return page.encode("utf-8")


def figure_to_bytes(
    fig: go.Figure, fmt: str, *, width: int, height: int, scale: float = 1
) -> bytes:
    """The figure as a file's bytes: "png", "svg", "pdf" (via kaleido) or "html"."""
    if fmt == "html":
        return figure_to_html(fig)
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; expected one of {FORMATS}")
    with _lock:
        _ensure_server()
        with warnings.catch_warnings():
            # With a server, kaleido ignores (and warns about) per-call browser options.
            warnings.filterwarnings("ignore", "The kopts argument is ignored", UserWarning)
            image = fig.to_image(format=fmt, width=width, height=height, scale=scale)
        global _atexit_registered
        if not _atexit_registered:
            # Registered only now, after Chromium made its temporary profile: exit handlers
            # run last-in first-out, so the server stops before that directory is cleaned up.
            atexit.register(_stop_server)
            _atexit_registered = True
    return image


def chart_options(ds: Dataset, filters: Filters, tables: Tables) -> dict[str, object]:
    """The options every chart of one filtered view is built with (each takes its own)."""
    published = ds.source.published
    return {
        "window": window_for(filters.date_from, filters.date_to),
        "published": published,
        "date_range": (filters.date_from, filters.date_to),
        "extent": extent_of(tables, published),
    }


def chart_figures(
    ds: Dataset,
    filters: Filters | None,
    lang: str,
    tables: Tables | None = None,
    chart_ids: Iterable[str] | None = None,
) -> dict[str, go.Figure]:
    """Every registered chart (or those named) for this filter, framed as files are: with
    the filter's caption and the source under the title."""
    filters = filters or Filters()
    tables = tables or build_tables(ds)
    sub = subset_tables(tables, [e.id for e in filters.events(ds)])
    opts = chart_options(ds, filters, tables)
    frame = export_frame(ds, filters, lang)
    ids = list(chart_ids) if chart_ids is not None else list(CHARTS)
    return {
        cid: framed(CHARTS[cid].figure(sub, lang=lang, **opts), frame, CHARTS[cid].width)
        for cid in ids
    }


def export_charts(
    ds: Dataset,
    filters: Filters | None,
    out_dir: Path,
    formats: Sequence[str],
    lang: str,
    *,
    tables: Tables | None = None,
) -> list[Path]:
    """Write every registered chart in every format to `out_dir`; return the files written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown chart format(s) {unknown}; expected some of {FORMATS}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for cid, fig in chart_figures(ds, filters, lang, tables).items():
        width, height = CHARTS[cid].export_size(fig)
        for fmt in formats:
            path = out_dir / export_filename(cid, filters, lang, fmt)
            path.write_bytes(figure_to_bytes(fig, fmt, width=width, height=height))
            written.append(path)
    return written
