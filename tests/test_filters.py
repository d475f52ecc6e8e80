"""Filters: URL parsing (with notices), matching semantics and captions, without Streamlit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from usmx.filters import (
    FILTER_PARAMS,
    MAX_PARAM_VALUES,
    Choices,
    Filters,
    describe,
    parse_query_params,
)

D = dt.date


@pytest.fixture(scope="module")
def choices(ds):
    return Choices.from_dataset(ds)


@pytest.mark.parametrize(
    ("params", "expected", "notice_reasons"),
    [
        ({}, Filters(), []),
        ({"actor": "trump"}, Filters(actors=("trump",)), []),
        ({"actor": ["trump", "sheinbaum"]}, Filters(actors=("trump", "sheinbaum")), []),
        ({"actor": ["trump", "trump"]}, Filters(actors=("trump",)), []),
        ({"actor": ["nobody"]}, Filters(), ["unknown"]),
        ({"actor": ["trump", "<script>"]}, Filters(actors=("trump",)), ["unknown"]),
        ({"actor": ["x" * 500]}, Filters(), ["too_long"]),
        ({"actor": [""]}, Filters(), []),
        (
            {"dates": ["2026-01-01", "2026-01-31"]},
            Filters(date_from=D(2026, 1, 1), date_to=D(2026, 1, 31)),
            [],
        ),
        ({"dates": ["2026-01-01"]}, Filters(date_from=D(2026, 1, 1)), []),
        ({"dates": ["2026-02-30", "2026-03-01"]}, Filters(date_from=D(2026, 3, 1)), ["bad_date"]),
        ({"dates": ["yesterday"]}, Filters(), ["bad_date"]),
        ({"dates": ["2026-01-31", "2026-01-01"]}, Filters(), ["reversed"]),
        (
            {"dates": ["2026-01-01", "2026-01-02", "2026-01-03"]},
            Filters(date_from=D(2026, 1, 1), date_to=D(2026, 1, 2)),
            ["too_many"],
        ),
        ({"type": ["diplomacy", "nonsense"]}, Filters(event_types=("diplomacy",)), ["unknown"]),
        ({"status": "refused"}, Filters(statuses=("refused",)), []),
        ({"place": ["sinaloa", "atlantis"]}, Filters(places=("sinaloa",)), ["unknown"]),
        ({"unrelated": ["1"]}, Filters(), []),
    ],
)
def test_parse_query_params(choices, params, expected, notice_reasons):
    filters, notices = parse_query_params(params, choices)
    assert filters == expected
    assert [n.reason for n in notices] == notice_reasons


def test_too_many_values_are_capped(choices):
    params = {"actor": list(choices.actors) * 3}
    filters, notices = parse_query_params(params, choices)
    assert len(filters.actors) == min(len(choices.actors), MAX_PARAM_VALUES)
    assert not [n for n in notices if n.reason == "unknown"]


@pytest.mark.parametrize(
    "filters",
    [
        Filters(actors=("trump", "sheinbaum")),
        Filters(date_from=D(2025, 1, 1), date_to=D(2026, 1, 16)),
        Filters(event_types=("diplomacy",), places=("mexico",), statuses=("refused",)),
    ],
)
def test_query_params_round_trip(choices, filters):
    parsed, notices = parse_query_params(filters.to_query_params(), choices)
    assert parsed == filters
    assert notices == []


@given(
    params=st.dictionaries(
        st.sampled_from([*FILTER_PARAMS, "lang", "x"]),
        st.one_of(st.text(max_size=300), st.lists(st.text(max_size=40), max_size=80)),
        max_size=6,
    )
)
@settings(max_examples=300, deadline=None)
def test_parser_never_raises_and_keeps_only_valid_values(params, choices):
    filters, notices = parse_query_params(params, choices)
    assert set(filters.actors) <= set(choices.actors)
    assert set(filters.event_types) <= set(choices.event_types)
    assert set(filters.places) <= set(choices.places)
    assert set(filters.statuses) <= set(choices.statuses)
    assert len(filters.actors) <= MAX_PARAM_VALUES
    if filters.date_from and filters.date_to:
        assert filters.date_from <= filters.date_to
    assert all(len(n.value) <= 101 for n in notices)


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
