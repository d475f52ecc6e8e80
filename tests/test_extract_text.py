"""Tests for usmx.extract.text: folding keeps offsets, segments, glosses, selectors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from usmx.dataset import find_span
from usmx.extract.text import clauses, fold, gloss_view, glosses, selector, sentences
from usmx.model import Evidence


@given(st.text())
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("美國", "美国"),
        ("墨西哥軍隊", "墨西哥军队"),
        ("Nicolás Maduro", "nicolas maduro"),
        ("García Harfuch", "GARCIA HARFUCH"),
        ("US–Mexico", "us-mexico"),
        ("ＣＩＡ", "cia"),
        ("上週", "上周"),
    ],
)
def test_fold_equates_scripts_accents_case(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他說。她說！誰說？", ["他說。", "她說！", "誰說？"]),
        ("他說：「好。」然後走了。", ["他說：「好。」", "然後走了。"]),
        ("The U.S. said no. Mexico agreed.", ["The U.S. said no.", "Mexico agreed."]),
        ("On Jan. 12 they met. Then left.", ["On Jan. 12 they met.", "Then left."]),
        ("第一段\n\n第二段", ["第一段", "第二段"]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == expected


def test_clauses_do_not_split_inside_quotes_or_numbers() -> None:
    text = "他說，「我們，你們」，共3,000人。"
    assert [text[s:e] for s, e in clauses(text, 0, len(text))] == [
        "他說",
        "「我們，你們」",
        "共3,000人。",
    ]


def test_gloss_view_maps_back_to_the_original() -> None:
    text = "在拜登（Joe Biden）政府時期"
    view = gloss_view(text, glosses(text))
    assert view.text == "在拜登政府時期"
    start = view.text.index("拜登政府")
    s, e = view.to_original(start, start + 4)
    assert text[s:e] == "拜登（Joe Biden）政府"
    assert view.crosses_gap(start, start + 4)


@given(st.text(alphabet="ab美國", min_size=1, max_size=40), st.data())
def test_selector_is_unique_and_resolves_to_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    exact, prefix, suffix = selector(text, start, end)
    starts = find_span(text, Evidence(exact=exact, prefix=prefix or None, suffix=suffix or None))
    # Unique unless the text cannot tell the span apart within the context limit.
    assert start in starts
    if len(text) <= 32:
        assert starts == [start]
