"""Measurements that need a fresh interpreter run as workers: `python -m bench _<command>`.

A worker prints one `BENCH {json}` line per measurement, flushed at once, so a worker killed at
its time cap still hands over what it measured. COMMANDS names each command's function by
module, imported only in the worker that runs it: a worker that counts the modules a script
loads must not have loaded the bench's own (Playwright, the scale generator) first.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.context import PY, ROOT

COMMANDS = {
    "_modules": "bench.sections.imports:cmd_modules",
    "_apptest": "bench.reruns:cmd_apptest",
    "_export": "bench.sections.export:cmd_export",
    "_load": "bench.sections.scale_core:cmd_load",
    "_scale": "bench.sections.scale_core:cmd_scale",
    "_serve": "bench.servers:cmd_serve",
}


def run_command(name: str, args: list[str]) -> None:
    """Run the worker command `name` (a key of COMMANDS) with its arguments."""
    module, _, function = COMMANDS[name].partition(":")
    fn: Callable[[list[str]], None] = getattr(importlib.import_module(module), function)
    fn(args)


def emit(kind: str, **values: Any) -> None:
    """A worker's measurement, one line, flushed at once so a timeout keeps what was done."""
    print("BENCH " + json.dumps({"kind": kind, **values}, default=str), flush=True)


@dataclass
class WorkerResult:
    records: list[dict[str, Any]]
    timed_out: bool
    returncode: int | None
    stderr: str
    seconds: float

    def get(self, kind: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("kind") == kind]

    def one(self, kind: str) -> dict[str, Any] | None:
        found = self.get(kind)
        return found[-1] if found else None


def worker(args: list[str], *, timeout: float, env: dict[str, str] | None = None) -> WorkerResult:
    """Run `python -m bench <args>` in a fresh process group; its BENCH lines, even on timeout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "-m", "bench", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # kaleido's Chromium, if one was left
    records = [json.loads(line[6:]) for line in out.splitlines() if line.startswith("BENCH ")]
    return WorkerResult(
        records, timed_out, proc.returncode, err[-40000:], time.perf_counter() - start
    )
