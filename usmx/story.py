"""Story mode: the filtered events as steps in date order, one step at a time.

Like a reader of TimelineJS or StoryMapJS expects: previous / next through the events, each
step with its card, its words in the article, its quotes, its place and where it sits on the
timeline. The order is the timeline's: by first day (an open start, "already so by D", counts
from D), then by last day, then dataset order, so the same filter always tells the same story.
With the actor filter on Sheinbaum, the steps are Sheinbaum's events: her story.

Pure: no Streamlit. The strip showing where a step sits is an SVG made from a template.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from usmx.model import Event
from usmx.render import render

STRIP_WIDTH = 900
STRIP_HEIGHT = 62
STRIP_MARGIN = 14


def _first_day(event: Event) -> dt.date:
    return event.interval.start or event.interval.end


def steps(events: Sequence[Event]) -> list[Event]:
    """The events in story order (stable: dataset order breaks ties)."""
    indexed = list(enumerate(events))
    indexed.sort(key=lambda pair: (_first_day(pair[1]), pair[1].interval.end, pair[0]))
    return [event for _, event in indexed]


@dataclass(frozen=True)
class Step:
    index: int  # 0-based
    total: int
    event: Event
    previous_id: str | None
    next_id: str | None

    @property
    def number(self) -> int:
        return self.index + 1


def step_of(story: Sequence[Event], event_id: str | None) -> Step | None:
    """The step showing `event_id`, or the first step when it is not in the story."""
    if not story:
        return None
    ids = [e.id for e in story]
    index = ids.index(event_id) if event_id in ids else 0
    return Step(
        index=index,
        total=len(story),
        event=story[index],
        previous_id=ids[index - 1] if index > 0 else None,
        next_id=ids[index + 1] if index + 1 < len(ids) else None,
    )


@dataclass(frozen=True)
class StripMark:
    x: float
    current: bool
    title: str  # the tooltip: date and title
    is_bar: bool
    width: float


def strip_marks(story: Sequence[Event], current: str, titles: Sequence[str]) -> list[StripMark]:
    """Where each step sits on the strip: evenly spaced in story order (a step per slot, so a
    busy week is as readable as a quiet decade), current step highlighted."""
    n = len(story)
    usable = STRIP_WIDTH - 2 * STRIP_MARGIN
    slot = usable / max(n, 1)
    return [
        StripMark(
            x=STRIP_MARGIN + slot * (i + 0.5),
            current=event.id == current,
            title=label,
            is_bar=event.interval.precision != "day",
            width=max(2.0, min(slot * 0.8, 10.0)),
        )
        for i, (event, label) in enumerate(zip(story, titles, strict=True))
    ]


def year_ticks(story: Sequence[Event]) -> list[tuple[float, str]]:
    """A label where the year of the story's first day changes (x positions as strip_marks)."""
    n = len(story)
    usable = STRIP_WIDTH - 2 * STRIP_MARGIN
    slot = usable / max(n, 1)
    ticks: list[tuple[float, str]] = []
    last_year = None
    last_x = -1e9
    for i, event in enumerate(story):
        year = _first_day(event).year
        x = STRIP_MARGIN + slot * i
        if year != last_year and x - last_x >= 34:  # keep labels apart
            ticks.append((x, str(year)))
            last_x = x
        last_year = year
    return ticks


def strip_svg(story: Sequence[Event], current: str, titles: Sequence[str], label: str) -> str:
    """The story as a strip of marks, the current step highlighted and dated."""
    marks = strip_marks(story, current, titles)
    here = next((m for m in marks if m.current), None)
    anchor = "middle"
    if here is not None and here.x < STRIP_WIDTH * 0.2:
        anchor = "start"
    elif here is not None and here.x > STRIP_WIDTH * 0.8:
        anchor = "end"
    return render(
        "story_strip.svg.j2",
        width=STRIP_WIDTH,
        height=STRIP_HEIGHT,
        marks=marks,
        ticks=year_ticks(story),
        label=label,
        current_label=here.title if here is not None else "",
        current_anchor=anchor,
    )


def strip_html(story: Sequence[Event], current: str, titles: Sequence[str], label: str) -> str:
    """The strip as an image for st.html (its sanitiser drops inline SVG); `label` is the
    alt text, the same words a screen reader gets."""
    data = base64.b64encode(strip_svg(story, current, titles, label).encode()).decode()
    return render("svg_image.html.j2", css_class="usmx-story-strip", data=data, alt=label)


def paragraph_bounds(article: str, start: int, end: int) -> tuple[int, int]:
    """The article paragraph (a non-blank line) holding the span start..end."""
    lo = article.rfind("\n", 0, start) + 1
    hi = article.find("\n", end)
    return lo, len(article) if hi < 0 else hi


@dataclass(frozen=True)
class ArticlePassage:
    """One paragraph of the article with the step's evidence marked, and its English."""

    pieces: tuple[tuple[str, bool], ...]  # (text, is evidence)
    english: str


def passages(
    article: str, spans: Sequence[tuple[int, int]], english: Sequence[str] | None = None
) -> list[ArticlePassage]:
    """The paragraphs holding `spans` (article order), each span marked; `english[i]` is the
    translation of the article's i-th non-blank paragraph, when there is one."""
    by_paragraph: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for start, end in sorted(spans):
        by_paragraph.setdefault(paragraph_bounds(article, start, end), []).append((start, end))
    starts = _paragraph_starts(article)
    out = []
    for (lo, hi), marks in sorted(by_paragraph.items()):
        pieces: list[tuple[str, bool]] = []
        pos = lo
        for start, end in marks:
            start = max(start, pos)
            if start >= end:
                continue
            if start > pos:
                pieces.append((article[pos:start], False))
            pieces.append((article[start : min(end, hi)], True))
            pos = min(end, hi)
        if pos < hi:
            pieces.append((article[pos:hi], False))
        index = starts.get(lo)
        text = (
            english[index]
            if english is not None and index is not None and index < len(english)
            else ""
        )
        out.append(ArticlePassage(tuple(pieces), text))
    return out


def _paragraph_starts(article: str) -> dict[int, int]:
    """Offset of each non-blank line -> its index among non-blank lines."""
    out, pos, index = {}, 0, 0
    for line in article.split("\n"):
        if line.strip():
            out[pos] = index
            index += 1
        pos += len(line) + 1
    return out
