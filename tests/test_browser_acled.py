"""Real browser: an editor's server takes an ACLED upload (the made-up fixture) and refuses a
broken one; its own server, with uploads on and a temporary data folder."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import app_errors, running_server, wait_settled
from tests.test_acled_page import FIXTURE, broken_fixture
from usmx.acled_import import layer_path

pytestmark = pytest.mark.browser
SLOW = 60_000  # a rerun can take seconds on a busy 2-core machine: wait for what it shows


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("acled_data")
    env = {"USMX_ALLOW_UPLOADS": "1", "USMX_DATA_DIR": str(data)}
    with running_server(env=env) as server:
        yield server, data


def ready(page, file_name: str) -> None:
    """Wait until the server has the upload: the page names the file its button imports."""
    expect(page.get_by_text(f"Ready to import: {file_name}")).to_be_visible(timeout=SLOW)
    wait_settled(page)


def test_upload_accepted_then_a_broken_one_refused(page, editor_server, tmp_path):
    server, data = editor_server
    page.goto(f"{server.url}/acled?lang=en")
    wait_settled(page)
    uploader = page.locator(".st-key-acled_upload input[type=file]")
    uploader.set_input_files(str(FIXTURE))
    ready(page, FIXTURE.name)
    page.locator(".st-key-acled_import button").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("10 rows", timeout=SLOW)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("10")
    assert layer_path(data).is_file()
    before = layer_path(data).read_bytes()

    broken = tmp_path / "broken.csv"
    broken.write_bytes(broken_fixture())
    uploader.set_input_files(str(broken))
    ready(page, broken.name)  # the button of the first upload is still there: not before this
    page.locator(".st-key-acled_import button").click()
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("broken.csv", timeout=SLOW)
    expect(page.get_by_test_id("stCode")).to_contain_text("column latitude")
    assert layer_path(data).read_bytes() == before  # the stored layer is unchanged
    assert not app_errors(page)
