"""Section `imports`: what importing costs, and which modules the overview's path loads.

Import times come from `python -X importtime` in a fresh interpreter; the modules present after
one AppTest run of dashboard.py (and of the bare app) from a worker process. Goal: pydeck and
kaleido (heavy, needed only by the map and by downloads) stay off the overview's path.
"""

from __future__ import annotations

import subprocess
import sys
import time

from bench.context import PY, ROOT, Bench, Goal, Rendered, log
from bench.summaries import fmt_s, fmt_sum, summary
from bench.workers import emit, worker

NAME = "imports"
# Everything dashboard.py imports before it draws the overview.
OVERVIEW_IMPORTS = "streamlit, usmx.ui.context, usmx.ui.overview, usmx.ui.navigation"
IMPORT_MODULES = (
    "streamlit",
    "pandas",
    "plotly",
    "plotly.express",
    "pydeck",
    "kaleido",
    "opencc",
    "pydantic",
    "yaml",
    "pyarrow",
    "usmx.dataset",
    "usmx.charts.registry",
    "usmx.maps",
    "usmx.chart_export",
    OVERVIEW_IMPORTS,
)
# Modules the overview must not need (heavy, and only used by the map page or by downloads).
MUST_NOT_LOAD = ("pydeck", "kaleido", "choreographer")
WATCH_MODULES = (
    *MUST_NOT_LOAD,
    "plotly",
    "plotly.express",
    "plotly.graph_objects",
    "pandas",
    "pyarrow",
    "opencc",
    "usmx.charts",
    "usmx.maps",
    "usmx.chart_export",
)
SCRIPTS = ("dashboard.py", "bench/bare_app.py")


def _importtime(module: str) -> float | None:
    """Seconds `import module` costs in a fresh interpreter (sum of its top-level imports)."""
    proc = subprocess.run(
        [PY, "-X", "importtime", "-c", f"import {module}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return None
    total = 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line.removeprefix("import time:").split("|", 2)
        if not name.startswith("  "):  # nested imports are indented by two more spaces
            total += int(cumulative)
    return total / 1e6


def _module_available(module: str) -> bool:
    names = [m.strip() for m in module.split(",")]
    code = (
        "import importlib.util, sys; "
        f"sys.exit(any(importlib.util.find_spec(m) is None for m in {names!r}))"
    )
    return subprocess.run([PY, "-c", code], cwd=ROOT, check=False).returncode == 0


def measure(bench: Bench, reps: int = 3) -> None:
    bench.section("import costs")
    costs = {}
    for module in IMPORT_MODULES:
        if not _module_available(module):
            costs[module] = None
            continue
        times = [t for t in (_importtime(module) for _ in range(reps)) if t is not None]
        costs[module] = summary(times)
        log(f"import {module}: {fmt_sum(costs[module])}")
    modules = {}
    for script in SCRIPTS:
        res = worker(["_modules", script], timeout=180)
        modules[script] = res.one("modules") or {"error": res.stderr[-500:]}
        log(f"modules after running {script}: {modules[script].get('present')}")
    bench.results[NAME] = {"costs": costs, "modules": modules}


def cmd_modules(args: list[str]) -> None:
    """Worker: run `args[0]` once under AppTest; which watched modules it loaded."""
    from streamlit.testing.v1 import AppTest

    before = set(sys.modules)
    start = time.perf_counter()
    at = AppTest.from_file(str(ROOT / args[0]), default_timeout=120).run()
    first_run = time.perf_counter() - start
    emit(
        "modules",
        present=[m for m in WATCH_MODULES if m in sys.modules],
        loaded_by_run=len(set(sys.modules) - before),
        first_run=first_run,
        total=len(sys.modules),
        exception=[str(e.message)[:300] for e in at.exception],
        plotly_charts=len(at.get("plotly_chart")),
    )


def render(bench: Bench) -> Rendered:
    measured = bench.results.get(NAME)
    if not measured:
        return Rendered()
    out = Rendered(
        [
            "## Import costs",
            "",
            (
                "`python -X importtime -c 'import X'` in a fresh interpreter: the sum of the "
                "top-level imports' cumulative times (what `import X` adds on its own), 3 runs."
            ),
            "",
            "| module | import time |",
            "|---|---|",
        ]
    )
    out.lines += [
        f"| `{m}` | {fmt_sum(s) if s else 'not importable'} |" for m, s in measured["costs"].items()
    ]
    out.lines.append("")
    mods = measured["modules"]
    out.lines += [
        "Modules present after one run of each script (AppTest, fresh process):",
        "",
        (
            "| script | watched modules loaded | modules loaded by the run | first run "
            "(imports, data, render) |"
        ),
        "|---|---|---|---|",
    ]
    for script, m in mods.items():
        if "error" in m:
            out.lines.append(f"| `{script}` | error: {m['error'][:120]} | — | — |")
        else:
            out.lines.append(
                f"| `{script}` | {', '.join(m['present']) or 'none'} | "
                f"{m['loaded_by_run']} (total {m['total']}) | {fmt_s(m['first_run'])} |"
            )
    out.lines.append("")
    app = mods.get("dashboard.py", {})
    if "present" in app:
        heavy = [m for m in MUST_NOT_LOAD if m in app["present"]]
        out.goals.append(
            Goal(
                "pydeck and kaleido not imported on the overview's path",
                ", ".join(heavy) or "neither loaded",
                not heavy,
                "" if not heavy else "imported at module level somewhere on the path",
            )
        )
    return out
