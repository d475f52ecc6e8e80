"""Tests for usmx.extract.dates: date expressions found and normalised to EDTF (zh and en)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from usmx.dates import parse_edtf
from usmx.extract.dates import find_dates

FRI = dt.date(2026, 1, 16)  # a Friday, like the shipped article's publication date


def _only(text: str, published: dt.date, language: str) -> tuple[str, str]:
    found = find_dates(text, published=published, language=language).dates
    base = [d for d in found if not d.rule.endswith("since")]
    assert len(base) == 1, [(d.selector.exact, d.edtf) for d in found]
    return base[0].selector.exact, base[0].edtf


@pytest.mark.parametrize(
    ("sentence", "expression", "edtf"),
    [
        ("會談於1月12日舉行。", "1月12日", "2026-01-12"),
        ("會談於2024年3月5日舉行。", "2024年3月5日", "2024-03-05"),
        ("當地時間1月12日，雙方通話。", "當地時間1月12日", "2026-01-12"),
        ("協議在12月8日簽署。", "12月8日", "2025-12-08"),  # >2 months ahead: last year
        ("他們今天宣布。", "今天", "2026-01-16"),
        ("他們昨天宣布。", "昨天", "2026-01-15"),
        ("他們前天宣布。", "前天", "2026-01-14"),
        ("他上週發出警告。", "上週", "2026-01-05/2026-01-11"),
        ("他上周发出警告。", "上周", "2026-01-05/2026-01-11"),  # Simplified
        ("他上星期發出警告。", "上星期", "2026-01-05/2026-01-11"),
        ("上週三雙方會面。", "上週三", "2026-01-07"),
        ("本週雙方會面。", "本週", "2026-01-12/2026-01-18"),
        ("本月初發生襲擊。", "本月初", "2026-01-01/2026-01-10"),
        # A future phrase may include the publication day (coding rules, section 2).
        ("投票推遲到本月晚些時候。", "本月晚些時候", "2026-01-16/2026-01-31"),
        # 本月 told of the past is the month so far; told of the future the whole month.
        ("官員本月沒有同意。", "本月", "2026-01-01/2026-01-16"),
        ("參議院本月將投票。", "本月", "2026-01"),
        ("上個月發生襲擊。", "上個月", "2025-12"),
        ("計劃在去年提出。", "去年", "2025"),
        ("今年將舉行選舉。", "今年", "2026"),
        ("她2024年上台。", "2024年", "2024"),
        ("這是1990年代的事。", "1990年代", "1990/1999"),
        # A round number is not a firm start: open start (coding rules, section 2).
        ("過去三十年裏合作增加。", "過去三十年裏", "../2026-01-16"),
        ("過去三年裏合作增加。", "過去三年裏", "2023/2026-01"),
        ("近5年來合作增加。", "近5年來", "2021/2026-01"),
        ("三天前發生爆炸。", "三天前", "2026-01-13"),
        ("日前發生爆炸。", "日前", "2026-01-02/2026-01-15"),
        ("近日發生爆炸。", "近日", "2026-01-02/2026-01-16"),
        ("目前沒有人員傷亡。", "目前", "../2026-01-16"),
        ("美國曆史上多次入侵。", "曆史上", "../2026-01-16"),
        ("週一雙方會面。", "週一", "2026-01-12"),
        ("2026-01-16 發布", "2026-01-16", "2026-01-16"),
        ("二〇二四年舉行選舉。", "二〇二四年", "2024"),
    ],
)
def test_chinese_expressions(sentence: str, expression: str, edtf: str) -> None:
    assert _only(sentence, FRI, "zh-Hant") == (expression, edtf)


@pytest.mark.parametrize(
    ("sentence", "expression", "edtf"),
    [
        ("The talks took place on Jan. 12.", "Jan. 12", "2026-01-12"),
        ("The talks took place on January 12, 2024.", "January 12, 2024", "2024-01-12"),
        ("The talks took place on 12 January.", "12 January", "2026-01-12"),
        ("The talks took place on January 12 local time.", "January 12 local time", "2026-01-12"),
        ("They met on Monday.", "on Monday", "2026-01-12"),
        ("They met last Friday.", "last Friday", "2026-01-09"),
        ("They met today.", "today", "2026-01-16"),
        ("They met yesterday.", "yesterday", "2026-01-15"),
        ("He issued a warning last week.", "last week", "2026-01-05/2026-01-11"),
        ("The plan was proposed last year.", "last year", "2025"),
        ("The vote is due later this month.", "later this month", "2026-01-16/2026-01-31"),
        ("It happened early this month.", "early this month", "2026-01-01/2026-01-10"),
        ("It happened earlier this month.", "earlier this month", "2026-01-01/2026-01-15"),
        ("They did not agree this month.", "this month", "2026-01-01/2026-01-16"),
        ("The Senate will vote this month.", "this month", "2026-01"),
        ("She took office in 2024.", "2024", "2024"),
        ("It began in the 1990s.", "1990s", "1990/1999"),
        ("It began in March 2025.", "March 2025", "2025-03"),
        ("Over the past three decades ties grew.", "Over the past three decades", "../2026-01-16"),
        ("Over the past three years ties grew.", "Over the past three years", "2023/2026-01"),
        ("Three days ago a blast hit.", "Three days ago", "2026-01-13"),
        ("The agency currently provides data.", "currently", "../2026-01-16"),
        ("Officials recently met.", "recently", "2025-11-17/2026-01-16"),
    ],
)
def test_english_expressions(sentence: str, expression: str, edtf: str) -> None:
    assert _only(sentence, FRI, "en") == (expression, edtf)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("97%的毒品被清除。", "zh-Hant"),
        ("數百名人員進駐。", "zh-Hant"),
        ("They removed 97% of the drugs.", "en"),
        ("A 2024-page report.", "en"),
        ("She will never say.", "en"),
    ],
)
def test_not_dates(text: str, language: str) -> None:
    assert find_dates(text, published=FRI, language=language).dates == []


@pytest.mark.parametrize(
    ("text", "language", "published", "dateline", "today"),
    [
        (
            "（虛構）虛構社巴沙迪納3日電 官員今天表示。",
            "zh-Hant",
            dt.date(2026, 2, 4),
            "2026-02-03",
            "2026-02-03",
        ),
        (
            "（虛構）虛構社30日電 官員昨天表示。",
            "zh-Hant",
            dt.date(2026, 2, 2),
            "2026-01-30",
            "2026-01-29",
        ),
        (
            "CULIACAN, Feb. 3 (Test Wire) - Officials said today.",
            "en",
            dt.date(2026, 2, 4),
            "2026-02-03",
            "2026-02-03",
        ),
    ],
)
def test_dateline_anchors_today(
    text: str, language: str, published: dt.date, dateline: str, today: str
) -> None:
    found = find_dates(text, published=published, language=language)
    assert found.dateline == dt.date.fromisoformat(dateline)
    relative = [d for d in found.dates if d.anchor == "dateline" and d.rule.endswith("day")]
    assert relative[-1].edtf == today


def test_since_extends_to_the_anchor() -> None:
    found = find_dates("她2024年上台以來加強打擊。", published=FRI, language="zh-Hant").dates
    assert ("2024年上台以來", "2024/2026-01-16") in [(d.selector.exact, d.edtf) for d in found]
    found = find_dates("Since she took office in 2024, raids grew.", published=FRI, language="en")
    assert ("Since she took office in 2024", "2024/2026-01-16") in [
        (d.selector.exact, d.edtf) for d in found.dates
    ]


def test_now_inside_a_quotation_is_when_it_was_said() -> None:
    text = "他上週接受採訪時稱：「現在將開展打擊。」"
    start = text.index("現在")
    found = find_dates(text, published=FRI, language="zh-Hant", quoted=[(start, len(text) - 1)])
    now = next(d for d in found.dates if d.selector.exact == "現在")
    assert (now.edtf, now.anchor) == ("2026-01-05/2026-01-11", "occasion")


def test_present_in_a_relayed_sentence_is_as_of_the_report() -> None:
    found = find_dates(
        "官員透露，目前仍在談判。",
        published=FRI,
        language="zh-Hant",
        as_of=lambda _offset: dt.date(2026, 1, 15),
    )
    assert [(d.edtf, d.anchor) for d in found.dates] == [("../2026-01-15", "relayed")]


def test_this_month_in_a_relayed_sentence_is_the_month_up_to_the_report() -> None:
    found = find_dates(
        "知情人士表示，官員本月沒有同意。",
        published=FRI,
        language="zh-Hant",
        as_of=lambda _offset: dt.date(2026, 1, 15),
    )
    assert [(d.edtf, d.anchor) for d in found.dates] == [("2026-01-01/2026-01-15", "relayed")]


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(
        [
            "今天",
            "昨天",
            "上週",
            "本週",
            "本月初",
            "本月晚些時候",
            "去年",
            "上個月",
            "日前",
            "近日",
            "過去十年",
            "週日",
            "上週五",
            "本月中旬",
            "下旬",
        ]
    ),
)
def test_every_relative_date_is_valid_edtf(published: dt.date, expression: str) -> None:
    for d in find_dates(f"他們{expression}宣布。", published=published, language="zh-Hant").dates:
        parse_edtf(d.edtf)
        assert d.start >= 0
        assert d.end <= len(f"他們{expression}宣布。")


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(
        [
            "today",
            "last week",
            "later this month",
            "earlier this month",
            "last year",
            "on Sunday",
            "last Monday",
            "this week",
            "the past two years",
            "recently",
            "late last year",
        ]
    ),
)
def test_every_english_relative_date_is_valid_edtf(published: dt.date, expression: str) -> None:
    for d in find_dates(f"They met {expression}.", published=published, language="en").dates:
        parse_edtf(d.edtf)


def test_offsets_point_at_the_original_traditional_text() -> None:
    text = "據報道，當地時間1月12日，雙方於上週曾經通話。"
    for d in find_dates(text, published=FRI, language="zh-Hant").dates:
        assert text[d.start : d.end] == d.selector.exact
