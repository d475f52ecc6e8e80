"""Event candidates: one per sentence that names an actor and an action.

The action word suggests the event type (README's taxonomy); the sentence is the evidence;
the date and places are the date and place candidates inside the sentence (none is invented:
a sentence without a date expression gets none, and the reviewer dates it). Actors before the
action word are proposed as initiators, after it as targets, an actor followed by a speech verb
as the source.

A candidate whose actors match an existing event's (the same actors, roles aside, or all of
the event's when the sentence names more) and whose date overlaps it is proposed as
*corroboration* of that event: new evidence for an existing record rather than a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from usmx.dates import parse_edtf
from usmx.extract.candidates import (
    ActorMention,
    DateMention,
    EventActorCandidate,
    EventCandidate,
    PlaceMention,
    make,
)
from usmx.extract.text import fold, sentences
from usmx.model import Event
from usmx.vocabulary import EventType, Role

# Action words by event type, folded (Simplified Chinese, lower-case English), most specific
# types first: the first type with a word in the sentence wins.
ACTIONS: list[tuple[EventType, str, str]] = [
    (
        EventType.military_action,
        "袭击|空袭|轰炸|打击|掳走|擒获|入侵|进攻|出兵|动武|军事行动|开战|击毙",
        (
            r"struck|strikes?|attack(?:ed|s)?|bomb(?:ed|ing)?|seiz(?:ed|e)|invad(?:ed|e)|captur(?:ed|e)"
            r"|military action|hitting"
        ),
    ),
    (
        EventType.counternarcotics,
        "突袭|逮捕|摧毁|查获|缉获|捣毁|扫毒|禁毒|缉毒|拆除|打击贩毒|打击毒品|打击犯罪",
        r"raid(?:ed|s)?|arrest(?:ed|s)?|seiz(?:ure|ed)|dismantl(?:e|ed|ing)|crackdown|bust(?:ed)?",
    ),
    (
        EventType.intelligence,
        "情报|监视|侦察|无人机|追踪|识别",
        r"intelligence|surveillance|drones?|track(?:ed|ing)?|spy(?:ing)?",
    ),
    (
        EventType.legislative,
        "投票|表决|立法|宪法|参议院|众议院|国会通过",
        r"vot(?:e|ed|ing)|legislat(?:ion|ive)|constitution|senate|congress",
    ),
    (
        EventType.political,
        "上台|就职|当选|辞职|下台",
        r"took office|inaugurat(?:ed|ion)|elected|resign",
    ),
    (
        EventType.policy,
        "列为|列入|指定|宣布将|签署|行政命令|重新开始考虑|提上议程",
        r"designat(?:e|ed|ing)|list(?:ed)? as|executive order|signed|reconsider(?:ing)?|agenda",
    ),
    (
        EventType.security_cooperation,
        "联合行动|联合演习|合作|共享|进驻|派遣|提供支援|顾问|部署|协助|特工",
        (
            r"joint (?:operations?|raids?|exercises)|cooperat(?:e|ion|ing)|shar(?:e|ed|ing)|stationed"
            r"|send|deploy(?:ed|ing)?|advisers?|support|assist"
        ),
    ),
    (
        EventType.diplomacy,
        "通话|警告|施压|压力|拒绝|要求|谈判|会晤|会谈|会见|会面|指责|同意|反对|提议",
        (
            r"call|warn(?:ed|ing)?|pressure|reject(?:ed)?|refus(?:ed|e)|demand(?:ed|ing)?|negotiat"
            r"|accus(?:ed|e)|agree(?:d)?|oppos(?:ed|e)|propos(?:ed|al)|met|meets?|meeting|talks"
        ),
    ),
    (EventType.trafficking, "走私|贩运|运输|贩毒", r"smuggl(?:ed|ing)|traffick(?:ing|ed)|shipped"),
    (
        EventType.media_report,
        "报道|分析称|爆料|指出",
        r"report(?:ed|s)?|according to|analysis|noted",
    ),
    (
        EventType.statement,
        "表示|声称|称|说|强调|透露|采访|认为|置评|声明",
        r"said|says|stressed|claimed|told|interview|statement|believe|comment",
    ),
]
_ACTION_RES = [(t, re.compile(zh), re.compile(rf"\b(?:{en})\b")) for t, zh, en in ACTIONS]
CORROBORATION_THRESHOLD = 1.2
_SOURCE_AFTER = re.compile(r"^\s*(?:表示|称|说|透露|指出|告诉|认为|said|told|says)")


@dataclass(frozen=True)
class _Action:
    type: EventType
    start: int
    end: int


def _action(
    text: str, start: int, end: int, zh: bool, names: list[ActorMention] | None = None
) -> _Action | None:
    """The sentence's first action word (its main predicate, usually), past a leading
    attribution clause ("美國官員透露，" / "US officials said"); longer words win a tie."""
    folded = fold(text[start:end])
    found = []
    for rank, (event_type, zh_re, en_re) in enumerate(_ACTION_RES):
        for m in (zh_re if zh else en_re).finditer(folded):
            at, stop = start + m.start(), start + m.end()
            if any(n.start < stop and at < n.end for n in names or []):
                continue  # 販毒 in 港口販毒集團 is part of a name, not an action
            found.append((m.start(), -(m.end() - m.start()), rank, event_type, m.end()))
    if not found:
        return None
    first_clause = re.match(r"[^，,：:；;]{0,16}[，,：:]", folded)
    substantive = [
        f
        for f in found
        if not (f[3] == EventType.statement and first_clause and f[0] < first_clause.end())
    ]
    pos, _, _, event_type, end_pos = min(substantive or found)
    return _Action(event_type, start + pos, start + end_pos)


def _roles(text: str, mentions: list[ActorMention], action: _Action) -> list[EventActorCandidate]:
    out: dict[str, EventActorCandidate] = {}
    for m in mentions:
        if _SOURCE_AFTER.match(fold(text[m.end : m.end + 8])):
            role = Role.source
        elif m.end <= action.start:
            role = Role.initiator
        else:
            role = Role.target
        if m.actor_id not in out:
            out[m.actor_id] = EventActorCandidate(actor_id=m.actor_id, role=role, mention_id=m.id)
    return list(out.values())


def _overlap(a: str, b: str) -> bool:
    x, y = parse_edtf(a), parse_edtf(b)
    return x.overlaps(y.start, y.end)


def corroborated_event(
    actor_ids: set[str],
    date: str | None,
    event_type: EventType,
    events: list[Event],
    stand_ins: frozenset[str] = frozenset(),
) -> tuple[Event | None, float]:
    """The existing event these actors and date match best, and how well (0 when none).

    "Same actors": at least half of the event's actors (sources aside), and two of them when it
    has two or more, are in the sentence; `stand_ins` are governments the sentence names by
    their country (墨西哥 for the Mexican government), which count for matching only. A dated
    sentence must overlap the event's date; type and an undated sentence weigh in the score.
    """
    best, best_score = None, 0.0
    mine = actor_ids | stand_ins
    for event in events:
        theirs = {a.actor_id for a in event.actors if a.role != Role.source}
        shared = theirs & mine
        if not theirs or len(shared) < min(2, len(theirs)) or len(shared) < len(theirs) / 2:
            continue
        if date is not None and not _overlap(date, event.date):
            continue
        score = len(shared) / len(theirs) + 0.5 * len(shared & actor_ids) / len(actor_ids)
        score += (0.3 if date is not None else 0.0) + (0.3 if event.event_type == event_type else 0)
        if score > best_score:
            best, best_score = event, score
    return (best, best_score) if best_score >= CORROBORATION_THRESHOLD else (None, 0.0)


def find_events(
    text: str,
    *,
    language: str,
    mentions: list[ActorMention],
    dates: list[DateMention],
    places: list[PlaceMention],
    events: list[Event],
    governments: dict[str, str] | None = None,
) -> list[EventCandidate]:
    """One event candidate per sentence with an actor and an action. `governments` maps a
    country code to the actor id of its government, for matching existing events."""
    zh = language.startswith("zh")
    out = []
    for s_start, s_end in sentences(text):
        inside = [m for m in mentions if s_start <= m.start < s_end]
        action = _action(text, s_start, s_end, zh, inside)
        if not inside or action is None:
            continue
        actors = _roles(text, inside, action)
        own = [d for d in dates if s_start <= d.start < s_end and not d.rule.endswith("present")]
        date = min(own, key=lambda d: abs(d.start - action.start)) if own else None
        place_ids = list(
            dict.fromkeys(
                p.dataset_place_id or p.place_id for p in places if s_start <= p.start < s_end
            )
        )
        stand_ins = frozenset(
            (governments or {})[p.country]
            for p in places
            if s_start <= p.start < s_end
            and p.place_kind == "country"
            and p.country in (governments or {})
        )
        event, score = corroborated_event(
            {a.actor_id for a in actors},
            date.edtf if date else None,
            action.type,
            events,
            stand_ins,
        )
        confidence = 0.5 + 0.1 * min(len(actors), 3) + (0.1 if date else 0.0)
        out.append(
            make(
                EventCandidate,
                text,
                s_start,
                s_end,
                event_type=action.type,
                action=text[action.start : action.end],
                actors=actors,
                date=date.edtf if date else None,
                date_id=date.id if date else None,
                place_ids=place_ids,
                corroborates=event.id if event else None,
                confidence=round(min(confidence, 0.9), 2),
                rule="sentence" if event is None else f"sentence+corroboration:{score:.2f}",
            )
        )
    return out
