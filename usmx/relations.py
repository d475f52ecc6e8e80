"""Who does what to whom: the relations between actors that the dataset's events record.

An event records its type, its status and each actor's role; this module turns those into
directed links "A —relation→ B", one per pair of actors, by the fixed rules below, so the
actor network (`usmx.network`) is derived from the data and never drawn by hand. Pure Python,
no graph library: the links are plain records, cheap to test and to count.

Relations (`Relation`):
    pressure        pushes the other side to do something
    proposal        proposes or offers something to the other side
    refusal         refuses or opposes what the other side wants
    cooperation     works together (drawn without an arrow: it goes both ways)
    warning         warns the other side
    designation     lists or classifies the other side (a government decision about it)
    statement_about says something about the other side
    action_against  uses force or enforcement against it (strikes, crackdowns, trafficking)
    reports_on      a source that disclosed or reported what the other actor did

The main relation of an event comes from its type and status (`main_relation`), first match:
    status refused                        -> refusal
    status proposed                       -> proposal
    type policy                           -> designation
    type military_action, counternarcotics, trafficking -> action_against
    type diplomacy, status occurred       -> warning   (a one-off act at someone: the warning)
    type diplomacy, other statuses        -> pressure  (repeated or ongoing accusations)
    type security_cooperation/intelligence with a target       -> pressure
    type security_cooperation/intelligence without a target    -> cooperation
    type statement, media_report          -> statement_about
    type legislative, political           -> none: a vote or a change of office is not an act
                                             between two actors
Links of one event (`event_links`), with the event's status kept on each link:
1. Initiators -> targets (or, with no target, -> subjects) with the main relation. With
   neither, initiators -> participants and supporters *of the other side* (see below): who
   proposes joint raids with the Mexican military relates to it, not to its own forces.
   When the event has opponents, a refusal is theirs (rule 2), and initiators of the
   opponents' side act under rule 2 only.
2. Opponents oppose: refusal from each opponent to every initiator and target of the other
   side; an opponent's own side's initiators are refusing with it, so they get refusal links
   to the targets (Sheinbaum and the Mexican government both refuse the US). Opposing an
   initiator implies the initiator asked: a proposal link initiator -> opponent is added.
3. Events without initiators: participants and supporters of different sides cooperate
   (one mutual link per pair).
4. Sources report on the initiators (or, without initiators, on the subjects and targets),
   except a source speaking to a medium that is itself the initiator (officials who talk to
   the New York Times do not report *on* it).
An actor's side is its country, inherited through `parent_id`; an actor with no country is a
side of its own. No link joins an actor to itself, and a link never repeats within an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from usmx.model import Dataset, Event
from usmx.vocabulary import ActorKind, EventType, Role, Status


class Relation(StrEnum):
    pressure = "pressure"
    proposal = "proposal"
    refusal = "refusal"
    cooperation = "cooperation"
    warning = "warning"
    designation = "designation"
    statement_about = "statement_about"
    action_against = "action_against"
    reports_on = "reports_on"


MUTUAL = frozenset({Relation.cooperation})
_FORCE_TYPES = frozenset(
    {EventType.military_action, EventType.counternarcotics, EventType.trafficking}
)
_COOPERATION_TYPES = frozenset({EventType.security_cooperation, EventType.intelligence})
_SPEECH_TYPES = frozenset({EventType.statement, EventType.media_report})


@dataclass(frozen=True)
class ActorSide:
    """What the rules need to know of an actor: its side and whether it is a news medium."""

    side: str
    is_media: bool


@dataclass(frozen=True)
class EventRoles:
    """One event as the rules see it: its type, status and (actor, role) pairs in order."""

    event_id: str
    event_type: str
    status: str
    roles: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Link:
    """One directed relation recorded by one event (mutual for cooperation)."""

    source: str
    target: str
    relation: Relation
    event_id: str
    status: str

    @property
    def mutual(self) -> bool:
        return self.relation in MUTUAL


def sides_of(actors: Iterable[tuple[str, str | None, str | None, bool]]) -> dict[str, ActorSide]:
    """Sides from (id, country, parent_id, is_media) rows: the country, inherited via parents."""
    rows = {a: (country, parent, media) for a, country, parent, media in actors}
    out: dict[str, ActorSide] = {}
    for actor_id, (country, parent, media) in rows.items():
        seen = {actor_id}
        while not country and parent in rows and parent not in seen:
            seen.add(parent)
            country, parent, _ = rows[parent]
        out[actor_id] = ActorSide(country or actor_id, media)
    return out


def actor_sides(ds: Dataset) -> dict[str, ActorSide]:
    """Each actor's side (country through parents, else its own id) and media flag."""
    return sides_of((a.id, a.country, a.parent_id, a.kind == ActorKind.media) for a in ds.actors)


def event_roles(event: Event) -> EventRoles:
    return EventRoles(
        event.id,
        event.event_type.value,
        event.status.value,
        tuple((ea.actor_id, ea.role.value) for ea in event.actors),
    )


def main_relation(event_type: str, status: str, has_target: bool) -> Relation | None:
    """The relation of an event's initiators to its targets (rule table in the docstring)."""
    kind = EventType(event_type)
    if status == Status.refused:
        return Relation.refusal
    if status == Status.proposed:
        return Relation.proposal
    if kind == EventType.policy:
        return Relation.designation
    if kind in _FORCE_TYPES:
        return Relation.action_against
    if kind == EventType.diplomacy:
        return Relation.warning if status == Status.occurred else Relation.pressure
    if kind in _COOPERATION_TYPES:
        return Relation.pressure if has_target else Relation.cooperation
    if kind in _SPEECH_TYPES:
        return Relation.statement_about
    return None


def _with_role(roles: Sequence[tuple[str, str]], *wanted: str) -> list[str]:
    return list(dict.fromkeys(a for a, r in roles if r in wanted))


def event_links(event: EventRoles, sides: Mapping[str, ActorSide]) -> list[Link]:
    """Every link one event records, in a fixed order (rules 1–4 of the module docstring)."""
    roles = event.roles
    initiators = _with_role(roles, Role.initiator)
    targets = _with_role(roles, Role.target)
    subjects = _with_role(roles, Role.subject)
    opponents = _with_role(roles, Role.opponent)
    helpers = _with_role(roles, Role.participant, Role.supporter)
    sources = _with_role(roles, Role.source)

    def side(actor_id: str) -> str:
        found = sides.get(actor_id)
        return found.side if found else actor_id

    def other_side(a: str, b: str) -> bool:
        return side(a) != side(b)

    links: list[Link] = []
    seen: set[tuple[str, str, Relation]] = set()

    def add(a: str, b: str, relation: Relation | None) -> None:
        if relation is None or a == b:
            return
        key = (min(a, b), max(a, b), relation) if relation in MUTUAL else (a, b, relation)
        if key not in seen:
            seen.add(key)
            links.append(Link(a, b, relation, event.event_id, event.status))

    # 1. initiators -> targets, else subjects, else helpers of the other side
    receivers = targets or subjects
    relation = main_relation(event.event_type, event.status, bool(targets))
    opposing_sides = {side(o) for o in opponents}
    if opponents and relation == Relation.refusal:
        initiators_acting: list[str] = []  # the opponents carry the refusal: rule 2
    else:
        initiators_acting = [a for a in initiators if side(a) not in opposing_sides]
    for a in initiators_acting:
        for b in receivers if receivers else [h for h in helpers if other_side(a, h)]:
            if b in opponents:
                continue  # the opponent's refusal says more than the initiator's act: rule 2
            add(a, b, relation)
    # 2. opponents refuse the other side; their side's initiators refuse with them
    for o in opponents:
        for a in initiators:
            if other_side(o, a):
                add(a, o, Relation.proposal)
                add(o, a, Relation.refusal)
        for b in targets:
            if other_side(o, b):
                add(o, b, Relation.refusal)
    for a in initiators:
        if opponents and side(a) in opposing_sides and a not in opponents:
            for b in targets:
                if side(b) not in opposing_sides:
                    add(a, b, Relation.refusal)
    # 3. no initiator: helpers of different sides cooperate
    if not initiators:
        for i, a in enumerate(helpers):
            for b in helpers[i + 1 :]:
                if other_side(a, b):
                    add(a, b, Relation.cooperation)
    # 4. sources report on the initiators (else on subjects and targets)
    reported = initiators or subjects + targets
    for s in sources:
        for b in reported:
            if b in initiators and sides.get(b, ActorSide(b, False)).is_media:
                continue
            add(s, b, Relation.reports_on)
    return links


def links_for(events: Iterable[EventRoles], sides: Mapping[str, ActorSide]) -> Iterator[Link]:
    for event in events:
        yield from event_links(event, sides)


def dataset_links(ds: Dataset, events: Iterable[Event] | None = None) -> list[Link]:
    """The links of `events` (default: all), in dataset order of the events."""
    chosen = ds.events if events is None else events
    return list(links_for((event_roles(e) for e in chosen), actor_sides(ds)))
