"""Starting the app under Streamlit's AppTest, the same way in every test module.

Not a test module. The app is entered through tests/apps/dashboard_entry.py (see its
docstring) so that dashboard.py's router and shared sidebar run on every rerun, as on the real
server; `page` is a script path relative to the repository root, e.g. "pages/map.py".
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ENTRY = Path(__file__).resolve().parent / "apps" / "dashboard_entry.py"


def run_app(page: str | None = None, **query: str | list[str]) -> AppTest:
    """A new session opened at `page` with the URL parameters `query`, after its first run."""
    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"../../{page}").run()
    return at
