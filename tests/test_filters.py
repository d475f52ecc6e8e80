"""Filters: matching semantics and captions, without Streamlit (URL: test_urlstate.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from usmx.dataset import load_dataset
from usmx.filters import Choices, Filters, describe
from usmx.sources import source_label, sources_of

D = dt.date


@pytest.fixture(scope="module")
def choices(ds):
    return Choices.from_dataset(ds)


def ids(records):
    return {r.id for r in records}


@pytest.mark.parametrize(
    ("filters", "must_include", "must_exclude"),
    [
        (
            Filters(actors=("sheinbaum",)),
            {"sheinbaum_trump_call", "sinaloa_crackdown"},
            {"us_strike_on_venezuela"},
        ),
        (Filters(actors=("maduro",)), {"maduro_captured"}, {"sheinbaum_trump_call"}),
        # A body includes those under it: the CIA is part of the US government.
        (
            Filters(actors=("us_government",)),
            {"cia_drone_flights_over_mexico", "trump_warns_mexico"},
            {"sinaloa_crackdown"},
        ),
        (Filters(actors=("us_military",)), {"mexican_senate_vote_scheduled"}, set()),
        (
            Filters(date_from=D(2026, 1, 12), date_to=D(2026, 1, 12)),
            {"sheinbaum_trump_call", "mexico_proposes_more_intelligence_sharing"},
            {"us_strike_on_venezuela", "us_invasions_of_mexico"},
        ),
        # Uncertain intervals overlap: "2025" is in a window that touches December 2025.
        (
            Filters(date_from=D(2025, 12, 1), date_to=D(2025, 12, 31)),
            {"fentanyl_designated_wmd"},
            {"sheinbaum_trump_call"},
        ),
        # Open-start events ("already so by 15 Jan") may have started at any time before.
        (
            Filters(date_to=D(2000, 1, 1)),
            {"us_invasions_of_mexico", "us_advisers_in_mexican_command_posts"},
            {"sheinbaum_takes_office"},
        ),
        (
            Filters(event_types=("legislative",)),
            {"mexican_senate_vote_scheduled", "mexican_senate_vote_rescheduled"},
            {"sheinbaum_trump_call"},
        ),
        (
            Filters(statuses=("refused",)),
            {"trump_offers_help_sheinbaum_declines"},
            {"us_strike_on_venezuela"},
        ),
        (Filters(places=("sinaloa",)), {"sinaloa_crackdown"}, {"us_strike_on_venezuela"}),
        (
            Filters(actors=("trump",), statuses=("refused",)),
            {"trump_offers_help_sheinbaum_declines"},
            {"trump_warns_mexico"},
        ),
    ],
)
def test_event_selection(ds, filters, must_include, must_exclude):
    got = ids(filters.events(ds))
    assert must_include <= got
    assert not (must_exclude & got)


def test_no_filter_keeps_everything(ds):
    f = Filters()
    assert len(f.events(ds)) == len(ds.events)
    assert len(f.quotes(ds)) == len(ds.quotes)
    assert len(f.claims(ds)) == len(ds.claims)


@pytest.mark.parametrize(
    ("filters", "quote_ids"),
    [
        (Filters(actors=("trump",)), {"q_trump_97_percent", "q_trump_help"}),
        (Filters(actors=("garcia_harfuch",)), {"q_harfuch_what_use", "q_harfuch_not_solved"}),
        (Filters(actors=("sheinbaum",)), {"q_sheinbaum_trump_listened"}),
        (
            Filters(event_types=("policy",)),
            {"q_weapon_of_mass_destruction", "q_foreign_terrorist_organisations"},
        ),
    ],
)
def test_quote_selection(ds, filters, quote_ids):
    assert ids(filters.quotes(ds)) == quote_ids


def test_claims_follow_claimant(ds):
    got = ids(Filters(actors=("garcia_harfuch",)).claims(ds))
    assert got == {
        "c_hundreds_of_us_personnel",
        "c_us_personnel_unarmed",
        "c_mexico_needs_intelligence",
    }


@pytest.mark.parametrize(
    ("filters", "lang", "fragments"),
    [
        (Filters(), "en", ["{n} of {n} events"]),
        (Filters(actors=("sheinbaum",)), "en", ["of {n} events involving Claudia Sheinbaum"]),
        (Filters(actors=("sheinbaum",)), "zh-Hant", ["/ {n} 個事件", "涉及 辛鮑姆"]),
        (
            Filters(date_from=D(2026, 1, 1), date_to=D(2026, 1, 31)),
            "en",
            ["2026-01-01 to 2026-01-31"],
        ),
        (Filters(date_from=D(2026, 1, 1)), "en", ["2026-01-01 to any time"]),
        (
            Filters(event_types=("diplomacy",), statuses=("refused",)),
            "en",
            ["type: Diplomacy", "status: Refused"],
        ),
        (Filters(places=("sinaloa",)), "zh-Hant", ["地點：錫那羅亞州"]),
    ],
)
def test_describe(ds, filters, lang, fragments):
    text = describe(filters, ds, len(filters.events(ds)), lang)
    for fragment in fragments:
        assert fragment.format(n=len(ds.events)) in text


# --- several sources (made-up corpus under tests/fixtures/corpus/) ------------------------------

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "dataset.yaml"


@pytest.mark.parametrize(
    ("sources", "quotes", "claims"),
    [
        ((), {"q_ruiz_corridor"}, {"c_arrests"}),
        (("times",), {"q_ruiz_corridor"}, {"c_arrests"}),
        (("wire",), set(), {"c_arrests"}),
        (("relay",), set(), set()),
        (("relay", "wire"), set(), {"c_arrests"}),
    ],
)
def test_source_facet_keeps_records_backed_by_a_chosen_source(sources, quotes, claims):
    corpus = load_dataset(CORPUS)
    f = Filters(sources=sources)
    assert {e.id for e in f.events(corpus)} == {"ruiz_meets_cartel_envoys"}
    assert {q.id for q in f.quotes(corpus)} >= quotes
    assert {q.id for q in f.quotes(corpus)} <= {q.id for q in corpus.quotes}
    assert {c.id for c in f.claims(corpus)} >= claims
    caption = describe(f, corpus, 1, "en")
    docs = {doc.id: doc for doc in sources_of(corpus)}
    assert all(source_label(docs[s]) in caption for s in sources)


def test_choices_list_every_source():
    corpus = load_dataset(CORPUS)
    assert Choices.from_dataset(corpus).sources == ("times", "relay", "wire")
