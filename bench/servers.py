"""The bench's servers: harness.server.Server, timed, measured and kept still.

Differences from a test server: the file watcher is off (other engineers edit files while the
bench runs: no "source changed" prompts and no module reloads mid-measurement), the spawn time
is kept so health can be timed, RSS is read from /proc, and at scale the server is started
through `python -m bench _serve`, which installs the generated-file reader first.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.context import PY
from harness.server import Server

QUIET_FLAGS = ("--server.fileWatcherType", "none")


def proc_status_mb(pid: int, key: str) -> float | None:
    """A /proc/<pid>/status field in MB (VmRSS, VmHWM)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            text = stat.read_text()
            ppid = int(text.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                kids.append(int(stat.parent.name))
    return kids


def rss_tree(pid: int) -> tuple[float, float]:
    """(RSS of pid, RSS of all its descendants) in MB."""
    own = proc_status_mb(pid, "VmRSS") or 0.0
    rest, todo = 0.0, _children(pid)
    while todo:
        kid = todo.pop()
        rest += proc_status_mb(kid, "VmRSS") or 0.0
        todo += _children(kid)
    return own, rest


class BenchServer(Server):
    """A server that is not waited for on creation: `wait_healthy()` returns its seconds."""

    def __init__(self, script: str, *, env: dict[str, str] | None = None, fast: bool = False):
        launcher = (PY, "-m", "bench", "_serve") if fast else (PY, "-m", "streamlit")
        super().__init__(script, env=env, flags=QUIET_FLAGS, launcher=launcher, wait=False)

    def wait_healthy(self, timeout: float = 120, poll: float = 0.02) -> float:
        return super().wait_healthy(timeout, poll)

    def rss(self) -> tuple[float, float]:
        return rss_tree(self.proc.pid)

    def stop(self) -> None:
        super().stop()
        with contextlib.suppress(OSError):
            self.log.unlink()


@contextlib.contextmanager
def server(script: str = "dashboard.py", **kwargs: Any) -> Iterator[BenchServer]:
    srv = BenchServer(script, **kwargs)
    try:
        srv.wait_healthy()
        yield srv
    finally:
        srv.stop()


def cmd_serve(args: list[str]) -> None:
    """Worker: `streamlit <args>` in this process, after installing the generated-file reader."""
    from streamlit.web import cli as stcli

    from bench import generate

    generate.install_fast_reader()
    sys.argv = ["streamlit", *args]
    sys.exit(stcli.main())
