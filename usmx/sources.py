"""Several sources: which sources and independent outlets back a record, and where they disagree.

Pure functions over a loaded `Dataset`, for single-source files (whose one source is
`ds.source`, seen here as a `SourceDoc` with the id `LEGACY_SOURCE_ID`) and several-source
datasets (`ds.sources`, loaded by `usmx.corpus`) alike:

- `sources_of(ds)`, `primary(ds)`, `text_of(ds, id)`: the sources and their texts;
- `record_sources(ds, record)`: the ids of the sources whose words back a record (its
  evidence and the evidence of every reading of its disputes; a claim's `context` bears on it
  but does not back it);
- `outlet_key(ds, source)`: the independent outlet behind a source. A relay is its original:
  a Chinese report relaying The New York Times counts as the NYT, so it and the NYT itself are
  one outlet, two sources. Outlets are matched by actor id (`outlet_id`), else by a media
  actor's name or alias, else by name (case, accents, a leading "The" and punctuation aside);
  a source that names no outlet and relays none is its own outlet;
- `support(ds)`: per record, the number of sources and of distinct outlets;
- `disagreements(ds)`: every disputed value, with each reading's value, evidence, sources and
  outlets, the preferred one and the reason (the shape a page or an export shows).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from usmx.model import Claim, Dataset, Dispute, Event, Evidence, Quote, Relay, Source, SourceDoc
from usmx.vocabulary import ActorKind

LEGACY_SOURCE_ID = "article"  # the id a single-source file's one source goes by
SUPPORTED_TABLES = ("events", "quotes", "claims")
_REPORTS_DATE = re.compile(r"^(?P<outlet>.+?),\s*(?P<date>\d{4}-\d{2}-\d{2})\s*$")


def legacy_source(source: Source, source_id: str = LEGACY_SOURCE_ID) -> SourceDoc:
    """A single-source file's `source:` as a `SourceDoc` (no outlet: the old format has none)."""
    relays = None
    if source.reports:
        m = _REPORTS_DATE.match(source.reports)
        relays = Relay(
            outlet=m["outlet"] if m else source.reports,
            outlet_id=source.reports_outlet_id,
            published=source.reports_date,
        )
    return SourceDoc(
        id=source_id,
        path=source.path,
        sha256=source.sha256,
        language=source.language,  # type: ignore[arg-type]  # validated as SourceLanguage
        published=source.published,
        outlet=None,
        title_en=source.title_en,
        relays=relays,
        translation_path=source.translation_path,
        evidence=source.evidence,
    )


def source_view(doc: SourceDoc, text: str) -> Source:
    """The first source as the single-source app reads `ds.source` (title, relay, evidence).

    A source without evidence of its own is shown with its first line as the span that
    stands for it (where a report states its date and dateline)."""
    relay = doc.relays
    reports = ""
    if relay is not None:
        reports = relay.outlet + (f", {relay.published}" if relay.published else "")
    evidence = list(doc.evidence)
    if not evidence:
        first = text.splitlines()[0].strip() if text.strip() else ""
        start = text.find(first) if first else 0
        exact = first or text[:1] or " "
        evidence = [Evidence(source=doc.id, exact=exact, start=start, end=start + len(exact))]
    return Source(
        path=doc.path,
        sha256=doc.sha256,
        language=doc.language.value,
        published=doc.published,
        title_en=doc.title_en or doc.outlet or doc.id,
        reports=reports,
        reports_outlet_id=relay.outlet_id if relay else None,
        reports_date=relay.published if relay else None,
        translation_path=doc.translation_path,
        evidence=evidence,
    )


def sources_of(ds: Dataset) -> list[SourceDoc]:
    """Every source of the dataset, the first (primary) first."""
    return list(ds.sources) or [legacy_source(ds.source)]


def source_label(doc: SourceDoc) -> str:
    """A source as a reader names it: its outlet (or what it relays) and its date."""
    outlet = doc.outlet or (doc.relays.outlet if doc.relays else None) or doc.id
    return f"{outlet}, {doc.published.isoformat()}"


def primary(ds: Dataset) -> SourceDoc:
    return sources_of(ds)[0]


def text_of(ds: Dataset, source_id: str | None) -> str:
    """The text a selector naming `source_id` indexes (None: the first source)."""
    if source_id is None or source_id == primary(ds).id:
        return ds.article
    return ds.texts[source_id]


def evidence_source(ds: Dataset, ev: Evidence) -> str:
    return ev.source or primary(ds).id


def _spans(record: Any) -> Iterator[Evidence]:
    yield from record.evidence
    for dispute in getattr(record, "disputes", []) or []:
        for reading in dispute.readings:
            yield from reading.evidence


def record_sources(ds: Dataset, record: Any) -> tuple[str, ...]:
    """Ids of the sources whose words back `record`, in first-cited order."""
    return tuple(dict.fromkeys(evidence_source(ds, ev) for ev in _spans(record)))


def normalise_outlet(name: str) -> str:
    """An outlet name for comparison: no case, accents, leading "The", punctuation or 《》."""
    # Per character, so a letter with no ASCII form (æ, 中) stays itself: folding the whole
    # name at once would drop it on a second pass and the result would not be stable.
    folded = "".join(_ascii_form(ch) for ch in name)
    folded = re.sub(r"[\W_]+", " ", folded.casefold()).strip()
    return re.sub(r"^(the )+", "", folded)


def _ascii_form(ch: str) -> str:
    ascii_form = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
    return ascii_form or ch


def _media_names(ds: Dataset) -> dict[str, str]:
    """Normalised name or alias of every media actor -> its id."""
    out: dict[str, str] = {}
    for actor in ds.actors:
        if actor.kind == ActorKind.media:
            for name in actor.all_names():
                out.setdefault(normalise_outlet(name), actor.id)
    return out


def _outlet(ds: Dataset, name: str | None, outlet_id: str | None, media: dict[str, str]) -> str:
    if outlet_id:
        return f"actor:{outlet_id}"
    if name:
        key = normalise_outlet(name)
        return f"actor:{media[key]}" if key in media else f"name:{key}"
    return ""


def outlet_key(ds: Dataset, source: SourceDoc, media: dict[str, str] | None = None) -> str:
    """The independent outlet behind `source`: the relayed one for a relay."""
    media = _media_names(ds) if media is None else media
    if source.relays is not None:
        return _outlet(ds, source.relays.outlet, source.relays.outlet_id, media)
    return _outlet(ds, source.outlet, source.outlet_id, media) or f"source:{source.id}"


def outlet_keys(ds: Dataset) -> dict[str, str]:
    """Source id -> its independent outlet, for every source."""
    media = _media_names(ds)
    return {s.id: outlet_key(ds, s, media) for s in sources_of(ds)}


@dataclass(frozen=True)
class Support:
    """How many sources and independent outlets back a record."""

    sources: tuple[str, ...]
    outlets: tuple[str, ...]

    @property
    def n_sources(self) -> int:
        return len(self.sources)

    @property
    def n_outlets(self) -> int:
        return len(self.outlets)


def support_of(ds: Dataset, record: Any, outlets: dict[str, str] | None = None) -> Support:
    outlets = outlet_keys(ds) if outlets is None else outlets
    ids = record_sources(ds, record)
    return Support(ids, tuple(dict.fromkeys(outlets[i] for i in ids)))


def support(
    ds: Dataset, tables: Iterable[str] = SUPPORTED_TABLES
) -> dict[tuple[str, str], Support]:
    """(table, record id) -> its support, for every record of `tables`."""
    outlets = outlet_keys(ds)
    return {
        (table, r.id): support_of(ds, r, outlets) for table in tables for r in getattr(ds, table)
    }


# --- disagreements --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadingRow:
    value: Any
    preferred: bool
    evidence: tuple[Evidence, ...]
    sources: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Disagreement:
    """Sources disagree on `field` of a record; `preferred` is the value the record holds."""

    table: str
    record_id: str
    field: str
    preferred: Any
    reason: str
    readings: tuple[ReadingRow, ...]

    @property
    def values(self) -> tuple[Any, ...]:
        return tuple(r.value for r in self.readings)


def _reading_rows(ds: Dataset, dispute: Dispute, outlets: dict[str, str]) -> tuple[ReadingRow, ...]:
    rows = []
    for reading in dispute.readings:
        ids = tuple(dict.fromkeys(evidence_source(ds, ev) for ev in reading.evidence))
        rows.append(
            ReadingRow(
                reading.value,
                reading.preferred,
                tuple(reading.evidence),
                ids,
                tuple(dict.fromkeys(outlets[i] for i in ids)),
            )
        )
    return tuple(rows)


def disagreements(ds: Dataset, tables: Iterable[str] = SUPPORTED_TABLES) -> list[Disagreement]:
    """Every value the sources disagree on, record by record, in dataset order."""
    outlets = outlet_keys(ds)
    out = []
    for table in tables:
        for record in getattr(ds, table):
            for dispute in record.disputes:
                out.append(
                    Disagreement(
                        table,
                        record.id,
                        dispute.field,
                        dispute.preferred.value,
                        dispute.reason,
                        _reading_rows(ds, dispute, outlets),
                    )
                )
    return out


def disputed_fields(record: Event | Quote | Claim) -> set[str]:
    return {d.field for d in record.disputes}


def latest_published(ds: Dataset, record: Any) -> dt.date:
    """The latest publication date among the sources backing `record` (what it may not pass)."""
    if not ds.sources:
        return ds.source.published
    by_id = ds.sources_by_id
    dates = [by_id[i].published for i in record_sources(ds, record) if i in by_id]
    return max(dates, default=ds.sources[0].published)
