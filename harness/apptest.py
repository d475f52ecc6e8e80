"""The app under Streamlit's AppTest, entered the same way by the tests and the bench.

The entry is harness/apptest_entry.py (see its docstring), so that dashboard.py's router and
shared sidebar run on every rerun, as on the real server. `page` is a script path relative to
the repository root, e.g. "pages/map.py".
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ENTRY = Path(__file__).resolve().parent / "apptest_entry.py"


def page_from_entry(page: str) -> str:
    """`page` (relative to the repository root) as AppTest's switch_page wants it."""
    return f"../{page}"


def new_app(timeout: float = 60, **query: str | list[str]) -> AppTest:
    """A new session with the URL parameters `query`, before its first run."""
    at = AppTest.from_file(str(ENTRY), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def run_app(page: str | None = None, **query: str | list[str]) -> AppTest:
    """A new session opened at `page` with the URL parameters `query`, after its first run."""
    at = new_app(**query)
    at.run()
    if page is not None:
        at.switch_page(page_from_entry(page)).run()
    return at
