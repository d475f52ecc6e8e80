"""The curated reference for measuring the assistant, computed from the dataset at run time.

Nothing here is hard-coded from the article: every expected mention, date, quotation and place
is read from `data/dataset.yaml` (which changes as curators correct it) and located in the
article.

- **Fair actor list** (`fair_dataset`): what a newcomer would have before reading the article.
  Each actor keeps its canonical names (name_zh, name_en, name_es: the actor list in each
  script; Simplified comes from folding) and any alias that does *not* occur in the text being
  measured; aliases that do occur are the curators' reading of this article and are dropped.
  No places, events, quotes or claims: those are the article's curated records.
- **Actor mentions**: every occurrence of any curated name or alias (the full list),
  leftmost-longest, so 美國中情局 is one mention of the CIA. Since the coding rules of issue 10
  (docs/coding-rules.md, section 3) a country's name (美國, 墨西哥) is an alias of its
  government; used as a place word (墨西哥境內, 在墨西哥, 進入美國) it is not an actor, and is
  not counted (`usmx.extract.names.is_locative`, the same reading the assistant makes).
- **Date expressions**: the `date_text` of every dated record, located in the article (inside
  the record's evidence, else the nearest occurrence before it), kept when it is a temporal
  expression in TimeML's sense (a calendar date or a deictic time word: 1月12日, 上週, 目前);
  words curators used to anchor an inferred date (希望, 已多次, 通話後) are listed apart.
- **Quotations**: each quote's `text_zh` located inside its evidence, with kind and speaker.
- **Places**: the curated places and their evidence spans.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from usmx.dates import parse_edtf
from usmx.extract.names import NameIndex, dictionary
from usmx.extract.text import Span, fold, paragraphs, span_of
from usmx.model import Dataset, Event, Quote

# A temporal expression (TimeML TIMEX3 sense): a number with a calendar unit, or a deictic or
# calendar time word. Used only to sort curated date_text into expressions and anchors.
TIMEX = re.compile(
    r"\d|[〇零一二三四五六七八九十百]+(?:年|月|日|個月|天|週|周)|今天|昨天|明天|前天|今日|昨日|"
    r"上週|上周|本週|本周|下週|星期|本月|上月|下月|去年|今年|明年|前年|目前|當前|現在|如今|日前|近日|"
    r"近期|最近|曆史上|歷史上|史上"
)
OUTSIDE = re.compile(r"outside the article", re.IGNORECASE)


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    actor_id: str
    text: str


@dataclass
class GoldDate:
    start: int
    end: int
    text: str
    edtfs: set[str] = field(default_factory=set)
    outside: set[str] = field(default_factory=set)  # EDTFs that use knowledge from outside
    records: list[str] = field(default_factory=list)
    is_expression: bool = True


@dataclass(frozen=True)
class GoldQuote:
    id: str
    start: int
    end: int
    kind: str
    speaker_id: str | None
    text: str


@dataclass(frozen=True)
class GoldPlace:
    id: str
    iso_3166: str | None
    names: tuple[str, ...]
    spans: tuple[Span, ...]


def fair_dataset(ds: Dataset, text: str) -> Dataset:
    """The dataset a newcomer would have: canonical names only, no article records."""
    folded = fold(text)
    actors = [
        a.model_copy(update={"aliases": [x for x in a.aliases if fold(x) not in folded]})
        for a in ds.actors
    ]
    return ds.model_copy(
        update={"actors": actors, "places": [], "events": [], "quotes": [], "claims": []}
    )


def stripped_aliases(ds: Dataset, text: str) -> dict[str, list[str]]:
    """Per actor, the aliases `fair_dataset` drops (they occur in `text`)."""
    folded = fold(text)
    out = {a.id: [x for x in a.aliases if fold(x) in folded] for a in ds.actors}
    return {k: v for k, v in out.items() if v}


def gold_mentions(ds: Dataset, text: str) -> list[GoldMention]:
    index = NameIndex(dictionary(ds.actors, with_variants=False))
    return [
        GoldMention(m.start, m.end, m.name.actor_id, text[m.start : m.end])
        for m in index.find(text)
    ]


def _locate(text: str, needle: str, evidence: list[Span]) -> list[Span]:
    """Where `needle` stands for a record: inside its evidence (every such occurrence), else
    the nearest occurrence before it (in its paragraph if there is one there)."""
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    if not starts:
        return []
    inside = [
        (s, s + len(needle))
        for s in starts
        if any(a <= s and s + len(needle) <= b for a, b in evidence)
    ]
    if inside:
        return inside
    first = min((a for a, _ in evidence), default=len(text))
    paras = paragraphs(text)
    para = span_of(paras, first)
    before = [s for s in starts if s < first]
    same_para = [s for s in before if para and para[0] <= s]
    if same_para:
        pick = same_para[-1]
    elif before:
        pick = before[-1]
    else:
        pick = starts[0]
    return [(pick, pick + len(needle))]


def _evidence_spans(record: object) -> list[Span]:
    return [
        (ev.start, ev.end)
        for ev in getattr(record, "evidence", [])
        if ev.start is not None and ev.end is not None
    ]


def gold_dates(ds: Dataset) -> list[GoldDate]:
    text = ds.article
    by_span: dict[Span, GoldDate] = {}
    records: list[Event | Quote] = [*ds.events, *ds.quotes]
    for record in records:
        if not record.date_text:
            continue
        for part in record.date_text.split("…"):
            for span in _locate(text, part, _evidence_spans(record)):
                gold = by_span.setdefault(
                    span, GoldDate(span[0], span[1], part, is_expression=bool(TIMEX.search(part)))
                )
                gold.edtfs.add(record.date)
                if OUTSIDE.search(record.date_basis or ""):
                    gold.outside.add(record.date)
                gold.records.append(record.id)
    return sorted(by_span.values(), key=lambda g: (g.start, g.end))


def gold_quotes(ds: Dataset) -> list[GoldQuote]:
    out = []
    for q in ds.quotes:
        for span in _locate(ds.article, q.text_zh, _evidence_spans(q))[:1]:
            out.append(GoldQuote(q.id, span[0], span[1], q.kind.value, q.speaker_id, q.text_zh))
    return sorted(out, key=lambda q: q.start)


def gold_places(ds: Dataset) -> list[GoldPlace]:
    return [
        GoldPlace(
            p.id,
            p.iso_3166,
            tuple(n for n in (p.name_en, p.name_zh, p.name_es) if n),
            tuple(_evidence_spans(p)),
        )
        for p in ds.places
    ]


def date_contains(outer: str, inner: str) -> bool:
    a, b = parse_edtf(outer), parse_edtf(inner)
    starts_ok = a.start is None or (b.start is not None and a.start <= b.start)
    return starts_ok and b.end <= a.end


@dataclass(frozen=True)
class Translation:
    """The English translation as one text, and each paragraph's span in it and in the article."""

    text: str
    en_spans: list[Span]
    zh_spans: list[Span | None]


def load_translation(ds: Dataset, path: Path) -> Translation:
    data = json.loads(path.read_text(encoding="utf-8"))
    parts, en_spans, zh_spans = [], [], []
    pos = 0
    search_from = 0
    for para in data["paragraphs"]:
        en = para["en"]
        en_spans.append((pos, pos + len(en)))
        parts.append(en)
        pos += len(en) + 2
        zh = para["zh"].strip()
        at = ds.article.find(zh, search_from)
        zh_spans.append((at, at + len(zh)) if at != -1 else None)
        if at != -1:
            search_from = at + len(zh)
    return Translation("\n\n".join(parts), en_spans, zh_spans)


def paragraph_of(tr: Translation, zh_offset: int) -> int | None:
    for i, span in enumerate(tr.zh_spans):
        if span and span[0] <= zh_offset < span[1]:
            return i
    return None
