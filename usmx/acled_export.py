"""Our events in ACLED's column layout, and a report of those ACLED would not record.

`acled_rows(ds)` returns `(rows, skipped)`: one ACLED row per event ACLED's codebook would
record, and for every other event the reason it is left out (never forced in). The mapping
is documented in docs/acled.md; in short:

- Status: ACLED records what took place. `occurred`, `ongoing` and `reported` events qualify;
  `proposed`, `planned`, `postponed` and `refused` ones did not happen as events.
- Type (our taxonomy -> ACLED event type / sub-event type, see EVENT_TYPE_MAP): armed force
  is a battle (Armed clash: the article never says by what means force was used, so the
  codebook's general case is taken and `tags` says so), crackdowns and raids are arrests
  (Strategic developments), security cooperation, intelligence and government decisions are
  Strategic developments / Other. Diplomacy, statements, media reports, legislative votes,
  changes of office and drug flows are not ACLED event types.
- Date (EDTF -> event_date + time_precision, per the codebook's "Time" rules): a day -> 1; a
  week or any span of up to 7 days -> 2 at its middle; a month, or a longer span inside one
  month -> 3 at the 15th (at the first or last day when the span starts on the 1st or ends
  on the month's last day: "early"/"late in the month"). A year, a span over several months
  and an open start are too vague for ACLED. The EDTF value is kept in `notes` and `tags`.
- Place (first place of the event): country name, ISO 3166 numeric code and ACLED region from
  COUNTRIES; a state fills admin1; geo_precision 1 for an exact point, 3 for a point standing
  for a region or a country (the codebook's "larger region").
- Actors: actor1 is the first initiator (else the first actor), actor2 the first target
  (else opponent, else subject); associated actors are the rest of each side. inter codes
  from the actor's kind: government, military, agency, legislature, country and their people
  are State forces (1) at home and External/Other forces (8) abroad, cartels are Political
  militias (3, as ACLED codes Mexico's cartels), everyone else External/Other (8).
- fatalities 0 (the article reports none), source and source_scale from the dataset's source,
  timestamp the publication day at 00:00 UTC (so the file is the same on every run).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from usmx import export_csv
from usmx.acled_codebook import COLUMNS, EVENT_TYPES, interaction
from usmx.dates import DateInterval
from usmx.model import Actor, Dataset, Event, Place
from usmx.vocabulary import ActorKind, EventType, PlaceKind, Role, Status

# ISO 3166-1 alpha-2 -> (numeric code, ACLED country name, alpha-3, ACLED region)
COUNTRIES: dict[str, tuple[int, str, str, str]] = {
    "MX": (484, "Mexico", "MEX", "Central America"),
    "US": (840, "United States", "USA", "North America"),
    "VE": (862, "Venezuela", "VEN", "South America"),
    "GT": (320, "Guatemala", "GTM", "Central America"),
    "BZ": (84, "Belize", "BLZ", "Central America"),
    "CO": (170, "Colombia", "COL", "South America"),
    "CA": (124, "Canada", "CAN", "North America"),
}
# our event type -> (ACLED event type, sub-event type, whether the sub-event type is a default
# the article does not state); None: ACLED does not record this kind of event
EVENT_TYPE_MAP: dict[EventType, tuple[str, str, bool] | None] = {
    EventType.military_action: ("Battles", "Armed clash", True),
    EventType.counternarcotics: ("Strategic developments", "Arrests", True),
    EventType.security_cooperation: ("Strategic developments", "Other", False),
    EventType.intelligence: ("Strategic developments", "Other", False),
    EventType.policy: ("Strategic developments", "Other", False),
    EventType.diplomacy: None,
    EventType.statement: None,
    EventType.media_report: None,
    EventType.legislative: None,
    EventType.political: None,
    EventType.trafficking: None,
}
RECORDED_STATUSES = frozenset({Status.occurred, Status.ongoing, Status.reported})
STATE_KINDS = frozenset(
    {
        ActorKind.government,
        ActorKind.military,
        ActorKind.agency,
        ActorKind.legislature,
        ActorKind.country,
    }
)
SOURCE_SCALE = "International"
ASSOC_SEPARATOR = "; "
SKIPPED_COLUMNS = ("event_id", "title_en", "event_type", "status", "date", "reason_code", "reason")


@dataclass(frozen=True)
class Skipped:
    event_id: str
    title_en: str
    event_type: str
    status: str
    date: str
    reason_code: str  # status, type, date, place
    reason: str


def acled_date(interval: DateInterval) -> tuple[dt.date, int] | None:
    """ACLED's event_date and time_precision for an EDTF interval; None if too vague."""
    start, end = interval.start, interval.end
    if start is None:
        return None
    if start == end:
        return start, 1
    days = (end - start).days + 1
    if days <= 7:
        return start + dt.timedelta(days=(days - 1) // 2), 2
    if (start.year, start.month) != (end.year, end.month):
        return None
    last = calendar.monthrange(end.year, end.month)[1]
    whole_month = start.day == 1 and end.day == last
    mid = dt.date(start.year, start.month, 15)
    if whole_month:
        return mid, 3
    if start.day == 1:
        return start, 3
    if end.day == last:
        return end, 3
    return (mid if start <= mid <= end else start + dt.timedelta(days=(days - 1) // 2)), 3


def _country_of(actor: Actor, ds: Dataset) -> str | None:
    current: Actor | None = actor
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        if current.country:
            return current.country
        seen.add(current.id)
        current = ds.actors_by_id.get(current.parent_id) if current.parent_id else None
    return None


def _is_state(actor: Actor, ds: Dataset) -> bool:
    current: Actor | None = actor
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        if current.kind in STATE_KINDS:
            return True
        seen.add(current.id)
        current = ds.actors_by_id.get(current.parent_id) if current.parent_id else None
    return False


def inter_code(actor: Actor, ds: Dataset, event_country: str) -> int:
    """ACLED actor type of `actor` in an event located in `event_country` (see docstring)."""
    if actor.kind == ActorKind.cartel:
        return 3
    if _is_state(actor, ds):
        return 1 if _country_of(actor, ds) == event_country else 8
    return 8


def _place_columns(place: Place, country: str) -> dict[str, Any]:
    iso, name, _, region = COUNTRIES[country]
    state = place.kind == PlaceKind.state
    return {
        "iso": iso,
        "region": region,
        "country": name,
        "admin1": place.name_en if state else "",
        "admin2": "",
        "admin3": "",
        "location": place.name_en,
        "latitude": round(place.lat, 4),
        "longitude": round(place.lon, 4),
        "geo_precision": 1 if place.precision.value == "exact" else 3,
    }


def _sides(event: Event) -> tuple[list[str], list[str]]:
    def with_role(*roles: Role) -> list[str]:
        return [a.actor_id for a in event.actors if a.role in roles]

    side1 = with_role(Role.initiator) or [event.actors[0].actor_id]
    side2 = with_role(Role.target) or with_role(Role.opponent) or with_role(Role.subject)
    side2 = [a for a in side2 if a not in side1]
    helpers = [a for a in with_role(Role.participant, Role.supporter) if a not in side1 + side2]
    return side1 + helpers, side2


def event_row(event: Event, ds: Dataset) -> dict[str, Any] | Skipped:
    """The ACLED row of `event`, or why ACLED would not record it."""

    def skip(code: str, reason: str) -> Skipped:
        return Skipped(
            event.id, event.title_en, event.event_type.value, event.status.value, event.date,
            code, reason,
        )  # fmt: skip

    if event.status not in RECORDED_STATUSES:
        return skip("status", f"status {event.status.value}: ACLED records events that took place")
    mapped = EVENT_TYPE_MAP[event.event_type]
    if mapped is None:
        return skip("type", f"{event.event_type.value} is not an ACLED event type")
    dated = acled_date(event.interval)
    if dated is None:
        return skip(
            "date",
            f"date {event.date} ({event.interval.precision}) is too vague: ACLED needs the "
            "day, the week or the month",
        )
    places = [ds.places_by_id[p] for p in event.place_ids if p in ds.places_by_id]
    place = next((p for p in places if (p.iso_3166 or "")[:2] in COUNTRIES), None)
    if place is None:
        return skip("place", "no place in a country with an ACLED country code")
    country = (place.iso_3166 or "")[:2]
    day, time_precision = dated
    acled_type, sub_type, default_sub = mapped
    side1, side2 = _sides(event)
    actors = ds.actors_by_id
    inter1 = inter_code(actors[side1[0]], ds, country)
    inter2 = inter_code(actors[side2[0]], ds, country) if side2 else 0
    tags = [
        f"usmx_id={event.id}",
        f"edtf={event.date}",
        f"usmx_type={event.event_type.value}",
        f"usmx_status={event.status.value}",
    ]
    if default_sub:
        tags.append("sub_event_type=default (means not stated in source)")
    first = event.evidence[0]
    published = ds.source.published
    return {
        "event_id_cnty": f"{COUNTRIES[country][2]}-{event.id}",
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": time_precision,
        "disorder_type": EVENT_TYPES[acled_type][sub_type],
        "event_type": acled_type,
        "sub_event_type": sub_type,
        "actor1": actors[side1[0]].name_en,
        "assoc_actor_1": ASSOC_SEPARATOR.join(actors[a].name_en for a in side1[1:]),
        "inter1": inter1,
        "actor2": actors[side2[0]].name_en if side2 else "",
        "assoc_actor_2": ASSOC_SEPARATOR.join(actors[a].name_en for a in side2[1:]),
        "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2),
        **_place_columns(place, country),
        "source": f"{ds.source.reports}; relayed by a Traditional Chinese report of "
        f"{published.isoformat()}",
        "source_scale": SOURCE_SCALE,
        "notes": f"{event.summary_en} [EDTF {event.date}; usmx event {event.id}; "
        f"source words: {first.exact}]",
        "fatalities": 0,
        "tags": ASSOC_SEPARATOR.join(tags),
        "timestamp": int(
            dt.datetime(published.year, published.month, published.day, tzinfo=dt.UTC).timestamp()
        ),
    }


def acled_rows(
    ds: Dataset, events: list[Event] | None = None
) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """ACLED rows of `events` (default: all) and the events left out, in dataset order."""
    rows: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    for event in ds.events if events is None else events:
        out = event_row(event, ds)
        (skipped if isinstance(out, Skipped) else rows).append(out)  # type: ignore[arg-type]
    return rows, skipped


def report_path(csv_path: Path) -> Path:
    """Where the report of left-out events goes: next to the CSV, `<name>.skipped.csv`."""
    return csv_path.with_name(csv_path.stem + ".skipped.csv")


def _atomic_write(path: Path, data: bytes) -> None:
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)  # atomic: same folder
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_acled(ds: Dataset, out: Path, events: list[Event] | None = None) -> tuple[Path, Path]:
    """Write the ACLED CSV and, next to it, the report of events left out; both atomically."""
    rows, skipped = acled_rows(ds, events)
    out = Path(out)
    report = report_path(out)
    _atomic_write(out, export_csv.rows_to_csv_bytes(rows, COLUMNS))
    _atomic_write(
        report,
        export_csv.rows_to_csv_bytes([vars(s) for s in skipped], SKIPPED_COLUMNS),
    )
    return out, report
