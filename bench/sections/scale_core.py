"""Workers of the scale section: core costs on a generated dataset, without the app.

`_load PATH`: stock `load_dataset` (PyYAML and all) with only the 5 MB guard lifted.
`_scale PATH`: with the generated-file reader, the steps every page builds on: load and
validate, frames, filter choices, the actor filter on events, quotes and claims, a cache copy
(what `st.cache_data` would unpickle on every read) and the map's points.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from typing import Any

from bench import generate
from bench.context import ACTOR_ID
from bench.servers import proc_status_mb
from bench.summaries import summary
from bench.workers import emit


def cmd_load(args: list[str]) -> None:
    """Worker: stock load_dataset (YAML and all), only the 5 MB size guard lifted."""
    generate.lift_size_cap()
    from usmx.dataset import load_dataset

    t = time.perf_counter()
    ds = load_dataset(args[0])
    emit("load", seconds=time.perf_counter() - t, events=len(ds.events))


def _timed(fn: Callable[[], Any], reps: int) -> tuple[dict[str, float] | None, Any]:
    times, value = [], None
    for _ in range(reps):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return summary(times), value


def cmd_scale(args: list[str]) -> None:
    """Worker: core costs at one size, with the generated-file reader (see generate.py)."""
    generate.install_fast_reader()
    from usmx.dataset import load_dataset
    from usmx.filters import Choices, Filters
    from usmx.tables import build_tables

    path = args[0]

    s, ds = _timed(lambda: load_dataset(path), 1)
    emit("step", step="load_validate", seconds=s, events=len(ds.events))
    s, tables = _timed(lambda: build_tables(ds), 1)
    emit("step", step="build_tables", seconds=s)
    s, _ = _timed(lambda: Choices.from_dataset(ds), 1)
    emit("step", step="choices", seconds=s)
    f = Filters(actors=(ACTOR_ID,))
    s, events = _timed(lambda: f.events(ds), 5)
    emit("step", step="filter_events", seconds=s, matched=len(events))
    s, quotes = _timed(lambda: f.quotes(ds), 5)
    emit("step", step="filter_quotes", seconds=s, matched=len(quotes))
    s, claims = _timed(lambda: f.claims(ds), 5)
    emit("step", step="filter_claims", seconds=s, matched=len(claims))
    # What st.cache_data does with the cached (dataset, tables, choices) on every read: a
    # pickle round trip (it returns a copy).
    value = (ds, tables, Choices.from_dataset(ds))
    blob = pickle.dumps(value)
    s, _ = _timed(lambda: pickle.loads(blob), 1)
    emit("step", step="cache_copy", seconds=s, mb=len(blob) / 1e6)
    try:
        _map_points(ds, events)
    except (ImportError, AttributeError, TypeError) as exc:  # usmx.maps changed its interface
        emit("map", error=f"{type(exc).__name__}: {exc}")
    emit(
        "rss",
        peak_mb=proc_status_mb(os.getpid(), "VmHWM"),
        now_mb=proc_status_mb(os.getpid(), "VmRSS"),
    )


def _map_points(ds: Any, events: list[Any]) -> None:
    """The map's points for all events and for the actor's: how many, how many drawn."""
    from usmx import maps

    for label, evs in (("all", ds.events), (ACTOR_ID, events)):
        s, points = _timed(lambda evs=evs: maps.place_points(evs, ds.places, lang="en"), 3)
        s2, _deck = _timed(
            lambda points=points: maps.build_deck(points, [], lang="en", view="border"), 3
        )
        shown = maps.aggregate_points(points, lang="en")
        emit(
            "map",
            filter=label,
            points=len(points),
            drawn=len(shown),
            cell=maps.aggregation_cell(points),
            place_points=s,
            build_deck=s2,
            max_points=maps.MAX_POINTS,
        )
