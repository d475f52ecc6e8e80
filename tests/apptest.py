"""Starting the app under Streamlit's AppTest: the shared harness (harness/apptest.py).

Not a test module; re-exported so test modules import one place.
"""

from __future__ import annotations

from harness.apptest import ENTRY, new_app, page_from_entry, run_app

__all__ = ["ENTRY", "new_app", "page_from_entry", "run_app"]
