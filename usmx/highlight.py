"""Cutting the article's paragraphs into highlighted segments: what the Source page marks.

Pure Python, no HTML: `usmx.source_view` renders the segments with a template. Spans may nest
and overlap (an event's sentence contains an actor's name), and HTML elements must nest
properly, so each paragraph is cut into segments at every span boundary; a segment takes the
colour of the most specific (shortest) span covering it and lists every covering record in
its tooltip. Each span gets one anchor id `span-<start>-<end>` at its first segment, so other
pages can link to it (`source?span=START-END`).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from usmx.article import Paragraph
from usmx.i18n import t
from usmx.locale import labelled, sentence_separator
from usmx.spans import Span, span_key, type_order

MAX_SEGMENT_RECORDS = 50  # records named per highlighted segment (tooltip, data-records)


@dataclass(frozen=True)
class Segment:
    """A run of paragraph text and how it is marked.

    `marked` segments are a `<mark>` with `classes`; those covered by evidence also carry the
    covering records (`records`, `spans`, `tooltip`, and `more` records not named). `anchor`
    is the mark's id; `empty_anchors` are ids of other spans starting here, each an empty mark
    just before it (ids must be unique, a mark has one).
    """

    text: str
    marked: bool = False
    classes: str = ""
    anchor: str | None = None
    empty_anchors: tuple[str, ...] = ()
    records: str = ""
    spans: str = ""
    tooltip: str = ""
    more: int = 0


@dataclass(frozen=True)
class Cited:
    """Who cites a segment: `type:id` list, `START-END` list, tooltip, records not named."""

    records: str = ""
    spans: str = ""
    tooltip: str = ""
    more: int = 0


def anchor_id(span: tuple[int, int]) -> str:
    return f"span-{span_key(*span)}"


class Highlighter:
    """Cuts paragraphs into segments; remembers which spans already have their anchor, so a
    span crossing paragraphs is anchored once, at its first segment."""

    def __init__(
        self,
        article: str,
        all_spans: Iterable[Span],
        lang: str,
        focus: tuple[int, int] | None = None,
        labels: Mapping[tuple[str, str], str] | None = None,
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
            r: min(ss, key=lambda s: type_order(s.record_type)) for r, ss in by_range.items()
        }
        self.order = {r: type_order(s.record_type) for r, s in self.top.items()}
        self.focus = focus if focus and 0 <= focus[0] < focus[1] <= n else None
        self.lang = lang
        self.labels = labels or {}
        self.anchored: set[tuple[int, int]] = set()

    def _describe(self, s: Span) -> str:
        label = self.labels.get((s.record_type, s.record_id), s.record_id)
        return labelled(t(f"record_type.{s.record_type}", self.lang), label, self.lang)

    def paragraph(self, p: Paragraph) -> list[Segment]:
        cuts = {p.start, p.end}
        inside = [r for r in self.ranges if r[0] < p.end and p.start < r[1]]
        focus = self.focus
        extra = [focus] if focus and focus[0] < p.end and p.start < focus[1] else []
        for a, b in (*inside, *extra):
            cuts.update(x for x in (a, b) if p.start < x < p.end)
        return [self._segment(p, a, b, inside) for a, b in itertools.pairwise(sorted(cuts))]

    def _segment(self, p: Paragraph, a: int, b: int, inside: list[tuple[int, int]]) -> Segment:
        text = p.text[a - p.start : b - p.start]
        covering = sorted(
            (r for r in inside if r[0] <= a and b <= r[1]),
            key=lambda r: (r[1] - r[0], self.order[r]),
        )
        focus = self.focus
        in_focus = focus is not None and focus[0] <= a and b <= focus[1]
        new_anchors = [r for r in covering if r not in self.anchored]
        # A focus no record cites still gets its anchor (links may point anywhere).
        uncited = focus is not None and focus not in self.ranges and focus not in self.anchored
        if focus is not None and in_focus and uncited:
            new_anchors.append(focus)
        self.anchored.update(new_anchors)
        if not covering and not in_focus:
            return Segment(text)
        classes = ["ev", f"ev-{self.top[covering[0]].record_type}"] if covering else []
        cited = self._cited(covering) if covering else Cited()
        if focus is not None and in_focus:
            classes.append("ev-focus")
            classes += ["ev-focus-start"] if a == focus[0] else []
            classes += ["ev-focus-end"] if b == focus[1] else []
        # The segment's own mark carries the anchor of its most specific new span; any other
        # span starting here gets an empty anchor mark just before it.
        own = next((r for r in covering if r in new_anchors), None)
        if own is None and new_anchors:
            own = new_anchors[0]
        return Segment(
            text,
            marked=True,
            classes=" ".join(classes),
            anchor=anchor_id(own) if own else None,
            empty_anchors=tuple(anchor_id(r) for r in new_anchors if r != own),
            records=cited.records,
            spans=cited.spans,
            tooltip=cited.tooltip,
            more=cited.more,
        )

    def _cited(self, covering: list[tuple[int, int]]) -> Cited:
        """The records behind the covering spans, most specific first."""
        # The most specific records first, at most MAX_SEGMENT_RECORDS of them: with
        # thousands of records on the same words (generated data) the page stays small.
        cited = [s for r in covering for s in self.ranges[r]]
        records = heapq.nsmallest(
            MAX_SEGMENT_RECORDS,
            cited,
            key=lambda s: (s.end - s.start, type_order(s.record_type), s.record_id),
        )
        tips = list(dict.fromkeys(self._describe(s) for s in records))
        more = len(cited) - len(records)
        if more:
            tips.append(t("source.more_records", self.lang, n=more))
        return Cited(
            records=" ".join(dict.fromkeys(f"{s.record_type}:{s.record_id}" for s in records)),
            spans=" ".join(span_key(*r) for r in covering),
            tooltip=sentence_separator(self.lang).join(tips),
            more=more,
        )


def focus_paragraph(paras: list[Paragraph], focus: tuple[int, int] | None) -> int | None:
    """Index of the first paragraph the focus span touches."""
    if focus is None:
        return None
    return next((p.index for p in paras if p.start < focus[1] and focus[0] < p.end), None)
