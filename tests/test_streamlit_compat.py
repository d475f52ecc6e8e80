"""usmx.ui.streamlit_compat leans on one Streamlit internal: fail loudly when it changes."""

from __future__ import annotations

import inspect

from streamlit.commands import navigation
from streamlit.runtime import pages_manager
from streamlit.runtime.scriptrunner import script_runner


def test_the_pages_folder_switch_still_exists():
    assert hasattr(pages_manager.PagesManager, "uses_pages_directory")
    # Decided from the folder next to the entry script...
    assert '/ "pages"' in inspect.getsource(pages_manager.PagesManager.__init__)
    # ...read by the script runner to run the old multipage way...
    assert "uses_pages_directory" in inspect.getsource(script_runner.ScriptRunner)
    assert callable(script_runner._mpa_v1)
    # ...and switched off by st.navigation only when it is called.
    assert "uses_pages_directory = False" in inspect.getsource(navigation.navigation)


def test_only_the_adapter_imports_streamlit_internals():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    offenders = [
        p.relative_to(root).as_posix()
        for p in [root / "dashboard.py", *root.glob("pages/*.py"), *root.glob("usmx/**/*.py")]
        if "streamlit.runtime" in p.read_text(encoding="utf-8") and p.name != "streamlit_compat.py"
    ]
    assert offenders == []
