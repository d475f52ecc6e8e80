"""Section `env`: the machine and the versions measured on, and the load on the machine.

Always measured: on a shared 2-core machine the load average changes every number, so the
report gives it for the start of every section.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
import time
from pathlib import Path

from bench.context import T0, Bench, Rendered
from harness.browser import CHROMIUM

NAME = "env"
DISTRIBUTIONS = ("streamlit", "plotly", "pandas", "pydeck", "kaleido", "pydantic", "PyYAML")


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _meminfo_kb(key: str) -> int | None:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def _cpu() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def measure(bench: Bench) -> None:
    bench.section("machine and versions")
    mem = _meminfo_kb("MemTotal")
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        chromium = ""
    bench.results[NAME] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)),
        "ram_gb": round(mem / 1024 / 1024, 1) if mem else None,
        "cpu": _cpu(),
        "kernel": platform.release(),
        "versions": {
            "python": platform.python_version(),
            **{d.lower(): _version(d) for d in DISTRIBUTIONS},
            "playwright": _version("playwright"),
            "chromium": chromium or "not found",
        },
    }


def render(bench: Bench) -> Rendered:
    env = bench.results.get(NAME)
    if not env:
        return Rendered()
    lines = [
        "## Machine and versions",
        "",
        f"- Date: {env['date']}",
        (
            f"- CPU: {env['cpu']} — nproc {env['nproc']} (usable {env['affinity']}); "
            f"RAM {env['ram_gb']} GB; Linux {env['kernel']}"
        ),
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in env["versions"].items()),
        f"- Bench wall time: {(time.perf_counter() - T0) / 60:.1f} min",
        "- Load average (1/5/15 min) when each section started: "
        + "; ".join(f"{name}: {load}" for name, load in bench.loads),
        "",
    ]
    return Rendered(lines)
