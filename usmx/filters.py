"""The one filter every page shares: actors, date range, event types, places and statuses.

`Filters` is pure and knows nothing of Streamlit: it selects matching records from a
`Dataset` and describes itself in a caption. Its URL encoding is part of the one URL contract
(`usmx.urlstate`); the sidebar in `usmx.ui.sidebar` only turns widgets into a `Filters`.

Semantics, chosen to match what a reader expects:
- Within one facet values are alternatives (Trump OR Sheinbaum); facets combine with AND.
- An actor matches itself and every actor under it (choosing "US government" includes the CIA).
- A date range keeps every record whose (possibly uncertain) interval overlaps it.
- Quotes and claims follow their speaker/claimant for the actor facet, and the event they
  belong to for the type, status and place facets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from usmx.i18n import label, name, t
from usmx.locale import join
from usmx.model import Claim, Dataset, Event, Quote
from usmx.sources import record_sources, source_label, sources_of
from usmx.vocabulary import EventType, Status


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # source ids (a several-source dataset): backed by any of them

    # --- describing ------------------------------------------------------------------------
    @property
    def is_active(self) -> bool:
        return self != Filters()

    def without_dates(self) -> Filters:
        return replace(self, date_from=None, date_to=None)

    # --- matching --------------------------------------------------------------------------
    def actor_set(self, ds: Dataset) -> set[str] | None:
        """Selected actors with everyone under them; None when the facet is not set."""
        if not self.actors:
            return None
        found: set[str] = set()
        for actor_id in self.actors:
            found |= ds.descendants(actor_id)
        return found

    def _event_facets_match(self, event: Event) -> bool:
        if self.event_types and event.event_type.value not in self.event_types:
            return False
        if self.statuses and event.status.value not in self.statuses:
            return False
        return not (self.places and not set(event.place_ids) & set(self.places))

    def _sources_match(self, ds: Dataset, record: Event | Quote | Claim) -> bool:
        return not self.sources or bool(set(record_sources(ds, record)) & set(self.sources))

    def _dates_match(self, record: Event | Quote) -> bool:
        if self.date_from is None and self.date_to is None:
            return True
        return record.interval.overlaps(self.date_from, self.date_to)

    def events(self, ds: Dataset) -> list[Event]:
        actors = self.actor_set(ds)
        return [
            ev
            for ev in ds.events
            if (actors is None or any(ea.actor_id in actors for ea in ev.actors))
            and self._event_facets_match(ev)
            and self._dates_match(ev)
            and self._sources_match(ds, ev)
        ]

    def _linked_event_matches(self, ds: Dataset, event_id: str | None) -> bool:
        if not (self.event_types or self.statuses or self.places):
            return True
        event = ds.events_by_id.get(event_id) if event_id else None
        return event is not None and self._event_facets_match(event)

    def quotes(self, ds: Dataset) -> list[Quote]:
        actors = self.actor_set(ds)
        return [
            q
            for q in ds.quotes
            if (actors is None or q.speaker_id in actors)
            and self._linked_event_matches(ds, q.event_id)
            and self._dates_match(q)
            and self._sources_match(ds, q)
        ]

    def claims(self, ds: Dataset) -> list[Claim]:
        actors = self.actor_set(ds)
        events = ds.events_by_id
        out = []
        for c in ds.claims:
            if actors is not None and c.claimant_id not in actors:
                continue
            if not self._linked_event_matches(ds, c.event_id):
                continue
            if not self._sources_match(ds, c):
                continue
            event = events.get(c.event_id) if c.event_id else None
            if (
                (self.date_from or self.date_to)
                and event is not None
                and not self._dates_match(event)
            ):
                continue
            out.append(c)
        return out


@dataclass(frozen=True)
class Choices:
    """The values each facet accepts, from the dataset; what a URL may name."""

    actors: tuple[str, ...]
    event_types: tuple[str, ...]
    places: tuple[str, ...]
    statuses: tuple[str, ...]
    first_day: dt.date
    last_day: dt.date
    sources: tuple[str, ...] = ()
    events: frozenset[str] = frozenset()
    quotes: frozenset[str] = frozenset()
    article_length: int = 0

    @classmethod
    def from_dataset(cls, ds: Dataset) -> Choices:
        starts = [e.interval.start for e in ds.events if e.interval.start]
        ends = [e.interval.end for e in ds.events]
        return cls(
            actors=tuple(a.id for a in ds.actors),
            event_types=tuple(t.value for t in EventType),
            places=tuple(p.id for p in ds.places),
            statuses=tuple(s.value for s in Status),
            first_day=min(starts + ends) if ends else dt.date(2026, 1, 1),
            last_day=max(ends) if ends else dt.date(2026, 1, 31),
            sources=tuple(s.id for s in sources_of(ds)),
            events=frozenset(e.id for e in ds.events),
            quotes=frozenset(q.id for q in ds.quotes),
            article_length=len(ds.article),
        )


def describe(filters: Filters, ds: Dataset, shown: int, lang: str) -> str:
    """Caption of what is shown, e.g. "7 of 39 events involving Claudia Sheinbaum, ..."."""
    actors = ds.actors_by_id
    details = ""
    if filters.actors:
        details += t(
            "caption.involving",
            lang,
            names=join((name(actors[a], lang) for a in filters.actors), lang, "or"),
        )
    if filters.date_from or filters.date_to:
        anytime = t("caption.all_time", lang)
        details += t(
            "caption.dates",
            lang,
            start=filters.date_from.isoformat() if filters.date_from else anytime,
            end=filters.date_to.isoformat() if filters.date_to else anytime,
        )
    if filters.event_types:
        types = join((label("event_type", v, lang) for v in filters.event_types), lang, "or")
        details += t("caption.types", lang, types=types)
    if filters.places:
        places = ds.places_by_id
        details += t(
            "caption.places",
            lang,
            places=join((name(places[p], lang) for p in filters.places), lang, "or"),
        )
    if filters.sources:
        docs = {s.id: s for s in sources_of(ds)}
        names = (source_label(docs[s]) for s in filters.sources if s in docs)
        details += t("caption.sources", lang, sources=join(names, lang, "or"))
    if filters.statuses:
        statuses = join((label("status", v, lang) for v in filters.statuses), lang, "or")
        details += t("caption.statuses", lang, statuses=statuses)
    return t("caption.events", lang, shown=shown, total=len(ds.events), details=details)
