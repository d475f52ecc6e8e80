"""The claims tracker: every claim with who makes it, when, its exact words, figure and context.

One `ClaimRow` per claim: the claimant (an actor, or the article's attribution note when no
actor fits), the date of the claim's event (EDTF and its day bounds), the exact words (the
claim's evidence spans), the figure (`value`, `value_text`, `unit`), and the *context spans*:
what the article itself says that bears on the claim (that most drugs enter over land, against
the 97% claim): `Claim.context`, evidence spans resolved by the loader like the claim's own.

Sources: a claim is stated by the article it comes from. `ClaimRow.sources` is a tuple so that,
when the corpus holds several articles, each source that repeats or disputes a claim is one
more `ClaimSource` (its own words and stance) without changing the row's shape or its exports.

Rows sort by any column (`sort_rows`, missing values last) and narrow by search text, claimant
and "has a number" (`filter_rows`); the sidebar's `Filters.claims(ds)` chooses which claims come
in. Exports go through `usmx.export`: CSV (one flat row per claim, spans joined) and JSON (whole
rows, every span with its offsets).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from usmx import export_csv, export_json
from usmx.model import Claim, Dataset, Evidence
from usmx.search import matches

UNATTRIBUTED = "_unattributed"  # claimant filter value for claims no actor makes
STANCES = ("states", "repeats", "disputes")
SORT_KEYS = ("date", "claimant", "value", "unit", "id")
CSV_COLUMNS = (
    "id",
    "claimant_id",
    "claimant_en",
    "claimant_zh",
    "attribution_note",
    "date",
    "date_start",
    "date_end",
    "statement_en",
    "exact_words",
    "value",
    "value_text",
    "unit",
    "event_id",
    "place_ids",
    "context",
    "sources",
)
SPAN_SEPARATOR = " … "  # between spans in one CSV cell (the JSON keeps them apart)


@dataclass(frozen=True)
class Span:
    """A span of a source's text, with its resolved code point offsets."""

    exact: str
    start: int | None
    end: int | None

    @classmethod
    def of(cls, evidence: Evidence) -> Span:
        return cls(evidence.exact, evidence.start, evidence.end)


@dataclass(frozen=True)
class ClaimSource:
    """One source that carries the claim, its stance and its own words for it."""

    source_id: str
    label: str  # e.g. "The New York Times, 2026-01-15 (relayed 2026-01-16)"
    published: str
    stance: str  # one of STANCES
    words: tuple[Span, ...]


@dataclass(frozen=True)
class ClaimRow:
    id: str
    claimant_id: str | None
    claimant_en: str
    claimant_zh: str
    attribution_note: str | None
    date: str | None  # the EDTF date of the claim's event; None when it has none
    date_start: str | None
    date_end: str | None
    statement_en: str
    exact_words: tuple[Span, ...]
    value: float | None
    value_text: str | None
    unit: str | None
    event_id: str | None
    place_ids: tuple[str, ...]
    context: tuple[Span, ...]
    sources: tuple[ClaimSource, ...] = field(default=())
    claimant_names: tuple[str, ...] = field(default=())  # every name and alias, for search

    def claimant(self, lang: str) -> str:
        return self.claimant_zh if lang == "zh-Hant" else self.claimant_en


def article_source(ds: Dataset, claim: Claim) -> ClaimSource:
    """The one source today: the article, stating the claim in the claim's own evidence."""
    src = ds.source
    label = f"{src.reports} (relayed {src.published.isoformat()})"
    return ClaimSource(
        "article",
        label,
        src.published.isoformat(),
        "states",
        tuple(Span.of(ev) for ev in claim.evidence),
    )


def claim_row(claim: Claim, ds: Dataset) -> ClaimRow:
    actor = ds.actors_by_id.get(claim.claimant_id) if claim.claimant_id else None
    event = ds.events_by_id.get(claim.event_id) if claim.event_id else None
    interval = event.interval if event else None
    note = claim.attribution_note
    return ClaimRow(
        id=claim.id,
        claimant_id=claim.claimant_id,
        claimant_en=actor.name_en if actor else (note or ""),
        claimant_zh=actor.name_zh if actor else (note or ""),
        attribution_note=note,
        date=event.date if event else None,
        date_start=interval.start.isoformat() if interval and interval.start else None,
        date_end=interval.end.isoformat() if interval else None,
        statement_en=claim.statement_en,
        exact_words=tuple(Span.of(ev) for ev in claim.evidence),
        value=claim.value,
        value_text=claim.value_text,
        unit=claim.unit,
        event_id=claim.event_id,
        place_ids=tuple(claim.place_ids),
        context=tuple(Span.of(ev) for ev in claim.context),
        sources=(article_source(ds, claim),),
        claimant_names=tuple(actor.all_names()) if actor else (),
    )


def claim_rows(ds: Dataset, claims: Iterable[Claim] | None = None) -> list[ClaimRow]:
    """Rows for `claims` (default: every claim), in dataset order."""
    return [claim_row(c, ds) for c in (ds.claims if claims is None else claims)]


# --- sorting and filtering --------------------------------------------------------------------


def _sort_value(row: ClaimRow, key: str, lang: str) -> Any:
    if key == "date":
        return row.date_start or row.date_end
    if key == "claimant":
        return row.claimant(lang).casefold()
    if key == "value":
        return row.value
    if key == "unit":
        return (row.unit or "").casefold() or None
    return row.id


def sort_rows(
    rows: Sequence[ClaimRow], key: str = "date", *, descending: bool = False, lang: str = "en"
) -> list[ClaimRow]:
    """Rows ordered by `key` (one of SORT_KEYS); rows without a value go last either way."""
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}; choose one of {', '.join(SORT_KEYS)}")
    present = [r for r in rows if _sort_value(r, key, lang) is not None]
    missing = [r for r in rows if _sort_value(r, key, lang) is None]
    # Stable sorts: ties keep dataset order, so the same click gives the same table.
    present.sort(key=lambda r: _sort_value(r, key, lang), reverse=descending)
    return present + missing


def claimant_options(rows: Iterable[ClaimRow]) -> list[str]:
    """Claimant ids in first-seen order, UNATTRIBUTED last when some claims have none."""
    ids = [r.claimant_id or UNATTRIBUTED for r in rows]
    unique = [i for i in dict.fromkeys(ids) if i != UNATTRIBUTED]
    return unique + ([UNATTRIBUTED] if UNATTRIBUTED in ids else [])


def filter_rows(
    rows: Iterable[ClaimRow],
    *,
    query: str = "",
    claimants: Sequence[str] = (),
    with_figure: bool = False,
) -> list[ClaimRow]:
    """Rows whose words, context, statement, claimant or unit match `query` (any script),
    made by one of `claimants` when given, and carrying a figure (a value or its words) if
    asked. Context counts: a search for 水路 finds the claim the 97% claim is weighed against."""
    chosen = list(rows)
    if claimants:
        wanted = set(claimants)
        chosen = [r for r in chosen if (r.claimant_id or UNATTRIBUTED) in wanted]
    if with_figure:
        chosen = [r for r in chosen if r.value is not None or r.value_text]
    if query.strip():
        chosen = [
            r
            for r in chosen
            if matches(
                query,
                [
                    r.statement_en,
                    r.claimant_en,
                    r.claimant_zh,
                    *r.claimant_names,
                    r.unit or "",
                    r.value_text or "",
                    *(s.exact for s in r.exact_words),
                    *(s.exact for s in r.context),
                ],
            )
        ]
    return chosen


# --- exports ----------------------------------------------------------------------------------


def _spans(spans: Iterable[Span]) -> str:
    return SPAN_SEPARATOR.join(s.exact for s in spans)


def row_to_csv(row: ClaimRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "claimant_id": row.claimant_id,
        "claimant_en": row.claimant_en,
        "claimant_zh": row.claimant_zh,
        "attribution_note": row.attribution_note,
        "date": row.date,
        "date_start": row.date_start,
        "date_end": row.date_end,
        "statement_en": row.statement_en,
        "exact_words": _spans(row.exact_words),
        "value": row.value,
        "value_text": row.value_text,
        "unit": row.unit,
        "event_id": row.event_id,
        "place_ids": export_csv.LIST_SEPARATOR.join(row.place_ids),
        "context": _spans(row.context),
        "sources": export_csv.LIST_SEPARATOR.join(f"{s.label} [{s.stance}]" for s in row.sources),
    }


def claims_csv(rows: Sequence[ClaimRow]) -> bytes:
    """The shown rows as CSV (CSV_COLUMNS; a header even when none are shown)."""
    return export_csv.rows_to_csv_bytes([row_to_csv(r) for r in rows], CSV_COLUMNS)


def claims_json(rows: Sequence[ClaimRow]) -> bytes:
    """The shown rows as JSON: every span with its offsets, every source with its stance."""
    return export_json.to_json_bytes([asdict(r) for r in rows])
