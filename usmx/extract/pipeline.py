"""`extract`: one source text in, every candidate out (actors, dates, quotes, places, events).

Order matters: actor mentions first (quotes need speakers, places skip words inside actor
names, events need actors); then the relayed report, if the text says it relays one
(據《紐約時報》1月15日報道, "According to a January 15 report by The New York Times"), so that
"currently" in a relayed sentence means as of that report; then quotations (so "now" inside a
quotation means when it was said), dates, places and events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from typing import Any

from usmx.extract.actors import find_actors
from usmx.extract.candidates import ActorMention, Candidates, DateMention, SourceInfo
from usmx.extract.dates import find_dates
from usmx.extract.events import find_events
from usmx.extract.names import NameIndex, dictionary
from usmx.extract.places import PlaceIndex
from usmx.extract.quotes import find_quoted, find_quotes
from usmx.extract.text import fold, paragraphs, sentences, span_of
from usmx.model import Dataset
from usmx.vocabulary import ActorKind

EXTRACTOR = "usmx-extract/1"
LANGUAGES = ("zh-Hant", "zh-Hans", "en", "es")
_RELAY_ZH = re.compile(r"据|报道|引述|援引")
_RELAY_EN = re.compile(r"\b(?:according to|reported|report by|cited)\b")
_REPORTS = re.compile(r"^\s*(?:[》」]\s*)?(?:称|表示|透露|指出|说|告诉|said|told|says|reported)")


def _relay(
    text: str, mentions: list[ActorMention], media: set[str], zh: bool
) -> tuple[str | None, int]:
    """The outlet the text relays (an actor id) and where that is said, from its first lines."""
    paras = paragraphs(text)[:3]
    limit = paras[-1][1] if paras else 0
    cue = _RELAY_ZH if zh else _RELAY_EN
    for m in mentions:
        if m.start >= limit or m.actor_id not in media:
            continue
        sentence = span_of(sentences(text), m.start) or (m.start, m.end)
        if cue.search(fold(text[sentence[0] : m.end + 12])):
            return m.actor_id, m.start
    return None, -1


def _relay_date(relay_at: int, dates: list[DateMention], text: str) -> dt.date | None:
    sentence = span_of(sentences(text), relay_at)
    if sentence is None:
        return None
    inside = [d for d in dates if sentence[0] <= d.start < sentence[1] and "-" in d.edtf]
    return dt.date.fromisoformat(inside[0].edtf) if inside and len(inside[0].edtf) == 10 else None


def _as_of(
    text: str,
    anchor: dt.date,
    relays: str | None,
    relays_date: dt.date | None,
    mentions: list[ActorMention],
    groups: set[str],
) -> Callable[[int], dt.date]:
    """What "now" means at an offset: the relayed report's date in a relayed sentence."""
    if relays is None or relays_date is None:
        return lambda _offset: anchor
    paras, sents = paragraphs(text), sentences(text)

    def as_of(offset: int) -> dt.date:
        para = span_of(paras, offset) or (0, len(text))
        sentence = span_of(sents, offset) or (offset, offset + 1)
        for m in mentions:
            if m.actor_id == relays and para[0] <= m.start < sentence[1]:
                return relays_date
            in_sentence = sentence[0] <= m.start < sentence[1]
            if in_sentence and m.actor_id in groups and _REPORTS.match(fold(text[m.end :])):
                return relays_date
        return anchor

    return as_of


_AFTER_DATELINE = re.compile(r"^\s*(?:\([^)\n]{1,60}\))?\s*(?:[-–—]|電|电|专电|訊|讯)")


def _is_dateline(text: str, date: DateMention, day: dt.date | None) -> bool:
    """Whether `date` is the dateline ("CULIACAN, Feb. 6 (Wire) -", 「3日電」) of the text."""
    if day is None or date.edtf != day.isoformat() or date.start > 200:
        return False
    return bool(_AFTER_DATELINE.match(text[date.end : date.end + 70]))


def extract(text: str, *, published: dt.date, language: str, dataset: Dataset) -> Candidates:
    """Every candidate the assistant proposes for `text`, given what `dataset` knows."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    zh = language.startswith("zh")
    actors = find_actors(text, NameIndex(dictionary(dataset.actors)))
    kinds = {a.id: a.kind for a in dataset.actors}
    kinds |= {a.proposed_id: a.actor_kind for a in actors.new_actors}
    media = {k for k, v in kinds.items() if v == ActorKind.media}
    groups = {k for k, v in kinds.items() if v == ActorKind.group}
    persons = {k for k, v in kinds.items() if v == ActorKind.person}

    relays, relay_at = _relay(text, actors.mentions, media, zh)
    quoted = find_quoted(text, language)
    quoted_spans = [(q.start, q.end) for q in quoted]
    first = find_dates(text, published=published, language=language) if language != "es" else None
    relays_date = _relay_date(relay_at, first.dates, text) if first and relays else None
    anchor = (first.dateline if first else None) or published
    as_of = _as_of(text, anchor, relays, relays_date, actors.mentions, groups)
    dates = (
        find_dates(text, published=published, language=language, as_of=as_of, quoted=quoted_spans)
        if language != "es"
        else None
    )
    quotes = find_quotes(
        text, language=language, mentions=actors.mentions, persons=persons, quoted=quoted
    )
    places = PlaceIndex(dataset.places).find(text, actors.mentions)
    date_list = dates.dates if dates else []
    dateline_day = dates.dateline if dates else None
    events = find_events(
        text,
        language=language,
        mentions=actors.mentions,
        # A dateline dates the report, not what the sentence after it tells.
        dates=[d for d in date_list if not _is_dateline(text, d, dateline_day)],
        places=places,
        events=dataset.events,
        governments={
            a.country: a.id
            for a in dataset.actors
            if a.kind == ActorKind.government and a.parent_id is None and a.country
        },
    )
    everything: list[Any] = [
        *actors.mentions,
        *actors.new_aliases,
        *actors.new_actors,
        *date_list,
        *quotes,
        *places,
        *events,
    ]
    return Candidates(
        extractor=EXTRACTOR,
        source=SourceInfo(
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            language=language,
            published=published,
            dateline=dates.dateline if dates else None,
            relays=relays,
            relays_date=relays_date,
        ),
        candidates=sorted(everything, key=lambda c: (c.start, c.end, c.kind)),
    )
