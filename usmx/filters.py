"""The one filter every page shares: actors, date range, event types, places and statuses.

`Filters` is pure and knows nothing of Streamlit: it reads and writes URL query parameters,
selects matching records from a `Dataset`, and describes itself in a caption. The sidebar in
`usmx.ui.sidebar` only turns widgets into a `Filters`.

Semantics, chosen to match what a reader expects:
- Within one facet values are alternatives (Trump OR Sheinbaum); facets combine with AND.
- An actor matches itself and every actor under it (choosing "US government" includes the CIA).
- A date range keeps every record whose (possibly uncertain) interval overlaps it.
- Quotes and claims follow their speaker/claimant for the actor facet, and the event they
  belong to for the type, status and place facets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from usmx.i18n import label, name, t
from usmx.model import Claim, Dataset, Event, EventType, Quote, Status

# URL parameter names; the sidebar widgets use the same strings as keys.
P_ACTORS = "actor"
P_DATES = "dates"
P_TYPES = "type"
P_PLACES = "place"
P_STATUSES = "status"
P_LANG = "lang"
FILTER_PARAMS = (P_ACTORS, P_DATES, P_TYPES, P_PLACES, P_STATUSES)
MAX_PARAM_VALUES = 50  # more values than there are records: refuse the excess, not the page
MAX_VALUE_CHARS = 100


@dataclass(frozen=True)
class Notice:
    """A URL parameter value that was ignored, and why (shown to the user, never raised)."""

    param: str
    value: str
    reason: str  # "unknown", "bad_date", "too_many", "reversed", "too_long"


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

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
            event = events.get(c.event_id) if c.event_id else None
            if (
                (self.date_from or self.date_to)
                and event is not None
                and not self._dates_match(event)
            ):
                continue
            out.append(c)
        return out

    # --- URL -------------------------------------------------------------------------------
    def to_query_params(self) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {}
        if self.actors:
            params[P_ACTORS] = list(self.actors)
        if self.date_from or self.date_to:
            params[P_DATES] = [d.isoformat() for d in (self.date_from, self.date_to) if d]
        if self.event_types:
            params[P_TYPES] = list(self.event_types)
        if self.places:
            params[P_PLACES] = list(self.places)
        if self.statuses:
            params[P_STATUSES] = list(self.statuses)
        return params


@dataclass(frozen=True)
class Choices:
    """The values each facet accepts, from the dataset; what a URL may name."""

    actors: tuple[str, ...]
    event_types: tuple[str, ...]
    places: tuple[str, ...]
    statuses: tuple[str, ...]
    first_day: dt.date
    last_day: dt.date
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
        )


def _values(raw: str | Iterable[str] | None) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw]


def _pick(
    param: str, raw: list[str], allowed: Iterable[str], notices: list[Notice]
) -> tuple[str, ...]:
    allowed = set(allowed)
    picked: list[str] = []
    for value in raw:
        if len(value) > MAX_VALUE_CHARS:
            notices.append(Notice(param, value[:MAX_VALUE_CHARS] + "…", "too_long"))
        elif value == "":
            continue
        elif value not in allowed:
            notices.append(Notice(param, value, "unknown"))
        elif len(picked) >= MAX_PARAM_VALUES:
            notices.append(Notice(param, value, "too_many"))
        elif value not in picked:
            picked.append(value)
    return tuple(picked)


def _parse_dates(
    raw: list[str], choices: Choices, notices: list[Notice]
) -> tuple[dt.date | None, dt.date | None]:
    days: list[dt.date] = []
    for value in raw[:3]:
        try:
            day = dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            day = None
        if day is None:
            if value:
                notices.append(Notice(P_DATES, value[:MAX_VALUE_CHARS], "bad_date"))
            continue
        days.append(day)
    for value in raw[3:]:
        notices.append(Notice(P_DATES, value[:MAX_VALUE_CHARS], "too_many"))
    if len(days) > 2:
        notices.append(Notice(P_DATES, days[2].isoformat(), "too_many"))
        days = days[:2]
    if len(days) == 2 and days[0] > days[1]:
        notices.append(Notice(P_DATES, f"{days[0]}/{days[1]}", "reversed"))
        return None, None
    if not days:
        return None, None
    return days[0], days[-1] if len(days) == 2 else None


def parse_query_params(
    params: Mapping[str, str | Iterable[str]], choices: Choices
) -> tuple[Filters, list[Notice]]:
    """Filters from URL parameters; anything unusable is dropped and reported as a Notice."""
    notices: list[Notice] = []

    def get(name: str) -> list[str]:
        return _values(params.get(name))

    date_from, date_to = _parse_dates(get(P_DATES), choices, notices)
    filters = Filters(
        actors=_pick(P_ACTORS, get(P_ACTORS), choices.actors, notices),
        date_from=date_from,
        date_to=date_to,
        event_types=_pick(P_TYPES, get(P_TYPES), choices.event_types, notices),
        places=_pick(P_PLACES, get(P_PLACES), choices.places, notices),
        statuses=_pick(P_STATUSES, get(P_STATUSES), choices.statuses, notices),
    )
    return filters, notices


def describe(filters: Filters, ds: Dataset, shown: int, lang: str) -> str:
    """Caption of what is shown, e.g. "7 of 39 events involving Claudia Sheinbaum, ..."."""
    actors = ds.actors_by_id
    details = ""
    if filters.actors:
        names = "、" if lang == "zh-Hant" else ", "
        details += t(
            "caption.involving",
            lang,
            names=names.join(name(actors[a], lang) for a in filters.actors),
        )
    if filters.date_from or filters.date_to:
        anytime = t("caption.all_time", lang)
        details += t(
            "caption.dates",
            lang,
            start=filters.date_from.isoformat() if filters.date_from else anytime,
            end=filters.date_to.isoformat() if filters.date_to else anytime,
        )
    sep = "、" if lang == "zh-Hant" else ", "
    if filters.event_types:
        types = sep.join(label("event_type", v, lang) for v in filters.event_types)
        details += t("caption.types", lang, types=types)
    if filters.places:
        places = ds.places_by_id
        details += t(
            "caption.places", lang, places=sep.join(name(places[p], lang) for p in filters.places)
        )
    if filters.statuses:
        statuses = sep.join(label("status", v, lang) for v in filters.statuses)
        details += t("caption.statuses", lang, statuses=statuses)
    return t("caption.events", lang, shown=shown, total=len(ds.events), details=details)
