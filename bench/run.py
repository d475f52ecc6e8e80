"""The benchmark behind `make bench`: real Streamlit server, real headless Chromium.

Measures cold start (against bench/bare_app.py), import costs, the modules on the overview's
path, filter interaction on every page (browser and server-side), server memory, chart export
and scale (generated datasets of 10k and 100k events), and writes bench/results.md.

    .venv/bin/python bench/run.py [--runs 5] [--sections cold,interaction,...] [--out PATH]

Pages are discovered without importing the app: usmx/ui/navigation.py (or dashboard.py) is
parsed for its PAGES list, so a page is measured as soon as its script exists. Every server
listens on 127.0.0.1 on a free port and is stopped with its process group. Measurements that
cannot finish in bounded time are capped by a timeout and reported as such.

Internal subcommands (run in fresh subprocesses, they print `BENCH {json}` lines):
`_modules SCRIPT`, `_apptest`, `_export`, `_load PATH`, `_scale PATH`,
`_serve STREAMLIT-ARGS...`.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import datetime as dt
import functools
import importlib.metadata
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
# The test suite's server and browser helpers, so bench and tests start them the same way.
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, stop_group
from tests.browser import wait_healthy as wait_for_health

PY = sys.executable
ACTOR_KEY = "actor"  # the sidebar multiselect's key (usmx.filters.P_ACTORS)
ACTOR_ID = "trump"  # the actor the interaction benchmark selects
ACTOR_TEXT = "Donald Trump"  # in its option label in both languages
SCALE_SIZES = (10_000, 100_000)
SECTIONS = ("env", "imports", "cold", "interaction", "memory", "export", "scale")

# Goals from the issue.
GOAL_COLD_RATIO = 1.5
GOAL_RERUN_SERVER_S = 0.050
GOAL_RERUN_BROWSER_S = 0.300
GOAL_RSS_ONE_MB = 250
GOAL_FILTER_100K_S = 0.5
# "No growth per rerun", made checkable: the median RSS of the last 10 of 50 reruns is less
# than 5 MB (0.1 MB per rerun) above that of reruns 1-10. RSS moves by ±1-2 MB on its own
# (allocator), so 50 reruns cannot resolve a leak much smaller than that.
GOAL_GROWTH_MB = 5.0
# "Map usable at 100k", made checkable: drawn points capped (usmx.maps.MAX_POINTS) and the map
# page settles in the browser within 2 s of a filter change.
GOAL_MAP_SETTLE_S = 2.0

T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:6.1f}s] {msg}", flush=True)


# --- pages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    name: str  # url path, also the page's name in the report
    script: str | None  # None for the overview (a function page in dashboard.py)

    def exists(self) -> bool:
        return self.script is None or (ROOT / self.script).exists()

    def url(self, base: str) -> str:
        # The default page lives at "/": "/overview" shows Streamlit's "Page not found".
        return f"{base}/" if self.script is None else f"{base}/{self.name}"


def _pages_literal(path: Path) -> list[tuple[str, str, str, str]] | None:
    """The PAGES list of a module, read without importing it: tuples or PageSpec(...) calls."""
    if not path.exists():
        return None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign):
            target = node.target
        if not (isinstance(target, ast.Name) and target.id == "PAGES"):
            continue
        if not isinstance(node.value, ast.List | ast.Tuple):
            return None
        out = []
        for item in node.value.elts:
            args = item.elts if isinstance(item, ast.Tuple) else getattr(item, "args", [])
            values = [a.value for a in args if isinstance(a, ast.Constant)]
            if len(values) >= 3:
                out.append(tuple(values[:4]))
        return out
    return None


def discover_pages() -> list[Page]:
    """The overview, then every page of PAGES whose script exists, in menu order."""
    found = _pages_literal(ROOT / "usmx" / "ui" / "navigation.py")
    if found is None:
        found = _pages_literal(ROOT / "dashboard.py") or []
    pages = [Page("overview", None)]
    pages += [Page(url_path, script) for _key, script, url_path, *_ in found]
    return [p for p in pages if p.exists()]


# --- numbers -----------------------------------------------------------------------------------


def summary(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_sum(s: dict[str, float] | None, unit: Callable[[float], str] = fmt_s) -> str:
    if not s:
        return "—"
    return f"**{unit(s['median'])}** ({unit(s['min'])} – {unit(s['max'])}, n={s['n']})"


def verdict(ok: bool | None) -> str:
    return {True: "✅ met", False: "❌ not met", None: "— not measured"}[ok]


def slope(values: list[float]) -> float:
    """Least-squares slope of values against their index."""
    n = len(values)
    if n < 2:
        return 0.0
    mx, my = (n - 1) / 2, statistics.fmean(values)
    num = sum((i - mx) * (v - my) for i, v in enumerate(values))
    return num / sum((i - mx) ** 2 for i in range(n))


def loadavg() -> str:
    return " / ".join(f"{v:.1f}" for v in os.getloadavg())


# --- processes ---------------------------------------------------------------------------------


def _status(pid: int, key: str) -> float | None:
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
    own = _status(pid, "VmRSS") or 0.0
    rest, todo = 0.0, _children(pid)
    while todo:
        kid = todo.pop()
        rest += _status(kid, "VmRSS") or 0.0
        todo += _children(kid)
    return own, rest


class Server:
    """A Streamlit server in its own process group on a free loopback port."""

    def __init__(self, script: str, *, env: dict[str, str] | None = None, fast: bool = False):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = [
            "run", script,
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            # Other engineers edit files while the bench runs: no "source changed" prompts and
            # no module reloads in the middle of a measurement.
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        # `fast`: the same server through `bench/run.py _serve`, which installs the generated
        # file reader first (scale section only).
        cmd = [PY, str(BENCH / "run.py"), "_serve", *args] if fast else [PY, "-m", "streamlit"]
        if not fast:
            cmd += args
        self.log = Path(tempfile.gettempdir()) / f"usmx-bench-streamlit-{self.port}.log"
        self.started = time.perf_counter()
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env={**os.environ, **(env or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_healthy(self, timeout: float = 120) -> float:
        """Seconds from spawn until /_stcore/health answers ok."""
        wait_for_health(self.proc, self.base, self.log, timeout, poll=0.02)
        return time.perf_counter() - self.started

    def rss(self) -> tuple[float, float]:
        return rss_tree(self.proc.pid)

    def stop(self) -> None:
        stop_group(self.proc)
        with contextlib.suppress(OSError):
            self.log.unlink()


@contextlib.contextmanager
def server(script: str = "dashboard.py", **kwargs: Any) -> Iterator[Server]:
    srv = Server(script, **kwargs)
    try:
        srv.wait_healthy()
        yield srv
    finally:
        srv.stop()


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
    """Run `bench/run.py <args>` in a fresh process; collect its BENCH lines, even on timeout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, str(BENCH / "run.py"), *args],
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


def emit(kind: str, **values: Any) -> None:
    """A worker's measurement, one line, flushed at once so a timeout keeps what was done."""
    print("BENCH " + json.dumps({"kind": kind, **values}, default=str), flush=True)


# --- browser -----------------------------------------------------------------------------------

# Instruments the page before Streamlit starts: counts the server's "script finished" messages
# (ForwardMsg field 6, read from the WebSocket frames: a run too fast to ever render the
# "running" state still counts), remembers the last DOM change and when the user last pressed
# something, all in the page's own clock.
INIT_JS = """
(() => {
  window.__usmxFinished = 0;
  window.__usmxFinishedAt = 0;
  window.__usmxLastMutation = 0;
  const varint = (b, i) => {
    let v = 0, s = 0, x;
    do { x = b[i++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80 && i < b.length);
    return [v, i];
  };
  const scriptFinished = (b) => {
    let i = 0;
    while (i < b.length) {
      let tag, n;
      [tag, i] = varint(b, i);
      const field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { [n, i] = varint(b, i); if (field === 6) return true; }
      else if (wire === 2) { [n, i] = varint(b, i); i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  };
  const seen = (buf) => {
    if (scriptFinished(new Uint8Array(buf))) {
      window.__usmxFinished++;
      window.__usmxFinishedAt = performance.now();
    }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        if (ev.data instanceof ArrayBuffer) seen(ev.data);
        else if (ev.data instanceof Blob) ev.data.arrayBuffer().then(seen);
      });
    }
  };
  new MutationObserver(() => { window.__usmxLastMutation = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  for (const ev of ['pointerdown', 'keydown'])
    document.addEventListener(ev, () => { window.__usmxPressedAt = performance.now(); }, true);
})();
"""

# Settled: a new run finished, the app says notRunning, no status widget, main content
# present, every plotly chart drawn (.main-svg) and every deck.gl map has its canvas, and the
# DOM has been quiet for `quiet` ms. The settle time is the last DOM change (or the finish
# message, if later); the function returns how long ago that was, in ms.
SETTLED_JS = """(exp) => {
  if (window.__usmxFinished < exp.finished) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]') || document;
  if (!main.querySelector(exp.content)) return false;
  const plots = main.querySelectorAll('[data-testid="stPlotlyChart"]');
  if (plots.length < exp.plots) return false;
  for (const p of plots) if (!p.querySelector('.main-svg')) return false;
  const decks = main.querySelectorAll('[data-testid="stDeckGlJsonChart"]');
  if (decks.length < exp.decks) return false;
  for (const d of decks) if (!d.querySelector('canvas')) return false;
  const last = Math.max(window.__usmxLastMutation, window.__usmxFinishedAt);
  const ago = performance.now() - last;
  if (ago < exp.quiet) return false;
  window.__usmxSettledAt = last;
  return ago;
}"""

COUNTS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document;
  return {
    plots: main.querySelectorAll('[data-testid="stPlotlyChart"]').length,
    decks: main.querySelectorAll('[data-testid="stDeckGlJsonChart"]').length,
    metrics: main.querySelectorAll('[data-testid="stMetric"], .usmx-headline dd').length,
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
  };
}"""


@dataclass
class Expect:
    plots: int = 0
    decks: int = 0
    content: str = '[data-testid="stHeading"], [data-testid="stMarkdown"]'

    def js(self, finished: int = 1) -> dict[str, Any]:
        return {
            "plots": self.plots,
            "decks": self.decks,
            "content": self.content,
            "finished": finished,
            "quiet": QUIET_MS,
        }


QUIET_MS = 300  # no DOM change for this long after the run: the page is settled


def runs_so_far(page: Any) -> int:
    """Script runs finished in this page so far."""
    return page.evaluate("window.__usmxFinished")


DIAGNOSE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  const main = document.querySelector('[data-testid="stMain"]') || document;
  return {
    state: app && app.getAttribute('data-test-script-state'),
    finished: window.__usmxFinished,
    status: status && status.innerText.slice(0, 80),
    plots: main.querySelectorAll('[data-testid="stPlotlyChart"]').length,
    drawn: main.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length,
    decks: main.querySelectorAll('[data-testid="stDeckGlJsonChart"]').length,
  };
}"""


class NotSettled(RuntimeError):
    """A page did not settle in time; says what the page looked like."""


def wait_settled(page: Any, expect: Expect, *, finished: int = 1, timeout_s: float = 60) -> float:
    """Wait until settled (see SETTLED_JS); return how many seconds ago it settled."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        handle = page.wait_for_function(
            SETTLED_JS, arg=expect.js(finished), polling="raf", timeout=timeout_s * 1000
        )
        return handle.json_value() / 1000
    except PlaywrightTimeout:
        shot = Path(tempfile.gettempdir()) / f"usmx-bench-timeout-{time.time():.0f}.png"
        with contextlib.suppress(*BROWSER_ERRORS):
            page.screenshot(path=str(shot))
        state = page.evaluate(DIAGNOSE_JS)
        raise NotSettled(
            f"not settled after {timeout_s:.0f} s at {page.url}: wanted {expect.js(finished)}, "
            f"saw {state} (screenshot {shot})"
        ) from None


def new_page(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(INIT_JS)
    return context, context.new_page()


def open_page(page: Any, url: str, expect: Expect, timeout_s: float = 120) -> float:
    """Load `url` in a fresh session; seconds until settled."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    ago = wait_settled(page, expect, timeout_s=timeout_s)
    return time.perf_counter() - ago - start


DISCOVER_PAUSE_S = 1.5


def discover_expect(page: Any, url: str) -> tuple[Expect, dict[str, int], float]:
    """What a page draws when fully loaded (the counts later waits insist on); load seconds."""
    load = open_page(page, url, Expect())
    page.wait_for_timeout(DISCOVER_PAUSE_S * 1000)  # let late components mount
    wait_settled(page, Expect())
    counts = page.evaluate(COUNTS_JS)
    return Expect(plots=counts["plots"], decks=counts["decks"]), counts, load


def _actor_box(page: Any) -> Any:
    return page.locator(f".st-key-{ACTOR_KEY}").get_by_role("combobox")


class FilterNotApplied(RuntimeError):
    """The page reran but the URL does not show the filter change: nothing was measured."""


def _url_actors(page: Any) -> list[str]:
    return parse_qs(urlparse(page.url).query).get(ACTOR_KEY, [])


def select_actor(page: Any, expect: Expect, timeout_s: float = 60) -> float:
    """Pick the actor in the sidebar filter; browser seconds from the press to settled."""
    _actor_box(page).click()
    option = page.get_by_role("option").filter(has_text=ACTOR_TEXT).first
    option.wait_for(state="visible", timeout=timeout_s * 1000)
    before = runs_so_far(page)
    option.click()
    wait_settled(page, expect, finished=before + 1, timeout_s=timeout_s)
    seconds = page.evaluate("(window.__usmxSettledAt - window.__usmxPressedAt) / 1000")
    if ACTOR_ID not in _url_actors(page):
        raise FilterNotApplied(f"picking {ACTOR_TEXT} reran the page but {page.url} has no filter")
    return seconds


def clear_actor(page: Any, expect: Expect, timeout_s: float = 60) -> float:
    """Remove the chosen actor again (Backspace in the focused box); browser seconds."""
    _actor_box(page).focus()
    before = runs_so_far(page)
    page.keyboard.press("Backspace")
    wait_settled(page, expect, finished=before + 1, timeout_s=timeout_s)
    seconds = page.evaluate("(window.__usmxSettledAt - window.__usmxPressedAt) / 1000")
    page.keyboard.press("Escape")
    if ACTOR_ID in _url_actors(page):
        raise FilterNotApplied(f"Backspace reran the page but {page.url} still has the filter")
    return seconds


def _click_nav(page: Any, base: str, target: Page) -> int:
    """Click the sidebar menu's link to `target`; return the finished-run count before it.

    Each link sits in a container keyed by its page (usmx.ui.context.menu).
    """
    link = page.locator(f".st-key-nav_{target.name} a")
    if link.count() != 1:
        raise RuntimeError(f"no menu link to {target.name} at {page.url}")
    before = runs_so_far(page)
    link.click()
    return before


def nav_to(page: Any, base: str, target: Page, expect: Expect, timeout_s: float = 60) -> None:
    """Switch page inside the same session, through the sidebar navigation."""
    before = _click_nav(page, base, target)
    wait_settled(page, expect, finished=before + 1, timeout_s=timeout_s)


def _browser_errors() -> tuple[type[Exception], ...]:
    from playwright.sync_api import Error

    # RuntimeError: NotSettled, FilterNotApplied, a missing link or a dead server.
    return (Error, RuntimeError)


BROWSER_ERRORS = _browser_errors()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- results -----------------------------------------------------------------------------------


@dataclass
class Report:
    runs: int
    results: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    loads: list[tuple[str, str]] = field(default_factory=list)

    def section(self, name: str) -> None:
        self.loads.append((name, loadavg()))
        log(f"== {name} (load average {loadavg()})")


# --- sections: environment and imports ---------------------------------------------------------


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def env_section(rep: Report) -> None:
    rep.section("machine and versions")
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = _meminfo("MemTotal")
    chromium_version = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    rep.results["env"] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)),
        "ram_gb": round(mem / 1024 / 1024, 1) if mem else None,
        "cpu": cpu,
        "kernel": platform.release(),
        "versions": {
            "python": platform.python_version(),
            **{
                d: _version(d)
                for d in ("streamlit", "plotly", "pandas", "pydeck", "kaleido", "pydantic")
            },
            "pyyaml": _version("PyYAML"),
            "playwright": _version("playwright"),
            "chromium": chromium_version or "not found",
        },
        "load_start": loadavg(),
    }


def _meminfo(key: str) -> int | None:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


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
    # Everything dashboard.py imports before it draws the overview.
    "streamlit, usmx.ui.context, usmx.ui.overview, usmx.ui.navigation",
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


def imports_section(rep: Report, reps: int = 3) -> None:
    rep.section("import costs")
    costs = {}
    for module in IMPORT_MODULES:
        if not _module_available(module):
            costs[module] = None
            continue
        times = [t for t in (_importtime(module) for _ in range(reps)) if t is not None]
        costs[module] = summary(times)
        log(f"import {module}: {fmt_sum(costs[module])}")
    rep.results["imports"] = costs
    paths = {}
    for script in ("dashboard.py", "bench/bare_app.py"):
        res = worker(["_modules", script], timeout=180)
        paths[script] = res.one("modules") or {"error": res.stderr[-500:]}
        log(f"modules after running {script}: {paths[script].get('present')}")
    rep.results["modules"] = paths


def cmd_modules(script: str) -> None:
    from streamlit.testing.v1 import AppTest

    before = set(sys.modules)
    start = time.perf_counter()
    at = AppTest.from_file(str(ROOT / script), default_timeout=120).run()
    first_run = time.perf_counter() - start
    present = [m for m in WATCH_MODULES if m in sys.modules]
    emit(
        "modules",
        present=present,
        loaded_by_run=len(set(sys.modules) - before),
        first_run=first_run,
        total=len(sys.modules),
        exception=[str(e.message)[:300] for e in at.exception],
        plotly_charts=len(at.get("plotly_chart")),
    )


# --- section: cold start -----------------------------------------------------------------------


def cold_start_once(browser: Any, script: str, expect: Expect) -> dict[str, float]:
    """Seconds from spawning streamlit to: health ok, first script run finished, page drawn."""
    srv = Server(script)
    try:
        health = srv.wait_healthy()
        context, page = new_page(browser)
        try:
            opened = time.perf_counter()
            page.goto(srv.base + "/", wait_until="commit", timeout=120_000)
            ago = wait_settled(page, expect, timeout_s=120)
            drawn = time.perf_counter() - ago - srv.started
            # The page clock starts at navigation, i.e. when goto started.
            finished_ms = page.evaluate("window.__usmxFinishedAt")
            finished = opened - srv.started + finished_ms / 1000
        finally:
            context.close()
        return {"health": health, "finished": finished, "drawn": drawn}
    finally:
        srv.stop()


def cold_section(rep: Report, browser: Any, expects: dict[str, Expect]) -> None:
    rep.section("cold start")
    with server() as srv:
        context, page = new_page(browser)
        try:
            app_expect, counts, _ = discover_expect(page, srv.base + "/")
        finally:
            context.close()
    expects.setdefault("overview", app_expect)
    bare_expect = Expect(content='[data-testid="stMarkdown"]')
    results: dict[str, dict[str, list[float]]] = {
        "app": {"health": [], "finished": [], "drawn": []},
        "bare": {"health": [], "finished": [], "drawn": []},
    }
    for i in range(rep.runs + 1):  # run 0 warms the disk cache and is discarded
        order = [("app", "dashboard.py", app_expect), ("bare", "bench/bare_app.py", bare_expect)]
        if i % 2:
            order.reverse()
        for name, script, expect in order:
            got = cold_start_once(browser, script, expect)
            log(f"cold {name} run {i}: " + ", ".join(f"{k} {fmt_s(v)}" for k, v in got.items()))
            if i:
                for k, v in got.items():
                    results[name][k].append(v)
    ratios = [a / b for a, b in zip(results["app"]["drawn"], results["bare"]["drawn"], strict=True)]
    rep.results["cold"] = {
        "overview_counts": counts,
        "app": {k: summary(v) for k, v in results["app"].items()},
        "bare": {k: summary(v) for k, v in results["bare"].items()},
        "ratio": summary(ratios),
        "ratio_of_medians": statistics.median(results["app"]["drawn"])
        / statistics.median(results["bare"]["drawn"]),
    }


# --- section: interaction ----------------------------------------------------------------------


def browser_interaction(
    browser: Any,
    base: str,
    pages: list[Page],
    runs: int,
    expects: dict[str, Expect],
    *,
    skip: dict[str, str] | None = None,
    timeout_s: float = 60,
) -> dict[str, Any]:
    """Per page: load time of a fresh session, and `runs` timed actor selections."""
    out: dict[str, Any] = {}
    for pg in pages:
        if skip and pg.name in skip:
            out[pg.name] = {"error": skip[pg.name]}
            continue
        context, page = new_page(browser)
        entry: dict[str, Any] = {}
        try:
            if pg.name in expects:
                expect = expects[pg.name]
                entry["load"] = open_page(page, pg.url(base), expect, timeout_s=max(120, timeout_s))
            else:  # the first visit of this page: learn what it draws, and time that load
                expect, entry["counts"], entry["load"] = discover_expect(page, pg.url(base))
                expects[pg.name] = expect
            times = []
            for _ in range(runs):
                times.append(select_actor(page, expect, timeout_s))
                clear_actor(page, expect, timeout_s)
            entry["select"] = summary(times)
            log(
                f"browser {pg.name}: load {fmt_s(entry['load'])}, select {fmt_sum(entry['select'])}"
            )
        except BROWSER_ERRORS as exc:  # a timeout or a broken page is a result, not a crash
            entry["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:500]}"
            log(f"browser {pg.name}: {entry['error']}")
        finally:
            context.close()
        out[pg.name] = entry
    return out


def apptest_reruns(
    pages: list[Page],
    reruns: int,
    *,
    warmups: int = 2,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    baseline: bool = True,
    profile: int = 0,
) -> dict[str, Any]:
    """Server-side rerun times of `pages`, all in one fresh process (capped at `timeout`).

    With `profile`, that many more reruns are profiled to name the slowest functions.
    """
    spec = json.dumps(
        {
            "pages": [[p.name, p.script] for p in pages],
            "reruns": reruns,
            "warmups": warmups,
            "baseline": baseline,
            "profile": profile,
            # Just before the cap, the worker prints every thread's stack (faulthandler):
            # a page killed at the cap is reported with where it was.
            "stack_at": max(1.0, timeout - 3),
        }
    )
    res = worker(["_apptest", spec], timeout=timeout, env=env)
    out: dict[str, Any] = {r["page"]: r for r in res.get("apptest")}
    stack = stuck_frames(res.stderr) if res.timed_out else []
    for pg in pages:
        if pg.name not in out:
            why = f"> {timeout:.0f} s (killed at the cap)" if res.timed_out else res.stderr[-300:]
            out[pg.name] = {"page": pg.name, "error": why, "stack": stack}
            stack = []  # the first missing page is the one that was running
    if res.one("baseline"):
        out["_bare"] = res.one("baseline")
    return out


def stuck_frames(stderr: str, depth: int = 4) -> list[str]:
    """Innermost project frames of the faulthandler dump in `stderr` ("usmx/charts.py:271 f")."""
    frame = re.compile(r'File "(.+)", line (\d+) in (.+)')
    best: list[str] = []
    for block in re.split(r"\n(?=Thread 0x|Current thread 0x)", stderr):
        found = []
        for m in frame.finditer(block):
            path = Path(m[1])
            if ROOT in path.parents and ".venv" not in path.parts and BENCH not in path.parents:
                found.append(f"{path.relative_to(ROOT)}:{m[2]} {m[3].strip()}")
        if len(found) > len(best):
            best = found
    return best[:depth]


def cmd_apptest(spec_json: str) -> None:
    """Server-side seconds per rerun after an actor filter change, page by page (AppTest)."""
    import faulthandler

    from streamlit.testing.v1 import AppTest

    spec = json.loads(spec_json)
    faulthandler.dump_traceback_later(spec["stack_at"], exit=False)
    reruns = spec["reruns"]
    if os.environ.get("USMX_BENCH_FAST"):
        sys.path.insert(0, str(BENCH))
        import generate

        generate.install_fast_reader()
    for name, script in spec["pages"]:
        start = time.perf_counter()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600).run()
        if script:
            at.switch_page(script).run()
        first = time.perf_counter() - start
        if at.exception:
            emit("apptest", page=name, error=str(at.exception[0].message)[:300], first=first)
            continue
        times = []
        warmups = spec["warmups"]  # the first change to each value is not timed
        for i in range(reruns + warmups):
            box = at.sidebar.multiselect(key=ACTOR_KEY)
            box.set_value([ACTOR_ID] if i % 2 == 0 else [])
            t = time.perf_counter()
            at.run()
            if i >= warmups:
                times.append(time.perf_counter() - t)
        # Views not seen before: a different single actor each time, so no cached chart
        # (usmx.ui.charts) is reused. What the first reader of a new filter waits for.
        new_times = []
        for actor_id in _other_actor_ids()[:reruns]:
            at.sidebar.multiselect(key=ACTOR_KEY).set_value([actor_id])
            t = time.perf_counter()
            at.run()
            new_times.append(time.perf_counter() - t)
        extra: dict[str, Any] = {"rerun_new": summary(new_times) if new_times else None}
        if spec.get("profile"):
            extra["hot"] = _profile_reruns(at, spec["profile"])
        decks = at.get("deck_gl_json_chart")
        if decks:
            extra["deck"] = _deck_info(json.loads(decks[0].proto.json))
        emit(
            "apptest",
            page=name,
            first=first,
            rerun=summary(times),
            error=str(at.exception[0].message)[:300] if at.exception else None,
            plotly_charts=len(at.get("plotly_chart")),
            **extra,
        )
    if not spec["baseline"]:
        return
    # The harness's own floor: the same rerun of a one-line app.
    at = AppTest.from_file(str(BENCH / "bare_app.py")).run()
    times = []
    for _ in range(reruns):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    emit("baseline", rerun=summary(times))


@functools.lru_cache(maxsize=1)
def _other_actor_ids() -> list[str]:
    """Ids of the served dataset's actors involved in some event, ACTOR_ID excluded."""
    from usmx.dataset import DEFAULT_DATASET, load_dataset

    ds = load_dataset(os.environ.get("USMX_DATASET", DEFAULT_DATASET))
    involved = {link.actor_id for ev in ds.events for link in ev.actors}
    return [a.id for a in ds.actors if a.id in involved and a.id != ACTOR_ID]


HOT_SKIP = {"<module>", "render", "build", "current", "show_registered", "show_chart", "figure"}


def _profile_reruns(at: Any, reruns: int, top: int = 5) -> list[tuple[str, float]]:
    """The project's functions that take the most time per rerun (cumulative, profiled).

    Script runs happen on AppTest's own thread, so a profiler is started in every new thread.
    Wrappers (page bodies, `show_registered`) are left out: the list names the work.
    """
    import cProfile
    import pstats
    import threading

    profiles: list[cProfile.Profile] = []

    def start(*_: Any) -> None:
        prof = cProfile.Profile()
        profiles.append(prof)
        prof.enable()

    threading.setprofile(start)
    try:
        for i in range(reruns):
            at.sidebar.multiselect(key=ACTOR_KEY).set_value([ACTOR_ID] if i % 2 == 0 else [])
            at.run()
    finally:
        threading.setprofile(None)
    stats = None
    for prof in profiles:
        prof.disable()
        stats = pstats.Stats(prof) if stats is None else stats.add(prof)
    if stats is None:
        return []
    hot = []
    for (file, _line, func), row in stats.stats.items():  # type: ignore[attr-defined]
        path = Path(file)
        if func in HOT_SKIP or ROOT / "usmx" not in path.parents:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        hot.append((f"{module}.{func}", row[3] / reruns))  # row[3]: cumulative seconds
    return sorted(hot, key=lambda h: -h[1])[:top]


def _deck_info(deck: dict[str, Any]) -> dict[str, Any]:
    layers = []
    for layer in deck.get("layers", []):
        data = layer.get("data")
        rows = len(data) if isinstance(data, list) else None
        if isinstance(data, dict) and "features" in data:
            rows = len(data["features"])
        layers.append({"id": layer.get("id"), "type": layer.get("@@type"), "rows": rows})
    return {"layers": layers}


def interaction_section(
    rep: Report, browser: Any, pages: list[Page], expects: dict[str, Expect]
) -> None:
    rep.section("interaction")
    with server() as srv:
        rep.results["browser"] = browser_interaction(browser, srv.base, pages, rep.runs, expects)
    log("server-side reruns (AppTest)")
    rep.results["apptest"] = apptest_reruns(pages, reruns=15, profile=4)
    for name, r in rep.results["apptest"].items():
        log(f"apptest {name}: {fmt_sum(r.get('rerun'))} {r.get('error') or ''}")


# --- section: memory ---------------------------------------------------------------------------


def visit_all(tabs: list[Any], base: str, pages: list[Page], expects: dict[str, Expect]) -> None:
    """Each tab (its own session) opens the overview, then every page through the sidebar.

    All tabs take each step together, so several sessions load the server at once.
    """
    for step, target in enumerate(pages):
        expect = expects.get(target.name, Expect())
        if step == 0:
            for tab in tabs:
                tab.goto(target.url(base), wait_until="commit", timeout=120_000)
            befores = [0] * len(tabs)
        else:
            befores = [_click_nav(tab, base, target) for tab in tabs]
        for tab, before in zip(tabs, befores, strict=True):
            wait_settled(tab, expect, finished=before + 1, timeout_s=120)


def memory_section(
    rep: Report, browser: Any, pages: list[Page], expects: dict[str, Expect]
) -> None:
    rep.section("memory")
    mem: dict[str, Any] = {}
    contexts = []
    with server() as srv:
        try:
            mem["idle"] = srv.rss()
            context, page = new_page(browser)
            contexts.append(context)
            visit_all([page], srv.base, pages, expects)
            mem["one_session"] = srv.rss()
            log(f"RSS after one session on every page: {mem['one_session'][0]:.0f} MB")
            tabs = []
            for _ in range(9):
                context, page = new_page(browser)
                contexts.append(context)
                tabs.append(page)
            visit_all(tabs, srv.base, pages, expects)
            mem["ten_sessions"] = srv.rss()
            log(
                f"RSS after 9 more sessions (in parallel) on every page: {mem['ten_sessions'][0]:.0f} MB"
            )
            for c in contexts:
                c.close()
            contexts = []
            # 50 reruns in one session: the actor filter on, off, on, ... on the page with the
            # most charts.
            target = max(pages, key=lambda p: expects.get(p.name, Expect()).plots)
            expect = expects.get(target.name, Expect())
            context, page = new_page(browser)
            contexts.append(context)
            open_page(page, target.url(srv.base), expect)
            series = [srv.rss()[0]]
            for i in range(50):
                if i % 2 == 0:
                    select_actor(page, expect)
                else:
                    clear_actor(page, expect)
                series.append(srv.rss()[0])
            mem["reruns_page"] = target.name
            mem["series"] = series
            mem["slope"] = slope(series)
            mem["growth"] = statistics.median(series[-10:]) - statistics.median(series[1:11])
            log(f"RSS over 50 reruns: {series[0]:.0f} → {series[-1]:.0f} MB")
        except BROWSER_ERRORS as exc:
            mem["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:500]}"
            log(f"memory: {mem['error']}")
        finally:
            for c in contexts:
                c.close()
    rep.results["memory"] = mem


# --- section: export ---------------------------------------------------------------------------


def export_section(rep: Report, wait_s: float) -> None:
    rep.section("export")
    deadline = time.perf_counter() + wait_s
    while not (ROOT / "usmx" / "chart_export.py").exists() and time.perf_counter() < deadline:
        log("usmx/chart_export.py not there yet; checking again in 120 s")
        time.sleep(120)
    res = worker(["_export"], timeout=300)
    rep.results["export"] = {
        "figures": res.get("export"),
        "first": res.one("export_first"),
        "error": None if res.records else (res.stderr[-500:] or "no output"),
        "timed_out": res.timed_out,
    }
    usmx = Path(PY).parent / "usmx"  # the console script, as a user runs it
    usmx_cmd = [str(usmx)] if usmx.exists() else [PY, "-m", "usmx.cli"]
    help_text = subprocess.run(
        [*usmx_cmd, "export-charts", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    cli: dict[str, Any] = {"available": help_text.returncode == 0}
    if cli["available"]:
        with tempfile.TemporaryDirectory() as out:
            cmd = [*usmx_cmd, "export-charts", "--out", out]
            start = time.perf_counter()
            proc = subprocess.run(
                cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
            )
            cli["seconds"] = time.perf_counter() - start
            cli["returncode"] = proc.returncode
            cli["files"] = sorted(p.name for p in Path(out).rglob("*") if p.is_file())
            cli["stderr"] = proc.stderr[-300:]
            cli["cmd"] = "usmx export-charts --out DIR"
        log(f"usmx export-charts: {fmt_s(cli['seconds'])}, {len(cli['files'])} files")
    rep.results["export_cli"] = cli
    for r in res.get("export"):
        log(f"export {r['chart']} {r['fmt']}: {fmt_sum(r['seconds'])}")


def cmd_export() -> None:
    from usmx.chart_export import chart_figures, figure_to_bytes
    from usmx.charts.registry import CHARTS
    from usmx.dataset import load_dataset

    ds = load_dataset()
    figures = chart_figures(ds, None, "en")
    first = True
    for fmt in ("png", "svg", "html"):
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


# --- section: scale ----------------------------------------------------------------------------


def cmd_load(path: str) -> None:
    """Stock load_dataset (YAML and all), only the 5 MB size guard lifted."""
    sys.path.insert(0, str(BENCH))
    import generate

    generate.lift_size_cap()
    from usmx.dataset import load_dataset

    t = time.perf_counter()
    ds = load_dataset(path)
    emit("load", seconds=time.perf_counter() - t, events=len(ds.events))


def _timed(fn: Callable[[], Any], reps: int) -> tuple[dict[str, float] | None, Any]:
    times, value = [], None
    for _ in range(reps):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return summary(times), value


def cmd_scale(path: str) -> None:
    """Core costs at one size, with the generated-file reader (see generate.py)."""
    import pickle

    sys.path.insert(0, str(BENCH))
    import generate

    generate.install_fast_reader()
    from usmx.dataset import load_dataset
    from usmx.filters import Choices, Filters
    from usmx.tables import build_tables

    s, ds = _timed(lambda: load_dataset(path), 1)
    emit("step", step="load_validate", seconds=s, events=len(ds.events))
    s, tables = _timed(lambda: build_tables(ds), 1)
    emit("step", step="build_tables", seconds=s)
    s, _ = _timed(lambda: Choices.from_dataset(ds), 1)
    emit("step", step="choices", seconds=s)
    f = Filters(actors=(ACTOR_ID,))
    s, events = _timed(lambda: f.events(ds), 5)
    emit("step", step="filter_events", seconds=s, matched=len(events))
    s, quotes = _timed(lambda: f.quotes(ds), 5)
    emit("step", step="filter_quotes", seconds=s, matched=len(quotes))
    s, claims = _timed(lambda: f.claims(ds), 5)
    emit("step", step="filter_claims", seconds=s, matched=len(claims))
    # What st.cache_data does with the cached (dataset, tables, choices) on every read: a
    # pickle round trip (it returns a copy).
    value = (ds, tables, Choices.from_dataset(ds))
    blob = pickle.dumps(value)
    s, _ = _timed(lambda: pickle.loads(blob), 1)
    emit("step", step="cache_copy", seconds=s, mb=len(blob) / 1e6)
    try:
        from usmx import maps
    except ImportError as exc:
        emit("map", error=str(exc))
    else:
        for label, evs in (("all", ds.events), (ACTOR_ID, events)):
            s, points = _timed(lambda evs=evs: maps.place_points(evs, ds.places, lang="en"), 3)
            s2, _deck = _timed(
                lambda points=points: maps.build_deck(points, [], lang="en", view="border"), 3
            )
            shown = maps.aggregate_points(points, lang="en")
            emit(
                "map",
                filter=label,
                points=len(points),
                drawn=len(shown),
                cell=maps.aggregation_cell(points),
                place_points=s,
                build_deck=s2,
                max_points=maps.MAX_POINTS,
            )
    emit("rss", peak_mb=_status(os.getpid(), "VmHWM"), now_mb=_status(os.getpid(), "VmRSS"))


def cmd_serve(args: list[str]) -> None:
    """`streamlit <args>` in this process, after installing the generated-file reader."""
    sys.path.insert(0, str(BENCH))
    import generate

    generate.install_fast_reader()
    from streamlit.web import cli as stcli

    sys.argv = ["streamlit", *args]
    sys.exit(stcli.main())


SCALE_RERUNS = 2  # timed server reruns and browser filter changes per page at scale
SCALE_PAGE_CAP = {10_000: 45, 100_000: 150}  # seconds per page process (load included)
SCALE_SKIP_AFTER_S = 10.0  # a page this slow per rerun at 10k is not tried at 100k


def scale_browser(
    browser: Any,
    path: Path,
    pages: list[Page],
    expects: dict[str, Expect],
    skip: dict[str, str],
    timeout_s: float,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    env = {"USMX_DATASET": str(path)}
    with server(env=env, fast=True) as srv:
        context, page = new_page(browser)
        try:
            out["first_visit"] = open_page(
                page, srv.base + "/", expects.get("overview", Expect()), timeout_s=300
            )
            log(f"first visit (loads the data): {fmt_s(out['first_visit'])}")
        except BROWSER_ERRORS as exc:
            out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:500]}"
            log(f"first visit failed: {out['error']}")
            return out
        finally:
            context.close()
        out["pages"] = browser_interaction(
            browser, srv.base, pages, SCALE_RERUNS, expects, skip=skip, timeout_s=timeout_s
        )
        out["rss"] = srv.rss()
    return out


def scale_section(rep: Report, browser: Any, pages: list[Page], expects: dict[str, Expect]) -> None:
    rep.section("scale")
    sys.path.insert(0, str(BENCH))
    import generate

    out: dict[str, Any] = {}
    skip: dict[str, str] = {}  # page -> why it is not measured at the next size
    with tempfile.TemporaryDirectory(prefix="usmx-bench-") as tmp:
        for n in SCALE_SIZES:
            entry: dict[str, Any] = {}
            t = time.perf_counter()
            path = generate.generate(n, Path(tmp) / f"n{n}")
            entry["generate"] = time.perf_counter() - t
            entry["mb"] = path.stat().st_size / 1e6
            log(f"{n} events: {entry['mb']:.1f} MB written in {fmt_s(entry['generate'])}")
            cap = 90
            res = worker(["_load", str(path)], timeout=cap)
            entry["stock_load"] = res.one("load") or {"timeout": cap if res.timed_out else None}
            if not res.records and not res.timed_out:
                entry["stock_load"]["error"] = res.stderr[-300:]
            log(f"stock load_dataset: {entry['stock_load']}")
            res = worker(["_scale", str(path)], timeout=300)
            entry["core"] = {r["step"]: r for r in res.get("step")}
            entry["map"] = res.get("map")
            entry["core_rss"] = res.one("rss")
            entry["core_timed_out"] = res.timed_out
            for step, r in entry["core"].items():
                log(f"{step}: {fmt_sum(r['seconds'])}")
            # At the first size, one process per page: a page that never finishes cannot
            # starve the others. Later sizes skip the pages that were too slow already and
            # share one process (the data load is the expensive part there).
            entry["apptest"] = {}
            page_cap = SCALE_PAGE_CAP.get(n, 150)
            todo = [pg for pg in pages if pg.name not in skip]
            groups = [[pg] for pg in todo] if n == SCALE_SIZES[0] else [todo]
            for group in filter(None, groups):
                entry["apptest"].update(
                    apptest_reruns(
                        group,
                        reruns=SCALE_RERUNS,
                        warmups=1,
                        env={"USMX_DATASET": str(path), "USMX_BENCH_FAST": "1"},
                        timeout=page_cap * len(group),
                        baseline=False,
                        profile=2 if n == SCALE_SIZES[0] else 0,
                    )
                )
            for pg in pages:
                r = entry["apptest"].setdefault(
                    pg.name, {"page": pg.name, "error": skip.get(pg.name)}
                )
                log(f"apptest {pg.name} at {n}: {fmt_sum(r.get('rerun'))} {r.get('error') or ''}")
            # The browser cannot beat the server: pages that failed there are not opened.
            here = dict(skip)
            for name, r in entry["apptest"].items():
                if name not in here and r.get("error"):
                    here[name] = f"skipped: server-side {r['error'][:60]}"
            slowest = max(
                (r["rerun"]["max"] for r in entry["apptest"].values() if r.get("rerun")),
                default=10.0,
            )
            entry["browser"] = scale_browser(
                browser, path, pages, expects, here, timeout_s=min(120, 3 * slowest + 30)
            )
            for name, r in entry["apptest"].items():
                if r.get("error"):
                    skip.setdefault(name, f"skipped: at {n:,} events {r['error'][:60]}")
                elif r.get("rerun") and r["rerun"]["median"] > SCALE_SKIP_AFTER_S:
                    med = fmt_s(r["rerun"]["median"])
                    skip.setdefault(name, f"skipped: {med} per rerun at {n:,} events")
            out[n] = entry
    rep.results["scale"] = out


# --- report ------------------------------------------------------------------------------------


def _cold_why(r: dict[str, Any]) -> str:
    """Where the app's extra cold-start time goes, from the numbers measured."""
    app, bare = r["cold"]["app"], r["cold"]["bare"]
    parts = [
        (
            f"the server finishes the first run {fmt_s(app['finished']['median'])} after spawn "
            f"(bare {fmt_s(bare['finished']['median'])})"
        )
    ]
    imports = (r.get("imports") or {}).get(IMPORT_MODULES[-1])
    first = ((r.get("modules") or {}).get("dashboard.py") or {}).get("first_run")
    if imports:
        parts.append(f"the overview's imports alone take {fmt_s(imports['median'])}")
    if first:
        parts.append(f"its first script run (imports, data, render) {fmt_s(first)}")
    parts.append(
        "drawing after the run "
        f"{fmt_s(app['drawn']['median'] - app['finished']['median'])} "
        f"(bare {fmt_s(bare['drawn']['median'] - bare['finished']['median'])})"
    )
    return "; ".join(parts)


def _hot(result: dict[str, Any], top: int = 3) -> str:
    hot = result.get("hot") or []
    return ", ".join(f"`{name}` {fmt_s(sec)}" for name, sec in hot[:top]) or "—"


def _mb(v: float | None) -> str:
    return "—" if v is None else f"{v:.0f} MB"


def render(rep: Report, pages: list[Page]) -> str:
    r = rep.results
    env = r.get("env", {})
    lines = [
        "# usmx benchmark results",
        "",
        "Generated by `make bench` (`bench/run.py`); do not edit by hand. Real `streamlit run`",
        "servers on 127.0.0.1, real headless Chromium through Playwright. Times are the median",
        f"(min – max, n runs) of {rep.runs} runs unless said otherwise.",
        "",
    ]
    goals: list[tuple[str, str, str, str]] = []  # goal, measured, verdict, why

    # --- environment
    if env:
        v = env["versions"]
        lines += [
            "## Machine and versions",
            "",
            f"- Date: {env['date']}",
            (
                f"- CPU: {env['cpu']} — nproc {env['nproc']} (usable {env['affinity']}); "
                f"RAM {env['ram_gb']} GB; Linux {env['kernel']}"
            ),
            "- Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()),
            f"- Bench wall time: {(time.perf_counter() - T0) / 60:.1f} min",
            "- Load average (1/5/15 min) when each section started: "
            + "; ".join(f"{name}: {load}" for name, load in rep.loads),
            "",
        ]
        lines += [f"> {note}" for note in rep.notes]
        if rep.notes:
            lines.append("")

    body: list[str] = []

    # --- cold start
    cold = r.get("cold")
    if cold:
        ratio = cold["ratio_of_medians"]
        body += [
            "## Cold start",
            "",
            (
                "From spawning `streamlit run` to the first page fully drawn in a new browser "
                "context (script state notRunning, no status widget, every plotly chart has its "
                "SVG). Runs alternate app/bare; one warm-up pair is discarded."
            ),
            f"The overview drew: {cold['overview_counts']}.",
            "",
            "| app | server healthy | first script run finished | page fully drawn |",
            "|---|---|---|---|",
            (
                f"| dashboard.py (overview) | {fmt_sum(cold['app']['health'])} | "
                f"{fmt_sum(cold['app']['finished'])} | {fmt_sum(cold['app']['drawn'])} |"
            ),
            (
                f"| bench/bare_app.py (one line) | {fmt_sum(cold['bare']['health'])} | "
                f"{fmt_sum(cold['bare']['finished'])} | {fmt_sum(cold['bare']['drawn'])} |"
            ),
            "",
            (
                f"Ratio app/bare: **{ratio:.2f}x** (ratio of medians); per pair "
                f"{fmt_sum(cold['ratio'], lambda x: f'{x:.2f}x')}."
            ),
            "",
        ]
        goals.append(
            (
                f"Cold start within {GOAL_COLD_RATIO}x of a bare app",
                (
                    f"{ratio:.2f}x ({fmt_s(cold['app']['drawn']['median'])} vs "
                    f"{fmt_s(cold['bare']['drawn']['median'])})"
                ),
                verdict(ratio <= GOAL_COLD_RATIO),
                "" if ratio <= GOAL_COLD_RATIO else _cold_why(r),
            )
        )

    # --- imports
    imports = r.get("imports")
    if imports:
        body += [
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
        body += [f"| `{m}` | {fmt_sum(s) if s else 'not importable'} |" for m, s in imports.items()]
        body.append("")
        mods = r.get("modules", {})
        if mods:
            body += [
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
                    body.append(f"| `{script}` | error: {m['error'][:120]} | — |")
                else:
                    body.append(
                        f"| `{script}` | {', '.join(m['present']) or 'none'} | "
                        f"{m['loaded_by_run']} (total {m['total']}) | {fmt_s(m['first_run'])} |"
                    )
            body.append("")
            app = mods.get("dashboard.py", {})
            if "present" in app:
                heavy = [m for m in MUST_NOT_LOAD if m in app["present"]]
                goals.append(
                    (
                        "pydeck and kaleido not imported on the overview's path",
                        ", ".join(heavy) or "neither loaded",
                        verdict(not heavy),
                        "" if not heavy else "imported at module level somewhere on the path",
                    )
                )

    # --- interaction
    browser = r.get("browser")
    apptest = r.get("apptest")
    if browser or apptest:
        body += [
            "## Interaction: actor filter change",
            "",
            (
                f"Browser: press on the “{ACTOR_TEXT}” option of the sidebar multiselect "
                f"(`.st-key-{ACTOR_KEY}`) to the page settled (a new script run finished, no "
                "status widget, charts drawn), measured in the page's own clock; then the filter "
                "is cleared (untimed) and the next run starts. Server: AppTest, the same "
                "multiselect toggled on/off, 15 timed reruns after 2 warm-ups, in a fresh process "
                "(the two views alternate, so charts come from the per-view cache of "
                "`usmx.ui.charts`); then up to 15 reruns each selecting another actor (views not "
                "seen before: every chart is built); then 4 more reruns under cProfile name the "
                "`usmx` functions that take the time (cumulative per rerun, nested calls "
                "overlap, inflated by the profiler: compare within a row)."
            ),
            "",
            (
                "| page | browser: first visit (new session) | browser: filter change | "
                "server: rerun | server: rerun, new view | where the server time goes |"
            ),
            "|---|---|---|---|---|---|",
        ]
        worst_b, worst_s, worst_new = 0.0, 0.0, 0.0
        for pg in pages:
            b = (browser or {}).get(pg.name, {})
            s = (apptest or {}).get(pg.name, {})
            bcell = b.get("error") or fmt_sum(b.get("select"))
            scell = s.get("error") or fmt_sum(s.get("rerun"))
            ncell = "" if s.get("error") else fmt_sum(s.get("rerun_new"))
            body.append(
                f"| {pg.name} | {fmt_s(b.get('load'))} | {bcell} | {scell} | {ncell} | {_hot(s)} |"
            )
            if b.get("select"):
                worst_b = max(worst_b, b["select"]["median"])
            if s.get("rerun"):
                worst_s = max(worst_s, s["rerun"]["median"])
            if s.get("rerun_new"):
                worst_new = max(worst_new, s["rerun_new"]["median"])
        bare = (apptest or {}).get("_bare")
        if bare:
            body += [
                "",
                f"AppTest floor (rerun of the one-line bare app): {fmt_sum(bare['rerun'])}.",
            ]
        body.append("")
        slow_s = [
            f"{n} {fmt_s(s['rerun']['median'])}" + (f" ({_hot(s, 1)})" if s.get("hot") else "")
            for n, s in (apptest or {}).items()
            if s.get("rerun") and s["rerun"]["median"] >= GOAL_RERUN_SERVER_S and n != "_bare"
        ]
        slow_b = [
            f"{n} {fmt_s(b['select']['median'])}"
            for n, b in (browser or {}).items()
            if b.get("select") and b["select"]["median"] >= GOAL_RERUN_BROWSER_S
        ]
        if apptest:
            goals.append(
                (
                    f"Rerun < {fmt_s(GOAL_RERUN_SERVER_S)} server-side (every page)",
                    f"worst median {fmt_s(worst_s)}",
                    verdict(not slow_s),
                    "slow: " + ", ".join(slow_s) if slow_s else "",
                )
            )
            slow_new = [
                f"{n} {fmt_s(s['rerun_new']['median'])}"
                for n, s in apptest.items()
                if (s.get("rerun_new") or {}).get("median", 0) >= GOAL_RERUN_SERVER_S
            ]
            goals.append(
                (
                    f"… and for a view not seen before (< {fmt_s(GOAL_RERUN_SERVER_S)})",
                    f"worst median {fmt_s(worst_new)}",
                    verdict(not slow_new),
                    (
                        "slow: "
                        + ", ".join(slow_new)
                        + ": building plotly figures (validation) for a new filter"
                    )
                    if slow_new
                    else "",
                )
            )
        if browser:
            browser_side = sorted(
                (
                    (b["select"]["median"] - apptest[n]["rerun"]["median"], n)
                    for n, b in browser.items()
                    if b.get("select") and (apptest or {}).get(n, {}).get("rerun")
                ),
                reverse=True,
            )
            why = "slow: " + ", ".join(slow_b) if slow_b else ""
            if slow_b and browser_side:
                why += "; time in the browser after the server's part (browser − server): " + (
                    ", ".join(f"{n} {fmt_s(d)}" for d, n in browser_side[:3])
                )
            goals.append(
                (
                    f"Filter change < {fmt_s(GOAL_RERUN_BROWSER_S)} in the browser (every page)",
                    f"worst median {fmt_s(worst_b)}",
                    verdict(not slow_b),
                    why,
                )
            )

    # --- memory
    mem = r.get("memory")
    if mem:
        body += ["## Memory (server RSS, /proc/<pid>/status VmRSS)", ""]
        if "error" in mem:
            body += [f"Error: {mem['error']}", ""]
        rows = [
            ("server idle after start", mem.get("idle")),
            ("one session visited every page", mem.get("one_session")),
            (
                "10 sessions (kept open; 9 of them side by side) visited every page",
                mem.get("ten_sessions"),
            ),
        ]
        body += ["| state | server RSS | child processes |", "|---|---|---|"]
        body += [f"| {name} | {_mb(v[0])} | {_mb(v[1])} |" for name, v in rows if v]
        series = mem.get("series")
        if series:
            body += [
                "",
                (
                    f"50 reruns in one session on the {mem['reruns_page']} page (actor filter on, "
                    f"off, …): RSS {series[0]:.1f} → {series[10]:.1f} (10) → {series[25]:.1f} "
                    f"(25) → {series[-1]:.1f} MB (50); median of the last 10 minus median of "
                    f"reruns 1-10: **{mem['growth']:+.1f} MB**; least-squares slope "
                    f"{mem['slope'] * 1024:.0f} KB per rerun."
                ),
            ]
        body.append("")
        if mem.get("one_session"):
            one = mem["one_session"][0]
            goals.append(
                (
                    f"Server RSS < {GOAL_RSS_ONE_MB} MB after one session on every page",
                    _mb(one),
                    verdict(one < GOAL_RSS_ONE_MB),
                    "" if one < GOAL_RSS_ONE_MB else "see import costs and caches",
                )
            )
        if series:
            ok = mem["growth"] < GOAL_GROWTH_MB
            goals.append(
                (
                    f"No growth over 50 reruns in one session (< {GOAL_GROWTH_MB:.0f} MB)",
                    f"{mem['growth']:+.1f} MB",
                    verdict(ok),
                    "" if ok else "state or caches grow with every rerun",
                )
            )

    # --- export
    exp = r.get("export")
    if exp:
        body += ["## Chart export", ""]
        if exp["error"]:
            body += [f"`usmx.chart_export` not available: {exp['error'][:300]}", ""]
        if exp.get("first"):
            f = exp["first"]
            body += [
                (
                    f"First static image of the process ({f['chart']}, {f['fmt']}), which starts "
                    f"kaleido's persistent Chromium: {fmt_s(f['seconds'])}."
                ),
                "",
            ]
        if exp["figures"]:
            body += [
                "`usmx.chart_export.figure_to_bytes`, full dataset, English, 3 runs each:",
                "",
                "| chart | format | time | size |",
                "|---|---|---|---|",
            ]
            body += [
                f"| {e['chart']} | {e['fmt']} | {fmt_sum(e['seconds'])} | "
                f"{e['bytes'] / 1024:.0f} KB |"
                for e in exp["figures"]
            ]
            body.append("")
        cli = r.get("export_cli", {})
        if cli.get("available"):
            body += [
                (
                    f"`{cli['cmd']}` (subprocess, wall time, one run): **{fmt_s(cli['seconds'])}**, "
                    f"exit {cli['returncode']}, {len(cli['files'])} files."
                ),
                "",
            ]
        elif cli:
            body += ["`usmx export-charts`: not available (no such subcommand at run time).", ""]

    # --- scale
    scale = r.get("scale")
    if scale:
        body += _render_scale(scale, pages, goals)

    # --- goals first
    out = [*lines, "## Goals", "", "| goal | measured | verdict | why |", "|---|---|---|---|"]
    out += [f"| {g} | {m} | {v} | {w} |" for g, m, v, w in goals]
    out += ["", *body]
    return "\n".join(out).rstrip() + "\n"


def _scale_server(entry: dict[str, Any], page: str) -> str:
    r = entry["apptest"][page]
    if r.get("error"):
        cell = r["error"][:70]
        if r.get("stack"):
            cell += "; stuck in " + " ← ".join(f"`{f}`" for f in r["stack"][:3])
        return cell
    cell = fmt_sum(r["rerun"])
    if r.get("hot"):
        cell += "; " + _hot(r, 2)
    return cell


def _render_scale(scale: dict[int, Any], pages: list[Page], goals: list[Any]) -> list[str]:
    body = [
        "## Scale: generated datasets",
        "",
        (
            "`bench/generate.py` writes N synthetic events (real actors, places, quotes, claims; "
            "events cycle through the real events' actors, types, statuses and dates and through "
            "the real evidence spans; ids gen_000001…, titles “[GENERATED]”) into a temporary "
            "directory, served with `USMX_DATASET`. The stock loader refuses files above 5 MB "
            "(`usmx.dataset.MAX_FILE_BYTES`), so every measurement here lifts that guard in its "
            "own process. Stock `load_dataset` (PyYAML) is timed on its own with a cap; everything "
            "after it uses the bench's generated-file reader (JSON lines, same validation and "
            "evidence resolution, see `generate.install_fast_reader`), so that pages can be "
            "measured at all."
        ),
        "",
    ]
    sizes = list(scale)
    head = "| measure | " + " | ".join(f"{n:,} events" for n in sizes) + " |"
    body += [head, "|---|" + "---|" * len(sizes)]

    def row(name: str, cell: Callable[[dict[str, Any]], str]) -> None:
        cells = []
        for n in sizes:
            try:
                cells.append(cell(scale[n]))
            except (KeyError, TypeError, IndexError):
                cells.append("—")
        body.append(f"| {name} | " + " | ".join(cells) + " |")

    def stock(e: dict[str, Any]) -> str:
        s = e["stock_load"]
        if s.get("seconds") is not None:
            return fmt_s(s["seconds"])
        if s.get("timeout"):
            return f"> {s['timeout']} s (killed at the cap)"
        return s.get("error", "—")[:80]

    def step(name: str) -> Callable[[dict[str, Any]], str]:
        def cell(e: dict[str, Any]) -> str:
            r = e["core"][name]
            extra = f", {r['matched']:,} matched" if "matched" in r else ""
            extra += f", {r['mb']:.0f} MB pickled" if "mb" in r else ""
            return fmt_s(r["seconds"]["median"]) + extra

        return cell

    row("file size", lambda e: f"{e['mb']:.1f} MB")
    row("stock `load_dataset` (YAML), cap 90 s", stock)
    row("load + validate + resolve (generated-file reader)", step("load_validate"))
    row("`build_tables`", step("build_tables"))
    row("`Choices.from_dataset`", step("choices"))
    row(f"`Filters(actors=({ACTOR_ID!r},)).events`", step("filter_events"))
    row("`Filters.quotes`", step("filter_quotes"))
    row("`Filters.claims`", step("filter_claims"))
    row(
        "one `st.cache_data` read of (dataset, tables, choices) = unpickle (why "
        "usmx/ui/data.py now uses `st.cache_resource`)",
        step("cache_copy"),
    )
    row(
        "bench worker peak RSS (holds the pickled copy too)",
        lambda e: _mb(e["core_rss"]["peak_mb"]),
    )

    def map_cell(e: dict[str, Any]) -> str:
        parts = []
        for m in e["map"]:
            if "error" in m:
                return m["error"][:80]
            parts.append(
                f"{m['filter']}: {m['points']} points → {m['drawn']} drawn"
                + (f" (binned, cell {m['cell']:g}°)" if m["cell"] else "")
                + f", build_deck {fmt_s(m['build_deck']['median'])}"
            )
        return "; ".join(parts)

    row("map points (usmx.maps)", map_cell)

    def deck_cell(e: dict[str, Any]) -> str:
        deck = e["apptest"]["map"]["deck"]
        return ", ".join(
            f"{layer['id']}:{layer['type']}({layer['rows']})" for layer in deck["layers"]
        )

    if any(p.name == "map" for p in pages):
        row("map page deck layers (AppTest)", deck_cell)
    row(
        "browser: first visit (server loads the data)",
        lambda e: e["browser"].get("error") or fmt_s(e["browser"]["first_visit"]),
    )
    row("server RSS after the browser pass", lambda e: _mb(e["browser"]["rss"][0]))
    for pg in pages:
        row(f"{pg.name}: server rerun (AppTest)", lambda e, pg=pg: _scale_server(e, pg.name))
        row(
            f"{pg.name}: browser filter change",
            lambda e, pg=pg: (
                (e["browser"]["pages"][pg.name].get("error") or "")[:70]
                or fmt_sum(e["browser"]["pages"][pg.name]["select"])
            ),
        )
    body.append("")

    big = scale.get(100_000)
    if big:
        f = big["core"].get("filter_events", {}).get("seconds")
        if f:
            ok = f["median"] < GOAL_FILTER_100K_S
            goals.append(
                (
                    f"Filtering < {fmt_s(GOAL_FILTER_100K_S)} at 100k events",
                    fmt_s(f["median"]),
                    verdict(ok),
                    "" if ok else "Filters.events walks every event in Python",
                )
            )
        m = (big.get("browser", {}).get("pages") or {}).get("map", {})
        maps_rows = [x for x in big.get("map", []) if "drawn" in x]
        if m.get("select") and maps_rows:
            settle = m["select"]["median"]
            capped = all(x["drawn"] <= x["max_points"] for x in maps_rows)
            ok = settle < GOAL_MAP_SETTLE_S and capped
            goals.append(
                (
                    (
                        f"Map usable at 100k (≤ MAX_POINTS drawn, filter change < "
                        f"{fmt_s(GOAL_MAP_SETTLE_S)} in the browser)"
                    ),
                    f"{max(x['drawn'] for x in maps_rows)} points, {fmt_s(settle)}",
                    verdict(ok),
                    "" if ok else "see the map rows of the scale table",
                )
            )
        elif "map" in [p.name for p in pages]:
            goals.append(("Map usable at 100k", m.get("error", "not measured"), verdict(False), ""))
    return body


# --- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    internal = {
        "_modules": lambda a: cmd_modules(a[0]),
        "_apptest": lambda a: cmd_apptest(a[0]),
        "_export": lambda a: cmd_export(),
        "_load": lambda a: cmd_load(a[0]),
        "_scale": lambda a: cmd_scale(a[0]),
        "_serve": cmd_serve,
    }

    # A SIGTERM (timeout, Ctrl-C in make) must still run the finally blocks that stop servers.
    def on_term(*_: Any) -> None:
        log("SIGTERM received: stopping servers and writing what was measured")
        sys.exit(143)

    signal.signal(signal.SIGTERM, on_term)
    if argv and argv[0] in internal:
        internal[argv[0]](argv[1:])
        return 0

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timed figure (>= 5)")
    parser.add_argument(
        "--sections", default=",".join(SECTIONS), help=f"comma list of {', '.join(SECTIONS)}"
    )
    parser.add_argument("--out", type=Path, default=BENCH / "results.md")
    parser.add_argument(
        "--export-wait", type=float, default=1800, help="seconds to wait for usmx.chart_export"
    )
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {sorted(unknown)}")

    pages = discover_pages()
    rep = Report(runs=args.runs)
    log(f"pages: {[p.name for p in pages]}")
    env_section(rep)
    expects: dict[str, Expect] = {}

    def guarded(name: str, fn: Callable[..., None], *fn_args: Any) -> None:
        if name not in wanted:
            return
        try:
            fn(*fn_args)
        except Exception as exc:  # noqa: BLE001 - one broken section must not lose the others
            rep.notes.append(f"Section {name} failed: {type(exc).__name__}: {exc}"[:600])
            log(f"section {name} failed:\n{traceback.format_exc()}")

    try:
        guarded("imports", imports_section, rep)
        if {"cold", "interaction", "memory", "scale"} & set(wanted):
            with chromium() as browser:
                guarded("cold", cold_section, rep, browser, expects)
                guarded("interaction", interaction_section, rep, browser, pages, expects)
                guarded("memory", memory_section, rep, browser, pages, expects)
                # Export first: scale is the part most likely to hit its caps.
                guarded("export", export_section, rep, args.export_wait)
                guarded("scale", scale_section, rep, browser, pages, expects)
        else:
            guarded("export", export_section, rep, args.export_wait)
    except SystemExit:
        rep.notes.append(
            f"Interrupted (SIGTERM) during: {rep.loads[-1][0]}; later sections missing."
        )
        raise
    finally:
        rep.loads.append(("end", loadavg()))
        args.out.write_text(render(rep, pages), encoding="utf-8")
        raw = Path(tempfile.gettempdir()) / "usmx-bench-results.json"
        raw.write_text(json.dumps(rep.results, indent=1, default=str), encoding="utf-8")
        log(f"wrote {args.out} (raw numbers: {raw})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
