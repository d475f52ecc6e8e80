"""Keeps Python's cycle collector off the server's long-lived objects (`gc.freeze`).

Streamlit runs a full `gc.collect(2)` after every script run (its `runner.postScriptGC`), and
a full collection walks every object the process tracks: the imported modules (Streamlit,
pydantic, plotly, ...) and the cached datasets, which live as long as the server. On the
article that walk took 55–90 ms after every rerun on 2 cores, and it holds the GIL, so the
server sent nothing meanwhile: not the run's last messages, not the widget code a new page
asks for. Moving those objects to the permanent generation once, when they appear, leaves
each later collection only what the run itself created.

What is frozen is never collected as a cycle (reference counting still frees it), so freezing
happens only when something long-lived appeared: modules were imported or a cache built a
dataset since the last freeze (`note_long_lived`), and after a collection, so the garbage of
that run is not kept. What else was alive then (sessions, per-view caches) is frozen too and,
once dropped, would stay: every THAW_EVERY-th freeze first unfreezes everything, so the full
collection before it frees what was dropped since. A server that reloads its dataset after
every review edit thus keeps at most that many freezes' worth. Pure: no Streamlit; the app
calls it at the end of every run (usmx.ui.context).
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass

# The first freezes of a server (its first page, then one per page type's imports) stay cheap;
# the full walk of a thaw comes once in this many.
THAW_EVERY = 8


@dataclass
class _Watermark:
    modules: int = 0  # len(sys.modules) at the last freeze
    loads: int = 0  # long-lived builds noted so far
    frozen_loads: int = 0  # ... at the last freeze
    freezes: int = 0


_mark = _Watermark()


def note_long_lived() -> None:
    """A cache just built something that lives as long as the server (a dataset, its tables):
    the next `freeze_long_lived` freezes it."""
    _mark.loads += 1


def freeze_long_lived(*, collect: bool = True) -> bool:
    """Freeze every object alive now if modules were imported or data noted since the last
    freeze; True if it froze.

    `collect` first runs a full collection so this run's cyclic garbage is freed, not kept.
    Only a caller that knows nothing but imports has run may skip it (a new server's first
    run: ~20 unreachable objects after every import, measured, for 55 ms saved on the first
    page's path).
    """
    if len(sys.modules) == _mark.modules and _mark.loads == _mark.frozen_loads:
        return False
    _mark.freezes += 1
    if _mark.freezes % THAW_EVERY == 0:
        gc.unfreeze()  # what was frozen and dropped since is freed by the collection below
        collect = True
    if collect:
        gc.collect()
    gc.freeze()
    _mark.modules = len(sys.modules)
    _mark.frozen_loads = _mark.loads
    return True
