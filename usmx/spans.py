"""Evidence spans: which words of the article each record cites, and the records at a place.

Pure Python. A `Span` is one resolved evidence selector of one record (start and end in code
points, end exclusive); it takes the form "START-END" in URLs (`source?span=…`) and anchor ids
(`span-START-END`). Labels name records in the UI language for tooltips and lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from usmx.i18n import in_language, localized, name, t, title
from usmx.model import Dataset

# Record types in tie-break order: when two covering spans are equally long, the first wins.
RECORD_TYPES = ("quote", "claim", "event", "actor", "place", "source")
_TABLES = {
    "actor": "actors",
    "place": "places",
    "event": "events",
    "quote": "quotes",
    "claim": "claims",
}
MAX_LABEL_CHARS = 40
# Which page shows a record, and the URL parameter that selects it there.
RECORD_PAGES = {
    "event": ("timeline", "event"),
    "quote": ("quotes", "quote"),
    "actor": ("actors", "profile"),
}


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    record_type: str
    record_id: str

    @property
    def key(self) -> str:
        return span_key(self.start, self.end)


def span_key(start: int, end: int) -> str:
    """The form a span takes in URLs and anchor ids: "START-END"."""
    return f"{int(start)}-{int(end)}"


def type_order(record_type: str) -> int:
    """Rank of a record type in RECORD_TYPES (unknown types last)."""
    return RECORD_TYPES.index(record_type) if record_type in RECORD_TYPES else len(RECORD_TYPES)


def _records(ds: Dataset) -> Iterator[tuple[str, str, Any]]:
    """(record type, id, record) of every record, the source first."""
    yield "source", "source", ds.source
    for record_type, table in _TABLES.items():
        for record in getattr(ds, table):
            yield record_type, record.id, record


def spans(ds: Dataset) -> list[Span]:
    """Every resolved evidence span of every record, in article order."""
    out = [
        Span(ev.start, ev.end, record_type, rid)
        for record_type, rid, record in _records(ds)
        for ev in record.evidence
        if ev.start is not None and ev.end is not None
    ]
    return sorted(set(out))


def keep_records(all_spans: Iterable[Span], allowed: Mapping[str, set[str]]) -> list[Span]:
    """Spans whose record is allowed; record types not in `allowed` are all kept."""
    return [
        s
        for s in all_spans
        if s.record_type not in allowed or s.record_id in allowed[s.record_type]
    ]


def filtered_spans(
    ds: Dataset,
    *,
    event_ids: set[str],
    quote_ids: set[str],
    claim_ids: set[str],
    record_types: Iterable[str] = RECORD_TYPES,
) -> list[Span]:
    """The spans the Source page highlights under a filter.

    Events, quotes and claims follow the filter (only the given ids); actors, places and the
    source are always kept, since the filter is about events. Only `record_types` are kept.
    """
    allowed = {"event": event_ids, "quote": quote_ids, "claim": claim_ids}
    types = set(record_types)
    return [s for s in keep_records(spans(ds), allowed) if s.record_type in types]


def shorten(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(record_type: str, record: Any, lang: str) -> str:
    if record_type == "source":
        return t("source.article", lang)
    if record_type in ("actor", "place"):
        return name(record, lang)
    if record_type == "event":
        return title(record, lang)
    if record_type == "quote":
        return shorten(localized(record, "text", lang))
    # A claim has no Chinese statement: in Chinese it is named by the article's own words.
    return shorten(in_language(lang, zh=record.evidence[0].exact, en=record.statement_en))


def record_labels(ds: Dataset, lang: str) -> dict[tuple[str, str], str]:
    """(record type, id) -> label in `lang`, for every record (tooltips of the highlights).

    One pass over the records: each label is made from the record at hand, never looked up.
    """
    return {(rt, rid): _label(rt, record, lang) for rt, rid, record in _records(ds)}


def records_at(
    ds: Dataset, offset_or_span: int | tuple[int, int], lang: str = "en"
) -> list[tuple[str, str, str]]:
    """(record type, id, label) of every record whose evidence covers an offset or overlaps a
    span; records citing exactly that span first, then the most specific (shortest) spans,
    then in article order. One pass over the records."""
    if isinstance(offset_or_span, tuple):
        lo, hi = exact = offset_or_span
    else:
        lo, hi, exact = offset_or_span, offset_or_span + 1, None
    best: dict[tuple[str, str], tuple[tuple[Any, ...], Any]] = {}
    for record_type, rid, record in _records(ds):
        for ev in record.evidence:
            if ev.start is None or ev.end is None or not (ev.start < hi and lo < ev.end):
                continue
            rank = (
                (ev.start, ev.end) != exact,
                ev.end - ev.start,
                type_order(record_type),
                Span(ev.start, ev.end, record_type, rid),
            )
            if (record_type, rid) not in best or rank < best[(record_type, rid)][0]:
                best[(record_type, rid)] = (rank, record)
    ordered = sorted(best.items(), key=lambda item: item[1][0])
    return [(rt, rid, _label(rt, record, lang)) for (rt, rid), (_rank, record) in ordered]


def span_choices(
    article: str, all_spans: Iterable[Span], extra: tuple[int, int] | None = None
) -> dict[str, str]:
    """Distinct spans as {"START-END": its text, shortened}, in article order (for a picker);
    `extra` (e.g. a span from a link that no record cites) is listed first."""
    keys = sorted({(s.start, s.end) for s in all_spans})
    if extra is not None:
        keys = [extra, *(k for k in keys if k != extra)]
    return {span_key(a, b): shorten(article[a:b].strip() or article[a:b]) for a, b in keys}


def record_urls(
    cited: Iterable[tuple[str, str, str]], url_for: Callable[..., str]
) -> dict[tuple[str, str], str]:
    """Links to the pages that show the cited records; `url_for(page, **params)` builds one."""
    return {
        (rt, rid): url_for(RECORD_PAGES[rt][0], **{RECORD_PAGES[rt][1]: rid})
        for rt, rid, _ in cited
        if rt in RECORD_PAGES
    }
