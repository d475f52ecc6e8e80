"""Tests for usmx.source_view: paragraphs, spans, the highlighted HTML, and URL span parsing.

The HTML is checked by parsing it back with html.parser: tags must balance, the text must be
exactly the article's paragraphs, and every span must have one anchor. A hypothesis test does
the same for random articles and random (nested, overlapping, out-of-range) spans.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.apptest import run_app
from usmx import source_view as sv
from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.filters import Filters
from usmx.model import Dataset
from usmx.ui.text import code_span

TRANSLATION = DEFAULT_DATASET.parent / "source" / "article.en.json"
VOID = {"br", "img", "hr", "meta", "input", "link", "wbr"}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


class _Tree(HTMLParser):
    """Parses a fragment; records elements, paragraph texts and any unbalanced tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.paragraphs: dict[str, str] = {}
        self._para: str | None = None
        self._skip = 0  # inside <style>/<script> or the paragraph number

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        self.elements.append((tag, attr))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "p" and (attr.get("id") or "").startswith("para-"):
            self._para = attr["id"]
            self.paragraphs[self._para] = ""
        if tag in ("style", "script") or "pn" in (attr.get("class") or "").split():
            self._skip += 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
            return
        self.stack.pop()
        if tag == "p":
            self._para = None
        if self._skip and (tag in ("style", "script") or tag == "span"):
            self._skip -= 1

    def handle_data(self, data):
        if self._para and not self._skip:
            self.paragraphs[self._para] += data

    def ids(self, tag: str | None = None) -> list[str]:
        return [a["id"] for t, a in self.elements if a.get("id") and (tag is None or t == tag)]


def parse(fragment: str) -> _Tree:
    tree = _Tree()
    tree.feed(fragment)
    tree.close()
    assert not tree.errors, tree.errors
    assert not tree.stack, f"unclosed: {tree.stack}"
    return tree


# --- paragraphs and translation -----------------------------------------------------------------


def test_paragraphs_have_exact_offsets(ds):
    paras = sv.paragraphs(ds.article)
    assert len(paras) == 25
    for p in paras:
        assert ds.article[p.start : p.end] == p.text
        assert "\n" not in p.text
        assert p.text.strip()


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("a\n\nb", [(0, 0, 1, "a"), (1, 3, 4, "b")]),
        ("\n\n x \n", [(0, 2, 5, " x ")]),
        ("", []),
        ("  \n\t\n", []),
    ],
)
def test_paragraphs_of_small_texts(article, expected):
    assert [(p.index, p.start, p.end, p.text) for p in sv.paragraphs(article)] == expected


def test_translation_aligns_with_every_paragraph(ds):
    translation = sv.load_translation(TRANSLATION, ds.article)
    paras = sv.paragraphs(ds.article)
    assert [(tr["start"], tr["end"]) for tr in translation] == [(p.start, p.end) for p in paras]
    english = sv.english_by_paragraph(paras, translation)
    assert all(english)
    assert "Sheinbaum" in english[12]


def _write(tmp_path: Path, paragraphs) -> Path:
    path = tmp_path / "article.en.json"
    path.write_text(json.dumps({"paragraphs": paragraphs}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("paragraphs", "message"),
    [
        (
            [{"zh": "甲乙", "en": "A"}, {"zh": "不在", "en": "B"}],
            "paragraph 1: its 'zh' text is not in",
        ),
        (
            [{"zh": "丙丁", "en": "C"}, {"zh": "甲乙", "en": "A"}],
            "paragraph 1: its 'zh' text is out of",
        ),
        ([{"zh": "甲乙", "en": 3}], "paragraph 0: 'zh' and 'en' must be strings"),
        ([{"zh": "", "en": "x"}], "paragraph 0: 'zh' and 'en' must be strings"),
        (["甲乙"], "paragraph 0: must be an object"),
        ([{"index": 5, "zh": "甲乙", "en": "A"}], "paragraph 0: its 'index' is 5"),
    ],
)
def test_translation_errors_name_file_and_paragraph(tmp_path, paragraphs, message):
    path = _write(tmp_path, paragraphs)
    with pytest.raises(sv.TranslationError) as info:
        sv.load_translation(path, "甲乙\n\n丙丁")
    assert str(path) in str(info.value)
    assert message in str(info.value)


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"paragraphs": 3}'])
def test_translation_file_that_is_not_a_translation(tmp_path, content):
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(sv.TranslationError, match=re.escape(str(path))):
        sv.load_translation(path, "甲乙")


def test_missing_translation_file(tmp_path):
    with pytest.raises(sv.TranslationError, match="cannot read"):
        sv.load_translation(tmp_path / "nope.json", "甲乙")


# --- spans -----------------------------------------------------------------------------------


def test_spans_cover_every_record_and_resolve(ds):
    spans = sv.spans(ds)
    for s in spans:
        assert 0 <= s.start < s.end <= len(ds.article)
    kinds = {s.record_type for s in spans}
    assert kinds == set(sv.RECORD_TYPES)
    expected = sum(len(r.evidence) for r in [ds.source, *ds.actors, *ds.places, *ds.events])
    expected += sum(len(r.evidence) for r in [*ds.quotes, *ds.claims])
    assert len(spans) == expected
    quote = next(q for q in ds.quotes if q.id == "q_trump_97_percent")
    ev = quote.evidence[0]
    assert sv.Span(ev.start, ev.end, "quote", "q_trump_97_percent") in spans
    assert quote.text_zh in ds.article[ev.start : ev.end]


def test_every_span_is_a_mark_with_its_id(ds):
    spans = sv.spans(ds)
    tree = parse(sv.render_article_html(ds.article, spans, lang="en"))
    mark_ids = tree.ids("mark")
    assert len(mark_ids) == len(set(mark_ids)), "anchor ids must be unique"
    assert {f"span-{s.start}-{s.end}" for s in spans} == set(mark_ids)
    paras = sv.paragraphs(ds.article)
    assert tree.paragraphs == {f"para-{p.index}": p.text for p in paras}


def test_marks_list_every_covering_record(ds):
    tree = parse(sv.render_article_html(ds.article, sv.spans(ds), lang="en"))
    trump_mark = next(
        a
        for t, a in tree.elements
        if t == "mark" and "actor:trump" in (a.get("data-records") or "").split()
    )
    assert "ev-actor" in trump_mark["class"].split()
    # The Fox News interview quotation sits inside the quote, claim and event spans.
    quote_id = sv.span_key(*_evidence(ds, "quotes", "q_trump_97_percent"))
    records = [
        set((a.get("data-records") or "").split())
        for t, a in tree.elements
        if t == "mark" and quote_id in (a.get("data-spans") or "").split()
    ]
    assert any({"quote:q_trump_97_percent", "claim:c_97_percent_sea_drugs"} <= r for r in records)


def _evidence(ds: Dataset, table: str, rid: str) -> tuple[int, int]:
    ev = next(r for r in getattr(ds, table) if r.id == rid).evidence[0]
    return ev.start, ev.end


@pytest.mark.parametrize(
    ("spans", "segments"),
    [
        # nested: the inner (shorter) span colours the middle, the outer the rest
        (
            [sv.Span(0, 10, "event", "e"), sv.Span(3, 5, "actor", "a")],
            [("ev-event", "012"), ("ev-actor", "34"), ("ev-event", "56789")],
        ),
        # overlapping (crossing) spans: three segments, the shared one gets the shorter
        (
            [sv.Span(0, 6, "event", "e"), sv.Span(4, 8, "place", "p")],
            [("ev-event", "0123"), ("ev-place", "45"), ("ev-place", "67"), (None, "89")],
        ),
        # same words cited twice: one mark, both records, tie broken by type order
        (
            [sv.Span(2, 4, "place", "p"), sv.Span(2, 4, "quote", "q")],
            [(None, "01"), ("ev-quote", "23"), (None, "456789")],
        ),
    ],
)
def test_nested_and_overlapping_segments(spans, segments):
    out = sv.render_article_html("0123456789", spans, lang="en", legend=False)
    parse(out)
    runs = _Segments()
    runs.feed(out)
    got = [
        (next((c for c in (cls or "").split() if c.startswith("ev-")), None), text)
        for cls, text in runs.segments
    ]
    assert got == segments


class _Segments(HTMLParser):
    """(class of the enclosing mark, text) for each text run of a paragraph."""

    def __init__(self) -> None:
        super().__init__()
        self.segments: list[tuple[str | None, str]] = []
        self._cls: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self._cls = dict(attrs).get("class")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._cls = None

    def handle_data(self, data):
        self.segments.append((self._cls, data))


def test_shared_segment_lists_all_records_in_title():
    spans = [sv.Span(0, 10, "event", "us_strike_on_venezuela"), sv.Span(3, 5, "place", "venezuela")]
    tree = parse(sv.render_article_html("0123456789", spans, lang="en"))
    middle = next(a for t, a in tree.elements if t == "mark" and a.get("id") == "span-3-5")
    assert middle["title"] == "Place: venezuela; Event: us_strike_on_venezuela"
    assert middle["data-records"] == "place:venezuela event:us_strike_on_venezuela"
    labels = {("place", "venezuela"): "Venezuela"}
    tree = parse(sv.render_article_html("0123456789", spans, lang="zh-Hant", labels=labels))
    middle = next(a for t, a in tree.elements if t == "mark" and a.get("id") == "span-3-5")
    assert middle["title"] == "地點: Venezuela; 事件: us_strike_on_venezuela"


def test_spans_starting_together_each_get_an_anchor():
    spans = [sv.Span(0, 3, "actor", "a"), sv.Span(0, 8, "event", "e"), sv.Span(0, 8, "claim", "c")]
    tree = parse(sv.render_article_html("0123456789", spans, lang="en"))
    assert sorted(tree.ids("mark")) == ["span-0-3", "span-0-8"]


def test_focus_is_outlined_and_anchored(ds):
    start, end = _evidence(ds, "quotes", "q_trump_97_percent")
    out = sv.render_article_html(ds.article, sv.spans(ds), lang="en", focus=(start, end))
    tree = parse(out)
    focused = [a for t, a in tree.elements if t == "mark" and "ev-focus" in a["class"].split()]
    assert focused
    assert all("ev" in a["class"].split() for a in focused)
    assert "ev-focus-start" in focused[0]["class"]
    assert "ev-focus-end" in focused[-1]["class"]
    # A focus that is no record's span still gets its anchor (links may point anywhere).
    tree = parse(sv.render_article_html(ds.article, [], lang="en", focus=(5, 9)))
    assert tree.ids("mark") == ["span-5-9"]


def test_focus_note_sits_under_the_focused_paragraph(ds):
    start, end = _evidence(ds, "quotes", "q_trump_97_percent")
    note = sv.cited_by_html(
        ds.article, (start, end), sv.records_at(ds, (start, end)), {}, lang="en"
    )
    out = sv.render_article_html(
        ds.article, sv.spans(ds), lang="en", focus=(start, end), focus_note=note
    )
    para = next(p for p in sv.paragraphs(ds.article) if p.start <= start < p.end)
    after = out.split(f'id="para-{para.index}"', 1)[1]
    assert after.index('class="focus-note"') < after.index(f'id="para-{para.index + 1}"')


def test_selected_record_types_limit_the_highlights(ds):
    tree = parse(
        sv.render_article_html(ds.article, sv.spans(ds), lang="en", selected_record_types=["quote"])
    )
    classes = {c for t, a in tree.elements if t == "mark" for c in a["class"].split()}
    assert "ev-quote" in classes
    assert not classes & {"ev-event", "ev-actor", "ev-place", "ev-claim", "ev-source"}


def test_paragraph_range_renders_only_those_paragraphs(ds):
    tree = parse(
        sv.render_article_html(ds.article, sv.spans(ds), lang="en", paragraph_range=(2, 4))
    )
    assert list(tree.paragraphs) == ["para-2", "para-3"]


def test_side_by_side_has_both_languages(ds):
    english = sv.english_for(TRANSLATION, ds.article)
    tree = parse(sv.render_side_by_side_html(ds.article, sv.spans(ds), english, lang="zh-Hant"))
    paras = sv.paragraphs(ds.article)
    assert tree.paragraphs == {f"para-{p.index}": p.text for p in paras}
    english_ps = [a for t, a in tree.elements if t == "p" and a.get("lang") == "en"]
    assert len(english_ps) == len(paras)


def test_filtered_spans_keep_actors_and_drop_unfiltered_events(ds):
    kept = sv.filtered_spans(
        ds, event_ids={"trump_fox_news_interview"}, quote_ids=set(), claim_ids=set()
    )
    types = {s.record_type for s in kept}
    assert {s.record_id for s in kept if s.record_type == "event"} == {"trump_fox_news_interview"}
    assert {"actor", "place", "source"} <= types
    assert not types & {"quote", "claim"}


# --- escaping --------------------------------------------------------------------------------

EVIL = '<script>alert(1)</script> "quoted" & \'single\' <b onmouseover="x()">'


def test_article_and_dataset_text_stay_inert():
    article = f"前言{EVIL}後記\n\n第二段{EVIL}"
    spans = [
        sv.Span(0, 8, "event", 'e"><script>alert(2)</script>'),
        sv.Span(3, 20, "quote", "q"),
    ]
    labels = {("quote", "q"): EVIL}
    for out in (
        sv.render_article_html(article, spans, lang="en", labels=labels, focus=(2, 6)),
        sv.render_side_by_side_html(article, spans, [EVIL, EVIL], lang="en", labels=labels),
    ):
        tree = parse(out)
        assert "script" not in {t for t, _ in tree.elements}
        assert not any(k.startswith("on") for _, a in tree.elements for k in a)
        assert "<script>" not in out
        assert "<b " not in out
        paras = sv.paragraphs(article)
        assert tree.paragraphs == {f"para-{p.index}": p.text for p in paras}
        titles = [a["title"] for t, a in tree.elements if t == "mark" and a.get("title")]
        assert any(EVIL in title for title in titles)  # the text survives, as text


def test_cited_by_box_escapes_labels_and_urls(ds):
    cited = [("event", "e1", EVIL)]
    out = sv.cited_by_html(
        "甲" + EVIL, (0, 10), cited, {("event", "e1"): 'x" onclick="y'}, lang="en"
    )
    tree = parse(out)
    assert "script" not in {t for t, _ in tree.elements}
    link = next(a for t, a in tree.elements if t == "a")
    assert link["href"] == 'x" onclick="y'
    assert "onclick" not in link


# --- records at a span -------------------------------------------------------------------------


def test_records_at_a_quote_span_lists_the_quote_first(ds):
    start, end = _evidence(ds, "quotes", "q_trump_97_percent")
    found = sv.records_at(ds, (start, end), "en")
    assert found[0][:2] == ("quote", "q_trump_97_percent")
    ids = {(t, i) for t, i, _ in found}
    assert ("claim", "c_97_percent_sea_drugs") in ids
    assert len(ids) == len(found)


@pytest.mark.parametrize(("lang", "label"), [("en", "Donald Trump"), ("zh-Hant", "特朗普")])
def test_records_at_an_offset_gives_labels_in_the_language(ds, lang, label):
    start, _end = _evidence(ds, "actors", "trump")
    found = sv.records_at(ds, start + 1, lang)
    assert ("actor", "trump", label) in found
    assert sv.records_at(ds, len(ds.article) + 5, lang) == []


# --- URL parameter -----------------------------------------------------------------------------


def test_span_choices_are_distinct_and_ordered(ds):
    choices = sv.span_choices(ds.article, sv.spans(ds))
    keys = [tuple(map(int, k.split("-"))) for k in choices]
    assert keys == sorted(set(keys))
    assert all(len(text) <= sv.MAX_LABEL_CHARS for text in choices.values())


# --- property test -----------------------------------------------------------------------------

ALPHABET = st.sampled_from([*list("ab 中文<>&\"'\n\t;"), "\u3000", "é"])


@st.composite
def article_and_spans(draw):
    article = draw(st.text(alphabet=ALPHABET, max_size=60))
    n = len(article)
    bounds = st.integers(min_value=-3, max_value=n + 3)
    raw = draw(st.lists(st.tuples(bounds, bounds, st.sampled_from(sv.RECORD_TYPES)), max_size=12))
    spans = [sv.Span(a, b, rt, f"r{i}") for i, (a, b, rt) in enumerate(raw)]
    focus = draw(st.one_of(st.none(), st.tuples(bounds, bounds)))
    return article, spans, focus


@settings(max_examples=300, deadline=None)
@given(article_and_spans())
def test_random_spans_never_break_the_html(case):
    article, spans, focus = case
    out = sv.render_article_html(article, spans, lang="en", focus=focus)
    tree = parse(out)
    paras = sv.paragraphs(article)
    assert tree.paragraphs == {f"para-{p.index}": p.text for p in paras}
    ids = tree.ids()
    assert len(ids) == len(set(ids))
    # Every span that covers some paragraph text has exactly one anchor.
    visible = {
        (max(0, s.start), min(len(article), s.end))
        for s in spans
        if any(max(s.start, p.start) < min(s.end, p.end) for p in paras)
    }
    assert {f"span-{a}-{b}" for a, b in visible} <= set(ids)
    assert "script" not in {t for t, _ in tree.elements}


# --- the page ----------------------------------------------------------------------------------


def _source_page(**params: str):
    at = run_app("pages/source.py", **params)
    assert not at.exception
    return at


def _html_bodies(at) -> list[str]:
    return [el.proto.body for el in at.get("html")]


def test_page_marks_the_span_from_the_url_and_lists_who_cites_it(ds):
    start, end = _evidence(ds, "quotes", "q_trump_97_percent")
    at = _source_page(span=f"{start}-{end}", lang="en")
    assert at.selectbox(key="source_span").value == f"{start}-{end}"
    article = next(b for b in _html_bodies(at) if 'class="usmx-src"' in b)
    assert f'id="span-{start}-{end}"' in article
    assert "ev-focus" in article
    assert "Records citing" in article
    assert "./quotes?lang=en&amp;quote=q_trump_97_percent" in article
    assert any(f"getElementById('span-{start}-{end}')" in b for b in _html_bodies(at))


@pytest.mark.parametrize("value", ["abc", "5-1", "<b>1-2</b>", "0-999999"])
def test_page_ignores_a_bad_span_with_a_warning(value):
    at = _source_page(span=value, lang="en")
    assert at.selectbox(key="source_span").value == ""
    warning = next(w.value for w in at.sidebar.warning if "not a valid place" in w.value)
    assert f"span={code_span(value)}" in warning  # the URL's value only as a code span
    assert not any("getElementById" in b for b in _html_bodies(at))


def test_page_views_and_picker(ds):
    at = _source_page()
    assert any('class="row"' in b for b in _html_bodies(at))  # side by side by default
    at.segmented_control(key="source_view").set_value("marked").run()
    assert not any('class="row"' in b for b in _html_bodies(at))
    key = next(iter(sv.span_choices(ds.article, sv.spans(ds))))
    at.selectbox(key="source_span").set_value(key).run()
    assert at.query_params["span"] in (key, [key])
    assert any("focus-note" in b for b in _html_bodies(at))


def test_page_highlights_only_filtered_events(ds):
    at = _source_page(actor="garcia_harfuch")
    article = next(b for b in _html_bodies(at) if 'class="usmx-src"' in b)
    shown = set(re.findall(r"event:([a-z0-9_]+)", article))
    kept = {e.id for e in Filters(actors=("garcia_harfuch",)).events(ds)}
    assert shown
    assert shown <= kept
    assert "actor:trump" in article  # actors stay highlighted whatever the filter


# --- small helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["2026-01-16", "zh-Hant", "The New York Times of 2026-01-15", "own translation"]),
        ("zh-Hant", ["2026-01-16", "zh-Hant", "紐約時報 2026-01-15 的報道", "自行翻譯"]),
    ],
)
def test_about_lists_the_source_facts(ds, lang, words):
    out = sv.about_html(ds, lang)
    parse(out)
    for word in [*words, ds.source.sha256]:
        assert word in out


def test_record_urls_link_only_records_with_a_page():
    cited = [("event", "e1", "E"), ("quote", "q1", "Q"), ("actor", "a1", "A"), ("place", "p", "P")]
    urls = sv.record_urls(
        cited, lambda page, **kw: f"./{page}?{'&'.join(f'{k}={v}' for k, v in kw.items())}"
    )
    assert urls == {
        ("event", "e1"): "./timeline?event=e1",
        ("quote", "q1"): "./quotes?quote=q1",
        ("actor", "a1"): "./actors?profile=a1",
    }


def test_scroll_script_targets_the_anchor_and_refuses_text():
    assert "getElementById('span-3-9')" in sv.scroll_script((3, 9))
    with pytest.raises(ValueError, match="invalid literal"):
        sv.scroll_script(("3');alert(1);('", 9))


def test_thousands_of_records_on_the_same_words_are_capped(ds):
    # Generated data (bench/generate.py) cites the same words thousands of times: each
    # highlighted segment names at most MAX_SEGMENT_RECORDS records and says how many more.
    ev = ds.events[0].evidence[0]
    many = [sv.Span(ev.start, ev.end, "event", f"gen_{i:05d}") for i in range(2_000)]
    out = sv.render_article_html(ds.article, many, lang="en")
    assert len(out) < 200_000
    marks = re.findall(r'<mark class="ev[^"]*"[^>]*data-records="([^"]*)"[^>]*>', out)
    assert marks
    for records in marks:
        assert len(records.split()) == sv.MAX_SEGMENT_RECORDS
    more = sv.MAX_SEGMENT_RECORDS
    assert f'data-more="{2_000 - more}"' in out
    assert f"… and {2_000 - more:,} more records" in out
    # The most specific (then lowest id) records are the ones named.
    assert "event:gen_00000" in marks[0]
    assert f"event:gen_{more:05d}" not in out
