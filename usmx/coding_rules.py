"""The coding rules that code can check: the mechanical part of docs/coding-rules.md.

`check_coding_rules(ds)` takes a loaded Dataset and returns one `Problem` per breach, naming
the record and field, so `usmx validate` can fail on it. Each rule is a small generator below;
what it cannot see (whether a translation adds a word, whether a date is the honest one) stays
with the human coder and the written rules. A rule accepts a `note` (or, for dates, a
`date_basis`) as the record's stated reason where the written rules allow an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from usmx.model import Actor, Claim, Dataset, Event, Evidence, Place, Quote
from usmx.problems import Problem
from usmx.sources import latest_published
from usmx.vocabulary import EventType, PlaceKind, Precision, Role, Status

# Words in the evidence that license a status (docs/coding-rules.md, "Status"). A floor, not a
# proof: 「並沒有同意」 (did not agree) is deliberately not a refusal.
STATUS_WORDS: dict[Status, tuple[str, ...]] = {
    Status.refused: ("拒絕", "反對", "排除"),
    Status.planned: ("原定", "推遲到", "晚些時候", "計劃", "將在", "將於"),
    Status.proposed: ("提出", "提議", "提案", "希望", "建議", "設想"),
    Status.postponed: ("推遲", "擱置", "原定"),
}

# Event types that are sayings or decisions: with no place in the text they happen at home,
# in the country of one of their actors (a White House designation is in the United States).
SPEECH_AND_DECISION = frozenset(
    {
        EventType.diplomacy,
        EventType.policy,
        EventType.legislative,
        EventType.political,
        EventType.statement,
        EventType.media_report,
    }
)

Finding = tuple[str, str]  # (field, message) for one record


def _label(table: str, index: int, record: Any) -> str:
    return f"{table}[{index}] ({record.id})"


def _texts(spans: Iterable[Evidence]) -> list[str]:
    return [ev.exact for ev in spans]


def _reasons(record: Any) -> str:
    """What a record says about its own choices: its note and its date basis."""
    return " ".join(
        filter(None, [getattr(record, "note", None), getattr(record, "date_basis", None)])
    )


# --- naming actors ------------------------------------------------------------------------------


@cache
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    # Python's regex alternation takes the first alternative that matches at a position, so
    # listing names longest first gives leftmost-longest matching: 墨西哥民警 is the police, not
    # 墨西哥 (the government). A handful of names needs no automaton library.
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in ordered))


def _build_actor_names(ds: Dataset) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for actor in ds.actors:
        for name in actor.all_names():
            if name:
                out.setdefault(name, set()).add(actor.id)
    return out


# The names of the dataset being checked, for the length of one `check_coding_rules` run:
# rebuilt for every record, they took 7 of 9 seconds checking 20,000 records.
_RUN_NAMES: dict[int, dict[str, set[str]]] = {}


def _actor_names(ds: Dataset) -> dict[str, set[str]]:
    """Every name or alias -> the ids of the actors it names."""
    names = _RUN_NAMES.get(id(ds))
    return names if names is not None else _build_actor_names(ds)


def actors_named_in(texts: Iterable[str], ds: Dataset) -> set[str]:
    """Ids of the actors the texts name, each mention read as the longest name it can be."""
    names = _actor_names(ds)
    if not names:
        return set()
    pattern = _name_pattern(tuple(names))
    return {aid for text in texts for m in pattern.finditer(text) for aid in names[m[0]]}


def _mentions(actor: Actor, text: str) -> bool:
    return actor.id in text or any(n and n in text for n in actor.all_names())


def _named_or_explained(actor_id: str, named: set[str], reasons: str, ds: Dataset) -> bool:
    actor = ds.actors_by_id.get(actor_id)
    return actor_id in named or (actor is not None and _mentions(actor, reasons))


def rule_event_actors_named(ds: Dataset, event: Event) -> Iterator[Finding]:
    """Every actor of an event is named in its evidence, or its note says why it is there."""
    named = actors_named_in(_texts(event.evidence), ds)
    for k, ea in enumerate(event.actors):
        if not _named_or_explained(ea.actor_id, named, _reasons(event), ds):
            yield (
                f"actors[{k}].actor_id",
                (
                    f"{ea.actor_id} ({ea.role.value}) is not named in the event's evidence; "
                    "quote the words that name it, or say in `note` why it is there"
                ),
            )


def rule_event_actor_once(ds: Dataset, event: Event) -> Iterator[Finding]:
    """One role per actor per event (profiles and counts would list it twice)."""
    seen: set[str] = set()
    for k, ea in enumerate(event.actors):
        if ea.actor_id in seen:
            yield (f"actors[{k}].actor_id", f"{ea.actor_id} already has a role in this event")
        seen.add(ea.actor_id)


def _speaker_rule(
    field: str, actor_id: str | None, record: Quote | Claim, ds: Dataset
) -> Iterator[Finding]:
    if actor_id is None:
        return
    texts = _texts(record.evidence)
    event = ds.events_by_id.get(record.event_id) if record.event_id else None
    if event is not None:
        texts += _texts(event.evidence)
    reasons = " ".join(filter(None, [record.attribution_note, _reasons(record)]))
    if not _named_or_explained(actor_id, actors_named_in(texts, ds), reasons, ds):
        yield (
            field,
            (
                f"{actor_id} is named neither in the evidence nor in the linked event's; "
                "quote the words that name it, or say who it is in `attribution_note`"
            ),
        )


def rule_quote_speaker_named(ds: Dataset, quote: Quote) -> Iterator[Finding]:
    yield from _speaker_rule("speaker_id", quote.speaker_id, quote, ds)


def rule_claimant_named(ds: Dataset, claim: Claim) -> Iterator[Finding]:
    yield from _speaker_rule("claimant_id", claim.claimant_id, claim, ds)


# --- places -------------------------------------------------------------------------------------


def _place_named(place: Place, texts: Sequence[str]) -> bool:
    names = [n for n in (place.name_zh, place.name_en) if n]
    return any(n in t for n in names for t in texts)


def _home_countries(record: Event | Claim, ds: Dataset) -> set[str]:
    """Where a saying or a decision without a stated place happens: its actors' countries."""
    if not isinstance(record, Event) or record.event_type not in SPEECH_AND_DECISION:
        return set()
    actors = ds.actors_by_id
    return {c for ea in record.actors if (c := getattr(actors.get(ea.actor_id), "country", None))}


def _places_rule(place_ids: Sequence[str], record: Event | Claim, ds: Dataset) -> Iterator[Finding]:
    texts = _texts(record.evidence)
    reasons = _reasons(record)
    homes = _home_countries(record, ds)
    for k, pid in enumerate(place_ids):
        place = ds.places_by_id.get(pid)
        if place is None or _place_named(place, texts) or pid in reasons:
            continue
        if _place_named(place, [reasons]):
            continue
        if place.kind == PlaceKind.country and place.iso_3166 in homes:
            continue
        yield (
            f"place_ids[{k}]",
            (
                f"{pid} is not named in the evidence; a place is where it happened as the text "
                "says, or for a saying or decision its actors' country (say in `note` why otherwise)"
            ),
        )


def rule_event_places_named(ds: Dataset, event: Event) -> Iterator[Finding]:
    yield from _places_rule(event.place_ids, event, ds)


def rule_event_not_placed_at_home(ds: Dataset, event: Event) -> Iterator[Finding]:
    """An act across a border happens abroad: the initiator's own country is not added.

    (A strike on Venezuela by the US military is in Venezuela, not also in the United States.)
    """
    if event.note:
        return
    actors, places = ds.actors_by_id, ds.places_by_id
    homes = {
        actors[ea.actor_id].country
        for ea in event.actors
        if ea.role == Role.initiator and ea.actor_id in actors
    }
    countries = {
        pid: iso[:2] for pid in event.place_ids if pid in places and (iso := places[pid].iso_3166)
    }
    if not any(c not in homes for c in countries.values()):
        return  # everything happens at home (or nowhere known): nothing crosses a border
    for k, pid in enumerate(event.place_ids):
        if countries.get(pid) in homes and places[pid].kind == PlaceKind.country:
            yield (
                f"place_ids[{k}]",
                (
                    f"{pid} is the initiator's own country, but the event happens abroad; "
                    "list where it happened (say in `note` why otherwise)"
                ),
            )


def rule_claim_places_named(ds: Dataset, claim: Claim) -> Iterator[Finding]:
    yield from _places_rule(claim.place_ids, claim, ds)


def rule_place_precision(ds: Dataset, place: Place) -> Iterator[Finding]:
    """An exact point is a named place; a stand-in point says what it stands for.

    A place the article does not locate (precision `country`) sits on its country's point,
    so the map cannot make it look like a named town or port.
    """
    if place.precision == Precision.exact and not _place_named(place, _texts(place.evidence)):
        yield ("precision", f"exact, but {place.name_zh} is not named in its evidence")
    if place.precision != Precision.exact and not place.point_basis:
        yield ("point_basis", f"precision {place.precision.value} needs a point_basis")
    if place.precision == Precision.country and place.kind != PlaceKind.country:
        points = {(p.lat, p.lon) for p in ds.places if p.kind == PlaceKind.country}
        if (place.lat, place.lon) not in points:
            yield (
                "lat",
                (
                    "precision country, but the point is not a country's point: an unnamed place "
                    "stands on its country's point"
                ),
            )


# --- dates and status ---------------------------------------------------------------------------


def rule_event_date_by_report(ds: Dataset, event: Event) -> Iterator[Finding]:
    """Nothing ends after the article was published, except what it says is planned."""
    published = latest_published(ds, event)  # of the sources backing it (one: the article)
    end = event.interval.end
    if end > published and not (event.status == Status.planned and event.date_text):
        yield (
            "date",
            (
                f"ends {end}, after the report of {published}; only a `planned` event with the "
                "article's words in date_text may"
            ),
        )


def rule_quote_date_by_report(ds: Dataset, quote: Quote) -> Iterator[Finding]:
    end = quote.interval.end
    published = latest_published(ds, quote)
    if end > published:
        yield ("date", f"ends {end}, after the report of {published}")


def rule_date_has_basis(ds: Dataset, record: Event | Quote) -> Iterator[Finding]:
    """A date the article does not state says where it comes from."""
    if not record.date_text and not record.date_basis:
        yield ("date_basis", "the article states no date (no date_text): say how it was set")


def rule_status_words(ds: Dataset, event: Event) -> Iterator[Finding]:
    words = STATUS_WORDS.get(event.status)
    if words is None:
        return
    text = "".join(_texts(event.evidence))
    if not any(w in text for w in words):
        yield (
            "status",
            f"{event.status.value}, but the evidence has none of {'、'.join(words)}",
        )


def rule_events_not_duplicated(ds: Dataset) -> Iterator[tuple[str, int, Any, Finding]]:
    """One remark is one event: two events on the very same spans need a note saying why."""
    first: dict[tuple[tuple[str, int | None, int | None], ...], Event] = {}
    for i, event in enumerate(ds.events):
        # Spans are the same only in the same source (None: the first, in a one-source file).
        key = tuple(sorted((ev.source or "", ev.start, ev.end) for ev in event.evidence))
        other = first.setdefault(key, event)
        if other is not event and not (event.note or other.note):
            yield (
                "events",
                i,
                event,
                ("evidence", f"the same spans as {other.id}: one remark is one event"),
            )


# --- claims -------------------------------------------------------------------------------------


def rule_claim_context_apart(ds: Dataset, claim: Claim) -> Iterator[Finding]:
    """Context is other words of the article, not the claim's own evidence again."""
    own = [(ev.start, ev.end) for ev in claim.evidence]
    for k, ev in enumerate(claim.context):
        if ev.start is None or ev.end is None:
            continue
        if any(s is not None and e is not None and s <= ev.start and ev.end <= e for s, e in own):
            yield (f"context[{k}].exact", "lies inside the claim's own evidence")


# --- running them -------------------------------------------------------------------------------

PER_RECORD: dict[str, tuple[Callable[[Dataset, Any], Iterator[Finding]], ...]] = {
    "places": (rule_place_precision,),
    "events": (
        rule_event_actors_named,
        rule_event_actor_once,
        rule_event_places_named,
        rule_event_not_placed_at_home,
        rule_event_date_by_report,
        rule_date_has_basis,
        rule_status_words,
    ),
    "quotes": (rule_quote_speaker_named, rule_quote_date_by_report, rule_date_has_basis),
    "claims": (rule_claimant_named, rule_claim_places_named, rule_claim_context_apart),
}
WHOLE_DATASET = (rule_events_not_duplicated,)


def check_coding_rules(ds: Dataset, file: str = "dataset.yaml") -> list[Problem]:
    """Every breach of a checkable coding rule, located as file, record and field."""
    problems: list[Problem] = []
    _RUN_NAMES[id(ds)] = _build_actor_names(ds)  # `ds` is alive and unchanged while we run
    try:
        _check(ds, file, problems)
    finally:
        _RUN_NAMES.pop(id(ds), None)
    return problems


def _check(ds: Dataset, file: str, problems: list[Problem]) -> None:
    for table, rules in PER_RECORD.items():
        for i, record in enumerate(getattr(ds, table)):
            for rule in rules:
                for field, message in rule(ds, record):
                    problems.append(Problem(file, _label(table, i, record), field, message))
    for whole in WHOLE_DATASET:
        for table, i, record, (field, message) in whole(ds):
            problems.append(Problem(file, _label(table, i, record), field, message))
