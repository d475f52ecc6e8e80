"""Real browser: an editor's server (USMX_REVIEW=1, serving a copy of the made-up review
fixture) takes the made-up report as an upload, the editor accepts the raid as an event, and
the event is then on the Timeline."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from tests.browser import app_errors, running_server, wait_settled
from tests.test_review_page import FIXTURE, REPORT, SOURCE, candidate
from usmx.dataset import load_dataset
from usmx.ui.review_form import candidate_key

pytestmark = pytest.mark.browser
SLOW = 60_000  # a rerun can take seconds on a busy 2-core machine: wait for what it shows


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review") / "corpus"
    shutil.copytree(FIXTURE, folder)
    dataset = folder / "dataset.yaml"
    with running_server(env={"USMX_REVIEW": "1", "USMX_DATASET": str(dataset)}) as server:
        yield server, dataset


def _choose(page, key: str, option: str) -> None:
    box = page.locator(f".st-key-{key}").get_by_role("combobox")
    box.click()
    box.fill(option)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()
    wait_settled(page)


def test_upload_accept_and_the_event_appears(page, editor_server):
    server, dataset = editor_server
    page.goto(f"{server.url}/review?lang=en")
    wait_settled(page)
    page.locator(".st-key-review_file input[type=file]").set_input_files(str(REPORT))
    published = page.locator(".st-key-review_published input")
    published.fill("2026-02-06")
    published.press("Enter")
    page.locator(".st-key-review_outlet input").fill("Made-up Post")
    page.locator(".st-key-review_add_go button").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "Added source made_up_post_2026_02_06", timeout=SLOW
    )
    wait_settled(page)
    # The source is shown with its candidates marked.
    expect(page.locator(".usmx-rv-src mark.rv-event").first).to_be_visible()

    raid = candidate(dataset, "event", "raided a drug laboratory")
    _choose(page, candidate_key(SOURCE), "The Sinaloa State Police raided")
    expect(page.locator(".usmx-rv-src mark.rv-sel").first).to_contain_text("raided")
    page.locator(f".st-key-rv_title_zh_{raid} input").fill("錫那羅亞州警察突襲製毒實驗室")
    page.locator(f".st-key-rv_title_zh_{raid} input").press("Enter")
    wait_settled(page)
    _choose(page, f"rv_status_{raid}", "Occurred")
    page.locator(f".st-key-rv_record_id_{raid} input").fill("police_raid_lab")
    page.locator(f".st-key-rv_record_id_{raid} input").press("Enter")
    wait_settled(page)
    page.locator(f".st-key-rv_accept_{raid} button").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "accepted as record police_raid_lab", timeout=SLOW
    )
    assert "police_raid_lab" in load_dataset(dataset).events_by_id
    assert not app_errors(page)

    # The app's data was reloaded: the Timeline shows the new event's card.
    page.goto(f"{server.url}/timeline?lang=en&event=police_raid_lab")
    wait_settled(page)
    expect(page.locator(".st-key-event_card")).to_contain_text(
        "The Sinaloa State Police raided a drug laboratory", timeout=SLOW
    )
    assert not app_errors(page)
