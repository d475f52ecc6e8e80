"""usmx.highlight: paragraphs cut into segments at span boundaries, anchors, tooltips, focus.

Pure: the segments themselves, without HTML (tests/test_source_view.py checks the markup).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from usmx.article import paragraphs
from usmx.highlight import MAX_SEGMENT_RECORDS, Highlighter, Segment, focus_paragraph
from usmx.spans import RECORD_TYPES, Span

TEXT = "0123456789"


def cut(spans, *, lang="en", focus=None, labels=None, article=TEXT) -> list[list[Segment]]:
    hl = Highlighter(article, spans, lang, focus, labels)
    return [hl.paragraph(p) for p in paragraphs(article)]


def colour(seg: Segment) -> str | None:
    return next((c for c in seg.classes.split() if c.startswith("ev-")), None)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # nested: the inner (shorter) span colours the middle, the outer the rest
        (
            [Span(0, 10, "event", "e"), Span(3, 5, "actor", "a")],
            [("ev-event", "012"), ("ev-actor", "34"), ("ev-event", "56789")],
        ),
        # overlapping (crossing) spans: three segments, the shared one gets the shorter
        (
            [Span(0, 6, "event", "e"), Span(4, 8, "place", "p")],
            [("ev-event", "0123"), ("ev-place", "45"), ("ev-place", "67"), (None, "89")],
        ),
        # same words cited twice: one mark, both records, tie broken by type order
        (
            [Span(2, 4, "place", "p"), Span(2, 4, "quote", "q")],
            [(None, "01"), ("ev-quote", "23"), (None, "456789")],
        ),
        # out-of-range offsets are clamped; empty spans vanish
        (
            [Span(-3, 2, "actor", "a"), Span(5, 5, "event", "e")],
            [("ev-actor", "01"), (None, "23456789")],
        ),
        ([], [(None, TEXT)]),
    ],
)
def test_segments_at_every_boundary(spans, expected):
    (segments,) = cut(spans)
    assert [(colour(s), s.text) for s in segments] == expected
    assert all(s.marked == (colour(s) is not None) for s in segments)


@pytest.mark.parametrize(
    ("lang", "labels", "tooltip"),
    [
        ("en", None, "Place: venezuela; Event: us_strike"),
        ("en", {("place", "venezuela"): "Venezuela"}, "Place: Venezuela; Event: us_strike"),
        ("zh-Hant", {("place", "venezuela"): "委內瑞拉"}, "地點：委內瑞拉；事件：us_strike"),
    ],
)
def test_a_shared_segment_names_every_record(lang, labels, tooltip):
    spans = [Span(0, 10, "event", "us_strike"), Span(3, 5, "place", "venezuela")]
    middle = next(s for s in cut(spans, lang=lang, labels=labels)[0] if s.anchor == "span-3-5")
    assert middle.tooltip == tooltip
    assert middle.records == "place:venezuela event:us_strike"
    assert middle.spans == "3-5 0-10"
    assert middle.more == 0


def test_each_span_is_anchored_once_even_across_paragraphs():
    article = "甲乙丙\n丁戊"
    spans = [Span(1, 6, "event", "e"), Span(0, 3, "actor", "a"), Span(0, 3, "claim", "c")]
    segments = [s for para in cut(spans, article=article) for s in para]
    anchors = [a for s in segments for a in (s.anchor, *s.empty_anchors) if a]
    assert sorted(anchors) == ["span-0-3", "span-1-6"]


def test_spans_starting_together_get_an_empty_anchor_before_the_mark():
    spans = [Span(0, 3, "actor", "a"), Span(0, 8, "event", "e")]
    first = cut(spans)[0][0]
    assert first.anchor == "span-0-3"
    assert first.empty_anchors == ("span-0-8",)


@pytest.mark.parametrize(
    ("focus", "classes"),
    [
        (
            (2, 5),
            ["ev ev-event", "ev ev-event ev-focus ev-focus-start ev-focus-end", "ev ev-event"],
        ),
        ((0, 10), ["ev ev-event ev-focus ev-focus-start ev-focus-end"]),
    ],
)
def test_focus_is_outlined(focus, classes):
    (segments,) = cut([Span(0, 10, "event", "e")], focus=focus)
    assert [s.classes for s in segments] == classes


@pytest.mark.parametrize("focus", [(5, 2), (-1, 3), (3, 11), None])
def test_an_impossible_focus_is_ignored(focus):
    (segments,) = cut([], focus=focus)
    assert segments == [Segment(TEXT)]


def test_a_focus_no_record_cites_still_gets_its_anchor():
    (segments,) = cut([], focus=(5, 9))
    marked = [s for s in segments if s.marked]
    assert [(s.text, s.anchor, s.classes) for s in marked] == [
        ("5678", "span-5-9", "ev-focus ev-focus-start ev-focus-end")
    ]


def test_records_per_segment_are_capped():
    many = [Span(0, 4, "event", f"gen_{i:05d}") for i in range(MAX_SEGMENT_RECORDS + 7)]
    first = cut(many)[0][0]
    assert len(first.records.split()) == MAX_SEGMENT_RECORDS
    assert first.more == 7
    assert first.tooltip.endswith("… and 7 more records")
    assert "event:gen_00000" in first.records


@pytest.mark.parametrize(
    ("focus", "index"), [((0, 2), 0), ((4, 6), 1), ((2, 5), 0), ((3, 3), None), (None, None)]
)
def test_focus_paragraph(focus, index):
    assert focus_paragraph(paragraphs("甲乙丙\n丁戊"), focus) == index


ALPHABET = st.sampled_from([*list("ab 中文<>&\"'\n\t;"), "\u3000"])


@st.composite
def article_and_spans(draw):
    article = draw(st.text(alphabet=ALPHABET, max_size=40))
    bounds = st.integers(min_value=-3, max_value=len(article) + 3)
    raw = draw(st.lists(st.tuples(bounds, bounds, st.sampled_from(RECORD_TYPES)), max_size=10))
    return article, [Span(a, b, rt, f"r{i}") for i, (a, b, rt) in enumerate(raw)]


@settings(max_examples=200, deadline=None)
@given(article_and_spans())
def test_segments_rebuild_each_paragraph_exactly(case):
    article, spans = case
    hl = Highlighter(article, spans, "en")
    for p in paragraphs(article):
        segments = hl.paragraph(p)
        assert "".join(s.text for s in segments) == p.text
        assert all(s.text for s in segments)
