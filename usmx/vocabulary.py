"""The closed vocabularies of the dataset's coded fields: kinds, event types, statuses, roles.

Each is a `StrEnum` whose values are what a curated YAML file writes (`event_type: diplomacy`);
the record models (`usmx.model`) type their fields with them, so a value outside the list is a
validation error naming the field. The taxonomy and what each value means are documented in
README.md; the labels the app shows for them live in `usmx.i18n`.
"""

from __future__ import annotations

from enum import StrEnum


class ActorKind(StrEnum):
    person = "person"
    government = "government"
    military = "military"
    agency = "agency"
    legislature = "legislature"
    cartel = "cartel"
    media = "media"
    group = "group"  # anonymous officials, "people familiar with the talks"
    country = "country"


class PlaceKind(StrEnum):
    country = "country"
    state = "state"
    city = "city"
    border = "border"
    sea_port = "sea_port"


class Precision(StrEnum):
    """How exactly a place's point is known (ACLED's geo-precision codes 1-3)."""

    exact = "exact"  # the point is the place itself
    region = "region"  # a point standing for a state or border region
    country = "country"  # a point (the capital) standing for a whole country


class EventType(StrEnum):
    """The small taxonomy of event types; documented in README.md."""

    military_action = "military_action"
    security_cooperation = "security_cooperation"
    intelligence = "intelligence"
    counternarcotics = "counternarcotics"
    trafficking = "trafficking"
    diplomacy = "diplomacy"
    policy = "policy"
    legislative = "legislative"
    political = "political"
    statement = "statement"
    media_report = "media_report"


class Status(StrEnum):
    occurred = "occurred"
    reported = "reported"
    proposed = "proposed"
    refused = "refused"
    planned = "planned"
    postponed = "postponed"
    ongoing = "ongoing"


class Role(StrEnum):
    initiator = "initiator"
    target = "target"
    participant = "participant"
    supporter = "supporter"
    opponent = "opponent"
    source = "source"  # reported or disclosed it
    subject = "subject"  # the event is about them


class Occasion(StrEnum):
    interview = "interview"
    phone_call_remarks = "phone_call_remarks"
    statement = "statement"
    remarks = "remarks"
    designation = "designation"
    accusation = "accusation"
    reporting = "reporting"


class QuoteKind(StrEnum):
    direct = "direct"  # a direct quotation of speech
    term = "term"  # a short term the article puts in 「」


class SourceLanguage(StrEnum):
    """The language of a source of a several-source dataset (usmx.corpus)."""

    zh_hant = "zh-Hant"
    zh_hans = "zh-Hans"
    en = "en"
    es = "es"
