"""Tests for usmx.extract.quotes: quotation spans, direct vs term, proposed speakers.

Sentences are made up; the speakers are the made-up actors of tests/fixtures/extract_actors.py.
"""

from __future__ import annotations

import pytest

from tests.fixtures.extract_actors import ACTORS
from usmx.extract.actors import find_actors
from usmx.extract.names import NameIndex, dictionary
from usmx.extract.quotes import find_quotes

INDEX = NameIndex(dictionary(ACTORS))
PERSONS = {a.id for a in ACTORS if a.kind == "person"}


def _quotes(text: str, language: str) -> list[tuple[str, str, str | None]]:
    mentions = find_actors(text, INDEX).mentions
    found = find_quotes(text, language=language, mentions=mentions, persons=PERSONS)
    return [(q.selector.exact, q.quote_kind.value, q.speaker_id) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("魯伊斯表示：「我們會繼續合作。」", [("我們會繼續合作。", "direct", "ruiz")]),
        ("魯伊斯在接受美軍電台採訪時聲稱：「港口已關閉。」", [("港口已關閉。", "direct", "ruiz")]),
        ("墨方指責港口販毒集團「破壞秩序」。", [("破壞秩序", "term", "mexico_government")]),
        ("港口「很安靜」。", [("很安靜", "term", None)]),
        ("「我們會合作。」魯伊斯說。", [("我們會合作。", "direct", "ruiz")]),
        ("魯伊斯與美軍通話，她在通話後表示：「很好。」", [("很好。", "direct", "ruiz")]),
        ("她說，魯伊斯再次提出，如果墨方提出請求，美軍可以「協助」。", [("協助", "term", "ruiz")]),
        (
            "魯伊斯宣布將港口列為「禁區」，並將港口販毒集團列入「黑名單」。",
            [("禁區", "term", "ruiz"), ("黑名單", "term", "ruiz")],
        ),
        ("魯伊斯說「引號『套引號』沒問題」。", [("引號『套引號』沒問題", "term", "ruiz")]),
        (
            'Ruiz said: "We will keep cooperating."',
            [("We will keep cooperating.", "direct", "ruiz")],
        ),
        ('"We will cooperate," Ruiz said.', [("We will cooperate,", "direct", "ruiz")]),
        (
            'The Mexican government accused the cartel of "breaking order."',
            [("breaking order", "term", "mexico_government")],
        ),
        (
            'She said that Ruiz again raised the idea that the US could "assist" them.',
            [("assist", "term", "ruiz")],
        ),
        ('The port was "quiet" that day.', [("quiet", "term", None)]),
        ("The United States could help.", []),
    ],
)
def test_quotes(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    language = "en" if text.isascii() else "zh-Hant"
    assert _quotes(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "quote", "speaker"),
    [
        (
            "魯伊斯強調：\n\n我們需要的是情報。」\n\n下一段。",
            "zh-Hant",
            "我們需要的是情報。",
            "ruiz",
        ),
        (
            "錫那羅亞州警察僅在一份聲明中表示：\n\n隨時準備行動。\n",
            "zh-Hant",
            "隨時準備行動。",
            "state_police",
        ),
        ('Ruiz stressed:\n\n"We need intelligence."\n', "en", "We need intelligence.", "ruiz"),
    ],
)
def test_block_quotations_after_a_speech_verb_and_colon(
    text: str, language: str, quote: str, speaker: str
) -> None:
    assert _quotes(text, language) == [(quote, "direct", speaker)]


def test_a_caption_ending_in_a_colon_is_not_a_quotation_intro() -> None:
    assert _quotes("警察設檢查站加強巡邏：\n\n魯伊斯稱，港口已關閉。", "zh-Hant") == []
