"""Measure the ACLED layer and the actor network; write bench/acled.md.

    .venv/bin/python bench/acled.py [--rows 100000] [--runs 5] [--out bench/acled.md]

Each measurement runs in a fresh Python process (so imports, caches and memory are those of a
new server process): `bench/generate_acled.py` writes N made-up rows to a temporary folder;
the import (`usmx.acled_import.import_acled`) is timed --runs times; the queries the pages
need are timed 20 times each on one opened layer (median and 95th percentile), with the
process's peak memory (VmHWM) after loading both the dataset and the layer; the actor network
of the article is built and laid out 20 times. Then the app with the layer on
(bench/acled_app.py): a real server and Chromium for the first views after an import, the
Map's filter change with the hexagons drawn and the server's memory; AppTest for the server's
rerun time on every page. Goals (issue 12): import under 10 s, first page view under 3 s
after the import, server rerun under 300 ms on every page, server memory under 500 MB,
browser filter change on the map under 1 s in software WebGL. Generated files stay in the
temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

GOAL_IMPORT_S = 10.0
GOAL_QUERY_S = 0.300
GOAL_RSS_MB = 500.0
QUERY_RUNS = 20


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB, from /proc."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def _timed(fn, runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "max": times[-1],
    }


# --- children (fresh processes) ---------------------------------------------------------------


def child_import(csv_path: str, data_dir: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    from usmx.acled_import import import_acled

    result = import_acled(csv_path, Path(data_dir))
    return {
        "seconds": time.perf_counter() - t0,
        "rows": result.rows,
        "rss_peak_mb": _rss_mb()[1],
        "parquet_mb": result.path.stat().st_size / 2**20,
    }


def child_queries(data_dir: str) -> dict[str, Any]:
    import datetime as dt

    import pandas  # noqa: F401 - the app has it loaded; the first .df() would pay its import

    from usmx.dataset import load_dataset

    ds = load_dataset()
    t0 = time.perf_counter()
    from usmx.acled_match import all_actor_keys, keys_for
    from usmx.acled_query import AcledFilter, AcledLayer

    layer = AcledLayer.open(Path(data_dir))
    opened = time.perf_counter() - t0
    sinaloa = AcledFilter(actor_keys=keys_for(ds, ["sinaloa_cartel"]))
    year = AcledFilter(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    both = AcledFilter(
        date_from=dt.date(2024, 10, 1), actor_keys=sinaloa.actor_keys, admin1=("Sinaloa",)
    )
    zoom = AcledFilter(bbox=(-108.5, 24.0, -106.5, 26.0))
    keys = all_actor_keys(ds)
    queries = {
        "count, no filter": lambda: layer.count(),
        "count, actor Sinaloa Cartel": lambda: layer.count(sinaloa),
        "per month, all years": lambda: layer.counts_by_period(unit="month"),
        "per day, one year": lambda: layer.counts_by_period(year, unit="day"),
        "per state (admin1)": lambda: layer.counts_by("admin1"),
        "per event type, actor + state + dates": lambda: layer.counts_by("event_type", both),
        "hexagons 25 km, no filter": lambda: layer.hex_bins(size_km=25),
        "hexagons 10 km, actor filter": lambda: layer.hex_bins(sinaloa, size_km=10),
        "points, zoomed on Culiacán (≤ 20,000)": lambda: layer.points(zoom),
        "table page of 100 rows": lambda: layer.page(limit=100),
        "which of our actors match": lambda: layer.matched_actors(keys),
    }
    results = {name: _timed(fn, QUERY_RUNS) for name, fn in queries.items()}
    counts = {
        "rows": layer.count(),
        "sinaloa_rows": layer.count(sinaloa),
        "hexagons_25km": len(layer.hex_bins(size_km=25)),
        "states": len(layer.admin1_values()),
        "zoom_points": len(layer.points(zoom)),
    }
    current, peak = _rss_mb()
    return {
        "open_seconds": opened,
        "queries": results,
        "counts": counts,
        "rss_mb": current,
        "rss_peak_mb": peak,
    }


def child_network() -> dict[str, Any]:
    from usmx.dataset import load_dataset

    ds = load_dataset()
    t0 = time.perf_counter()
    from usmx import network

    imported = time.perf_counter() - t0
    from usmx.network_chart import network_figure

    def build() -> Any:
        graph = network.graph_from_dataset(ds)
        return graph, network.layout(graph)

    first = _timed(build, 1)["median"]
    timing = _timed(build, QUERY_RUNS)
    graph, pos = build()
    figure = _timed(lambda: network_figure(graph, "en", pos=pos), 5)
    return {
        "networkx_import_s": imported,
        "first_build_s": first,
        "build_layout": timing,
        "figure": figure,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "relations": network.relation_counts(graph),
    }


def _child(kind: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- report -----------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _ok(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(rows: int, gen: dict[str, Any], imports: list[dict[str, Any]], q: dict[str, Any],
           net: dict[str, Any]) -> str:  # fmt: skip
    import_s = statistics.median(i["seconds"] for i in imports)
    import_rss = max(i["rss_peak_mb"] for i in imports)
    worst = max(v["p95"] for v in q["queries"].values())
    lines = [
        "# ACLED layer and actor network: measurements",
        "",
        (
            f"Written by `bench/acled.py` on {time.strftime('%Y-%m-%d %H:%M')} — Python "
            f"{platform.python_version()}, {os.cpu_count()} CPUs, load average "
            f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} (a shared machine: numbers vary)."
        ),
        "",
        (
            f"Input: {rows:,} made-up rows in ACLED's layout from `bench/generate_acled.py` "
            f"({gen['mb']:.1f} MB CSV, {gen['locations']:,} distinct places inside Mexico's 32 "
            f"states, written in {gen['seconds']:.1f} s). Every row says it is made up."
        ),
        "",
        "| goal | measured | |",
        "|---|---|---|",
        (
            f"| import of {rows:,} rows < {GOAL_IMPORT_S:.0f} s | {import_s:.2f} s (median of "
            f"{len(imports)}) | {_ok(import_s < GOAL_IMPORT_S)} |"
        ),
        (
            f"| every query < {GOAL_QUERY_S * 1000:.0f} ms | slowest p95 {_ms(worst)} | "
            f"{_ok(worst < GOAL_QUERY_S)} |"
        ),
        (
            f"| process memory < {GOAL_RSS_MB:.0f} MB (import) | peak {import_rss:.0f} MB | "
            f"{_ok(import_rss < GOAL_RSS_MB)} |"
        ),
        (
            f"| process memory < {GOAL_RSS_MB:.0f} MB (dataset + layer + queries) | peak "
            f"{q['rss_peak_mb']:.0f} MB, {q['rss_mb']:.0f} MB after | "
            f"{_ok(q['rss_peak_mb'] < GOAL_RSS_MB)} |"
        ),
        "",
        "Import runs: " + ", ".join(f"{i['seconds']:.2f} s" for i in imports) + "; Parquet file "
        f"{imports[0]['parquet_mb']:.1f} MB. Opening the layer (a DuckDB view over the "
        f"Parquet file): {_ms(q['open_seconds'])}.",
        "",
        f"## Queries ({QUERY_RUNS} runs each, one process, layer of {q['counts']['rows']:,} rows)",
        "",
        "| query | median | p95 | max |",
        "|---|---|---|---|",
    ]
    for name, t in q["queries"].items():
        lines.append(f"| {name} | {_ms(t['median'])} | {_ms(t['p95'])} | {_ms(t['max'])} |")
    c = q["counts"]
    lines += [
        "",
        (
            f"Sizes: {c['sinaloa_rows']:,} rows name the Sinaloa Cartel; {c['hexagons_25km']:,} "
            f"hexagons of 25 km hold all rows; {c['states']} states; {c['zoom_points']:,} points in "
            "the zoomed box."
        ),
        "",
        "## Actor network of the article",
        "",
        (
            f"{net['nodes']} actors, {net['edges']} relations "
            f"({', '.join(f'{k} {v}' for k, v in net['relations'].items())})."
        ),
        "",
        "| step | time |",
        "|---|---|",
        f"| import networkx (only on the network's path) | {_ms(net['networkx_import_s'])} |",
        f"| first build + layout in a process | {_ms(net['first_build_s'])} |",
        f"| build + layout, median of {QUERY_RUNS} | {_ms(net['build_layout']['median'])} |",
        f"| plotly figure, median of 5 | {_ms(net['figure']['median'])} |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=BENCH / "acled.md")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        from bench import acled_app

        fn = {
            "import": child_import,
            "queries": child_queries,
            "network": child_network,
            "app-browser": acled_app.browser,
            "app-reruns": acled_app.reruns,
        }[kind]
        print(json.dumps(fn(*rest), default=str))
        return
    from bench.generate_acled import generate

    with tempfile.TemporaryDirectory(prefix="usmx-acled-bench-") as tmp:
        csv_path = Path(tmp) / "made_up_acled.csv"
        t0 = time.perf_counter()
        locations = 4000
        generate(args.rows, csv_path, locations=locations)
        gen = {
            "seconds": time.perf_counter() - t0,
            "mb": csv_path.stat().st_size / 2**20,
            "locations": locations,
        }
        print(f"generated {args.rows:,} rows in {gen['seconds']:.1f} s", file=sys.stderr)
        imports = []
        for i in range(args.runs):
            imports.append(_child("import", str(csv_path), str(Path(tmp) / "data")))
            print(f"import {i + 1}: {imports[-1]['seconds']:.2f} s", file=sys.stderr)
        queries = _child("queries", str(Path(tmp) / "data"))
        print("queries done", file=sys.stderr)
        app = _child("app-browser", str(Path(tmp) / "app-data"), str(csv_path), str(args.runs))
        print("app in the browser done", file=sys.stderr)
        app["reruns"] = _child("app-reruns", str(Path(tmp) / "data"), "10")
        print("app reruns done", file=sys.stderr)
    network = _child("network")
    from bench.acled_app import app_report

    text = report(args.rows, gen, imports, queries, network) + app_report(app)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
