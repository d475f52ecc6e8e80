"""The Quotes, Actors and Source pages in a real browser: what opens first, and the links of the
Actors page's tables (an event to its card on the timeline, a claim to its words in the source).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import wait_settled
from usmx import actors as A
from usmx import quotes as Q
from usmx.dataset import load_dataset
from usmx.i18n import title

pytestmark = pytest.mark.browser


def test_quotes_open_on_a_direct_quotation_with_its_speaker(page, server):
    ds = load_dataset()
    arranged = Q.arrange(ds.quotes)
    page.goto(f"{server.url}/quotes?lang=en")
    wait_settled(page, timeout=60_000)
    first = page.locator(".usmx-quote").first
    expect(first).to_have_attribute("id", f"quote-{arranged.cards[0].id}")
    expect(first.locator(".kind")).to_have_text("Direct quotation")
    expect(first.locator(".who")).to_have_text(ds.actor(arranged.cards[0].speaker_id).name_en)
    rows = page.locator(".usmx-terms tbody tr")
    expect(rows).to_have_count(len(arranged.terms))
    # The terms come after every card, as one table.
    cards_bottom = page.locator(".usmx-quote").last.bounding_box()
    assert page.locator(".usmx-terms").bounding_box()["y"] > cards_bottom["y"]


def test_an_event_of_a_profile_opens_its_card_on_the_timeline(page, server):
    ds = load_dataset()
    prof = A.profile(ds, "trump")
    event = prof.events[0][0]
    page.goto(f"{server.url}/actors?lang=en&profile=trump")
    wait_settled(page, timeout=60_000)
    page.locator(".st-key-actor_events a").first.click()
    expect(page).to_have_url(re.compile(rf"/timeline\?.*event={event.id}"), timeout=30_000)
    wait_settled(page, timeout=60_000)
    expect(page.locator(".st-key-event_card h4")).to_have_text(title(event, "en"), timeout=30_000)


def test_a_claim_of_a_profile_opens_its_words_in_the_source(page, server):
    ds = load_dataset()
    claim = A.profile(ds, "trump").claims[0]
    ev = claim.evidence[0]
    page.goto(f"{server.url}/actors?lang=en&profile=trump")
    wait_settled(page, timeout=60_000)
    page.locator(".st-key-actor_claims a").first.click()
    expect(page).to_have_url(re.compile(rf"/source\?.*span={ev.start}-{ev.end}"), timeout=30_000)
    wait_settled(page, timeout=60_000)
    expect(page.locator(f"#span-{ev.start}-{ev.end}")).to_be_visible(timeout=30_000)
    expect(page.locator(".usmx-cited")).to_contain_text(claim.id)
