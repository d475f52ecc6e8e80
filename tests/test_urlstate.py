"""usmx.urlstate: the URL ⇄ view-state contract, one encoding per value, notices not errors."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from usmx.filters import Choices, Filters
from usmx.relations import Relation
from usmx.urlstate import (
    ALL_PARAMS,
    FILTER_PARAMS,
    MAX_PARAM_VALUES,
    ViewState,
    parse,
    parse_edge,
    parse_filters,
    parse_span,
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
        # EDTF intervals: closed, open start, open end, a month, a day
        (
            {"dates": "2026-01-01/2026-01-31"},
            Filters(date_from=D(2026, 1, 1), date_to=D(2026, 1, 31)),
            [],
        ),
        ({"dates": "../2026-01-10"}, Filters(date_to=D(2026, 1, 10)), []),
        ({"dates": "2024-10-01/.."}, Filters(date_from=D(2024, 10, 1)), []),
        ({"dates": "2026-01"}, Filters(date_from=D(2026, 1, 1), date_to=D(2026, 1, 31)), []),
        ({"dates": "2026-01-12"}, Filters(date_from=D(2026, 1, 12), date_to=D(2026, 1, 12)), []),
        # links from before the EDTF encoding: two values are a range
        (
            {"dates": ["1846-01-01", "2026-01-10"]},
            Filters(date_from=D(1846, 1, 1), date_to=D(2026, 1, 10)),
            [],
        ),
        ({"dates": "2026-02-30/2026-03-01"}, Filters(), ["bad_date"]),
        ({"dates": "yesterday"}, Filters(), ["bad_date"]),
        ({"dates": "../.."}, Filters(), ["bad_date"]),
        ({"dates": "2026-01-31/2026-01-01"}, Filters(), ["reversed"]),
        ({"dates": ["2026-01-31", "2026-01-01"]}, Filters(), ["reversed"]),
        (
            {"dates": ["2026-01-01/2026-01-02", "2026-01-03"]},
            Filters(date_from=D(2026, 1, 1), date_to=D(2026, 1, 2)),
            ["too_many"],
        ),
        ({"type": ["diplomacy", "nonsense"]}, Filters(event_types=("diplomacy",)), ["unknown"]),
        ({"status": "refused"}, Filters(statuses=("refused",)), []),
        ({"place": ["sinaloa", "atlantis"]}, Filters(places=("sinaloa",)), ["unknown"]),
        ({"unrelated": ["1"]}, Filters(), []),
    ],
)
def test_parse_filters(choices, params, expected, notice_reasons):
    filters, notices = parse_filters(params, choices)
    assert filters == expected
    assert [n.reason for n in notices] == notice_reasons


def test_a_range_from_the_first_day_survives_the_url(choices):
    """Bug: "first day -> X" used to be written as one date and read back as *from* X."""
    sent = Filters(date_to=D(2026, 1, 10))
    assert ViewState(filters=sent).to_params() == {"dates": ["../2026-01-10"]}
    received, notices = parse(ViewState(filters=sent).to_params(), choices)
    assert received.filters == sent
    assert notices == []


def test_too_many_values_are_capped(choices):
    params = {"actor": list(choices.actors) * 3}
    filters, notices = parse_filters(params, choices)
    assert len(filters.actors) == min(len(choices.actors), MAX_PARAM_VALUES)
    assert not [n for n in notices if n.reason == "unknown"]


def _filters(choices: Choices):
    days = st.dates(min_value=choices.first_day, max_value=choices.last_day)
    subset = lambda values: st.lists(st.sampled_from(sorted(values)), unique=True, max_size=4)
    return st.builds(
        lambda actors, types, places, statuses, a, b: Filters(
            actors=tuple(actors),
            event_types=tuple(types),
            places=tuple(places),
            statuses=tuple(statuses),
            date_from=min(a, b) if a and b else a,
            date_to=max(a, b) if a and b else b,
        ),
        subset(choices.actors),
        subset(choices.event_types),
        subset(choices.places),
        subset(choices.statuses),
        st.none() | days,
        st.none() | days,
    )


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_filters_value_round_trips_through_the_url(choices, data):
    filters = data.draw(_filters(choices))
    lang = data.draw(st.sampled_from(["zh-Hant", "en"]))
    state = ViewState(filters=filters, lang=lang)
    parsed, notices = parse(state.to_params(), choices)
    assert parsed == state
    assert notices == []


@pytest.mark.parametrize(
    ("state", "params"),
    [
        (ViewState(), {}),
        (ViewState(lang="en"), {"lang": ["en"]}),
        (ViewState(event="maduro_captured"), {"event": ["maduro_captured"]}),
        (ViewState(profile="trump"), {"profile": ["trump"]}),
        (ViewState(span=(10, 20)), {"span": ["10-20"]}),
        (ViewState(quote="q_trump_97_percent"), {"quote": ["q_trump_97_percent"]}),
        (
            ViewState(focus=(D(2026, 1, 1), D(2026, 1, 16))),
            {"focus": ["2026-01-01/2026-01-16"]},
        ),
        (ViewState(pick="place:sinaloa"), {"pick": ["place:sinaloa"]}),
        (ViewState(pick="arc:US>venezuela"), {"pick": ["arc:US>venezuela"]}),
        (ViewState(node="sheinbaum"), {"node": ["sheinbaum"]}),
        (
            ViewState(edge=("trump", "sheinbaum", "proposal")),
            {"edge": ["trump~sheinbaum~proposal"]},
        ),
        (
            ViewState(relations=("pressure", "refusal")),
            {"relations": ["pressure", "refusal"]},
        ),
    ],
)
def test_page_values_round_trip(choices, state, params):
    assert state.to_params() == params
    parsed, notices = parse(params, choices)
    assert parsed == state
    assert notices == []


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"event": "no_such_event"}, "unknown"),
        ({"profile": "nobody"}, "unknown"),
        ({"quote": "q_none"}, "unknown"),
        ({"span": "abc"}, "bad_span"),
        ({"span": "5-1"}, "bad_span"),
        ({"span": "0-99999999"}, "bad_span"),
        ({"focus": "soon"}, "bad_date"),
        ({"focus": "../2026-01-10"}, "bad_date"),  # a window needs both ends
        ({"lang": "fr"}, "bad_lang"),
        ({"event": ["maduro_captured", "maduro_captured"]}, "too_many"),
        ({"pick": "place:atlantis"}, "unknown"),
        ({"pick": "sinaloa"}, "unknown"),  # no kind
        ({"pick": "arc:us>venezuela"}, "unknown"),  # a country code is upper case
        ({"pick": "arc:US>atlantis"}, "unknown"),
        ({"pick": "event:maduro_captured"}, "unknown"),
        ({"pick": "place:" + "x" * 200}, "unknown"),
        ({"pick": "place:<script>"}, "unknown"),
        ({"node": "nobody"}, "unknown"),
        ({"edge": "trump~sheinbaum"}, "bad_edge"),
        ({"edge": "trump~nobody~pressure"}, "bad_edge"),
        ({"edge": "trump~sheinbaum~hugs"}, "bad_edge"),
        ({"edge": "trump~trump~pressure"}, "bad_edge"),
        ({"edge": "~" * 400}, "bad_edge"),
        ({"relations": ["hugs"]}, "unknown"),
    ],
)
def test_bogus_page_values_are_ignored_with_a_notice(choices, params, reason):
    state, notices = parse(params, choices)
    assert state.page_values() == {} or reason == "too_many"
    assert state.lang == "zh-Hant"
    assert [n.reason for n in notices] == [reason]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10-20", (10, 20)),
        (" 10-20 ", (10, 20)),
        ("0-100", (0, 100)),
        ("0-101", None),
        ("20-10", None),
        ("5-5", None),
        ("-1-5", None),
        ("a-b", None),
        ("10_20", None),
        ("１０-２０", None),  # full-width digits are not ASCII digits
        ("99999999999-1", None),
        ("", None),
        ("1-2" * 50, None),
        ("<script>", None),
    ],
)
def test_parse_span(value, expected):
    assert parse_span(value, 100) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("trump~sheinbaum~pressure", ("trump", "sheinbaum", "pressure")),
        ("trump~sheinbaum~pressure~x", None),
        ("trump|sheinbaum|pressure", None),
        ("TRUMP~sheinbaum~pressure", None),
        ("", None),
    ],
)
def test_parse_edge(value, expected):
    assert parse_edge(value, ("trump", "sheinbaum")) == expected


def test_no_relation_chosen_writes_nothing():
    assert ViewState(relations=()).to_params() == {}


def test_network_links_carry_its_selection():
    state = ViewState(lang="en", node="trump")
    params = state.for_page("network", edge=("trump", "sheinbaum", "proposal")).to_params()
    assert params == {"lang": ["en"], "edge": ["trump~sheinbaum~proposal"]}


def test_for_page_keeps_only_that_pages_values():
    state = ViewState(filters=Filters(actors=("trump",)), lang="en", event="x", profile="y")
    assert state.for_page("map").to_params() == {"actor": ["trump"], "lang": ["en"]}
    assert state.for_page("map", pick="place:mexico").to_params()["pick"] == ["place:mexico"]
    assert "pick" not in state.with_values(pick="place:mexico").for_page("timeline").to_params()
    assert state.for_page("timeline", event="e").to_params()["event"] == ["e"]
    with pytest.raises(ValueError, match="no parameter"):
        state.for_page("map", event="e")


@given(
    params=st.dictionaries(
        st.sampled_from([*ALL_PARAMS, "x"]),
        st.one_of(st.text(max_size=300), st.lists(st.text(max_size=40), max_size=80)),
        max_size=8,
    )
)
@settings(max_examples=300, deadline=None)
def test_parser_never_raises_and_keeps_only_valid_values(params, choices):
    state, notices = parse(params, choices)
    filters = state.filters
    assert set(filters.actors) <= set(choices.actors)
    assert set(filters.event_types) <= set(choices.event_types)
    assert set(filters.places) <= set(choices.places)
    assert set(filters.statuses) <= set(choices.statuses)
    assert len(filters.actors) <= MAX_PARAM_VALUES
    if filters.date_from and filters.date_to:
        assert filters.date_from <= filters.date_to
    assert state.event is None or state.event in choices.events
    assert state.pick is None or state.pick.rsplit(">", 1)[-1].split(":")[-1] in choices.places
    assert state.node is None or state.node in choices.actors
    if state.edge is not None:
        assert {state.edge[0], state.edge[1]} <= set(choices.actors)
        assert state.edge[2] in {r.value for r in Relation}
    assert state.relations is None or {r.value for r in Relation} >= set(state.relations)
    assert all(len(n.value) <= 101 for n in notices)
    assert FILTER_PARAMS
