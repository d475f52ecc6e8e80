"""Tests for usmx.quotes: search in any script or name, speaker and kind filters, cards, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from html.parser import HTMLParser

import pytest

from tests.apptest import run_app
from usmx import quotes as Q
from usmx.dataset import load_dataset
from usmx.export_csv import QUOTE_COLUMNS
from usmx.filters import Filters
from usmx.model import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def ids(quotes) -> set[str]:
    return {q.id for q in quotes}


TRUMP_QUOTES = {"q_trump_97_percent", "q_trump_help"}


@pytest.mark.parametrize(
    ("query", "must", "must_not"),
    [
        ("川普", TRUMP_QUOTES, {"q_harfuch_what_use", "q_dod_ready"}),  # an alias
        ("Trump", TRUMP_QUOTES, {"q_harfuch_what_use"}),
        ("trump", TRUMP_QUOTES, {"q_harfuch_what_use"}),  # case
        ("特朗普", TRUMP_QUOTES, {"q_harfuch_what_use"}),  # the article's name
        ("哈尔富奇", {"q_harfuch_what_use", "q_harfuch_not_solved"}, TRUMP_QUOTES),  # Simplified
        ("Harfuch", {"q_harfuch_what_use", "q_harfuch_not_solved"}, TRUMP_QUOTES),
        ("García", {"q_harfuch_what_use"}, TRUMP_QUOTES),
        ("garcia", {"q_harfuch_what_use"}, TRUMP_QUOTES),  # accents folded
        ("97%", {"q_trump_97_percent"}, {"q_trump_help", "q_harfuch_what_use"}),
        ("cartels", {"q_trump_97_percent"}, {"q_dod_ready"}),  # the English text
        ("情報", {"q_harfuch_what_use"}, {"q_dod_ready"}),  # the Chinese text
        ("纽约时报", {"q_trump_admin_bolder_nyt"}, TRUMP_QUOTES),  # speaker in Simplified
    ],
)
def test_search_finds_by_text_and_any_speaker_name(ds, query, must, must_not):
    found = ids(Q.select_quotes(ds.quotes, ds, query=query))
    assert must <= found
    assert not must_not & found


def test_every_term_must_match(ds):
    assert ids(Q.select_quotes(ds.quotes, ds, query="Trump 97%")) == {"q_trump_97_percent"}
    assert Q.select_quotes(ds.quotes, ds, query="Harfuch 97%") == []


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_search_keeps_everything(ds, query):
    assert Q.select_quotes(ds.quotes, ds, query=query) == ds.quotes


@pytest.mark.parametrize(
    ("speakers", "expected"),
    [
        (["garcia_harfuch"], {"q_harfuch_what_use", "q_harfuch_not_solved"}),
        (["trump", "sheinbaum"], {*TRUMP_QUOTES, "q_sheinbaum_trump_listened"}),
        ([Q.UNATTRIBUTED], {"q_trump_bolder", "q_most_dangerous_street_drug"}),
    ],
)
def test_speaker_filter(ds, speakers, expected):
    assert ids(Q.select_quotes(ds.quotes, ds, speakers=speakers)) == expected


@pytest.mark.parametrize("kind", ["direct", "term"])
def test_kind_filter(ds, kind):
    shown = Q.select_quotes(ds.quotes, ds, kinds=[kind])
    assert shown
    assert all(q.kind.value == kind for q in shown)
    assert len(shown) == sum(q.kind.value == kind for q in ds.quotes)


def test_filters_combine(ds):
    shown = Q.select_quotes(ds.quotes, ds, query="川普", speakers=["trump"], kinds=["term"])
    assert ids(shown) == {"q_trump_help"}


def test_speaker_options_follow_the_sidebar_filter(ds):
    assert Q.speaker_options(ds.quotes)[-1] == Q.UNATTRIBUTED
    pool = Filters(actors=("sheinbaum",)).quotes(ds)
    assert Q.speaker_options(pool) == ["sheinbaum"]


@pytest.mark.parametrize(
    ("speaker", "lang", "label"),
    [
        ("trump", "zh-Hant", "特朗普"),
        ("trump", "en", "Donald Trump"),
        (Q.UNATTRIBUTED, "en", "(no speaker named)"),
    ],
)
def test_speaker_label(ds, speaker, lang, label):
    assert Q.speaker_label(speaker, ds, lang) == label


# --- cards ---------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text += data


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Donald Trump", "President of the United States", "Interview", "Direct quotation"]),
        ("zh-Hant", ["特朗普", "美國總統", "訪問", "直接引語"]),
    ],
)
def test_card_shows_speaker_date_texts_and_link(ds, lang, words):
    quote = next(q for q in ds.quotes if q.id == "q_trump_97_percent")
    out = Q.quote_card_html(quote, ds, lang=lang, source_url="./source?span=1-2", event_url="./t")
    page = _Links()
    page.feed(out)
    for word in [*words, quote.text_zh, quote.text_en, quote.date, quote.date_text]:
        assert word in page.text
    assert page.hrefs == ["./t", "./source?span=1-2"]


def test_card_without_speaker_shows_attribution(ds):
    quote = next(q for q in ds.quotes if q.id == "q_trump_bolder")
    page = _Links()
    page.feed(Q.quote_card_html(quote, ds, lang="en", source_url="./s"))
    assert "Not attributed in the article" in page.text
    assert quote.attribution_note in page.text


def test_card_escapes_dataset_text(ds):
    quote = next(q for q in ds.quotes if q.id == "q_harfuch_what_use").model_copy(
        update={
            "text_en": '<script>alert(1)</script> "x"',
            "attribution_note": "<img src=x onerror=alert(2)>",
        }
    )
    out = Q.quote_card_html(quote, ds, lang="en", source_url='./s?a="><script>')
    page = _Links()
    page.feed(out)
    assert not page.tags & {"script", "img"}
    assert '<script>alert(1)</script> "x"' in page.text
    assert page.hrefs[-1] == './s?a="><script>'


def test_card_separators_follow_the_language(ds):
    quote = next(q for q in ds.quotes if q.id == "q_trump_97_percent")
    text = {}
    for lang in ("en", "zh-Hant"):
        page = _Links()
        page.feed(Q.quote_card_html(quote, ds, lang=lang, source_url="./s"))
        text[lang] = page.text
    assert f"Date: {quote.date} (As the article states it: {quote.date_text})" in text["en"]
    assert f"日期：{quote.date}（原文寫法：{quote.date_text}）" in text["zh-Hant"]
    assert "President of the United States, United States" in text["en"]
    assert "美國總統、美國" in text["zh-Hant"]


# --- reading order ---------------------------------------------------------------------------------


def _newest_first(quotes) -> bool:
    ends = [(q.interval.end, q.interval.start or dt.date.min) for q in quotes]
    return ends == sorted(ends, reverse=True)


def test_direct_quotations_with_a_speaker_open_the_browser(ds):
    arranged = Q.arrange(ds.quotes)
    assert sorted(q.id for q in [*arranged.cards, *arranged.terms]) == sorted(ids(ds.quotes))
    assert all(q.kind.value == "direct" for q in arranged.cards)
    assert all(q.kind.value == "term" for q in arranged.terms)
    named = [q for q in arranged.cards if q.speaker_id]
    assert arranged.cards[: len(named)] == named  # named speakers before unattributed ones
    assert named
    assert _newest_first(named)
    assert _newest_first(arranged.terms)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        # newest end first; at equal ends a known start before an open one; else file order
        (["2026-01-05", "2026-01-12", "2025"], [1, 0, 2]),
        (["../2026-01-16", "2026-01-12/2026-01-16", "2026-01-16"], [2, 1, 0]),
        (["2026-01-12", "2026-01-12"], [0, 1]),
    ],
)
def test_newest_first_within_a_group(ds, dates, expected):
    base = next(q for q in ds.quotes if q.id == "q_trump_97_percent")
    quotes = [base.model_copy(update={"id": f"q{i}", "date": d}) for i, d in enumerate(dates)]
    assert [q.id for q in Q.arrange(quotes).cards] == [f"q{i}" for i in expected]


def test_unattributed_direct_quotations_follow_the_named_ones(ds):
    base = next(q for q in ds.quotes if q.id == "q_trump_97_percent")
    anonymous = base.model_copy(
        update={"id": "q_anon", "speaker_id": None, "attribution_note": "x", "date": "2026-01-16"}
    )
    assert [q.id for q in Q.arrange([anonymous, base]).cards] == ["q_trump_97_percent", "q_anon"]


@pytest.mark.parametrize(("lang", "heading"), [("en", "Quoted term"), ("zh-Hant", "引號詞語")])
def test_terms_table_rows_link_to_their_words_and_event(ds, lang, heading):
    terms = Q.arrange(ds.quotes).terms
    out = Q.terms_html(
        terms,
        ds,
        lang=lang,
        source_url=lambda q: f"./source?q={q.id}",
        event_url=lambda q: f"./timeline?event={q.event_id}" if q.event_id else None,
    )
    page = _Links()
    page.feed(out)
    assert re.findall(r'<tr id="quote-([a-z0-9_]+)"', out) == [q.id for q in terms]
    assert heading in page.text
    for q in terms:
        assert f"「{q.text_zh}」" in page.text
        assert q.text_en in page.text
        assert f"./source?q={q.id}" in page.hrefs
        if q.event_id:
            assert f"./timeline?event={q.event_id}" in page.hrefs
        if q.attribution_note:
            assert q.attribution_note in page.text


def test_terms_table_escapes_dataset_text(ds):
    term = next(q for q in ds.quotes if q.kind.value == "term").model_copy(
        update={"text_zh": "<script>x()</script>", "attribution_note": "<img src=x>"}
    )
    out = Q.terms_html(
        [term], ds, lang="en", source_url=lambda q: '"><b>', event_url=lambda q: None
    )
    page = _Links()
    page.feed(out)
    assert not page.tags & {"script", "img", "b"}
    assert "<script>x()</script>" in page.text
    assert page.hrefs[0] == '"><b>'


# --- exports -------------------------------------------------------------------------------------


def test_csv_has_the_shown_quotes(ds):
    shown = Q.select_quotes(ds.quotes, ds, query="Harfuch")
    data = Q.quotes_csv(shown, ds)
    assert data.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [q.id for q in shown]
    assert tuple(rows[0]) == QUOTE_COLUMNS
    assert rows[0]["speaker_name_en"] == "Omar García Harfuch"
    assert rows[0]["text_zh"] == shown[0].text_zh


def test_csv_of_nothing_still_has_its_header(ds):
    data = Q.quotes_csv([], ds).decode("utf-8-sig")
    assert data.strip() == ",".join(QUOTE_COLUMNS)


def test_json_has_whole_records_with_offsets(ds):
    shown = Q.select_quotes(ds.quotes, ds, query="97%")
    records = json.loads(Q.quotes_json(shown))
    assert [r["id"] for r in records] == ["q_trump_97_percent"]
    ev = records[0]["evidence"][0]
    assert ev["start"] < ev["end"]
    assert ds.article[ev["start"] : ev["end"]] == ev["exact"]
    assert records[0]["text_zh"] in ev["exact"]


# --- the page ------------------------------------------------------------------------------------


def _quotes_page(**params: str):
    at = run_app("pages/quotes.py", **params)
    assert not at.exception
    return at


def _cards(at) -> list[str]:
    return re.findall(r'id="quote-([a-z0-9_]+)"', "".join(el.proto.body for el in at.get("html")))


def _quotes_caption(at) -> str:
    return next(c.value for c in at.caption if c.value.endswith(" quotes"))


def test_page_search_speaker_and_kind_narrow_the_cards(ds):
    at = _quotes_page(lang="en")
    assert _quotes_caption(at) == f"{len(ds.quotes)} of {len(ds.quotes)} quotes"
    at.text_input(key="quote_q").set_value("川普").run()
    assert set(_cards(at)) == {
        "q_trump_97_percent",
        "q_trump_help",
        "q_venezuela_condoning_smuggling",
    }
    assert _quotes_caption(at) == f"3 of {len(ds.quotes)} quotes"
    at.multiselect(key="quote_speakers").set_value(["trump"]).run()
    assert set(_cards(at)) == TRUMP_QUOTES
    at.button_group(key="quote_kind").set_value(["direct"]).run()
    assert _cards(at) == ["q_trump_97_percent"]


def test_page_follows_the_sidebar_filter(ds):
    at = _quotes_page(actor="garcia_harfuch")
    assert set(_cards(at)) == {"q_harfuch_what_use", "q_harfuch_not_solved"}
    assert at.multiselect(key="quote_speakers").options == ["哈爾富奇"]


def test_page_opens_on_direct_quotations_then_the_terms(ds):
    at = _quotes_page(lang="en")
    arranged = Q.arrange(ds.quotes)
    assert _cards(at) == [q.id for q in [*arranged.cards, *arranged.terms]]
    assert _cards(at)[0] not in {q.id for q in ds.quotes if q.kind.value == "term"}
    assert "Quoted terms" in [h.value for h in at.subheader]
    at.button_group(key="quote_kind").set_value(["direct"]).run()
    assert "Quoted terms" not in [h.value for h in at.subheader]


def test_page_link_to_one_quote(ds):
    at = _quotes_page(quote="q_dod_ready", lang="en")
    assert _cards(at) == ["q_dod_ready"]
    at.button(key="quote_show_all").click().run()
    assert len(_cards(at)) == len(ds.quotes)
