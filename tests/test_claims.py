"""Tests for usmx.claims: the claims tracker's rows, sorting, filtering and exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from usmx import claims as C
from usmx.filters import Filters
from usmx.model import Dataset, Evidence


@pytest.fixture(scope="module")
def rows(ds: Dataset) -> list[C.ClaimRow]:
    return C.claim_rows(ds)


def test_one_row_per_claim_with_its_words_and_figure(ds: Dataset, rows: list[C.ClaimRow]):
    assert [r.id for r in rows] == [c.id for c in ds.claims]
    for row, claim in zip(rows, ds.claims, strict=True):
        assert row.statement_en == claim.statement_en
        assert (row.value, row.value_text, row.unit) == (claim.value, claim.value_text, claim.unit)
        assert [s.exact for s in row.exact_words] == [ev.exact for ev in claim.evidence]
        for span in row.exact_words:
            assert ds.article[span.start : span.end] == span.exact


def test_claimant_is_the_actor_or_the_attribution_note(ds: Dataset, rows: list[C.ClaimRow]):
    for row, claim in zip(rows, ds.claims, strict=True):
        if claim.claimant_id:
            actor = ds.actor(claim.claimant_id)
            assert (row.claimant_en, row.claimant_zh) == (actor.name_en, actor.name_zh)
        else:
            assert row.claimant_en == row.claimant_zh == claim.attribution_note
    assert any(r.claimant_id is None for r in rows)  # the dataset has unattributed claims


def test_date_is_the_claims_event_date(ds: Dataset, rows: list[C.ClaimRow]):
    for row, claim in zip(rows, ds.claims, strict=True):
        if claim.event_id:
            event = ds.events_by_id[claim.event_id]
            assert row.date == event.date
            assert row.date_end == event.interval.end.isoformat()
        else:
            assert (row.date, row.date_start, row.date_end) == (None, None, None)


def test_context_spans_come_from_the_claim(ds: Dataset, rows: list[C.ClaimRow]):
    for row, claim in zip(rows, ds.claims, strict=True):
        assert [(s.exact, s.start, s.end) for s in row.context] == [
            (ev.exact, ev.start, ev.end) for ev in claim.context
        ]
        for span in row.context:
            assert ds.article[span.start : span.end] == span.exact
    # The article's own weighing of the 97% claim: most drugs enter over the land border.
    sea = next(r for r in rows if r.id == "c_97_percent_sea_drugs")
    assert any("美墨邊境" in s.exact for s in sea.context)


def test_every_claim_has_the_article_as_its_source(ds: Dataset, rows: list[C.ClaimRow]):
    for row in rows:
        assert len(row.sources) == 1
        source = row.sources[0]
        assert source.stance in C.STANCES
        assert source.published == ds.source.published.isoformat()
        assert source.words == row.exact_words


@pytest.mark.parametrize("key", C.SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_sort_rows_keeps_every_row_and_puts_missing_values_last(rows, key, descending):
    out = C.sort_rows(rows, key, descending=descending)
    assert sorted(r.id for r in out) == sorted(r.id for r in rows)
    values = [C._sort_value(r, key, "en") for r in out]
    present = [v for v in values if v is not None]
    assert values[: len(present)] == present  # None only at the end
    assert present == sorted(present, reverse=descending)


def test_sort_by_value(rows):
    out = C.sort_rows(rows, "value", descending=True)
    assert out[0].value == max(r.value for r in rows if r.value is not None)


def test_unknown_sort_key(rows):
    with pytest.raises(ValueError, match="unknown sort key"):
        C.sort_rows(rows, "colour")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("97%", {"c_97_percent_sea_drugs"}),
        # in the 97% claim's words, and in the context of the claim that most drugs come by land
        ("水路", {"c_97_percent_sea_drugs", "c_most_drugs_via_border"}),
        # Trump by another name, via the claimant
        ("川普", {"c_97_percent_sea_drugs", "c_trump_land_strikes"}),
        ("", None),
    ],
)
def test_filter_by_text(rows, query, expected):
    out = {r.id for r in C.filter_rows(rows, query=query)}
    assert out == (expected if expected is not None else {r.id for r in rows})


def test_filter_by_claimant_and_figure(rows):
    options = C.claimant_options(rows)
    assert options[-1] == C.UNATTRIBUTED
    for claimant in options:
        out = C.filter_rows(rows, claimants=[claimant])
        assert out
        assert all((r.claimant_id or C.UNATTRIBUTED) == claimant for r in out)
    figures = C.filter_rows(rows, with_figure=True)
    assert figures
    assert all(r.value is not None or r.value_text for r in figures)
    assert len(figures) == sum(1 for r in rows if r.value is not None or r.value_text)


def test_sidebar_filter_chooses_the_claims(ds: Dataset):
    chosen = Filters(actors=("garcia_harfuch",)).claims(ds)
    rows = C.claim_rows(ds, chosen)
    assert rows
    assert {r.claimant_id for r in rows} == {"garcia_harfuch"}


def test_csv_export(rows):
    data = C.claims_csv(rows)
    read = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(read[0]) == list(C.CSV_COLUMNS)
    assert [r["id"] for r in read] == [r.id for r in rows]
    first = next(r for r in read if r["id"] == "c_97_percent_sea_drugs")
    assert "97%" in first["exact_words"]
    assert C.claims_csv([]).decode("utf-8-sig").strip() == ",".join(C.CSV_COLUMNS)


def test_csv_export_neutralises_formulas(ds: Dataset):
    claim = ds.claims[0].model_copy(update={"statement_en": '=HYPERLINK("http://x","y")'})
    data = C.claims_csv([C.claim_row(claim, ds)]).decode("utf-8-sig")
    assert "'=HYPERLINK" in data


def test_json_export_keeps_spans_and_sources(rows):
    data = json.loads(C.claims_json(rows))
    assert [d["id"] for d in data] == [r.id for r in rows]
    assert data[0]["exact_words"][0]["start"] == rows[0].exact_words[0].start
    assert data[0]["sources"][0]["stance"] == "states"
    assert all("context" in d for d in data)


def test_span_of_evidence():
    span = C.Span.of(Evidence(exact="x", start=1, end=2))
    assert (span.exact, span.start, span.end) == ("x", 1, 2)
