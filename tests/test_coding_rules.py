"""Tests for usmx.coding_rules: the checkable part of docs/coding-rules.md.

The shipped dataset keeps every rule; a copy with one record changed to break a rule gives a
problem naming that record and field with a message that says what is wrong. The changes are
made to an in-memory copy of the real dataset for the test only; nothing here is article data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from usmx.coding_rules import STATUS_WORDS, actors_named_in, check_coding_rules
from usmx.dataset import find_span
from usmx.model import Dataset, EventActor, Evidence
from usmx.vocabulary import Precision, Role, Status

Mutation = Callable[[Dataset], None]
TABLES = ("actors", "places", "events", "quotes", "claims")


def _index(ds: Dataset, table: str, rid: str) -> int:
    return next(i for i, r in enumerate(getattr(ds, table)) if r.id == rid)


def label(ds: Dataset, table: str, rid: str) -> str:
    return f"{table}[{_index(ds, table, rid)}] ({rid})"


def update(table: str, rid: str, **changes: Any) -> Mutation:
    """Replace one record by a copy with `changes` (values already of the model's types)."""

    def mutate(ds: Dataset) -> None:
        records = getattr(ds, table)
        k = _index(ds, table, rid)
        records[k] = records[k].model_copy(update=changes)

    return mutate


def add_actor(event_id: str, actor_id: str, role: Role, **changes: Any) -> Mutation:
    def mutate(ds: Dataset) -> None:
        event = ds.events_by_id[event_id]
        update(
            "events", event_id, actors=[*event.actors, EventActor(actor_id=actor_id, role=role)]
        )(ds)
        if changes:
            update("events", event_id, **changes)(ds)

    return mutate


def add_place(event_id: str, place_id: str) -> Mutation:
    def mutate(ds: Dataset) -> None:
        event = ds.events_by_id[event_id]
        update("events", event_id, place_ids=[*event.place_ids, place_id])(ds)

    return mutate


def span(ds: Dataset, exact: str) -> Evidence:
    (start,) = find_span(ds.article, Evidence(exact=exact))
    return Evidence(exact=exact, start=start, end=start + len(exact))


def claim_context_is_own_words(ds: Dataset) -> None:
    claim = ds.claims[_index(ds, "claims", "c_97_percent_sea_drugs")]
    update("claims", claim.id, context=[span(ds, claim.evidence[0].exact)])(ds)


def duplicate_event(ds: Dataset) -> None:
    strike = ds.events_by_id["us_strike_on_venezuela"]
    ds.events.append(strike.model_copy(update={"id": "strike_2"}))


def exact_point_not_named(ds: Dataset) -> None:
    evidence = [span(ds, "美國的南方鄰國墨西哥")]
    update("places", "mexican_seaports", precision=Precision.exact, evidence=evidence)(ds)


def refused_without_refusal(ds: Dataset) -> None:
    # The record whose evidence says 「並沒有同意」 (did not agree), coded as a refusal.
    event = next(e for e in ds.events if "並沒有同意" in e.evidence[0].exact)
    update("events", event.id, status=Status.refused)(ds)


@pytest.fixture
def variant(ds: Dataset) -> Dataset:
    return ds.model_copy(deep=True)


def test_the_shipped_dataset_keeps_every_rule(ds: Dataset) -> None:
    assert check_coding_rules(ds) == []


# (id, mutation, table, record id, field, message fragment)
BROKEN: list[tuple[str, Mutation, str, str, str, str]] = [
    (
        "inferred_subject",
        add_actor("maduro_captured", "trump_administration", Role.subject),
        "events",
        "maduro_captured",
        "actors[2].actor_id",
        "trump_administration (subject) is not named in the event's evidence",
    ),
    (
        "inferred_initiator",
        add_actor("sheinbaum_trump_call", "mexican_cartels", Role.initiator),
        "events",
        "sheinbaum_trump_call",
        "actors[2].actor_id",
        "mexican_cartels (initiator) is not named",
    ),
    (
        "longest_name_wins",  # 墨西哥 inside 墨西哥民警 names the police, not the government
        add_actor("mexico_police_checkpoints", "mexico_government", Role.target),
        "events",
        "mexico_police_checkpoints",
        "actors[1].actor_id",
        "mexico_government (target) is not named",
    ),
    (
        "actor_twice",
        add_actor("trump_warns_mexico", "trump", Role.subject),
        "events",
        "trump_warns_mexico",
        "actors[4].actor_id",
        "trump already has a role in this event",
    ),
    (
        "place_not_named",
        add_place("us_strike_on_venezuela", "mexico"),
        "events",
        "us_strike_on_venezuela",
        "place_ids[1]",
        "mexico is not named in the evidence",
    ),
    (
        "action_not_placed_by_its_actors",  # only sayings and decisions may be placed at home
        update("events", "us_strike_on_venezuela", place_ids=["united_states"]),
        "events",
        "us_strike_on_venezuela",
        "place_ids[0]",
        "united_states is not named in the evidence",
    ),
    (
        "placed_at_home",
        add_place("maduro_captured", "united_states"),
        "events",
        "maduro_captured",
        "place_ids[1]",
        "united_states is the initiator's own country, but the event happens abroad",
    ),
    (
        "ends_after_report",
        update("events", "mexico_proposes_more_intelligence_sharing", date="2026-01"),
        "events",
        "mexico_proposes_more_intelligence_sharing",
        "date",
        "ends 2026-01-31, after the report of 2026-01-16",
    ),
    (
        "planned_without_date_text",
        update("events", "mexican_senate_vote_rescheduled", date_text=None),
        "events",
        "mexican_senate_vote_rescheduled",
        "date",
        "only a `planned` event with the article's words in date_text may",
    ),
    (
        "date_without_basis",
        update("events", "dea_agents_barred_from_ground_operations", date_basis=None),
        "events",
        "dea_agents_barred_from_ground_operations",
        "date_basis",
        "the article states no date",
    ),
    (
        "did_not_agree_is_not_refused",
        refused_without_refusal,
        "events",
        "mexico_proposes_more_intelligence_sharing",
        "status",
        "refused, but the evidence has none of 拒絕、反對、排除",
    ),
    (
        "planned_without_schedule",
        update("events", "trump_warns_mexico", status=Status.planned),
        "events",
        "trump_warns_mexico",
        "status",
        "planned, but the evidence has none of",
    ),
    (
        "proposed_without_proposal",
        update("events", "maduro_captured", status=Status.proposed),
        "events",
        "maduro_captured",
        "status",
        "proposed, but the evidence has none of",
    ),
    (
        "postponed_without_delay",
        update("events", "us_strike_on_venezuela", status=Status.postponed),
        "events",
        "us_strike_on_venezuela",
        "status",
        "postponed, but the evidence has none of",
    ),
    (
        "same_spans_twice",
        duplicate_event,
        "events",
        "strike_2",
        "evidence",
        "the same spans as us_strike_on_venezuela: one remark is one event",
    ),
    (
        "quote_after_report",
        update("quotes", "q_harfuch_what_use", date="../2026-01-20"),
        "quotes",
        "q_harfuch_what_use",
        "date",
        "ends 2026-01-20, after the report of 2026-01-16",
    ),
    (
        "quote_date_without_basis",
        update("quotes", "q_harfuch_what_use", date_basis=None),
        "quotes",
        "q_harfuch_what_use",
        "date_basis",
        "the article states no date",
    ),
    (
        "speaker_not_named",
        update("quotes", "q_harfuch_what_use", speaker_id="sheinbaum"),
        "quotes",
        "q_harfuch_what_use",
        "speaker_id",
        "sheinbaum is named neither in the evidence nor in the linked event's",
    ),
    (
        "claimant_not_named",
        update("claims", "c_97_percent_sea_drugs", claimant_id="sheinbaum"),
        "claims",
        "c_97_percent_sea_drugs",
        "claimant_id",
        "sheinbaum is named neither",
    ),
    (
        "claim_place_not_named",
        update("claims", "c_97_percent_sea_drugs", place_ids=["venezuela"]),
        "claims",
        "c_97_percent_sea_drugs",
        "place_ids[0]",
        "venezuela is not named in the evidence",
    ),
    (
        "context_is_own_words",
        claim_context_is_own_words,
        "claims",
        "c_97_percent_sea_drugs",
        "context[0].exact",
        "lies inside the claim's own evidence",
    ),
    (
        "exact_point_not_named",
        exact_point_not_named,
        "places",
        "mexican_seaports",
        "precision",
        "exact, but 墨西哥海港 is not named in its evidence",
    ),
    (
        "stand_in_port",  # an unnamed port drawn at Manzanillo would look like a named one
        update("places", "mexican_seaports", lat=19.0522, lon=-104.3159),
        "places",
        "mexican_seaports",
        "lat",
        "an unnamed place stands on its country's point",
    ),
    (
        "region_without_basis",
        update("places", "sinaloa", point_basis=None),
        "places",
        "sinaloa",
        "point_basis",
        "precision region needs a point_basis",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "table", "rid", "field", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN],
)
def test_a_broken_rule_names_record_field_and_why(
    variant: Dataset, mutate: Mutation, table: str, rid: str, field: str, message: str
) -> None:
    mutate(variant)
    problems = check_coding_rules(variant, file="data/dataset.yaml")
    assert problems, "the mutation broke no rule"
    # Every problem is about the changed record, and one of them is the expected one.
    assert {p.record for p in problems} == {label(variant, table, rid)}
    found = [p for p in problems if p.field == field and message in p.message]
    assert found, [str(p) for p in problems]
    assert str(found[0]).startswith(f"data/dataset.yaml: {label(variant, table, rid)}: field ")


# Changes the rules allow: a note that says why, a reading the rules spell out.
ALLOWED: list[tuple[str, Mutation]] = [
    (
        "note_explains_an_actor",
        add_actor(
            "maduro_captured",
            "trump_administration",
            Role.subject,
            note="The Trump administration is named in the next clause of the article.",
        ),
    ),
    (
        "note_explains_a_place",
        lambda ds: (
            add_place("us_strike_on_venezuela", "mexico")(ds),
            update("events", "us_strike_on_venezuela", note="mexico: a test reason")(ds),
        ),
    ),
    # A saying with no place in the text may be placed in its speaker's country.
    ("saying_at_home", update("events", "trump_earlier_help_offer", place_ids=["united_states"])),
    # A planned event may end after the report when the article gives the words.
    ("planned_after_report", update("events", "mexican_senate_vote_rescheduled")),
]


@pytest.mark.parametrize("mutate", [pytest.param(m, id=name) for name, m in ALLOWED])
def test_allowed_changes_keep_the_rules(variant: Dataset, mutate: Mutation) -> None:
    mutate(variant)
    assert [str(p) for p in check_coding_rules(variant)] == []


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("墨西哥民警設檢查站", {"mexican_police"}),
        ("特朗普政府官員去年提出", {"trump_administration"}),
        ("美國官員稱，美國希望", {"us_officials", "us_government"}),
        ("哈爾富奇強調：", {"garcia_harfuch"}),
        ("美國海軍特種部隊", {"us_navy_special_forces"}),
        ("她在通話後表示", set()),  # a pronoun names no one
        ("隨時準備執行總司令的命令", {"trump"}),  # an alias the actor's note explains
    ],
)
def test_mentions_read_the_longest_name(ds: Dataset, text: str, actors: set[str]) -> None:
    assert actors_named_in([text], ds) == actors


def test_status_words_leave_did_not_agree_out() -> None:
    assert not any("並沒有同意" in w or w in "並沒有同意" for w in STATUS_WORDS[Status.refused])
