"""What the sections of one bench run share: paths, the log, the pages, the results, goals.

A `Bench` is handed to every section: `measure(bench)` stores its numbers in
`bench.results[...]`, `render(bench)` turns them into markdown lines and `Goal`s. The browser is
started on first use and shared, so sections that need none (imports, export) never start it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.stopwatch import Expect

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PY = sys.executable
T0 = time.perf_counter()
# The filter change every page is timed on: this actor, picked in the sidebar's multiselect.
ACTOR_KEY = "actor"  # the multiselect's key (usmx.urlstate.P_ACTORS)
ACTOR_ID = "trump"
ACTOR_TEXT = "Donald Trump"  # in its option label in both languages


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:6.1f}s] {msg}", flush=True)


def loadavg() -> str:
    return " / ".join(f"{v:.1f}" for v in os.getloadavg())


@dataclass(frozen=True)
class Page:
    name: str  # url path, also the page's name in the report
    script: str | None  # None for the overview (drawn by dashboard.py itself)

    def url(self, base: str) -> str:
        return f"{base}/" if self.script is None else f"{base}/{self.name}"


def discover_pages() -> list[Page]:
    """The overview, then every page the menu lists, in menu order.

    Editor pages (Review) only when the environment turns them on (USMX_REVIEW=1), as the
    bench's servers inherit it: sections reach pages by their menu links.
    """
    from usmx.ui.navigation import PAGES, in_menu  # pure: no streamlit import

    return [
        Page("overview", None),
        *(
            Page(spec.url_path, spec.script)
            for spec in PAGES
            if spec.path.exists() and in_menu(spec)
        ),
    ]


@dataclass(frozen=True)
class Goal:
    """One row of the report's goals table; `ok` None: not measured."""

    name: str
    measured: str
    ok: bool | None
    why: str = ""


@dataclass
class Rendered:
    """A section's part of results.md."""

    lines: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)


@dataclass
class Bench:
    runs: int
    pages: list[Page]
    results: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    loads: list[tuple[str, str]] = field(default_factory=list)
    # What each page draws when fully loaded, learnt on its first visit (stopwatch.Expect).
    expects: dict[str, Expect] = field(default_factory=dict)
    _stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    _browser: Any = None

    def section(self, name: str) -> None:
        self.loads.append((name, loadavg()))
        log(f"== {name} (load average {loadavg()})")

    @property
    def browser(self) -> Any:
        """The shared headless Chromium, started on first use."""
        if self._browser is None:
            from harness.browser import chromium

            self._browser = self._stack.enter_context(chromium())
        return self._browser

    def close(self) -> None:
        self._stack.close()
        self._browser = None
