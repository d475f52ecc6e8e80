"""usmx.spans: every record's evidence spans, the records at a place, labels, links."""

from __future__ import annotations

import pytest

from usmx import spans as S
from usmx.dataset import load_dataset
from usmx.model import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def evidence(ds: Dataset, table: str, rid: str) -> tuple[int, int]:
    ev = next(r for r in getattr(ds, table) if r.id == rid).evidence[0]
    return ev.start, ev.end


def test_spans_cover_every_record_and_resolve(ds):
    spans = S.spans(ds)
    for s in spans:
        assert 0 <= s.start < s.end <= len(ds.article)
    assert {s.record_type for s in spans} == set(S.RECORD_TYPES)
    records = [ds.source, *ds.actors, *ds.places, *ds.events, *ds.quotes, *ds.claims]
    distinct = {
        (ev.start, ev.end, getattr(r, "id", "source")) for r in records for ev in r.evidence
    }
    assert len(spans) == len(distinct)
    assert spans == sorted(spans)
    quote = next(q for q in ds.quotes if q.id == "q_trump_97_percent")
    ev = quote.evidence[0]
    assert S.Span(ev.start, ev.end, "quote", "q_trump_97_percent") in spans
    assert quote.text_zh in ds.article[ev.start : ev.end]


def test_filtered_spans_keep_actors_and_drop_unfiltered_events(ds):
    kept = S.filtered_spans(ds, event_ids={"trump_warns_mexico"}, quote_ids=set(), claim_ids=set())
    types = {s.record_type for s in kept}
    assert {s.record_id for s in kept if s.record_type == "event"} == {"trump_warns_mexico"}
    assert {"actor", "place", "source"} <= types
    assert not types & {"quote", "claim"}


@pytest.mark.parametrize(
    ("record_types", "expected"), [(["quote"], {"quote"}), ([], set()), (S.RECORD_TYPES, None)]
)
def test_filtered_spans_keep_only_the_record_types(ds, record_types, expected):
    everything = {q.id for q in ds.quotes}
    kept = S.filtered_spans(
        ds,
        event_ids={e.id for e in ds.events},
        quote_ids=everything,
        claim_ids={c.id for c in ds.claims},
        record_types=record_types,
    )
    assert {s.record_type for s in kept} == (
        expected if expected is not None else set(S.RECORD_TYPES)
    )


# --- records at a span -------------------------------------------------------------------------


def test_records_at_a_quote_span_lists_the_quote_first(ds):
    start, end = evidence(ds, "quotes", "q_trump_97_percent")
    found = S.records_at(ds, (start, end), "en")
    assert found[0][:2] == ("quote", "q_trump_97_percent")
    ids = {(t, i) for t, i, _ in found}
    assert ("claim", "c_97_percent_sea_drugs") in ids
    assert len(ids) == len(found)
    # After the exact citations, shorter (more specific) spans come first.
    lengths = []
    for record_type, rid, _ in found:
        table = getattr(ds, S._TABLES.get(record_type, "events"), None)
        record = ds.source if record_type == "source" else next(r for r in table if r.id == rid)
        overlapping = [
            ev.end - ev.start for ev in record.evidence if ev.start < end and start < ev.end
        ]
        exact = any((ev.start, ev.end) == (start, end) for ev in record.evidence)
        lengths.append((not exact, min(overlapping)))
    assert lengths == sorted(lengths)


@pytest.mark.parametrize(("lang", "label"), [("en", "Donald Trump"), ("zh-Hant", "特朗普")])
def test_records_at_an_offset_gives_labels_in_the_language(ds, lang, label):
    start, _end = evidence(ds, "actors", "trump")
    found = S.records_at(ds, start + 1, lang)
    assert ("actor", "trump", label) in found
    assert S.records_at(ds, len(ds.article) + 5, lang) == []


@pytest.mark.parametrize(
    ("lang", "record", "label"),
    [
        ("en", ("actor", "trump"), "Donald Trump"),
        ("zh-Hant", ("actor", "trump"), "特朗普"),
        ("en", ("source", "source"), "The article"),
        ("zh-Hant", ("source", "source"), "原文"),
    ],
)
def test_record_labels_name_every_record_in_the_language(ds, lang, record, label):
    labels = S.record_labels(ds, lang)
    assert labels[record] == label
    every = {("source", "source")} | {
        (rt, r.id) for rt, table in S._TABLES.items() for r in getattr(ds, table)
    }
    assert set(labels) == every
    assert all(len(text) <= S.MAX_LABEL_CHARS for (rt, _), text in labels.items() if rt == "quote")


class CountingList(list):
    """A list that counts how often it is iterated."""

    iterations = 0

    def __iter__(self):
        CountingList.iterations += 1
        return super().__iter__()


@pytest.mark.parametrize("table", ["quotes", "claims", "events", "actors"])
def test_record_labels_walk_each_table_once(ds, table):
    # Was quadratic: every quote's and claim's label searched its table for the record.
    copy = ds.model_copy(update={table: CountingList(getattr(ds, table))})
    CountingList.iterations = 0
    S.record_labels(copy, "en")
    assert CountingList.iterations == 1
    CountingList.iterations = 0
    start, end = evidence(ds, "quotes", "q_trump_97_percent")
    S.records_at(copy, (start, end), "en")
    assert CountingList.iterations == 1


# --- choices and links -------------------------------------------------------------------------


def test_span_choices_are_distinct_and_ordered(ds):
    choices = S.span_choices(ds.article, S.spans(ds))
    keys = [tuple(map(int, k.split("-"))) for k in choices]
    assert keys == sorted(set(keys))
    assert all(len(text) <= S.MAX_LABEL_CHARS for text in choices.values())


def test_span_choices_list_a_linked_span_first(ds):
    choices = S.span_choices(ds.article, S.spans(ds), extra=(5, 9))
    assert next(iter(choices)) == "5-9"
    assert choices["5-9"] == ds.article[5:9].strip()


def test_record_urls_link_only_records_with_a_page():
    cited = [("event", "e1", "E"), ("quote", "q1", "Q"), ("actor", "a1", "A"), ("place", "p", "P")]
    urls = S.record_urls(
        cited, lambda page, **kw: f"./{page}?{'&'.join(f'{k}={v}' for k, v in kw.items())}"
    )
    assert urls == {
        ("event", "e1"): "./timeline?event=e1",
        ("quote", "q1"): "./quotes?quote=q1",
        ("actor", "a1"): "./actors?profile=a1",
    }


@pytest.mark.parametrize(("start", "end", "key"), [(3, 9, "3-9"), (0, 1, "0-1")])
def test_span_key(start, end, key):
    assert S.span_key(start, end) == key
    assert S.Span(start, end, "event", "e").key == key
