"""`make bench` = `python -m bench`: measure the real app and write bench/results.md.

    python -m bench [--runs 5] [--sections cold,interaction,...,extraction] [--out PATH] [--strict]

Built-in sections (bench/sections/) run first, in order, sharing one Chromium; then the script
sections (bench/script_sections.py). A section that fails is reported as a note and the others
still run; results.md is written even after a SIGTERM. `--strict` exits 1 when a goal is not
met (or a section that ran could not measure it). `python -m bench _<command> ...` runs one
worker (bench/workers.py): measurements that need a fresh interpreter.
"""

from __future__ import annotations

import argparse
import signal
import sys
import traceback
from pathlib import Path
from typing import Any

from bench import report
from bench.context import BENCH, Bench, Rendered, discover_pages, loadavg, log
from bench.script_sections import SCRIPT_SECTIONS, run_script_section
from bench.sections import ORDER, section
from bench.workers import COMMANDS, run_command

BUILT_IN = tuple(name for name in ORDER if name != "env")  # env is always measured
SCRIPTS = {s.name: s for s in SCRIPT_SECTIONS}


def parse_args(argv: list[str]) -> argparse.Namespace:
    everything = (*BUILT_IN, *SCRIPTS)
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timed figure (>= 5)")
    parser.add_argument(
        "--sections", default=",".join(everything), help=f"comma list of {', '.join(everything)}"
    )
    parser.add_argument("--out", type=Path, default=BENCH / "results.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is not met")
    args = parser.parse_args(argv)
    args.wanted = [s.strip() for s in args.sections.split(",") if s.strip()]
    if unknown := sorted(set(args.wanted) - set(everything)):
        parser.error(f"unknown sections: {unknown} (known: {', '.join(everything)})")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        run_command(argv[0], argv[1:])
        return 0

    # A SIGTERM (timeout, Ctrl-C in make) must still run the finally blocks that stop servers.
    def on_term(*_: Any) -> None:
        log("SIGTERM received: stopping servers and writing what was measured")
        sys.exit(143)

    signal.signal(signal.SIGTERM, on_term)
    args = parse_args(argv)
    bench = Bench(runs=args.runs, pages=discover_pages())
    log(f"pages: {[p.name for p in bench.pages]}; sections: {args.wanted}")
    measured: list[str] = []
    scripts: list[list[str]] = []
    try:
        for name in ORDER:
            if name == "env" or name in args.wanted:
                measured.append(name)
                try:
                    section(name).measure(bench)
                except Exception as exc:  # noqa: BLE001 - one broken section must not lose the rest
                    bench.notes.append(f"Section {name} failed: {type(exc).__name__}: {exc}"[:600])
                    log(f"section {name} failed:\n{traceback.format_exc()}")
        bench.close()  # the browser is not needed by script sections
        for name, script in SCRIPTS.items():
            if name in args.wanted:
                bench.section(name)
                scripts.append(run_script_section(script))
    except SystemExit:
        where = bench.loads[-1][0] if bench.loads else "start"
        bench.notes.append(f"Interrupted (SIGTERM) during: {where}; later sections missing.")
        raise
    finally:
        bench.close()
        bench.loads.append(("end", loadavg()))
        parts = {name: _render(bench, name) for name in measured}
        raw = report.write(bench, report.render(bench, parts, scripts), args.out)
        log(f"wrote {args.out} (raw numbers: {raw})")
    failed = report.failed_goals(parts)
    for goal in failed:
        log(f"goal not met: {goal.name}: {goal.measured} {goal.why}")
    return 1 if failed and args.strict else 0


def _render(bench: Bench, name: str) -> Rendered:
    try:
        return section(name).render(bench)
    except Exception as exc:  # noqa: BLE001 - a section's numbers must not lose the report
        bench.notes.append(f"Section {name} could not be rendered: {type(exc).__name__}: {exc}")
        log(f"rendering {name} failed:\n{traceback.format_exc()}")
        return Rendered()


if __name__ == "__main__":
    sys.exit(main())
