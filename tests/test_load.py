"""Load: 20 concurrent browser sessions on one server, each switching pages and filters.

Twenty Playwright contexts (one Chromium, driven from one asyncio loop in a worker thread, so
the session-wide sync Playwright of the other browser tests is untouched) arrive a few at a
time, each with its own actor filter (most by a shared link, some through the sidebar). With
all twenty connected, they take turns round-robin, a few in flight at once, switching pages,
switching language and adding and removing an event type. After every action the session must
still be its own: the URL and the sidebar keep its actor and language, the filter caption names
the actor where the page has one, nothing shows an exception or a connection error, and the
page settles. Rerun latency (click to settled, measured in the browser) is printed and written
to .pytest_cache/load_results.json (p50/p95 overall and per kind) for the bench to quote.

On 2 cores the browsers' own rendering is most of what a click costs (the server's script run
is 0.1-0.35 s): the figures are what a user sees while 19 other sessions share the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser import (
    APP_ERRORS_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    SETTLED,
    menu_paths,
    nav_link_selector,
    wait_settled,
    warm_up,
)
from usmx.i18n import label

pytestmark = pytest.mark.browser

SESSIONS = 20
# Each session acts this many times (page, language and filter changes in turn), all twenty
# connected throughout; ~40 s on a quiet 2-core box. The cap bounds a box that is too slow:
# sessions that run out of time fail the count assertion instead of running on.
ACTIONS_PER_SESSION = int(os.environ.get("USMX_LOAD_ACTIONS", "3"))
LOAD_CAP_S = 150
# A full page load costs the browser ~1.5 s of CPU: twenty at once on 2 cores would measure
# the arrival storm, not the app. Sessions arrive a few at a time, then all act together.
ARRIVING_AT_ONCE = 3
LIGHT_PAGES = ("quotes", "actors", "source")
CHOOSING_IN_SIDEBAR = 5  # every fifth session picks its actor in the sidebar's combobox
# Then the sessions take turns round-robin (asyncio's semaphore is first come, first served),
# a few actions in flight at once, while every other session stays connected. Twenty people
# clicking at once would need twenty machines' CPUs for their browsers; here they share two.
ACTING_AT_ONCE = 3
THINK_S = (0.3, 1.0)  # after its action a session re-queues for its next turn
# Software WebGL (SwiftShader) costs 10+ s of CPU per map render on this box, which a user's
# GPU does not; without it the map page still runs its script and draws everything but the
# canvas. The map is drawn with WebGL in the a11y and injection tests.
LOAD_BROWSER_ARGS = [*CHROMIUM_ARGS, "--disable-3d-apis"]
VIEWPORT = {"width": 1280, "height": 800}
STATE_TIMEOUT_MS = 10_000
ACTION_TIMEOUT_MS = 45_000  # one action on a saturated 2-core box; a miss is a failure
# The bar: p95 of click-to-settled, 3 actions in flight among 20 live sessions, on 2 cores.
# Measured 4-8 s on a box shared with other work, less alone; three times that means
# something regressed badly.
P95_BUDGET_S = float(os.environ.get("USMX_LOAD_P95_BUDGET", "15"))
RESULTS = ROOT / ".pytest_cache" / "load_results.json"
ACTORS = ("trump", "sheinbaum", "maduro", "us_military", "mexico_government")
TYPES = ("diplomacy", "military_action", "statement")


@dataclass
class Session:
    index: int
    actor: str
    name: str  # the actor's name in the session's current language
    names: dict[str, str]
    lang: str
    latencies: list[tuple[str, float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    actions: int = 0
    arrival: float = 0.0


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


async def _settle(page) -> None:
    # The sidebar is drawn on every page: waiting for it first means the app has connected and
    # run once, so "notRunning" below is the end of a run, not the state before the first one.
    await page.wait_for_selector(".st-key-actor", timeout=ACTION_TIMEOUT_MS)
    await page.wait_for_selector(SETTLED, timeout=ACTION_TIMEOUT_MS)
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=ACTION_TIMEOUT_MS,
    )
    await page.wait_for_selector(SETTLED, timeout=ACTION_TIMEOUT_MS)


# The session's own state as the page shows it; polled, because "notRunning" can come a
# moment before React has drawn the run's last elements.
STATE_JS = """([name, actor, lang]) => {
    const q = new URLSearchParams(location.search);
    const chips = [...document.querySelectorAll('.st-key-actor [data-tag]')].map(e => e.innerText);
    const captions = [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
        .map(e => e.innerText).filter(t => /\\d+ of \\d+ events involving|個事件，涉及/.test(t));
    return {
        url: q.getAll('actor').join(',') === actor && (q.get('lang') || 'zh-Hant') === lang,
        sidebar: chips.some(c => c.includes(name)),
        caption: captions.length === 0 || captions.some(c => c.includes(name)),
        chips, captions, href: location.href,
    };
}"""


async def _check(page, s: Session, what: str) -> None:
    """The session is still its own and healthy; problems are recorded, not raised."""
    args = [s.name, s.actor, s.lang]
    with contextlib.suppress(PlaywrightTimeout):
        await page.wait_for_function(
            f"(args) => {{ const s = ({STATE_JS})(args); return s.url && s.sidebar && s.caption; }}",
            arg=args,
            timeout=STATE_TIMEOUT_MS,
        )
    state = await page.evaluate(STATE_JS, args)
    problems = await page.evaluate(APP_ERRORS_JS)
    if not state["url"]:
        problems.append(f"URL lost the actor or language ({s.actor}, {s.lang}): {state['href']}")
    if not state["sidebar"]:
        problems.append(f"sidebar lost the actor {s.name!r}: {state['chips']}")
    if not state["caption"]:
        problems.append(f"caption lost {s.name!r}: {state['captions']}")
    s.failures += [f"session {s.index} after {what}: {p}" for p in problems]


async def _timed(s: Session, kind: str, action, done) -> None:
    start = time.perf_counter()
    await action()
    await done()
    s.latencies.append((kind, time.perf_counter() - start))
    s.actions += 1


async def _arrive(page, base: str, paths: list[str], s: Session) -> None:
    lang_q = "&lang=en" if s.lang == "en" else ""
    # Arrivals land on the pages without charts (a first load is the costliest thing a browser
    # does here); the actions then visit every page.
    light = [p for p in paths if p in LIGHT_PAGES] or paths
    path = light[s.index % len(light)]
    start = time.perf_counter()
    if s.index % CHOOSING_IN_SIDEBAR:  # most arrive by a shared link, some use the sidebar
        await page.goto(f"{base}/{path}?actor={s.actor}{lang_q}")
        await _settle(page)
    else:
        await page.goto(f"{base}/{path}?{lang_q[1:]}")
        await _settle(page)
        box = page.locator(".st-key-actor").get_by_role("combobox")
        await box.click()
        await box.fill(s.names["en"])
        await page.get_by_role("option", name=re.compile(re.escape(s.names["en"]))).first.click()
        await page.keyboard.press("Escape")
        await page.wait_for_url(re.compile(rf"[?&]actor={s.actor}(&|$)"))
        await _settle(page)
    s.arrival = time.perf_counter() - start
    await _check(page, s, "arrival")


def _page_path(url: str) -> str:
    """The page a URL shows: "" for the Overview, at / or /overview (the menu's link)."""
    path = urlparse(url).path.strip("/")
    return "" if path == "overview" else path


async def _act(page, base: str, paths: list[str], s: Session, step: int) -> str:
    """One user action, timed from the click until the app settled in the expected state."""
    kind = ("page", "lang", "page", "filter")[step % 4]
    if kind == "page":
        path = paths[step % len(paths)]
        if _page_path(page.url) == path:
            path = paths[(step + 1) % len(paths)]
        link = page.locator(nav_link_selector(path))

        async def wait_page():
            await page.wait_for_url(lambda u: _page_path(u) == path)
            await _settle(page)

        await _timed(s, kind, link.click, wait_page)
    elif kind == "lang":
        s.lang = "zh-Hant" if s.lang == "en" else "en"
        s.name = s.names[s.lang]
        radio = page.locator(".st-key-lang").get_by_role(
            "radio", name="English" if s.lang == "en" else "繁體中文"
        )

        async def wait_lang():
            await page.wait_for_url(lambda u: _query(u).get("lang", ["zh-Hant"]) == [s.lang])
            await _settle(page)

        await _timed(s, kind, radio.click, wait_lang)
    elif await (remove := page.locator('.st-key-type button[aria-label^="Remove"]')).count():

        async def wait_no_type():
            await page.wait_for_url(lambda u: "type" not in _query(u))
            await _settle(page)

        await _timed(s, kind, remove.first.click, wait_no_type)
    else:
        box = page.locator(".st-key-type").get_by_role("combobox")

        wanted = label("event_type", TYPES[step % len(TYPES)], s.lang)

        async def add_type():
            await box.click()
            await box.fill(wanted)
            await page.get_by_role("option", name=wanted, exact=True).click()
            await page.keyboard.press("Escape")

        async def wait_type():
            await page.wait_for_url(lambda u: "type" in _query(u))
            await _settle(page)

        await _timed(s, kind, add_type, wait_type)
    return kind


async def _run_load(base: str, names: dict[str, dict[str, str]]) -> tuple[list[Session], float]:
    """Run the sessions; return them and the seconds from all-arrived to all-done."""
    from playwright.async_api import async_playwright

    paths = menu_paths()
    sessions = [
        Session(
            i,
            actor=(a := ACTORS[i % len(ACTORS)]),
            name=names[a]["en" if i % 3 else "zh-Hant"],
            names=names[a],
            lang="en" if i % 3 else "zh-Hant",
        )
        for i in range(SESSIONS)
    ]
    arriving = asyncio.Semaphore(ARRIVING_AT_ONCE)
    acting = asyncio.Semaphore(ACTING_AT_ONCE)
    everyone_here = asyncio.Barrier(SESSIONS)
    everyone_done = asyncio.Barrier(SESSIONS)
    window: dict[str, float] = {}
    rng = random.Random(4)  # think times vary between sessions but not between runs

    async def drive(context, s: Session) -> None:
        page = await context.new_page()
        try:
            async with arriving:
                await _arrive(page, base, paths, s)
        except PlaywrightError as exc:  # a timeout is a page that did not settle: a failure
            s.failures.append(f"session {s.index} arriving: {type(exc).__name__}: {exc}"[:600])
        # The measured window starts when all twenty are in, so every action competes with
        # nineteen live sessions.
        await everyone_here.wait()
        window.setdefault("start", time.monotonic())
        step = s.index
        try:
            while (
                s.actions < ACTIONS_PER_SESSION
                and time.monotonic() < window["start"] + LOAD_CAP_S
                and not s.failures
            ):
                await asyncio.sleep(rng.uniform(*THINK_S))
                step += 1
                async with acting:
                    kind = await _act(page, base, paths, s, step)
                await _check(page, s, f"{kind} (step {step})")
        except PlaywrightError as exc:
            s.failures.append(f"session {s.index} step {step}: {type(exc).__name__}: {exc}"[:600])
        await everyone_done.wait()  # nobody leaves early: the last actions still face twenty
        await page.close()

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=LOAD_BROWSER_ARGS)
        # One visit first, so the measured sessions meet a warm server (see warm_up).
        warm = await browser.new_page()
        await warm.goto(f"{base}/")
        await _settle(warm)
        await warm.close()
        contexts = [await browser.new_context(viewport=VIEWPORT) for _ in sessions]
        await asyncio.gather(*(drive(c, s) for c, s in zip(contexts, sessions, strict=True)))
        for c in contexts:
            await c.close()
        await browser.close()
    return sessions, time.monotonic() - window.get("start", time.monotonic())


def _in_thread(coro_fn, *args):
    """Run an asyncio coroutine in its own thread: the sync Playwright fixtures own this one."""
    with ThreadPoolExecutor(1, thread_name_prefix="load-driver") as pool:
        return pool.submit(asyncio.run, coro_fn(*args)).result()


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def test_language_then_page_switch_keeps_the_filter(page, server, browser):
    warm_up(browser, server)  # not the server's first session (see tests/browser.py)
    page.goto(f"{server.url}/?actor=trump&type=diplomacy&lang=en")
    wait_settled(page)
    page.locator(".st-key-lang").get_by_role("radio", name="繁體中文").click()
    expect(page).to_have_url(re.compile(r"^(?!.*lang=)"))
    wait_settled(page)
    page.locator(nav_link_selector("map")).click()
    expect(page).to_have_url(re.compile(r"/map(\?|$)"))
    wait_settled(page)
    expect(page).to_have_url(re.compile(r"[?&]actor=trump(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]type=diplomacy(&|$)"))


def test_twenty_concurrent_sessions_keep_their_state(server, ds):
    names = {a: {"en": ds.actor(a).name_en, "zh-Hant": ds.actor(a).name_zh} for a in ACTORS}
    started = time.monotonic()
    sessions, window_s = _in_thread(_run_load, server.url, names)
    elapsed = time.monotonic() - started

    latencies = [sec for s in sessions for _, sec in s.latencies]
    by_kind: dict[str, list[float]] = {}
    for s in sessions:
        for kind, sec in s.latencies:
            by_kind.setdefault(kind, []).append(sec)
    failures = [f for s in sessions for f in s.failures]
    results = {
        "sessions": SESSIONS,
        "actions_per_session": ACTIONS_PER_SESSION,
        "acting_at_once": ACTING_AT_ONCE,
        "window_seconds": round(window_s, 1),
        "wall_seconds": round(elapsed, 1),
        "actions": len(latencies),
        "pages": menu_paths(),
        "p50_s": round(statistics.median(latencies), 3) if latencies else None,
        "p95_s": round(_percentile(latencies, 95), 3) if len(latencies) > 1 else None,
        "max_s": round(max(latencies), 3) if latencies else None,
        "arrival_p50_s": round(statistics.median(s.arrival for s in sessions), 3),
        "arrival_max_s": round(max(s.arrival for s in sessions), 3),
        "by_kind": {
            k: {
                "n": len(v),
                "p50_s": round(statistics.median(v), 3),
                "p95_s": round(_percentile(v, 95), 3) if len(v) > 1 else round(v[0], 3),
            }
            for k, v in sorted(by_kind.items())
        },
        "failures": failures[:20],
        "cpu_count": os.cpu_count(),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nload: {json.dumps(results, indent=2)}")

    assert not failures, "\n".join(failures[:10])
    # Every session did its share of work while all twenty were connected, not just arrived.
    assert all(s.actions == ACTIONS_PER_SESSION for s in sessions), [
        (s.index, s.actions) for s in sessions
    ]
    assert {"page", "lang", "filter"} <= by_kind.keys()
    assert results["p95_s"] < P95_BUDGET_S, results
