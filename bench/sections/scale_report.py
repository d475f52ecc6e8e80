"""The scale section's table and goals: every measure per size, and the 100k goals.

Goals: filtering under GOAL_FILTER_100K_S at 100k events, and the map usable at 100k (drawn
points capped at usmx.maps.MAX_POINTS, a filter change settled in the browser within
GOAL_MAP_SETTLE_S).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.context import ACTOR_ID, Bench, Goal, Page, Rendered
from bench.sections.interaction import hot
from bench.sections.scale import NAME, STOCK_LOAD_CAP_S
from bench.summaries import fmt_mb, fmt_s, fmt_sum, table_cell

GOAL_FILTER_100K_S = 0.5
GOAL_MAP_SETTLE_S = 2.0


def _scale_server(entry: dict[str, Any], page: str) -> str:
    r = entry["apptest"][page]
    if r.get("error"):
        text = table_cell(r["error"], 70)
        if r.get("stack"):
            text += "; stuck in " + " ← ".join(f"`{f}`" for f in r["stack"][:3])
        return text
    text = fmt_sum(r["rerun"])
    if r.get("hot"):
        text += "; " + hot(r, 2)
    return text


def _table(scale: dict[int, Any], pages: list[Page]) -> list[str]:
    body = [
        "## Scale: generated datasets",
        "",
        (
            "`bench/generate.py` writes N synthetic events (real actors, places, quotes, claims; "
            "events cycle through the real events' actors, types, statuses and dates and through "
            "the real evidence spans; ids gen_000001…, titles “[GENERATED]”) into a temporary "
            "directory, served with `USMX_DATASET`. The stock loader refuses files above 5 MB "
            "(`usmx.dataset.MAX_FILE_BYTES`), so every measurement here lifts that guard in its "
            "own process. Stock `load_dataset` (PyYAML) is timed on its own with a cap; everything "
            "after it uses the bench's generated-file reader (JSON lines, same validation and "
            "evidence resolution, see `generate.install_fast_reader`), so that pages can be "
            "measured at all."
        ),
        "",
    ]
    sizes = list(scale)
    head = "| measure | " + " | ".join(f"{n:,} events" for n in sizes) + " |"
    body += [head, "|---|" + "---|" * len(sizes)]

    def row(name: str, cell: Callable[[dict[str, Any]], str]) -> None:
        cells = []
        for n in sizes:
            try:
                cells.append(cell(scale[n]))
            except (KeyError, TypeError, IndexError):
                cells.append("—")
        body.append(f"| {name} | " + " | ".join(cells) + " |")

    def stock(e: dict[str, Any]) -> str:
        s = e["stock_load"]
        if s.get("seconds") is not None:
            return fmt_s(s["seconds"])
        if s.get("timeout"):
            return f"> {s['timeout']} s (killed at the cap)"
        return table_cell(s.get("error", "—"), 80)

    def step(name: str) -> Callable[[dict[str, Any]], str]:
        def cell(e: dict[str, Any]) -> str:
            r = e["core"][name]
            extra = f", {r['matched']:,} matched" if "matched" in r else ""
            extra += f", {r['mb']:.0f} MB pickled" if "mb" in r else ""
            return fmt_s(r["seconds"]["median"]) + extra

        return cell

    row("file size", lambda e: f"{e['mb']:.1f} MB")
    row(f"stock `load_dataset` (YAML), cap {STOCK_LOAD_CAP_S} s", stock)
    row("load + validate + resolve (generated-file reader)", step("load_validate"))
    row("`build_tables`", step("build_tables"))
    row("`Choices.from_dataset`", step("choices"))
    row(f"`Filters(actors=({ACTOR_ID!r},)).events`", step("filter_events"))
    row("`Filters.quotes`", step("filter_quotes"))
    row("`Filters.claims`", step("filter_claims"))
    row(
        "one `st.cache_data` read of (dataset, tables, choices) = unpickle (why "
        "usmx/ui/data.py now uses `st.cache_resource`)",
        step("cache_copy"),
    )
    row(
        "bench worker peak RSS (holds the pickled copy too)",
        lambda e: fmt_mb(e["core_rss"]["peak_mb"]),
    )

    def map_cell(e: dict[str, Any]) -> str:
        parts = []
        for m in e["map"]:
            if "error" in m:
                return table_cell(m["error"], 80)
            parts.append(
                f"{m['filter']}: {m['points']} points → {m['drawn']} drawn"
                + (f" (binned, cell {m['cell']:g}°)" if m["cell"] else "")
                + f", build_deck {fmt_s(m['build_deck']['median'])}"
            )
        return "; ".join(parts)

    row("map points (usmx.maps)", map_cell)

    def deck_cell(e: dict[str, Any]) -> str:
        deck = e["apptest"]["map"]["deck"]
        return ", ".join(
            f"{layer['id']}:{layer['type']}({layer['rows']})" for layer in deck["layers"]
        )

    if any(p.name == "map" for p in pages):
        row("map page deck layers (AppTest)", deck_cell)
    row(
        "browser: first visit (server loads the data)",
        lambda e: (
            table_cell(e["browser"].get("error") or "", 70) or fmt_s(e["browser"]["first_visit"])
        ),
    )
    row("server RSS after the browser pass", lambda e: fmt_mb(e["browser"]["rss"][0]))
    for pg in pages:
        row(f"{pg.name}: server rerun (AppTest)", lambda e, pg=pg: _scale_server(e, pg.name))
        row(
            f"{pg.name}: browser filter change",
            lambda e, pg=pg: (
                table_cell(e["browser"]["pages"][pg.name].get("error") or "", 70)
                or fmt_sum(e["browser"]["pages"][pg.name]["select"])
            ),
        )
    body.append("")

    return body


def _goals(scale: dict[int, Any], pages: list[Page]) -> list[Goal]:
    goals: list[Goal] = []
    big = scale.get(100_000)
    if big:
        f = big["core"].get("filter_events", {}).get("seconds")
        if f:
            ok = f["median"] < GOAL_FILTER_100K_S
            goals.append(
                Goal(
                    f"Filtering < {fmt_s(GOAL_FILTER_100K_S)} at 100k events",
                    fmt_s(f["median"]),
                    ok,
                    "" if ok else "Filters.events walks every event in Python",
                )
            )
        m = (big.get("browser", {}).get("pages") or {}).get("map", {})
        maps_rows = [x for x in big.get("map", []) if "drawn" in x]
        if m.get("select") and maps_rows:
            settle = m["select"]["median"]
            capped = all(x["drawn"] <= x["max_points"] for x in maps_rows)
            ok = settle < GOAL_MAP_SETTLE_S and capped
            goals.append(
                Goal(
                    (
                        f"Map usable at 100k (≤ MAX_POINTS drawn, filter change < "
                        f"{fmt_s(GOAL_MAP_SETTLE_S)} in the browser)"
                    ),
                    f"{max(x['drawn'] for x in maps_rows)} points, {fmt_s(settle)}",
                    ok,
                    "" if ok else "see the map rows of the scale table",
                )
            )
        elif "map" in [p.name for p in pages]:
            goals.append(Goal("Map usable at 100k", m.get("error", "not measured"), False))
    return goals


def render_scale(bench: Bench) -> Rendered:
    scale = bench.results.get(NAME)
    if not scale:
        return Rendered()
    return Rendered(_table(scale, bench.pages), _goals(scale, bench.pages))
