"""The source article as HTML with every evidence span highlighted, and what cites a span.

Pure Python (no Streamlit): the Source page shows what `render_article_html` returns, and the
tests parse the same string. Every piece of article or dataset text is passed through
`html.escape`, so whatever the files hold renders as text, never as markup.

Spans may nest and overlap (an event's sentence contains an actor's name). HTML elements must
nest properly, so each paragraph is cut into segments at every span boundary; a segment takes
the colour of the most specific (shortest) span covering it and lists every covering record in
its `title`. Each span gets one anchor id `span-<start>-<end>` at its first segment, so other
pages can link to it (`source?span=START-END`).
"""

from __future__ import annotations

import heapq
import html
import itertools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from usmx.i18n import name, t, title
from usmx.model import Dataset
from usmx.palette import RECORD_COLORS

# Record types in tie-break order: when two covering spans are equally long, the first wins.
RECORD_TYPES = ("quote", "claim", "event", "actor", "place", "source")
COLORS = RECORD_COLORS
_TABLES = {"actor": "actors", "place": "places", "event": "events", "quote": "quotes"}
MAX_LABEL_CHARS = 40
MAX_SEGMENT_RECORDS = 50  # records named per highlighted segment (tooltip, data-records)
# Which page shows a record, and the URL parameter that selects it there.
RECORD_PAGES = {
    "event": ("timeline", "event"),
    "quote": ("quotes", "quote"),
    "actor": ("actors", "profile"),
}


class TranslationError(ValueError):
    """The translation file does not line up with the article; the message says where."""


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int  # code point offset of the first character in the article
    end: int  # exclusive
    text: str


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


# --- the article ------------------------------------------------------------------------------


def paragraphs(article: str) -> list[Paragraph]:
    """Each non-blank line of the article, with its offsets (the article's paragraphs)."""
    out: list[Paragraph] = []
    pos = 0
    for line in article.split("\n"):
        if line.strip():
            out.append(Paragraph(len(out), pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def load_translation(path: Path | str, article: str) -> list[dict[str, Any]]:
    """The paragraph translation file as a list of {index, zh, en, start, end}.

    Every `zh` must occur verbatim in `article`, each after the previous one, so that the
    English can be shown next to the Chinese it translates; otherwise TranslationError names
    the file and the paragraph index.
    """
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TranslationError(f"{path}: cannot read the translation: {exc}") from None
    items = raw.get("paragraphs") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise TranslationError(f"{path}: expected an object with a list 'paragraphs'")
    out: list[dict[str, Any]] = []
    pos = 0
    for i, item in enumerate(items):
        where = f"{path}: paragraph {i}"
        if not isinstance(item, dict):
            raise TranslationError(f"{where}: must be an object with 'zh' and 'en'")
        zh, en = item.get("zh"), item.get("en")
        if not isinstance(zh, str) or not zh or not isinstance(en, str):
            raise TranslationError(f"{where}: 'zh' and 'en' must be strings ('zh' non-empty)")
        if item.get("index", i) != i:
            raise TranslationError(f"{where}: its 'index' is {item.get('index')!r}, not {i}")
        start = article.find(zh, pos)
        if start == -1:
            what = "out of order" if zh in article else "not in the article"
            raise TranslationError(f"{where}: its 'zh' text is {what}: {zh[:30]!r}…")
        pos = start + len(zh)
        out.append({"index": i, "zh": zh, "en": en, "start": start, "end": pos})
    return out


def english_by_paragraph(paras: list[Paragraph], translation: list[dict[str, Any]]) -> list[str]:
    """The English of each paragraph: the translated pieces that lie inside it, joined."""
    out = []
    for p in paras:
        pieces = [tr["en"] for tr in translation if p.start <= tr["start"] < p.end]
        out.append(" ".join(pieces))
    return out


# --- spans and the records behind them ----------------------------------------------------------


def _records(ds: Dataset) -> Iterable[tuple[str, Any]]:
    yield "source", ds.source
    for record_type, table in (*_TABLES.items(), ("claim", "claims")):
        for record in getattr(ds, table):
            yield record_type, record


def spans(ds: Dataset) -> list[Span]:
    """Every resolved evidence span of every record, in article order."""
    out = []
    for record_type, record in _records(ds):
        rid = getattr(record, "id", "source")
        for ev in record.evidence:
            if ev.start is not None and ev.end is not None:
                out.append(Span(ev.start, ev.end, record_type, rid))
    return sorted(set(out))


def keep_records(all_spans: Iterable[Span], allowed: Mapping[str, set[str]]) -> list[Span]:
    """Spans whose record is allowed; record types not in `allowed` are all kept."""
    return [
        s
        for s in all_spans
        if s.record_type not in allowed or s.record_id in allowed[s.record_type]
    ]


def _short(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def record_label(ds: Dataset, record_type: str, record_id: str, lang: str) -> str:
    """A record's human name in `lang`: a name, title, quotation or statement."""
    if record_type == "source":
        return t("source.article", lang)
    if record_type in ("actor", "place"):
        return name(getattr(ds, f"{_TABLES[record_type]}_by_id")[record_id], lang)
    if record_type == "event":
        return title(ds.events_by_id[record_id], lang)
    if record_type == "quote":
        q = next(q for q in ds.quotes if q.id == record_id)
        return _short(q.text_zh if lang == "zh-Hant" else q.text_en)
    c = next(c for c in ds.claims if c.id == record_id)
    return _short(c.evidence[0].exact if lang == "zh-Hant" else c.statement_en)


def record_labels(ds: Dataset, lang: str) -> dict[tuple[str, str], str]:
    """(record type, id) -> label in `lang`, for every record (tooltips of the highlights)."""
    return {
        (rt, getattr(r, "id", "source")): record_label(ds, rt, getattr(r, "id", "source"), lang)
        for rt, r in _records(ds)
    }


def records_at(
    ds: Dataset, offset_or_span: int | tuple[int, int], lang: str = "en"
) -> list[tuple[str, str, str]]:
    """(record type, id, label) of every record whose evidence covers an offset or overlaps a
    span; records citing exactly that span first, then the most specific (shortest) spans."""
    if isinstance(offset_or_span, tuple):
        lo, hi = offset_or_span
        hits = [s for s in spans(ds) if s.start < hi and lo < s.end]
    else:
        hits = [s for s in spans(ds) if s.start <= offset_or_span < s.end]
    exact = (lo, hi) if isinstance(offset_or_span, tuple) else None
    hits.sort(
        key=lambda s: (
            (s.start, s.end) != exact,
            s.end - s.start,
            RECORD_TYPES.index(s.record_type),
        )
    )
    seen: dict[tuple[str, str], str] = {}
    for s in hits:
        if (s.record_type, s.record_id) not in seen:
            seen[(s.record_type, s.record_id)] = record_label(ds, s.record_type, s.record_id, lang)
    return [(rt, rid, label) for (rt, rid), label in seen.items()]


def span_choices(
    article: str, all_spans: Iterable[Span], extra: tuple[int, int] | None = None
) -> dict[str, str]:
    """Distinct spans as {"START-END": its text, shortened}, in article order (for a picker);
    `extra` (e.g. a span from a link that no record cites) is listed first."""
    keys = sorted({(s.start, s.end) for s in all_spans})
    if extra is not None:
        keys = [extra, *(k for k in keys if k != extra)]
    return {span_key(a, b): _short(article[a:b].strip() or article[a:b]) for a, b in keys}


def record_urls(
    cited: Iterable[tuple[str, str, str]], url_for: Callable[..., str]
) -> dict[tuple[str, str], str]:
    """Links to the pages that show the cited records; `url_for(page, **params)` builds one."""
    return {
        (rt, rid): url_for(RECORD_PAGES[rt][0], **{RECORD_PAGES[rt][1]: rid})
        for rt, rid, _ in cited
        if rt in RECORD_PAGES
    }


def scroll_script(focus: tuple[int, int]) -> str:
    """A script that scrolls the focus span's anchor into view.

    Streamlit does not scroll to anchors in content it renders. The id is built from two
    integers (int() refuses anything else), so no text from a URL reaches the script.
    """
    target = f"span-{int(focus[0]):d}-{int(focus[1]):d}"
    return (
        f"<script>document.getElementById('{target}')?.scrollIntoView({{block: 'center'}});"
        "</script>"
    )


# --- HTML ---------------------------------------------------------------------------------------


def legend_html(lang: str, record_types: Iterable[str] = RECORD_TYPES) -> str:
    items = "".join(
        f'<span class="item" role="listitem">'
        f'<span class="sw ev-{rt}"></span>'
        f"{html.escape(t(f'record_type.{rt}', lang))}</span>"
        for rt in record_types
        if rt in COLORS
    )
    return f'<div class="legend" role="list">{items}</div>'


def _type_order(record_type: str) -> int:
    return RECORD_TYPES.index(record_type) if record_type in RECORD_TYPES else len(RECORD_TYPES)


class _Highlighter:
    """Turns paragraphs into marked-up HTML; remembers which spans already have their anchor."""

    def __init__(
        self,
        article: str,
        all_spans: Iterable[Span],
        lang: str,
        focus: tuple[int, int] | None,
        labels: Mapping[tuple[str, str], str] | None,
    ):
        n = len(article)
        # One entry per distinct (start, end): several records may cite the same words.
        by_range: dict[tuple[int, int], list[Span]] = {}
        for s in all_spans:
            a, b = max(0, int(s.start)), min(n, int(s.end))
            if a < b:
                by_range.setdefault((a, b), []).append(s)
        self.ranges = by_range
        # Per range, its most prominent record type: computed once, not per segment.
        self.top = {
            r: min(ss, key=lambda s: _type_order(s.record_type)) for r, ss in by_range.items()
        }
        self.order = {r: _type_order(s.record_type) for r, s in self.top.items()}
        self.focus = focus if focus and 0 <= focus[0] < focus[1] <= n else None
        self.lang = lang
        self.labels = labels or {}
        self.anchored: set[tuple[int, int]] = set()

    def _describe(self, s: Span) -> str:
        label = self.labels.get((s.record_type, s.record_id), s.record_id)
        return f"{t(f'record_type.{s.record_type}', self.lang)}: {label}"

    def paragraph(self, p: Paragraph) -> str:
        cuts = {p.start, p.end}
        inside = [r for r in self.ranges if r[0] < p.end and p.start < r[1]]
        extra = (
            [self.focus] if self.focus and self.focus[0] < p.end and p.start < self.focus[1] else []
        )
        for a, b in (*inside, *extra):
            cuts.update(x for x in (a, b) if p.start < x < p.end)
        edges = sorted(cuts)
        out = []
        for a, b in itertools.pairwise(edges):
            out.append(self._segment(p, a, b, inside))
        return "".join(out)

    def _segment(self, p: Paragraph, a: int, b: int, inside: list[tuple[int, int]]) -> str:
        text = html.escape(p.text[a - p.start : b - p.start])
        covering = sorted(
            (r for r in inside if r[0] <= a and b <= r[1]),
            key=lambda r: (r[1] - r[0], self.order[r]),
        )
        in_focus = self.focus is not None and self.focus[0] <= a and b <= self.focus[1]
        new_anchors = [r for r in covering if r not in self.anchored]
        if in_focus and self.focus not in self.ranges and self.focus not in self.anchored:
            new_anchors.append(self.focus)
        self.anchored.update(new_anchors)
        if not covering and not in_focus:
            return text
        classes = ["ev"] if covering else []
        attrs = ""
        if covering:
            # The most specific records first, at most MAX_SEGMENT_RECORDS of them: with
            # thousands of records on the same words (generated data) the page stays small.
            cited = [s for r in covering for s in self.ranges[r]]
            records = heapq.nsmallest(
                MAX_SEGMENT_RECORDS,
                cited,
                key=lambda s: (s.end - s.start, _type_order(s.record_type), s.record_id),
            )
            classes.append(f"ev-{self.top[covering[0]].record_type}")
            data = " ".join(dict.fromkeys(f"{s.record_type}:{s.record_id}" for s in records))
            tip = "; ".join(dict.fromkeys(self._describe(s) for s in records))
            more = ""
            if len(cited) > len(records):
                n = len(cited) - len(records)
                tip += "; " + t("source.more_records", self.lang, n=n)
                more = f' data-more="{n}"'
            keys = " ".join(span_key(*r) for r in covering)
            attrs = (
                f' data-records="{html.escape(data)}"{more} data-spans="{html.escape(keys)}"'
                f' title="{html.escape(tip)}"'
            )
        if in_focus:
            classes.append("ev-focus")
            classes += ["ev-focus-start"] if a == self.focus[0] else []
            classes += ["ev-focus-end"] if b == self.focus[1] else []
        # The segment's own mark carries the anchor of its most specific new span; any other
        # span starting here gets an empty anchor mark just before it (ids must be unique).
        own = next((r for r in covering if r in new_anchors), None)
        if own is None and new_anchors:
            own = new_anchors[0]
        before = "".join(
            f'<mark class="ev-anchor" id="span-{span_key(*r)}"></mark>'
            for r in new_anchors
            if r != own
        )
        ident = f' id="span-{span_key(*own)}"' if own else ""
        return f'{before}<mark class="{" ".join(classes)}"{ident}{attrs}>{text}</mark>'


def _select(paras: list[Paragraph], paragraph_range: tuple[int, int] | None) -> list[Paragraph]:
    if paragraph_range is None:
        return paras
    lo, hi = paragraph_range
    return [p for p in paras if lo <= p.index < hi]


def _focus_paragraph(paras: list[Paragraph], focus: tuple[int, int] | None) -> int | None:
    """Index of the first paragraph the focus span touches."""
    if focus is None:
        return None
    return next((p.index for p in paras if p.start < focus[1] and focus[0] < p.end), None)


def _visible(all_spans: Iterable[Span], types: list[str] | None) -> list[Span]:
    return list(all_spans) if types is None else [s for s in all_spans if s.record_type in types]


def render_article_html(
    article: str,
    all_spans: Iterable[Span],
    *,
    lang: str,
    paragraph_range: tuple[int, int] | None = None,
    focus: tuple[int, int] | None = None,
    selected_record_types: Iterable[str] | None = None,
    labels: Mapping[tuple[str, str], str] | None = None,
    legend: bool = True,
    focus_note: str = "",
) -> str:
    """The article (or paragraphs `lo <= index < hi` of it) as a self-contained HTML fragment.

    `selected_record_types` limits which record types are highlighted (None: all); `focus`
    (start, end) is outlined; `labels` maps (record type, id) to the name used in tooltips.
    `focus_note` is HTML the caller built (and escaped), shown under the focus's paragraph.
    """
    types = None if selected_record_types is None else list(selected_record_types)
    hl = _Highlighter(article, _visible(all_spans, types), lang, focus, labels)
    paras = paragraphs(article)
    note_at = _focus_paragraph(paras, hl.focus) if focus_note else None
    body = "".join(
        f'<p id="para-{p.index}" lang="zh-Hant">{hl.paragraph(p)}</p>'
        + (f'<div class="focus-note">{focus_note}</div>' if p.index == note_at else "")
        for p in _select(paras, paragraph_range)
    )
    head = legend_html(lang, RECORD_TYPES if types is None else types) if legend else ""
    return f'<div class="usmx-src">{head}{body}</div>'


def render_side_by_side_html(
    article: str,
    all_spans: Iterable[Span],
    english: list[str],
    *,
    lang: str,
    focus: tuple[int, int] | None = None,
    selected_record_types: Iterable[str] | None = None,
    labels: Mapping[tuple[str, str], str] | None = None,
    focus_note: str = "",
) -> str:
    """Each paragraph in two columns: the highlighted Chinese and `english[index]`.

    Arguments as for `render_article_html`; `focus_note` spans both columns.
    """
    types = None if selected_record_types is None else list(selected_record_types)
    hl = _Highlighter(article, _visible(all_spans, types), lang, focus, labels)
    header = (
        f'<div class="row head"><b>{html.escape(t("source.col_zh", lang))}</b>'
        f"<b>{html.escape(t('source.col_en', lang))}</b></div>"
    )
    rows = [header]
    paras = paragraphs(article)
    note_at = _focus_paragraph(paras, hl.focus) if focus_note else None
    for p in paras:
        en = english[p.index] if p.index < len(english) else ""
        rows.append(
            f'<div class="row"><p id="para-{p.index}" lang="zh-Hant">'
            f'<span class="pn">{p.index + 1}</span>{hl.paragraph(p)}</p>'
            f'<p class="en" lang="en">{html.escape(en)}</p></div>'
        )
        if p.index == note_at:
            rows.append(f'<div class="focus-note">{focus_note}</div>')
    head = legend_html(lang, RECORD_TYPES if types is None else types)
    return f'<div class="usmx-src">{head}{"".join(rows)}</div>'


def cited_by_html(
    article: str,
    focus: tuple[int, int],
    cited: list[tuple[str, str, str]],
    urls: Mapping[tuple[str, str], str],
    *,
    lang: str,
) -> str:
    """The box listing the records that cite `focus`, each linked when `urls` has a page."""
    items = []
    for record_type, record_id, label in cited:
        url = urls.get((record_type, record_id))
        text = html.escape(label)
        link = f'<a href="{html.escape(url)}" target="_self">{text}</a>' if url else text
        items.append(
            f'<li><span class="sw ev-{html.escape(record_type)}"></span>'
            f"<b>{html.escape(t(f'record_type.{record_type}', lang))}</b>: {link} "
            f"<code>{html.escape(record_id)}</code></li>"
        )
    body = (
        f"<ul>{''.join(items)}</ul>"
        if items
        else f"<p>{html.escape(t('source.cited_none', lang))}</p>"
    )
    head = html.escape(t("source.cited_by", lang, text=_short(article[focus[0] : focus[1]], 60)))
    return f'<div class="usmx-cited"><p><b>{head}</b></p>{body}</div>'


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


def english_for(path: Path | str, article: str) -> list[str]:
    """The English of each article paragraph, from the translation file at `path`."""
    return english_by_paragraph(paragraphs(article), load_translation(path, article))


def about_html(ds: Dataset, lang: str) -> str:
    """The facts about the source: date, language, what it reports, hash, our translation."""
    src = ds.source
    outlet = ds.actors_by_id.get(src.reports_outlet_id or "")
    reports = src.reports
    if outlet is not None and src.reports_date:
        reports = t("source.reports_value", lang, outlet=name(outlet, lang), date=src.reports_date)
    facts = [
        ("source.published", src.published.isoformat()),
        ("source.language", src.language),
        ("source.reports", reports),
        ("source.sha", src.sha256),
        ("source.translation", t("source.own_translation", lang)),
    ]
    rows = "".join(
        f"<dt>{html.escape(t(key, lang))}</dt><dd>{html.escape(value)}</dd>" for key, value in facts
    )
    return f'<div class="usmx-about"><dl>{rows}</dl></div>'
