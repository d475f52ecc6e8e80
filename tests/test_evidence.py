"""Tests for usmx.evidence: an evidence span shown in its sentence, escaped, with a <mark>."""

from __future__ import annotations

import html
import re

import pytest

from usmx.evidence import evidence_html
from usmx.model import Dataset

ARTICLE = "第一句。美國官員稱，美國顧問已經進駐。第三句！最後"


def marked(text: str) -> str:
    return re.search(r"<mark>(.*?)</mark>", text, flags=re.DOTALL)[1]


@pytest.mark.parametrize(
    ("exact", "expected"),
    [
        ("美國顧問", "美國官員稱，<mark>美國顧問</mark>已經進駐。"),
        ("第一句", "<mark>第一句</mark>。"),
        ("第三句！", "<mark>第三句！</mark>"),
        ("最後", "<mark>最後</mark>"),
    ],
)
def test_span_is_marked_within_its_sentence(exact, expected):
    start = ARTICLE.index(exact)
    assert evidence_html(ARTICLE, start, start + len(exact)) == expected


def test_everything_is_escaped():
    article = "前文。<script>alert('x')</script> & <b>粗</b>。後文"
    start = article.index("<b>")
    out = evidence_html(article, start, start + len("<b>粗</b>"))
    assert "<script>" not in out
    assert "<b>" not in out
    assert "&lt;script&gt;" in out
    assert "&amp;" in out
    assert html.unescape(marked(out)) == "<b>粗</b>"


def test_long_context_is_cut_with_an_ellipsis():
    article = "甲" * 200 + "乙乙" + "丙" * 200
    out = evidence_html(article, 200, 202, context_chars=10)
    assert out == "…" + "甲" * 10 + "<mark>乙乙</mark>" + "丙" * 10 + "…"


def test_closing_quote_stays_with_its_sentence():
    article = "他說：「不行。」然後走了。"
    start = article.index("不行")
    assert evidence_html(article, start, start + 2) == "他說：「<mark>不行</mark>。」"


@pytest.mark.parametrize(("start", "end"), [(-5, 2), (3, 999), (50, 60), (4, 2)])
def test_offsets_out_of_range_are_clamped(start, end):
    out = evidence_html(ARTICLE, start, end)
    assert out.count("<mark>") == 1
    assert out.count("</mark>") == 1


def test_every_event_span_of_the_dataset_is_marked_exactly(ds: Dataset):
    for event in ds.events:
        for ev in event.evidence:
            out = evidence_html(ds.article, ev.start, ev.end)
            assert html.unescape(marked(out)) == ev.exact, event.id


@pytest.mark.parametrize(
    ("lang", "heading", "present"),
    [
        (
            "en",
            "Sheinbaum and Trump speak by phone",
            ["Summary</strong>: ", "Claudia Sheinbaum (Participant)"],
        ),
        (
            "zh-Hant",
            "辛鮑姆",
            ["英文摘要</strong>：", "Sheinbaum and Trump speak by phone", "辛鮑姆（參與者）"],
        ),
    ],
)
def test_event_card_shows_dates_actors_and_marked_evidence(ds: Dataset, lang, heading, present):
    from usmx.ui.event_card import event_card_html

    event = ds.events_by_id["sheinbaum_trump_call"]
    card = event_card_html(event, ds, lang)
    assert heading in re.search(r"<h4[^>]*>(.*?)</h4>", card)[1]
    for part in [*present, "2026-01-12"]:
        assert part in card
    assert event.summary_en in html.unescape(card)
    assert html.unescape(marked(card)) == event.evidence[0].exact


def test_event_card_escapes_dataset_text(ds: Dataset):
    from usmx.ui.event_card import event_card_html

    event = ds.events_by_id["sheinbaum_trump_call"].model_copy(
        update={
            "title_en": "<script>alert(1)</script>",
            "summary_en": "<img src=x onerror=alert(2)>",
            "date_text": "<b>x</b>",
            "date_basis": "a & b",
        }
    )
    card = event_card_html(event, ds, "en")
    assert "<script>alert" not in card
    assert "<img" not in card
    assert "<b>x" not in card
    assert "&lt;script&gt;" in card
    assert "a &amp; b" in card
