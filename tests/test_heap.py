"""usmx.heap: long-lived objects leave the collector's walks, a run's garbage does not stay."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import weakref

import pytest

from usmx import heap


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture(autouse=True)
def _fresh_mark(monkeypatch):
    monkeypatch.setattr(heap, "_mark", heap._Watermark())
    yield
    gc.unfreeze()


def test_first_call_freezes_what_is_alive():
    kept = Node()
    assert heap.freeze_long_lived()
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    del kept


def test_nothing_new_nothing_frozen():
    assert heap.freeze_long_lived()
    gc.unfreeze()
    assert not heap.freeze_long_lived()
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("trigger", ["load", "import"])
def test_a_load_or_an_import_freezes_again(tmp_path, monkeypatch, trigger):
    heap.freeze_long_lived()
    gc.unfreeze()
    if trigger == "load":
        heap.note_long_lived()
    else:
        (tmp_path / "usmx_heap_probe.py").write_text("VALUE = 1\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        __import__("usmx_heap_probe")
    try:
        assert heap.freeze_long_lived()
        assert gc.get_freeze_count() > 0
    finally:
        sys.modules.pop("usmx_heap_probe", None)


@pytest.mark.parametrize(("collect", "garbage_freed"), [(True, True), (False, False)])
def test_collect_frees_the_runs_garbage_before_freezing(collect, garbage_freed):
    garbage = Node()
    probe = weakref.ref(garbage)
    del garbage  # unreachable, but a cycle: alive until a collection
    gc.disable()  # no automatic collection between here and the freeze
    try:
        heap.note_long_lived()
        assert heap.freeze_long_lived(collect=collect)
        gc.collect()  # frozen objects are not collected
        assert (probe() is None) is garbage_freed
    finally:
        gc.enable()


def test_every_few_freezes_a_thaw_frees_what_was_frozen_then_dropped():
    kept = Node()
    probe = weakref.ref(kept)
    heap.note_long_lived()
    heap.freeze_long_lived()  # `kept` is alive: frozen
    del kept  # now garbage, but frozen: no collection frees it
    gc.collect()
    assert probe() is not None
    for _ in range(heap.THAW_EVERY - 2):
        heap.note_long_lived()
        heap.freeze_long_lived()
        assert probe() is not None
    heap.note_long_lived()
    heap.freeze_long_lived()  # the THAW_EVERY-th
    assert probe() is None


def test_the_app_freezes_its_modules_and_data():
    """The entry script, run by AppTest in a new interpreter, leaves its imports and data frozen,
    so Streamlit's collection after each run walks only what the run made."""
    script = textwrap.dedent(
        """
        import gc
        from harness.apptest import new_app
        at = new_app().run()
        assert not at.exception, at.exception
        frozen = gc.get_freeze_count()
        print(frozen, len(gc.get_objects()))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    frozen, walked = map(int, out.stdout.split())
    # Streamlit, pydantic and usmx are tens of thousands of objects; a run makes far fewer.
    assert frozen > 50_000
    assert walked < frozen / 4
