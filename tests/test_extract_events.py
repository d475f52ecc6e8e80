"""Tests for usmx.extract.events: one candidate per sentence with an actor and an action,
and corroboration of an existing event (made-up actors, sentences and events)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.fixtures.extract_actors import made_up_dataset
from usmx.extract import extract
from usmx.model import Dataset, Event, EventActor, Evidence

PUBLISHED = dt.date(2026, 2, 4)


def _event(date: str, actors: list[tuple[str, str]], event_type: str = "diplomacy") -> Event:
    return Event(
        id="made_up_warning",
        title_en="Made-up warning",
        title_zh="虛構警告",
        summary_en="A made-up event for tests.",
        event_type=event_type,
        status="occurred",
        date=date,
        actors=[EventActor(actor_id=a, role=r) for a, r in actors],
        evidence=[Evidence(exact="made-up")],
    )


def _events(ds: Dataset, text: str, language: str = "zh-Hant") -> list:
    return extract(text, published=PUBLISHED, language=language, dataset=ds).of_kind("event")


@pytest.mark.parametrize(
    ("text", "language", "event_type", "actors"),
    [
        (
            "美軍昨天襲擊了港口販毒集團。",
            "zh-Hant",
            "military_action",
            ["us_military", "harbor_cartel"],
        ),
        (
            "錫那羅亞州警察逮捕了港口販毒集團成員。",
            "zh-Hant",
            "counternarcotics",
            ["state_police", "harbor_cartel"],
        ),
        ("魯伊斯上週警告港口販毒集團。", "zh-Hant", "diplomacy", ["ruiz", "harbor_cartel"]),
        (
            "The Sinaloa State Police raided a Harbor Cartel lab.",
            "en",
            "counternarcotics",
            ["state_police", "harbor_cartel"],
        ),
        (
            "US forces struck a Harbor Cartel boat.",
            "en",
            "military_action",
            ["us_military", "harbor_cartel"],
        ),
    ],
)
def test_one_candidate_per_sentence(
    ds: Dataset, text: str, language: str, event_type: str, actors: list[str]
) -> None:
    [event] = _events(made_up_dataset(ds), text, language)
    assert event.event_type.value == event_type
    assert [a.actor_id for a in event.actors] == actors
    assert event.selector.exact == text
    assert event.actors[0].role.value == "initiator"


def test_no_candidate_without_an_actor_or_an_action(ds: Dataset) -> None:
    assert _events(made_up_dataset(ds), "天氣晴朗。港口販毒集團。") == []


def test_sentence_date_is_the_event_date(ds: Dataset) -> None:
    [event] = _events(made_up_dataset(ds), "魯伊斯上週警告港口販毒集團。")
    assert event.date == "2026-01-26/2026-02-01"


@pytest.mark.parametrize(
    ("existing_date", "corroborates"),
    [
        ("2026-01-26/2026-02-01", "made_up_warning"),  # same week
        ("2026-01", "made_up_warning"),  # overlapping month
        ("2025-06", None),  # no overlap: a new event
    ],
)
def test_matching_event_is_proposed_as_corroboration(
    ds: Dataset, existing_date: str, corroborates: str | None
) -> None:
    existing = _event(existing_date, [("ruiz", "initiator"), ("harbor_cartel", "target")])
    [event] = _events(made_up_dataset(ds, [existing]), "魯伊斯上週警告港口販毒集團。")
    assert event.corroborates == corroborates


def test_other_actors_are_not_corroboration(ds: Dataset) -> None:
    existing = _event("2026-01", [("us_military", "initiator"), ("state_police", "target")])
    [event] = _events(made_up_dataset(ds, [existing]), "魯伊斯上週警告港口販毒集團。")
    assert event.corroborates is None
