"""Faults: the dataset changing under a running server, a broken dataset, a killed server.

The server here serves its own copy of the dataset (USMX_DATASET in a temporary folder), so
a test can edit the file on disk while the app runs, as a journalist would:

- a server that never saw a good version says what is wrong (file, record, field), in both
  languages, for a YAML error, evidence not in the article and a missing file;
- a valid edit shows on the next rerun of an open session and in a new one;
- a broken edit (YAML syntax, evidence not in the article) keeps the last good data on screen
  (same counts, same caption) with the sidebar's validation message, and no traceback;
- SIGKILL and a restart on the same port lose nothing a user cares about: the open tab
  reconnects to the same view, and the same URL in a new tab reproduces it.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from tests.browser import (
    ROOT,
    Server,
    app_errors,
    menu_paths,
    nav_link_selector,
    page_paths,
    wait_settled,
    warm_up,
)
from tests.test_browser import expect_caption, filter_caption, open_app

pytestmark = pytest.mark.browser

STALE = {
    "en": "The new version of the dataset file has problems; the last good version is shown.",
    "zh-Hant": "資料檔的新版本有問題，仍顯示上一個有效版本。",
}
UNUSABLE = {
    "en": "The dataset file has problems and could not be loaded:",
    "zh-Hant": "資料檔有問題，無法載入：",
}
NAME_EN = ("    name_en: Donald Trump\n", "    name_en: Donald J. Trump (edited)\n")
NAME_ZH = ("    name_zh: 特朗普\n", "    name_zh: 特朗普（已編輯）\n")
TRUMP_EVIDENCE = "exact: 美國總統特朗普（Donald Trump，又譯川普）"


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the dataset changed: {old!r} is not there exactly once"
    return text.replace(old, new)


def rename_trump(text: str) -> str:
    return _replace_once(_replace_once(text, *NAME_EN), *NAME_ZH)


# Broken edits: how to break the text, and what the message must say to be acted on.
BREAKS: dict[str, tuple[Callable[[str], str], list[str]]] = {
    "yaml_syntax": (
        lambda text: _replace_once(text, TRUMP_EVIDENCE, TRUMP_EVIDENCE + ": [unclosed"),
        ["YAML syntax error", "line "],
    ),
    "evidence_not_in_article": (
        lambda text: _replace_once(text, TRUMP_EVIDENCE, TRUMP_EVIDENCE + "不在原文"),
        ["actors[1] (trump)", "field evidence[0].exact", "not in the article"],
    ),
}


def copy_dataset(folder: Path) -> Path:
    """The shipped dataset and its article in `folder`; the copy's dataset file path."""
    shutil.copy(ROOT / "data" / "dataset.yaml", folder / "dataset.yaml")
    shutil.copytree(ROOT / "data" / "source", folder / "source")
    return folder / "dataset.yaml"


def metric_values(page) -> list[str]:
    """The Overview's four headline numbers (waited for: drawing may trail "notRunning")."""
    values = page.locator(".usmx-headline dd")
    expect(values).to_have_count(4)
    return values.all_inner_texts()


def expect_healthy(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "Traceback" not in page.locator("body").inner_text()
    assert app_errors(page) == []


def switch_language(page, to: str) -> None:
    page.locator(".st-key-lang").get_by_role(
        "radio", name="English" if to == "en" else "繁體中文"
    ).click()
    expect(page).to_have_url(
        re.compile(r"[?&]lang=en(&|$)") if to == "en" else re.compile(r"^(?!.*lang=)")
    )
    wait_settled(page)


def stale_notice(page, lang: str):
    return (
        page.get_by_test_id("stSidebar").get_by_test_id("stExpander").filter(has_text=STALE[lang])
    )


# One server for the module, on its own copy of the dataset. The copy starts out broken, so
# the first tests see a server that never had a good version; then the file is fixed for the
# edit tests; the restart tests kill it and start it again last. (Tests run in file order;
# each fixture checks the state it needs, so a reordering fails loudly instead of passing.)


@dataclass
class App:
    server: Server
    path: Path
    original: str
    env: dict[str, str]
    served_good: bool = False

    def fix(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")
        self.served_good = True


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path = copy_dataset(tmp_path_factory.mktemp("dataset"))
    original = path.read_text(encoding="utf-8")
    breaker, _ = BREAKS["evidence_not_in_article"]
    path.write_text(breaker(original), encoding="utf-8")  # broken before the server starts
    env = {"USMX_DATASET": str(path)}
    app = App(Server(env=env), path, original, env)
    yield app
    app.server.stop()


# --- a server that has never seen a good version --------------------------------------------


@pytest.fixture
def never_good(app):
    assert not app.served_good, "these tests must run before the file is fixed (file order)"
    return app.server, app.path, app.original


@pytest.mark.parametrize(
    ("broken", "lang"),
    [("evidence_not_in_article", "en"), ("yaml_syntax", "zh-Hant"), ("missing_file", "en")],
)
def test_unusable_dataset_says_what_is_wrong(page, never_good, broken, lang):
    server, path, original = never_good
    if broken == "missing_file":
        path.unlink()
        needles = ["file not found"]
    else:
        breaker, needles = BREAKS[broken]
        path.write_text(breaker(original), encoding="utf-8")
    open_app(page, server, query="lang=en" if lang == "en" else "")
    expect(page.get_by_text(UNUSABLE[lang])).to_be_visible()
    details = page.get_by_test_id("stMain").get_by_test_id("stCode")
    for needle in [str(path), *needles]:
        expect(details).to_contain_text(needle)
    expect_healthy(page)


# --- a running server whose dataset file is edited -----------------------------------------


@pytest.fixture(scope="module")
def live(app, browser):
    app.fix()
    warm_up(browser, app.server)  # the server sees a good version, and has run once
    return app.server, app.path


@pytest.fixture
def dataset_file(live):
    """The live server's dataset file, put back as it was after the test."""
    _, path = live
    original = path.read_text(encoding="utf-8")
    yield path, original
    path.write_text(original, encoding="utf-8")


def test_valid_edit_shows_on_next_rerun_and_in_new_sessions(page, live, dataset_file):
    server, _ = live
    path, original = dataset_file
    open_app(page, server, query="lang=en&actor=trump")
    expect_caption(page, "involving Donald Trump$")
    path.write_text(rename_trump(original), encoding="utf-8")

    switch_language(page, "zh-Hant")  # any rerun of the open session reads the file again
    expect_caption(page, "涉及 特朗普（已編輯）")
    open_app(page, server, query="lang=en&actor=trump")  # a new session
    expect_caption(page, r"involving Donald J\. Trump \(edited\)")
    expect(stale_notice(page, "en")).to_have_count(0)
    expect_healthy(page)


@pytest.mark.parametrize("broken", list(BREAKS))
def test_broken_edit_keeps_last_good_version_with_message(page, live, dataset_file, broken):
    server, _ = live
    path, original = dataset_file
    breaker, needles = BREAKS[broken]
    open_app(page, server, query="lang=en&actor=trump")
    expect_caption(page, "involving Donald Trump$")
    caption, counts = filter_caption(page).inner_text(), metric_values(page)
    # The rename in the same edit must not get through: the whole new version is refused.
    path.write_text(breaker(rename_trump(original)), encoding="utf-8")

    switch_language(page, "zh-Hant")  # the open session, on its next rerun
    expect(stale_notice(page, "zh-Hant")).to_be_visible()
    expect_caption(page, "涉及 特朗普$")
    open_app(page, server, query="lang=en&actor=trump")  # a new session
    notice = stale_notice(page, "en")
    expect(notice).to_be_visible()
    assert filter_caption(page).inner_text() == caption
    assert metric_values(page) == counts
    notice.get_by_text(STALE["en"]).click()
    details = notice.get_by_test_id("stCode")
    expect(details).to_be_visible()
    for needle in [str(path), *needles]:
        expect(details).to_contain_text(needle)
    expect_healthy(page)

    path.write_text(original, encoding="utf-8")  # fixed on disk: the message goes away
    open_app(page, server, query="lang=en&actor=trump")
    expect_caption(page, "involving Donald Trump$")
    expect(stale_notice(page, "en")).to_have_count(0)


# --- SIGKILL and a restart on the same port ---------------------------------------------------

RESTART_PATH = next((p for p in ("timeline", "map") if p in page_paths()), "")
RESTART_QUERY = "actor=sheinbaum&dates=2025-06-01&dates=2026-01-15&lang=en"


def view(page) -> dict[str, object]:
    """What a user would compare: address, heading, filter caption, sidebar choices."""
    expect(filter_caption(page)).to_contain_text("Claudia Sheinbaum, 2025-06-01 to 2026-01-15")
    # Drawing can trail the end of the run: wait for the sidebar's chip and both dates.
    expect(page.locator(".st-key-actor [data-tag]")).to_have_count(1)
    expect(page.locator(".st-key-dates input")).to_have_count(2)
    return {
        "url": page.url,
        "title": page.locator("h1").first.inner_text(),
        "caption": filter_caption(page).inner_text(),
        "chips": page.locator(".st-key-actor [data-tag]").all_inner_texts(),
        "dates": [d.input_value() for d in page.locator(".st-key-dates input").all()],
    }


CONNECTED = (
    "() => document.querySelector('[data-testid=\"stApp\"]')"
    "?.getAttribute('data-test-connection-state') === 'CONNECTED'"
)
# Counts script runs from now on (a run after a reconnect must really happen, not be assumed).
COUNT_RUNS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__runs = 0;
    new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') === 'running') window.__runs += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


@pytest.fixture(scope="module")
def restarted(app, browser):
    """Two tabs on one view; the server SIGKILLed and started again on the same port.

    After the restart a tab shows its old page but has no session on the new server until it
    sends something: `page` is used to rerun, `clicker` to switch pages first.
    """
    app.fix()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page, clicker = context.new_page(), context.new_page()
        for tab in (page, clicker):
            tab.goto(f"{app.server.url}/{RESTART_PATH}?{RESTART_QUERY}")
            wait_settled(tab)
        before = view(page)
        app.server.kill()
        deadline = time.monotonic() + 20
        while not (while_down := app_errors(page)) and time.monotonic() < deadline:
            time.sleep(0.25)
        app.server = Server(env=app.env, port=app.server.port)
        for tab in (page, clicker):
            tab.wait_for_function(CONNECTED, timeout=60_000)
            wait_settled(tab)
        yield SimpleNamespace(
            server=app.server, page=page, clicker=clicker, before=before, while_down=while_down
        )
    finally:
        context.close()


def test_restart_on_same_port_reproduces_the_view(restarted, browser):
    # While the server is down the tab says so (and our error check sees it)...
    assert any("Connection error" in e for e in restarted.while_down), restarted.while_down
    # ...then the open tab reconnects; rerun there (Streamlit's "r"), the new server draws the
    # same view from the tab's URL alone,
    page = restarted.page
    page.evaluate(COUNT_RUNS)
    page.keyboard.press("r")
    page.wait_for_function("() => window.__runs > 0")
    wait_settled(page)
    assert view(page) == restarted.before
    expect_healthy(page)
    # and the same URL in a new tab reproduces it.
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        fresh = context.new_page()
        fresh.goto(restarted.before["url"])
        wait_settled(fresh)
        assert view(fresh) == restarted.before
        expect_healthy(fresh)
    finally:
        context.close()


def test_first_click_after_restart_keeps_the_filter(restarted):
    # After a restart the tab has no session on the new server until it sends something. If
    # that is a menu click, the new session starts from the link alone: the menu's links
    # carry the filter (usmx.ui.context.menu), so the view survives.
    page = restarted.clicker
    target = next(p for p in menu_paths() if p != RESTART_PATH)
    page.locator(nav_link_selector(target)).click()
    # The Overview's menu link is its own path, /overview (see dashboard.py).
    expect(page).to_have_url(re.compile(rf"/{target or 'overview'}(\?|$)"))
    wait_settled(page)
    expect(page).to_have_url(re.compile(r"[?&]actor=sheinbaum(&|$)"))
    expect(page.locator(".st-key-actor [data-tag]")).to_contain_text("Claudia Sheinbaum")
