"""Tests for usmx.source_view: paragraphs, spans, the highlighted HTML, and URL span parsing.

The HTML is checked by parsing it back with html.parser: tags must balance, the text must be
exactly the article's paragraphs, and every span must have one anchor. A hypothesis test does
the same for random articles and random (nested, overlapping, out-of-range) spans.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.apptest import run_app
from usmx import source_view as sv
from usmx import spans as S
from usmx.article import english_for, paragraphs
from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.filters import Filters
from usmx.highlight import MAX_SEGMENT_RECORDS
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


# --- the highlighted article -----------------------------------------------------------------------------------


def test_every_span_is_a_mark_with_its_id(ds):
    spans = S.spans(ds)
    tree = parse(sv.render_article_html(ds.article, spans, lang="en"))
    mark_ids = tree.ids("mark")
    assert len(mark_ids) == len(set(mark_ids)), "anchor ids must be unique"
    assert {f"span-{s.start}-{s.end}" for s in spans} == set(mark_ids)
    paras = paragraphs(ds.article)
    assert tree.paragraphs == {f"para-{p.index}": p.text for p in paras}


def test_marks_list_every_covering_record(ds):
    tree = parse(sv.render_article_html(ds.article, S.spans(ds), lang="en"))
    trump_mark = next(
        a
        for t, a in tree.elements
        if t == "mark" and "actor:trump" in (a.get("data-records") or "").split()
    )
    assert "ev-actor" in trump_mark["class"].split()
    # The Fox News interview quotation sits inside the quote, claim and event spans.
    quote_id = S.span_key(*_evidence(ds, "quotes", "q_trump_97_percent"))
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
            [S.Span(0, 10, "event", "e"), S.Span(3, 5, "actor", "a")],
            [("ev-event", "012"), ("ev-actor", "34"), ("ev-event", "56789")],
        ),
        # overlapping (crossing) spans: three segments, the shared one gets the shorter
        (
            [S.Span(0, 6, "event", "e"), S.Span(4, 8, "place", "p")],
            [("ev-event", "0123"), ("ev-place", "45"), ("ev-place", "67"), (None, "89")],
        ),
        # same words cited twice: one mark, both records, tie broken by type order
        (
            [S.Span(2, 4, "place", "p"), S.Span(2, 4, "quote", "q")],
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
        self._in_p = False

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self._cls = dict(attrs).get("class")
        self._in_p = self._in_p or tag == "p"

    def handle_endtag(self, tag):
        if tag == "mark":
            self._cls = None
        if tag == "p":
            self._in_p = False

    def handle_data(self, data):
        if self._in_p:
            self.segments.append((self._cls, data))


def test_shared_segment_lists_all_records_in_title():
    spans = [S.Span(0, 10, "event", "us_strike_on_venezuela"), S.Span(3, 5, "place", "venezuela")]
    tree = parse(sv.render_article_html("0123456789", spans, lang="en"))
    middle = next(a for t, a in tree.elements if t == "mark" and a.get("id") == "span-3-5")
    assert middle["title"] == "Place: venezuela; Event: us_strike_on_venezuela"
    assert middle["data-records"] == "place:venezuela event:us_strike_on_venezuela"
    labels = {("place", "venezuela"): "Venezuela"}
    tree = parse(sv.render_article_html("0123456789", spans, lang="zh-Hant", labels=labels))
    middle = next(a for t, a in tree.elements if t == "mark" and a.get("id") == "span-3-5")
    assert middle["title"] == "地點：Venezuela；事件：us_strike_on_venezuela"


def test_spans_starting_together_each_get_an_anchor():
    spans = [S.Span(0, 3, "actor", "a"), S.Span(0, 8, "event", "e"), S.Span(0, 8, "claim", "c")]
    tree = parse(sv.render_article_html("0123456789", spans, lang="en"))
    assert sorted(tree.ids("mark")) == ["span-0-3", "span-0-8"]


def test_focus_is_outlined_and_anchored(ds):
    start, end = _evidence(ds, "quotes", "q_trump_97_percent")
    out = sv.render_article_html(ds.article, S.spans(ds), lang="en", focus=(start, end))
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
    box = sv.cited_by(ds.article, (start, end), S.records_at(ds, (start, end)), {})
    para = next(p for p in paragraphs(ds.article) if p.start <= start < p.end)
    english = english_for(TRANSLATION, ds.article)
    for out in (
        sv.render_article_html(ds.article, S.spans(ds), lang="en", focus=(start, end), cited=box),
        sv.render_side_by_side_html(
            ds.article, S.spans(ds), english, lang="en", focus=(start, end), cited=box
        ),
    ):
        parse(out)
        assert out.count('class="focus-note"') == 1
        after = out.split(f'id="para-{para.index}"', 1)[1]
        assert after.index('class="focus-note"') < after.index(f'id="para-{para.index + 1}"')
        assert "q_trump_97_percent" in after.split('id="para-')[0]
    # No box without a focus note, whatever the focus.
    plain = sv.render_article_html(ds.article, S.spans(ds), lang="en", focus=(start, end))
    assert "focus-note" not in plain


def test_selected_record_types_limit_the_highlights(ds):
    tree = parse(
        sv.render_article_html(ds.article, S.spans(ds), lang="en", selected_record_types=["quote"])
    )
    classes = {c for t, a in tree.elements if t == "mark" for c in a["class"].split()}
    assert "ev-quote" in classes
    assert not classes & {"ev-event", "ev-actor", "ev-place", "ev-claim", "ev-source"}


def test_paragraph_range_renders_only_those_paragraphs(ds):
    tree = parse(sv.render_article_html(ds.article, S.spans(ds), lang="en", paragraph_range=(2, 4)))
    assert list(tree.paragraphs) == ["para-2", "para-3"]


def test_side_by_side_has_both_languages(ds):
    english = english_for(TRANSLATION, ds.article)
    tree = parse(sv.render_side_by_side_html(ds.article, S.spans(ds), english, lang="zh-Hant"))
    paras = paragraphs(ds.article)
    assert tree.paragraphs == {f"para-{p.index}": p.text for p in paras}
    english_ps = [a for t, a in tree.elements if t == "p" and a.get("lang") == "en"]
    assert len(english_ps) == len(paras)


# --- escaping --------------------------------------------------------------------------------

EVIL = '<script>alert(1)</script> "quoted" & \'single\' <b onmouseover="x()">'


def test_article_and_dataset_text_stay_inert():
    article = f"前言{EVIL}後記\n\n第二段{EVIL}"
    spans = [
        S.Span(0, 8, "event", 'e"><script>alert(2)</script>'),
        S.Span(3, 20, "quote", "q"),
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
        paras = paragraphs(article)
        assert tree.paragraphs == {f"para-{p.index}": p.text for p in paras}
        titles = [a["title"] for t, a in tree.elements if t == "mark" and a.get("title")]
        assert any(EVIL in title for title in titles)  # the text survives, as text


def test_cited_by_box_escapes_labels_and_urls(ds):
    cited = [("event", "e1", EVIL), ("place", "p1", "P")]
    box = sv.cited_by("甲" + EVIL, (0, 10), cited, {("event", "e1"): 'x" onclick="y'})
    out = sv.cited_by_html(box, lang="en")
    tree = parse(out)
    assert "script" not in {t for t, _ in tree.elements}
    link = next(a for t, a in tree.elements if t == "a")
    assert link["href"] == 'x" onclick="y'
    assert "onclick" not in link
    assert len([t for t, _ in tree.elements if t == "a"]) == 1  # a place has no page


@pytest.mark.parametrize(
    ("lang", "heading", "row", "empty"),
    [
        ("en", "Records citing “甲乙”", "Event: E", "No record cites"),
        ("zh-Hant", "引用「甲乙」的資料", "事件：E", "沒有資料引用"),
    ],
)
def test_cited_by_box_in_both_languages(lang, heading, row, empty):
    box = sv.cited_by("甲乙丙", (0, 2), [("event", "e1", "E")], {})
    text = re.sub(r"<[^>]+>", "", sv.cited_by_html(box, lang=lang))
    assert heading in text
    assert row in text
    none = re.sub(r"<[^>]+>", "", sv.cited_by_html(sv.cited_by("甲乙", (0, 2), [], {}), lang=lang))
    assert empty in none


# --- property test -----------------------------------------------------------------------------

ALPHABET = st.sampled_from([*list("ab 中文<>&\"'\n\t;"), "\u3000", "é"])


@st.composite
def article_and_spans(draw):
    article = draw(st.text(alphabet=ALPHABET, max_size=60))
    n = len(article)
    bounds = st.integers(min_value=-3, max_value=n + 3)
    raw = draw(st.lists(st.tuples(bounds, bounds, st.sampled_from(S.RECORD_TYPES)), max_size=12))
    spans = [S.Span(a, b, rt, f"r{i}") for i, (a, b, rt) in enumerate(raw)]
    focus = draw(st.one_of(st.none(), st.tuples(bounds, bounds)))
    return article, spans, focus


@settings(max_examples=300, deadline=None)
@given(article_and_spans())
def test_random_spans_never_break_the_html(case):
    article, spans, focus = case
    out = sv.render_article_html(article, spans, lang="en", focus=focus)
    tree = parse(out)
    paras = paragraphs(article)
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
    assert any(f'getElementById("span-{start}-{end}")' in b for b in _html_bodies(at))


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
    key = next(iter(S.span_choices(ds.article, S.spans(ds))))
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


def test_scroll_script_targets_the_anchor_and_refuses_text():
    assert 'getElementById("span-3-9")' in sv.scroll_script((3, 9))
    with pytest.raises(ValueError, match="invalid literal"):
        sv.scroll_script(("3');alert(1);('", 9))


def test_thousands_of_records_on_the_same_words_are_capped(ds):
    # Generated data (bench/generate.py) cites the same words thousands of times: each
    # highlighted segment names at most MAX_SEGMENT_RECORDS records and says how many more.
    ev = ds.events[0].evidence[0]
    many = [S.Span(ev.start, ev.end, "event", f"gen_{i:05d}") for i in range(2_000)]
    out = sv.render_article_html(ds.article, many, lang="en")
    assert len(out) < 200_000
    marks = re.findall(r'<mark class="ev[^"]*"[^>]*data-records="([^"]*)"[^>]*>', out)
    assert marks
    for records in marks:
        assert len(records.split()) == MAX_SEGMENT_RECORDS
    more = MAX_SEGMENT_RECORDS
    assert f'data-more="{2_000 - more}"' in out
    assert f"… and {2_000 - more:,} more records" in out
    # The most specific (then lowest id) records are the ones named.
    assert "event:gen_00000" in marks[0]
    assert f"event:gen_{more:05d}" not in out
