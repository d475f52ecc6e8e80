"""Sections written by scripts of their own: each writes markdown, make bench includes it.

A script section is a Python script that takes `--out PATH`, measures something and writes
one markdown section to PATH (its top heading `## Title`; a `# Title` is demoted), exiting 0
(a failure is reported in the results, not raised). `make bench` runs each listed script in
a fresh process with a time cap, after the built-in sections, keeps its markdown at `markdown`
(so the file stays readable on its own) and appends it to bench/results.md. To add one, write
the script and add a line to SCRIPT_SECTIONS; `--sections NAME` runs it alone.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.context import PY, ROOT, log


@dataclass(frozen=True)
class ScriptSection:
    name: str  # for --sections
    script: str  # relative to the repository root
    markdown: str  # where the script writes its section (passed as --out)
    timeout_s: float = 600


SCRIPT_SECTIONS = (
    ScriptSection("extraction", "bench/extraction.py", "bench/extraction.md"),
    ScriptSection("timeline", "bench/timeline.py", "bench/timeline.md"),
    ScriptSection("corpus", "bench/corpus.py", "bench/corpus.md"),
    ScriptSection("acled", "bench/acled.py", "bench/acled.md", timeout_s=1200),
)


def demote(markdown: str) -> str:
    """Headings one level down while the top one is `#`, so every section starts at `##`."""
    levels = [len(m[1]) for m in re.finditer(r"^(#+) ", markdown, flags=re.MULTILINE)]
    shift = max(0, 2 - min(levels, default=2))
    if not shift:
        return markdown
    return re.sub(
        r"^(#+) ", lambda m: "#" * (len(m[1]) + shift) + " ", markdown, flags=re.MULTILINE
    )


def run_script_section(section: ScriptSection) -> list[str]:
    """Run the script; its markdown as report lines, or a short section saying what failed."""
    out = ROOT / section.markdown
    cmd = [PY, str(ROOT / section.script), "--out", str(out)]
    start = time.perf_counter()
    failure = None
    try:
        proc = subprocess.run(
            cmd, cwd=ROOT, capture_output=True, text=True, timeout=section.timeout_s, check=False
        )
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout)[-1500:].splitlines()[1:]  # whole lines only
            failure = "\n".join([f"exit {proc.returncode}", *tail])
    except subprocess.TimeoutExpired:
        failure = f"killed at the cap ({section.timeout_s:.0f} s)"
    seconds = time.perf_counter() - start
    if failure is None and not (out.exists() and out.stat().st_mtime >= time.time() - seconds - 1):
        failure = f"it wrote no {section.markdown}"
    log(f"script section {section.name}: {failure or 'ok'} ({seconds:.1f} s)")
    if failure:
        first, *rest = failure.splitlines()
        detail = ["```", *rest[-20:], "```", ""] if rest else []
        return [f"## {section.name} (`{section.script}`)", "", f"Failed, {first}", "", *detail]
    text = demote(Path(out).read_text(encoding="utf-8")).rstrip()
    return [*text.splitlines(), "", f"*(Written by `{section.script}` in {seconds:.1f} s.)*", ""]
