"""Section `export`: chart export times (PNG, SVG, HTML) and the `usmx export-charts` command.

`usmx.chart_export.figure_to_bytes` on every registered chart of the full dataset, 3 runs each,
in a worker (the first static image starts kaleido's persistent Chromium and is reported on
its own); then the console command as a user runs it, wall time.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.context import PY, ROOT, Bench, Rendered, log
from bench.summaries import fmt_s, fmt_sum, summary
from bench.workers import emit, worker

NAME = "export"
FORMATS = ("png", "svg", "html")


def _cli(usmx_cmd: list[str]) -> dict[str, Any]:
    """`usmx export-charts --out DIR`, timed."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        proc = subprocess.run(
            [*usmx_cmd, "export-charts", "--out", out],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        return {
            "available": True,
            "seconds": time.perf_counter() - start,
            "returncode": proc.returncode,
            "files": sorted(p.name for p in Path(out).rglob("*") if p.is_file()),
            "stderr": proc.stderr[-300:],
            "cmd": "usmx export-charts --out DIR",
        }


def measure(bench: Bench) -> None:
    bench.section("export")
    res = worker(["_export"], timeout=300)
    figures = res.get("export")
    for r in figures:
        log(f"export {r['chart']} {r['fmt']}: {fmt_sum(r['seconds'])}")
    usmx = Path(PY).parent / "usmx"  # the console script, as a user runs it
    usmx_cmd = [str(usmx)] if usmx.exists() else [PY, "-m", "usmx.cli"]
    cli: dict[str, Any] = {"available": False}
    helped = subprocess.run(
        [*usmx_cmd, "export-charts", "--help"], cwd=ROOT, capture_output=True, check=False
    )
    if helped.returncode == 0:
        cli = _cli(usmx_cmd)
        log(f"usmx export-charts: {fmt_s(cli['seconds'])}, {len(cli['files'])} files")
    bench.results[NAME] = {
        "figures": figures,
        "first": res.one("export_first"),
        "error": None if res.records else (res.stderr[-500:] or "no output"),
        "timed_out": res.timed_out,
        "cli": cli,
    }


def cmd_export(args: list[str]) -> None:
    """Worker: every registered chart in every format, 3 times each."""
    from usmx.chart_export import chart_figures, figure_to_bytes
    from usmx.charts.registry import CHARTS
    from usmx.dataset import load_dataset

    figures = chart_figures(load_dataset(), None, "en")
    first = True
    for fmt in FORMATS:
        for cid, fig in figures.items():
            width, height = CHARTS[cid].export_size(fig)
            times, size = [], 0
            for _ in range(3):
                t = time.perf_counter()
                size = len(figure_to_bytes(fig, fmt, width=width, height=height))
                times.append(time.perf_counter() - t)
                if first:  # the first static image starts kaleido's Chromium
                    emit("export_first", chart=cid, fmt=fmt, seconds=times.pop())
                    first = False
            emit("export", chart=cid, fmt=fmt, seconds=summary(times), bytes=size)


def render(bench: Bench) -> Rendered:
    exp = bench.results.get(NAME)
    if not exp:
        return Rendered()
    lines = ["## Chart export", ""]
    if exp["error"]:
        lines += [f"`usmx.chart_export` failed: {exp['error'][:300]}", ""]
    if f := exp.get("first"):
        lines += [
            (
                f"First static image of the process ({f['chart']}, {f['fmt']}), which starts "
                f"kaleido's persistent Chromium: {fmt_s(f['seconds'])}."
            ),
            "",
        ]
    if exp["figures"]:
        lines += [
            "`usmx.chart_export.figure_to_bytes`, full dataset, English, 3 runs each:",
            "",
            "| chart | format | time | size |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {e['chart']} | {e['fmt']} | {fmt_sum(e['seconds'])} | {e['bytes'] / 1024:.0f} KB |"
            for e in exp["figures"]
        ]
        lines.append("")
    cli = exp["cli"]
    if cli.get("available"):
        lines += [
            (
                f"`{cli['cmd']}` (subprocess, wall time, one run): **{fmt_s(cli['seconds'])}**, "
                f"exit {cli['returncode']}, {len(cli['files'])} files."
            ),
            "",
        ]
    else:
        lines += ["`usmx export-charts`: not available.", ""]
    return Rendered(lines)
