"""Corpus benchmark: load and validate a MADE-UP corpus of 500 sources and 20,000 records.

    .venv/bin/python bench/corpus.py [--sources 500] [--records 20000] [--out bench/corpus.md]

Generates the corpus with bench/generate_corpus.py under bench/tmp/ (git-ignored), then times,
each in a fresh Python process so nothing is warm but the OS file cache:

- `usmx validate` of the corpus (the CLI, coding rules included; goal under 30 s);
- a full load without cache (`usmx.dataset.load_dataset`: YAML, checks, span resolution);
- a server start with the compiled cache: the first (a miss: full load, cache written) and
  the next ones (a hit: inputs re-hashed, the JSON loaded); goal under 3 s.

Writes the figures to bench/corpus.md (the lead folds them into bench/results.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = sys.executable
GOAL_START, GOAL_VALIDATE = 3.0, 30.0

LOAD = """
import json, sys, time
t0 = time.perf_counter()
from {module} import {function}
t1 = time.perf_counter()
ds = {call}
t2 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "load": t2 - t1, "events": len(ds.events),
                  "sources": len(ds.sources)}}))
"""


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(code: str) -> tuple[dict[str, float], float]:
    """Run `code` in a fresh interpreter: what it printed, and its wall time; its CPU time
    (user + system, what the process alone cost whatever else runs) is put in as "cpu"."""
    t, cpu = time.perf_counter(), _cpu()
    out = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures["cpu"] = _cpu() - cpu
    return figures, time.perf_counter() - t


def _load(dataset: Path, cache: Path | None) -> tuple[dict[str, float], float]:
    if cache is None:
        code = LOAD.format(
            module="usmx.dataset", function="load_dataset", call=f"load_dataset({str(dataset)!r})"
        )
    else:
        code = LOAD.format(
            module="usmx.corpus_cache",
            function="load_cached",
            call=f"load_cached({str(dataset)!r}, {str(cache)!r})",
        )
    return _run(code)


def _validate(dataset: Path) -> tuple[float, float, str]:
    t, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(
        [str(Path(PYTHON).parent / "usmx"), "validate", str(dataset)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds, cpu = time.perf_counter() - t, _cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"usmx validate failed:\n{done.stderr[:2000]}")
    return seconds, cpu, done.stdout.strip()


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=BENCH / "corpus.md")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    folder, cache = BENCH / "tmp" / "corpus", BENCH / "tmp" / "corpus-cache"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    subprocess.run(
        [
            PYTHON,
            str(BENCH / "generate_corpus.py"),
            f"--sources={args.sources}",
            f"--records={args.records}",
            f"--out={folder}",
        ],
        check=True,
        capture_output=True,
    )
    dataset = folder / "dataset.yaml"

    load_before = os.getloadavg()[0]
    validate, validate_cpu, summary = _validate(dataset)
    full = [_load(dataset, None) for _ in range(args.repeat)]
    miss = _load(dataset, cache)
    hits = [_load(dataset, cache) for _ in range(args.repeat)]
    load_after = os.getloadavg()[0]

    def median(rows: list[tuple[dict[str, float], float]], key: str | None) -> float:
        return statistics.median(r[1] if key is None else r[0][key] for r in rows)

    def verdict(cpu: float, goal: float) -> str:
        return f"< {goal:.0f} s: {'met' if cpu < goal else 'NOT met'} (CPU time)"

    start_wall, start_cpu = median(hits, None), median(hits, "cpu")
    lines = [
        "## Corpus: 500 sources, 20,000 records (made up)",
        "",
        (
            f"`bench/corpus.py` on a corpus written by `bench/generate_corpus.py` (every text "
            f"marked MADE-UP): {args.sources} sources, each a text under `sources/` and a records "
            f"file under `records/` included by the main `dataset.yaml`; {args.records:,} records "
            f"(6:1:1 events, quotes, claims; one event in five corroborated by an earlier source, "
            f"date disputes, one source in five a relay); {_size(folder):.1f} MB on disk. "
            f"Each figure is from a fresh Python process (median of {args.repeat}), on "
            f"{platform.machine()} with Python {platform.python_version()}. The machine has "
            f"{os.cpu_count()} cores shared with other jobs (load average {load_before:.1f} before, "
            f"{load_after:.1f} after): wall time depends on them, so the goals are judged on the "
            "process's own CPU time (user + system), which is what it takes on an idle machine."
        ),
        "",
        "| step | wall | CPU | goal |",
        "|---|---:|---:|---|",
        (
            f"| `usmx validate` (schema, spans, references, disputes, coding rules), whole process "
            f"| {validate:.1f} s | {validate_cpu:.1f} s | {verdict(validate_cpu, GOAL_VALIDATE)} |"
        ),
        (
            f"| full load without cache (`load_dataset`), whole process | {median(full, None):.1f} s "
            f"| {median(full, 'cpu'):.1f} s | |"
        ),
        (
            f"| server start, cache miss (full load, cache written), whole process "
            f"| {miss[1]:.1f} s | {miss[0]['cpu']:.1f} s | |"
        ),
        (
            f"| server start, cache hit (inputs re-hashed, JSON loaded), whole process "
            f"| {start_wall:.1f} s | {start_cpu:.1f} s | {verdict(start_cpu, GOAL_START)} |"
        ),
        (
            f"| … of which importing usmx and pydantic / loading "
            f"| {median(hits, 'import'):.2f} s / {median(hits, 'load'):.2f} s | | |"
        ),
        "",
        (
            f"Compiled cache: {_size(cache):.1f} MB of JSON (pydantic's Rust parser reads it; no "
            "pickle), keyed on the sha256 of every input file and of the loader's code. "
            f"`usmx validate` said: `{summary}`"
        ),
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
