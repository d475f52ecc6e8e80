"""Server-side rerun times under Streamlit's AppTest, in a fresh worker process.

`apptest_reruns(pages, …)` starts `python -m bench _apptest SPEC`, which opens each page, toggles
the sidebar's actor filter on and off (timed reruns after warm-ups; the two views alternate,
so charts come from the per-view cache), then picks other actors one by one (views not seen
before), and optionally profiles a few more reruns to name the `usmx` functions that take the
time. A worker killed at its cap prints every thread's stack first (faulthandler): the page
that did not finish is reported with where it was stuck.
"""

from __future__ import annotations

import functools
import json
import os
import re
import time
from pathlib import Path
from typing import Any

from bench.context import ACTOR_ID, ACTOR_KEY, BENCH, ROOT, Page
from bench.summaries import last_line, summary
from bench.workers import emit, worker


def apptest_reruns(
    pages: list[Page],
    reruns: int,
    *,
    warmups: int = 2,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    baseline: bool = True,
    profile: int = 0,
) -> dict[str, Any]:
    """Server-side rerun times of `pages`, all in one fresh process (capped at `timeout`).

    With `profile`, that many more reruns are profiled to name the slowest functions.
    """
    spec = json.dumps(
        {
            "pages": [[p.name, p.script] for p in pages],
            "reruns": reruns,
            "warmups": warmups,
            "baseline": baseline,
            "profile": profile,
            # Just before the cap, the worker prints every thread's stack (faulthandler):
            # a page killed at the cap is reported with where it was.
            "stack_at": max(1.0, timeout - 3),
        }
    )
    res = worker(["_apptest", spec], timeout=timeout, env=env)
    out: dict[str, Any] = {r["page"]: r for r in res.get("apptest")}
    stack = stuck_frames(res.stderr) if res.timed_out else []
    for pg in pages:
        if pg.name not in out:
            why = (
                f"> {timeout:.0f} s (killed at the cap)" if res.timed_out else last_line(res.stderr)
            )
            out[pg.name] = {"page": pg.name, "error": why, "stack": stack}
            stack = []  # the first missing page is the one that was running
    if res.one("baseline"):
        out["_bare"] = res.one("baseline")
    return out


def stuck_frames(stderr: str, depth: int = 4) -> list[str]:
    """Innermost project frames of the faulthandler dump in `stderr` ("usmx/charts.py:271 f")."""
    frame = re.compile(r'File "(.+)", line (\d+) in (.+)')
    best: list[str] = []
    for block in re.split(r"\n(?=Thread 0x|Current thread 0x)", stderr):
        found = []
        for m in frame.finditer(block):
            path = Path(m[1])
            if ROOT in path.parents and ".venv" not in path.parts and BENCH not in path.parents:
                found.append(f"{path.relative_to(ROOT)}:{m[2]} {m[3].strip()}")
        if len(found) > len(best):
            best = found
    return best[:depth]


def cmd_apptest(args: list[str]) -> None:
    """Server-side seconds per rerun after an actor filter change, page by page (AppTest)."""
    import faulthandler

    from streamlit.testing.v1 import AppTest

    spec = json.loads(args[0])
    faulthandler.dump_traceback_later(spec["stack_at"], exit=False)
    if os.environ.get("USMX_BENCH_FAST"):
        from bench import generate

        generate.install_fast_reader()
    for name, script in spec["pages"]:
        try:
            emit("apptest", page=name, **_page_reruns(script, spec))
        except Exception as exc:  # noqa: BLE001 - one broken page must not lose the others
            emit("apptest", page=name, error=f"{type(exc).__name__}: {exc}"[:300])
    if not spec["baseline"]:
        return
    # The harness's own floor: the same rerun of a one-line app.
    at = AppTest.from_file(str(BENCH / "bare_app.py")).run()
    times = []
    for _ in range(spec["reruns"]):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    emit("baseline", rerun=summary(times))


def _page_reruns(script: str | None, spec: dict[str, Any]) -> dict[str, Any]:
    """One page's figures: first run, timed reruns, new views, profile, the map's deck."""
    from harness.apptest import new_app, page_from_entry

    start = time.perf_counter()
    at = new_app(timeout=600).run()
    if script:
        at.switch_page(page_from_entry(script)).run()
    first = time.perf_counter() - start
    if at.exception:
        return {"error": str(at.exception[0].message)[:300], "first": first}
    reruns = spec["reruns"]
    times = []
    warmups = spec["warmups"]  # the first change to each value is not timed
    for i in range(reruns + warmups):
        box = at.sidebar.multiselect(key=ACTOR_KEY)
        box.set_value([ACTOR_ID] if i % 2 == 0 else [])
        t = time.perf_counter()
        at.run()
        if i >= warmups:
            times.append(time.perf_counter() - t)
    # Views not seen before: a different single actor each time, so no cached chart
    # (usmx.ui.charts) is reused. What the first reader of a new filter waits for.
    new_times = []
    for actor_id in _other_actor_ids()[:reruns]:
        at.sidebar.multiselect(key=ACTOR_KEY).set_value([actor_id])
        t = time.perf_counter()
        at.run()
        new_times.append(time.perf_counter() - t)
    extra: dict[str, Any] = {"rerun_new": summary(new_times) if new_times else None}
    if spec.get("profile"):
        extra["hot"] = _profile_reruns(at, spec["profile"])
    decks = at.get("deck_gl_json_chart")
    if decks:
        extra["deck"] = _deck_info(json.loads(decks[0].proto.json))
    return {
        "first": first,
        "rerun": summary(times),
        "error": str(at.exception[0].message)[:300] if at.exception else None,
        "plotly_charts": len(at.get("plotly_chart")),
        **extra,
    }


@functools.lru_cache(maxsize=1)
def _other_actor_ids() -> list[str]:
    """Ids of the served dataset's actors involved in some event, ACTOR_ID excluded."""
    from usmx.dataset import DEFAULT_DATASET, load_dataset

    ds = load_dataset(os.environ.get("USMX_DATASET", DEFAULT_DATASET))
    involved = {link.actor_id for ev in ds.events for link in ev.actors}
    return [a.id for a in ds.actors if a.id in involved and a.id != ACTOR_ID]


HOT_SKIP = {"<module>", "render", "build", "current", "show_registered", "show_chart", "figure"}


def _profile_reruns(at: Any, reruns: int, top: int = 5) -> list[tuple[str, float]]:
    """The project's functions that take the most time per rerun (cumulative, profiled).

    Script runs happen on AppTest's own thread, so a profiler is started in every new thread.
    Wrappers (page bodies, `show_registered`) are left out: the list names the work.
    """
    import cProfile
    import pstats
    import threading

    profiles: list[cProfile.Profile] = []

    def start(*_: Any) -> None:
        prof = cProfile.Profile()
        profiles.append(prof)
        prof.enable()

    threading.setprofile(start)
    try:
        for i in range(reruns):
            at.sidebar.multiselect(key=ACTOR_KEY).set_value([ACTOR_ID] if i % 2 == 0 else [])
            at.run()
    finally:
        threading.setprofile(None)
    stats = None
    for prof in profiles:
        prof.disable()
        stats = pstats.Stats(prof) if stats is None else stats.add(prof)
    if stats is None:
        return []
    hot = []
    for (file, _line, func), row in stats.stats.items():  # type: ignore[attr-defined]
        path = Path(file)
        if func in HOT_SKIP or ROOT / "usmx" not in path.parents:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        hot.append((f"{module}.{func}", row[3] / reruns))  # row[3]: cumulative seconds
    return sorted(hot, key=lambda h: -h[1])[:top]


def _deck_info(deck: dict[str, Any]) -> dict[str, Any]:
    layers = []
    for layer in deck.get("layers", []):
        data = layer.get("data")
        rows = len(data) if isinstance(data, list) else None
        if isinstance(data, dict) and "features" in data:
            rows = len(data["features"])
        layers.append({"id": layer.get("id"), "type": layer.get("@@type"), "rows": rows})
    return {"layers": layers}
