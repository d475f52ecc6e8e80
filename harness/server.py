"""A real Streamlit server for tests, the bench and scripts: `streamlit run dashboard.py`.

Each server listens on 127.0.0.1 on a free port (or a given one: a restart where a user's tab
points), runs in its own process group so that stopping it also stops anything it started, and
is used only once /_stcore/health answers ok. Its output goes to a log file whose end is quoted
when the server dies early.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A new server imports streamlit, pandas and plotly before it answers: seconds on an idle
# 2-core box, much more while a test suite or other jobs share it. Generous on purpose: a
# healthy server answers as soon as it can, so the bound only matters for a broken one.
HEALTH_TIMEOUT_S = 180.0
STOP_GRACE_S = 10.0
STREAMLIT = (sys.executable, "-m", "streamlit")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(
    proc: subprocess.Popen,
    url: str,
    log: Path,
    timeout: float = HEALTH_TIMEOUT_S,
    poll: float = 0.2,
) -> None:
    """Until `url`'s /_stcore/health says ok; a server that exits raises with its log's end."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited ({proc.returncode}): {_tail(log)}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as r,
        ):
            if r.read() == b"ok":
                return
        time.sleep(poll)
    raise RuntimeError(f"streamlit at {url} not healthy after {timeout:.0f} s: {_tail(log)}")


def _tail(log: Path, chars: int = 2000) -> str:
    try:
        return log.read_text(errors="replace")[-chars:]
    except OSError:
        return f"(no log at {log})"


def stop_group(proc: subprocess.Popen, grace: float = STOP_GRACE_S) -> None:
    """SIGTERM the process group (streamlit and anything it started), SIGKILL after `grace` s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class Server:
    """`streamlit run <script>` on a loopback port, in its own process group.

    `flags`: more `streamlit run` options (the bench turns the file watcher off). `launcher`:
    the command that takes `run SCRIPT ...`, by default `python -m streamlit` (the bench starts
    its own wrapper that installs a fast reader first). `wait=False` returns at once, so a
    caller can time `wait_healthy()` itself; `started` is the spawn time (perf_counter).
    """

    def __init__(
        self,
        script: str = "dashboard.py",
        *,
        env: dict[str, str] | None = None,
        port: int = 0,
        flags: Sequence[str] = (),
        launcher: Sequence[str] = STREAMLIT,
        log_dir: Path | None = None,
        wait: bool = True,
    ):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            *launcher, "run", script,
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            *flags,
        ]  # fmt: skip
        log_dir = log_dir or Path(tempfile.gettempdir())
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log = (log_dir / f"usmx-streamlit-{self.port}.log").resolve()
        self.started = time.perf_counter()
        with self.log.open("wb") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env={**os.environ, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if wait:
            try:
                self.wait_healthy()
            except BaseException:
                self.stop()
                raise

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT_S, poll: float = 0.2) -> float:
        """Wait for /_stcore/health; seconds from spawn until it answered."""
        wait_healthy(self.proc, self.url, self.log, timeout, poll)
        return time.perf_counter() - self.started

    def stop(self) -> None:
        stop_group(self.proc)

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would: no shutdown code runs."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


@contextlib.contextmanager
def running_server(script: str = "dashboard.py", **kwargs) -> Iterator[Server]:
    """A healthy Server for the `with` block, stopped (process group and all) after it."""
    server = Server(script, **kwargs)
    try:
        yield server
    finally:
        server.stop()
