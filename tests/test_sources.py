"""Tests for usmx.sources: how many sources and independent outlets back a record, and where
the sources disagree (made-up corpus under tests/fixtures/corpus/; the shipped article for the
single-source case)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.model import Dataset, Relay, SourceDoc
from usmx.sources import (
    disagreements,
    disputed_fields,
    latest_published,
    normalise_outlet,
    outlet_key,
    support,
)

FIXTURE = Path(__file__).parent / "fixtures" / "corpus" / "dataset.yaml"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset(FIXTURE)


@pytest.mark.parametrize(
    ("table", "record_id", "sources", "outlets"),
    [
        # The Made-up Times, its Chinese relay and the wire: three sources, two outlets.
        ("events", "ruiz_meets_cartel_envoys", ("times", "relay", "wire"), 2),
        ("quotes", "q_ruiz_corridor", ("times",), 1),
        ("claims", "c_arrests", ("wire", "times"), 2),
    ],
)
def test_support_counts_sources_and_independent_outlets(
    ds: Dataset, table: str, record_id: str, sources: tuple[str, ...], outlets: int
) -> None:
    s = support(ds)[(table, record_id)]
    assert s.sources == sources
    assert (s.n_sources, s.n_outlets) == (len(sources), outlets)


def test_a_relay_is_its_original_outlet(ds: Dataset) -> None:
    by_id = ds.sources_by_id
    assert outlet_key(ds, by_id["relay"]) == outlet_key(ds, by_id["times"]) == "actor:made_up_times"
    # The wire names its outlet but not its actor id: matched by the media actor's name.
    assert outlet_key(ds, by_id["wire"]) == "actor:made_up_wire"


def _doc(**kw: object) -> SourceDoc:
    base = {
        "id": "src_x",
        "path": "x.txt",
        "sha256": "ab" * 32,
        "language": "en",
        "published": "2026-02-03",
        "outlet": None,
    }
    return SourceDoc.model_validate(base | kw)


@pytest.mark.parametrize(
    ("doc", "key"),
    [
        (_doc(outlet="The Made-up Times"), "actor:made_up_times"),  # "The", case
        (_doc(outlet="MADE-UP  times"), "actor:made_up_times"),  # punctuation, spacing
        (_doc(outlet="Unknown Daily"), "name:unknown daily"),
        (_doc(outlet=None), "source:src_x"),  # names no outlet: its own
        (_doc(outlet="Unknown Daily", relays=Relay(outlet="虛構時報")), "actor:made_up_times"),
        (_doc(outlet="Unknown Daily", relays=Relay(outlet="Other Post")), "name:other post"),
        (_doc(outlet=None, outlet_id="made_up_wire"), "actor:made_up_wire"),
    ],
)
def test_outlet_key(ds: Dataset, doc: SourceDoc, key: str) -> None:
    assert outlet_key(ds, doc) == key


def test_disagreements_keep_every_value_with_its_evidence(ds: Dataset) -> None:
    rows = {(d.table, d.record_id, d.field): d for d in disagreements(ds)}
    assert set(rows) == {
        ("events", "ruiz_meets_cartel_envoys", "date"),
        ("claims", "c_arrests", "value"),
    }
    date = rows[("events", "ruiz_meets_cartel_envoys", "date")]
    assert date.preferred == "2026-02-02" == ds.events[0].date  # the record holds the preferred
    assert date.values == ("2026-02-02", "2026-02-01")
    assert [r.preferred for r in date.readings] == [True, False]
    assert [r.sources for r in date.readings] == [("times",), ("wire",)]
    assert [r.outlets for r in date.readings] == [("actor:made_up_times",), ("actor:made_up_wire",)]
    assert [ev.exact for r in date.readings for ev in r.evidence] == [
        "on February 2",
        "on February 1",
    ]
    assert "witnesses" in date.reason
    assert disputed_fields(ds.events[0]) == {"date"}


def test_latest_published_is_that_of_the_latest_backing_source(ds: Dataset) -> None:
    assert str(latest_published(ds, ds.events[0])) == "2026-02-05"  # the wire
    assert str(latest_published(ds, ds.quotes[0])) == "2026-02-03"


def test_the_single_source_article_backs_every_record_once() -> None:
    ds = load_dataset(DEFAULT_DATASET)
    table = support(ds)
    assert len(table) == len(ds.events) + len(ds.quotes) + len(ds.claims)
    # The article relays the NYT: its one outlet is the NYT, not an unnamed Chinese outlet.
    assert {(s.sources, s.outlets) for s in table.values()} == {(("article",), ("actor:nyt",))}
    assert disagreements(ds) == []


@given(st.text(max_size=40))
@example("Æ×Ø")  # a letter with no ASCII form next to one that has one
@example("The the Times")
def test_normalise_outlet_is_idempotent(name: str) -> None:
    once = normalise_outlet(name)
    assert normalise_outlet(once) == once
