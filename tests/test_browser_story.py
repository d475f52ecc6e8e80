"""Story mode in a real browser: the arrow keys step through the story, the URL follows."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser import wait_drawn, wait_settled
from usmx import story
from usmx.dataset import load_dataset
from usmx.filters import Filters

pytestmark = pytest.mark.browser


def _event(page) -> str | None:
    return (parse_qs(urlparse(page.url).query).get("event") or [None])[0]


def test_arrow_keys_step_through_sheinbaums_story(page, server):
    ds = load_dataset()
    steps = story.steps(Filters(actors=("sheinbaum",)).events(ds))
    page.goto(f"{server.url}/story?lang=en&actor=sheinbaum")
    # Drawn, not only settled: the step's map and strip load their code after the run ends,
    # and a key pressed while they mount was lost once on a loaded CI machine.
    wait_drawn(page, timeout=60_000)
    card = page.locator(".st-key-event_card")
    expect(card).to_contain_text(steps[0].title_en)
    for step in steps[1:3]:
        page.locator("body").press("ArrowRight")
        expect(card).to_contain_text(step.title_en, timeout=30_000)
        expect(page).to_have_url(re.compile(rf"event={step.id}"), timeout=30_000)
        wait_drawn(page, timeout=60_000)  # the next step's map, before the next key
    page.locator("body").press("ArrowLeft")
    expect(card).to_contain_text(steps[1].title_en, timeout=30_000)
    wait_settled(page)
    assert _event(page) == steps[1].id
    # The address opens the story at that step, with the filter.
    link = page.url
    other = page.context.new_page()
    other.goto(link)
    wait_settled(other, timeout=60_000)
    expect(other.locator(".st-key-event_card")).to_contain_text(steps[1].title_en)
    expect(other.get_by_text(f"Step 2 of {len(steps)}")).to_be_visible()
    other.close()
