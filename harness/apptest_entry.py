"""AppTest entry point that runs the real dashboard.py (harness.apptest.ENTRY).

AppTest treats a `pages/` folder next to its entry script as an old-style multipage app and
runs page files directly on `switch_page`, skipping dashboard.py's st.navigation router (and
so the shared sidebar's state across pages). Entered from here, it sees no such folder and
behaves like the real server: dashboard.py runs on every rerun and routes to the page.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[1] / "dashboard.py"), run_name="__main__")
