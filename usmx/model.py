"""The dataset's records as pydantic models: what a curated YAML file may hold.

Records carry evidence as W3C Web Annotation TextQuoteSelectors (`exact` with optional
`prefix`/`suffix`). Offsets (`start`/`end`) are never written by hand: `usmx.dataset` resolves
them against the article and puts a resolved copy of each selector in its place. Dates are
EDTF strings; `usmx.dates` derives the ISO day interval and precision from them. The values a
coded field may take (kinds, event types, statuses, roles) are in `usmx.vocabulary`.

Records are frozen: a loaded dataset is shared by every session of the app, so changing one by
accident must fail loudly; a change is a copy (`record.model_copy(update={...})`). Derived
values (a record's date interval, the id maps, the actor hierarchy) are computed once.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from usmx.dates import DateInterval, parse_edtf
from usmx.vocabulary import (
    ActorKind,
    EventType,
    Occasion,
    PlaceKind,
    Precision,
    QuoteKind,
    Role,
    SourceLanguage,
    Status,
)

RecordId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=2, max_length=64)]
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")


class Strict(BaseModel):
    """Base for every record: unknown fields are an error, so typos never pass silently; no
    field can be set after validation (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


class Evidence(Strict):
    """A span of the article: the TextQuoteSelector written by hand, the position resolved."""

    # Which source the words are in (a `sources[].id`); unset, the first source of the file the
    # record is in, else the dataset's first source (so single-source selectors stay short).
    # The loader of a several-source dataset fills it in (usmx.corpus).
    source: RecordId | None = None
    exact: str = Field(min_length=1)
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = Field(default=None, ge=0, description="code point offset, set by loader")
    end: int | None = Field(default=None, ge=0, description="exclusive, set by loader")


EvidenceList = Annotated[list[Evidence], Field(min_length=1)]


class Source(Strict):
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    language: str
    published: dt.date
    title_en: str
    reports: str  # what it reports, e.g. "The New York Times, 2026-01-15"
    reports_outlet_id: RecordId | None = None
    reports_date: dt.date | None = None
    translation_path: str | None = None
    evidence: EvidenceList


class Actor(Strict):
    id: RecordId
    name_en: str = Field(min_length=1)
    name_zh: str = Field(min_length=1)
    name_es: str | None = None
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    parent_id: RecordId | None = None
    role_en: str | None = None  # office or description, e.g. "President of Mexico"
    role_zh: str | None = None
    wikidata: str | None = None
    note: str | None = None  # why a coding choice was made (docs/coding-rules.md)
    evidence: EvidenceList

    @field_validator("wikidata")
    @classmethod
    def _wikidata_id(cls, value: str | None) -> str | None:
        if value is not None and not WIKIDATA_RE.match(value):
            raise ValueError(f"not a Wikidata id (Q followed by digits): {value!r}")
        return value

    def all_names(self) -> list[str]:
        names = [self.name_en, self.name_zh, *([self.name_es] if self.name_es else [])]
        return list(dict.fromkeys([*names, *self.aliases]))


class Place(Strict):
    id: RecordId
    name_en: str = Field(min_length=1)
    name_zh: str = Field(min_length=1)
    name_es: str | None = None
    kind: PlaceKind
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    iso_3166: str | None = Field(default=None, pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    precision: Precision
    point_basis: str | None = None  # why the point is where it is, when not obvious
    note: str | None = None  # why a coding choice was made (docs/coding-rules.md)
    evidence: EvidenceList


class DatedRecord(Strict):
    """Mixin for records with an EDTF date; the derived interval is computed, never stored."""

    date: str = Field(description="EDTF (ISO 8601-2) date or interval")
    date_text: str | None = None  # the date as the article states it (a span of the article)
    date_basis: str | None = None  # where a date comes from outside the article, say so
    _interval: tuple[str, DateInterval] | None = PrivateAttr(default=None)

    @field_validator("date")
    @classmethod
    def _edtf(cls, value: str) -> str:
        parse_edtf(value)  # raises ValueError with a readable message
        return value

    @property
    def interval(self) -> DateInterval:
        # Parsed once per record: filters and charts ask on every rerun. Kept with the date it
        # was parsed from, since a copy with another date (model_copy) inherits the cache.
        cached = self._interval
        if cached is None or cached[0] != self.date:
            cached = self._interval = (self.date, parse_edtf(self.date))
        return cached[1]


class EventActor(Strict):
    actor_id: RecordId
    role: Role


class Event(DatedRecord):
    id: RecordId
    title_en: str = Field(min_length=1)
    title_zh: str = Field(min_length=1)
    summary_en: str = Field(min_length=1)
    event_type: EventType
    status: Status
    actors: Annotated[list[EventActor], Field(min_length=1)]
    place_ids: list[RecordId] = Field(default_factory=list)
    note: str | None = None  # why a coding choice was made (docs/coding-rules.md)
    evidence: EvidenceList
    disputes: list[Dispute] = Field(default_factory=list)  # where sources disagree


class Quote(DatedRecord):
    id: RecordId
    kind: QuoteKind
    speaker_id: RecordId | None = None
    attribution_note: str | None = None  # who the article says used it, when no actor fits
    text_zh: str = Field(min_length=1)
    text_en: str = Field(min_length=1)
    occasion: Occasion
    event_id: RecordId | None = None
    note: str | None = None  # why a coding choice was made (docs/coding-rules.md)
    evidence: EvidenceList
    disputes: list[Dispute] = Field(default_factory=list)  # where sources disagree

    @model_validator(mode="after")
    def _attributed(self) -> Quote:
        if self.speaker_id is None and not self.attribution_note:
            raise ValueError("a quote needs a speaker_id or an attribution_note")
        return self


class Claim(Strict):
    id: RecordId
    claimant_id: RecordId | None = None
    attribution_note: str | None = None
    statement_en: str = Field(min_length=1)
    value: float | None = None
    value_text: str | None = None  # the figure as the article writes it, e.g. 數百
    unit: str | None = None
    place_ids: list[RecordId] = Field(default_factory=list)
    event_id: RecordId | None = None
    note: str | None = None  # why a coding choice was made (docs/coding-rules.md)
    evidence: EvidenceList
    # Other spans of the article that bear on the claim (support, qualify or contradict it),
    # for the claims tracker; resolved like `evidence`, never the claim's own words.
    context: list[Evidence] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)  # where sources disagree

    @model_validator(mode="after")
    def _attributed(self) -> Claim:
        if self.claimant_id is None and not self.attribution_note:
            raise ValueError("a claim needs a claimant_id or an attribution_note")
        return self


class Dataset(Strict):
    source: Source  # the first source, as the single-source app reads it
    actors: list[Actor]
    places: list[Place]
    events: list[Event]
    quotes: list[Quote]
    claims: list[Claim]
    # Every source of a several-source dataset (usmx.corpus); empty for a single-source file,
    # whose one source is `source` (usmx.sources.sources_of gives the list either way).
    sources: list[SourceDoc] = Field(default_factory=list)
    _article: str = PrivateAttr(default="")
    _texts: dict[str, str] = PrivateAttr(default_factory=dict)  # source id -> its text
    # id -> record, per table, with the identity and length of the list it was built from
    # (rebuilt if the list is replaced or grows): lookups stay O(1) at 100k events.
    _indexes: dict[str, tuple[tuple[int, int], dict[str, Any]]] = PrivateAttr(default_factory=dict)

    def attach_article(self, text: str) -> None:
        self._article = text

    def attach_texts(self, texts: dict[str, str]) -> None:
        """The text of every source (id -> text), which evidence naming that source indexes."""
        self._texts = dict(texts)

    @property
    def texts(self) -> dict[str, str]:
        return self._texts

    @property
    def article(self) -> str:
        """The source article's text, which every evidence offset indexes (code points)."""
        return self._article

    def actor(self, actor_id: str) -> Actor:
        return self.actors_by_id[actor_id]

    def _index(self, table: str) -> dict[str, Any]:
        records = getattr(self, table)
        stamp = (id(records), len(records))
        cached = self._indexes.get(table)
        if cached is None or cached[0] != stamp:
            cached = (stamp, {r.id: r for r in records})
            self._indexes[table] = cached
        return cached[1]

    @property
    def actors_by_id(self) -> dict[str, Actor]:
        return self._index("actors")

    @property
    def places_by_id(self) -> dict[str, Place]:
        return self._index("places")

    @property
    def events_by_id(self) -> dict[str, Event]:
        return self._index("events")

    @property
    def quotes_by_id(self) -> dict[str, Quote]:
        return self._index("quotes")

    @property
    def claims_by_id(self) -> dict[str, Claim]:
        return self._index("claims")

    def children(self) -> dict[str, list[str]]:
        """parent id -> ids of the actors directly under it (built once per actor list)."""
        stamp = (id(self.actors), len(self.actors))
        cached = self._indexes.get("_children")
        if cached is None or cached[0] != stamp:
            tree: dict[str, list[str]] = {}
            for a in self.actors:
                if a.parent_id:
                    tree.setdefault(a.parent_id, []).append(a.id)
            cached = self._indexes["_children"] = (stamp, tree)
        return cached[1]

    @property
    def sources_by_id(self) -> dict[str, SourceDoc]:
        return self._index("sources")

    def descendants(self, actor_id: str) -> set[str]:
        """`actor_id` and every actor below it through parent_id (CIA is under US government)."""
        children = self.children()
        found, todo = set(), [actor_id]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(children.get(current, []))
        return found


# --- several sources (issue 11): what a source is, and values the sources disagree on ------------


class Relay(Strict):
    """What a source relays: another outlet's report (the article relays the NYT of 15 Jan)."""

    outlet: str = Field(min_length=1)  # as the source names it: The New York Times
    outlet_id: RecordId | None = None  # the outlet as an actor of the dataset (kind media)
    published: dt.date | None = None  # the relayed report's date, when the source gives it
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")


class SourceDoc(Strict):
    """One source of a several-source dataset: a text kept byte-exact, and what it is."""

    id: RecordId
    path: str  # the text, relative to the file declaring the source (data/sources/…)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    language: SourceLanguage
    published: dt.date
    # Required, but may be null: the text does not say which outlet published it.
    outlet: str | None = Field(min_length=1)
    outlet_id: RecordId | None = None  # the outlet as an actor of the dataset (kind media)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    title_en: str | None = None
    relays: Relay | None = None
    translation_path: str | None = None  # the project's own translation, if any
    evidence: list[Evidence] = Field(default_factory=list)  # spans stating date, relay…


class Reading(Strict):
    """One source's value for a disputed field, with the words that give it."""

    value: Any = None  # checked against the field's own type by the loader
    preferred: bool = False
    evidence: EvidenceList


class Dispute(Strict):
    """Sources disagree on `field`: every value with its evidence, one preferred, and why.

    The record's own `field` holds the preferred value, so every view reads the preferred
    value without knowing about disputes; the loader checks that they agree.
    """

    field: str = Field(min_length=1)
    reason: str = Field(min_length=1)  # why the preferred reading is preferred
    readings: Annotated[list[Reading], Field(min_length=2)]

    @property
    def preferred(self) -> Reading:
        return next(r for r in self.readings if r.preferred)


for _model in (Event, Quote, Claim, Dataset):
    _model.model_rebuild()
