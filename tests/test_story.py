"""Story mode: step order, steps, the strip, the article passages, and the page (AppTest)."""

from __future__ import annotations

import base64
import itertools

import pytest

from tests.apptest import run_app
from usmx import story
from usmx.filters import Filters


@pytest.fixture(scope="module")
def steps(ds):
    return story.steps(ds.events)


def _first(event):
    return event.interval.start or event.interval.end


def test_steps_are_in_date_order_and_keep_every_event(ds, steps):
    assert sorted(e.id for e in steps) == sorted(e.id for e in ds.events)
    keys = [(_first(e), e.interval.end) for e in steps]
    assert keys == sorted(keys)


def test_steps_are_stable_for_ties(ds):
    twice = story.steps(list(ds.events) + list(ds.events))
    ids = [e.id for e in twice]
    # Equal events keep dataset order: each pair of copies stays in first-come order.
    for event in ds.events:
        first, second = (i for i, x in enumerate(ids) if x == event.id)
        assert first < second


@pytest.mark.parametrize("where", ["first", "middle", "last", "unknown"])
def test_step_of(steps, where):
    index = {"first": 0, "middle": len(steps) // 2, "last": len(steps) - 1, "unknown": 0}[where]
    wanted = steps[index].id if where != "unknown" else "no_such_event"
    step = story.step_of(steps, wanted)
    assert step.index == index
    assert step.number == index + 1
    assert step.total == len(steps)
    assert step.previous_id == (steps[index - 1].id if index else None)
    assert step.next_id == (steps[index + 1].id if index + 1 < len(steps) else None)


def test_step_of_an_empty_story():
    assert story.step_of([], "x") is None


def test_sheinbaum_story_is_her_events(ds):
    mine = Filters(actors=("sheinbaum",)).events(ds)
    steps = story.steps(mine)
    assert {e.id for e in steps} == {e.id for e in mine}
    assert all(any(a.actor_id == "sheinbaum" for a in e.actors) for e in steps)


def test_strip_marks_one_current_mark_in_order(steps):
    titles = [e.title_en for e in steps]
    current = steps[3].id
    marks = story.strip_marks(steps, current, titles)
    assert len(marks) == len(steps)
    assert [m.current for m in marks].count(True) == 1
    assert marks[3].current
    xs = [m.x for m in marks]
    assert xs == sorted(xs)
    assert xs[0] > 0
    assert xs[-1] < story.STRIP_WIDTH


def test_strip_is_an_escaped_image_with_alt_text(steps):
    titles = ["<script>alert(1)</script>" for _ in steps]
    out = story.strip_html(steps, steps[0].id, titles, 'alt "text" <b>')
    assert out.startswith('<img class="usmx-story-strip"')
    assert 'alt="alt &#34;text&#34; &lt;b&gt;"' in out
    svg = base64.b64decode(out.split("base64,", 1)[1].split('"', 1)[0]).decode()
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg  # the current step's label, escaped


def test_year_ticks_do_not_crowd(steps):
    ticks = story.year_ticks(steps)
    xs = [x for x, _ in ticks]
    assert all(b - a >= 34 for a, b in itertools.pairwise(xs))
    assert ticks[0][1] == str(_first(steps[0]).year)


@pytest.mark.parametrize(
    ("article", "spans", "pieces"),
    [
        ("甲乙丙\n丁戊己", [(1, 2)], [[("甲", False), ("乙", True), ("丙", False)]]),
        ("甲乙丙\n丁戊己", [(5, 7)], [[("丁", False), ("戊己", True)]]),
        (
            "甲乙丙\n丁戊己",
            [(0, 1), (6, 7)],
            [[("甲", True), ("乙丙", False)], [("丁戊", False), ("己", True)]],
        ),
        ("甲乙丙丁", [(0, 2), (1, 3)], [[("甲乙", True), ("丙", True), ("丁", False)]]),
    ],
)
def test_passages_mark_the_evidence_in_its_paragraph(article, spans, pieces):
    out = story.passages(article, spans)
    assert [list(p.pieces) for p in out] == pieces


def test_passages_carry_the_english_of_their_paragraph():
    out = story.passages("甲\n\n乙", [(3, 4)], ["A", "B"])
    assert out[0].english == "B"


# --- the page -------------------------------------------------------------------------------


def _page(**params):
    at = run_app("pages/story.py", **params)
    assert not at.exception
    return at


def test_page_opens_at_the_linked_step_and_moves(ds):
    steps = story.steps(ds.events)
    middle = steps[len(steps) // 2]
    at = _page(lang="en", event=middle.id)
    assert at.selectbox(key="story_step").value == middle.id
    at.button(key="story_next").click().run()
    assert at.query_params["event"] in (
        steps[len(steps) // 2 + 1].id,
        [steps[len(steps) // 2 + 1].id],
    )
    at.button(key="story_previous").click().run()
    at.button(key="story_previous").click().run()
    assert at.selectbox(key="story_step").value == steps[len(steps) // 2 - 1].id


def test_page_starts_at_the_first_step_and_cannot_go_back(ds):
    at = _page(lang="en")
    first = story.steps(ds.events)[0]
    assert at.selectbox(key="story_step").value == first.id
    assert at.button(key="story_previous").disabled
    assert any(m.value.startswith("Step 1 of") for m in at.markdown)


def test_sheinbaum_filter_tells_her_story(ds):
    at = _page(lang="en", actor="sheinbaum")
    mine = story.steps(Filters(actors=("sheinbaum",)).events(ds))
    options = at.selectbox(key="story_step").options
    assert [o.split(" · ", 1)[1] for o in options] == [e.title_en for e in mine]
    for _ in range(len(mine) - 1):
        at.button(key="story_next").click().run()
    assert at.selectbox(key="story_step").value == mine[-1].id
    assert at.button(key="story_next").disabled


def test_a_link_to_a_step_outside_the_filter_starts_at_the_first(ds):
    outside = next(e for e in ds.events if not any(a.actor_id == "sheinbaum" for a in e.actors))
    at = _page(lang="en", actor="sheinbaum", event=outside.id)
    mine = story.steps(Filters(actors=("sheinbaum",)).events(ds))
    assert at.selectbox(key="story_step").value == mine[0].id
    assert any("not in the filtered story" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_page_shows_card_article_and_strip(ds, lang):
    steps = story.steps(ds.events)
    quoted = next(e for e in steps if any(q.event_id == e.id for q in ds.quotes))
    at = _page(lang=lang, event=quoted.id)
    bodies = "".join(el.proto.body for el in at.get("html"))
    assert "usmx-card" in bodies
    assert 'class="usmx-story-article"' in bodies
    assert "<mark>" in bodies
    assert "usmx-story-strip" in bodies
    assert ('class="en"' in bodies) == (lang == "en")
    quote_ids = [q.id for q in ds.quotes if q.event_id == quoted.id]
    assert all(f"quote-{q}" in bodies for q in quote_ids)
