"""Real browser: the claims tracker searches in either script and links a claim to its words."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import app_errors, wait_settled

pytestmark = pytest.mark.browser
SLOW = 60_000  # a rerun can take seconds on a busy 2-core machine: wait for what it shows


def test_search_narrows_the_cards_and_a_card_links_to_the_source(page, server):
    page.goto(f"{server.url}/claims?lang=en")
    wait_settled(page)
    cards = page.locator("li.usmx-claim")
    expect(cards.first).to_be_visible(timeout=SLOW)
    total = cards.count()
    box = page.locator(".st-key-claims_q input")
    box.fill("水路")
    box.press("Enter")
    expect(cards).to_have_count(2, timeout=SLOW)
    assert total > 2
    sea = page.locator("#claim-c_97_percent_sea_drugs")
    expect(sea.locator("mark").first).to_have_text("我們已經清除了97%通過水路運輸的毒品")
    expect(sea.locator(".context mark")).to_contain_text("美墨邊境")
    sea.locator("a.usmx-ev-link").first.click()
    page.wait_for_url(re.compile(r"/source\?.*span=\d+-\d+"), timeout=SLOW)
    wait_settled(page)
    assert not app_errors(page)
