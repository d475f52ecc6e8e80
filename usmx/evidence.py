"""An evidence span shown in its sentence: the words before, the span, the words after.

Pure Python. `sentence` gives the parts a template marks (the event card and the actor
profile, via `evidence.html.j2`; `evidence_html` renders it alone); `marked_sentences` gives
several spans in their sentences as plain parts for a template (the network's event list and
the claims tracker). The article is Chinese, so a sentence ends at 。！？ (or a line break),
together with any closing quotation marks that follow the stop; when no sentence end is near,
the context is cut at `context_chars` and the cut is marked with "…".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from usmx.render import render

SENTENCE_ENDS = "。！？!?\n"
CLOSERS = "」』”’）)"


@dataclass(frozen=True)
class Sentence:
    before: str
    exact: str  # the evidence span itself
    after: str
    cut_before: bool  # the context was cut short (no sentence end within reach)
    cut_after: bool


def _sentence_start(article: str, start: int, limit: int) -> tuple[int, bool]:
    """Where the sentence holding `start` begins, looking back at most `limit` characters.

    Returns the offset and whether the context was cut short (no sentence end within reach).
    """
    floor = max(0, start - limit)
    for i in range(start - 1, floor - 1, -1):
        if article[i] in SENTENCE_ENDS:
            j = i + 1
            while j < start and article[j] in CLOSERS:
                j += 1
            while j < start and article[j].isspace():
                j += 1
            return j, False
    return floor, floor > 0


def _sentence_end(article: str, end: int, limit: int) -> tuple[int, bool]:
    """Just past the end of the sentence holding `end`, looking ahead at most `limit`."""
    ceiling = min(len(article), end + limit)
    if end > 0 and article[end - 1] in SENTENCE_ENDS:
        return end, False  # the span already ends its sentence
    for i in range(end, ceiling):
        if article[i] in SENTENCE_ENDS:
            j = i + 1 if article[i] != "\n" else i
            while j < len(article) and article[j] in CLOSERS:
                j += 1
            return j, False
    return ceiling, ceiling < len(article)


def sentence(article: str, start: int, end: int, context_chars: int = 60) -> Sentence:
    """The sentence around article[start:end].

    Offsets are code points (as the loader resolves them); out-of-range offsets are clamped
    so a stale dataset cannot raise here.
    """
    start = max(0, min(start, len(article)))
    end = max(start, min(end, len(article)))
    lo, cut_lo = _sentence_start(article, start, context_chars)
    hi, cut_hi = _sentence_end(article, end, context_chars)
    return Sentence(
        before=article[lo:start].lstrip(),
        exact=article[start:end],
        after=article[end:hi].rstrip(),
        cut_before=cut_lo,
        cut_after=cut_hi,
    )


def evidence_html(article: str, start: int, end: int, context_chars: int = 60) -> str:
    """The sentence around article[start:end], escaped, with the span wrapped in `<mark>`."""
    return render("evidence.html.j2", evidence=sentence(article, start, end, context_chars))


@dataclass(frozen=True)
class MarkedSentence:
    """The sentence(s) around one or more cited spans, as plain text for a template to escape:
    `segments` are (text, cited) pairs; `cut_before`/`cut_after` say the context was cut
    short there (show "…"); `first` is the first cited span, for a link to the Source page."""

    segments: tuple[tuple[str, bool], ...]
    cut_before: bool
    cut_after: bool
    first: tuple[int, int]


def marked_sentences(
    article: str, spans: Iterable[tuple[int, int]], context_chars: int = 60
) -> list[MarkedSentence]:
    """Each cited span in its sentence, in article order; spans whose sentences meet (a quote
    and its "the NYT says" in one sentence) share one, with every span marked in it."""
    n = len(article)
    clamped = sorted({(max(0, min(a, n)), max(0, min(b, n))) for a, b in spans})
    groups: list[list] = []  # [lo, hi, cut_lo, cut_hi, [spans]]
    for start, end in ((a, max(a, b)) for a, b in clamped):
        lo, cut_lo = _sentence_start(article, start, context_chars)
        hi, cut_hi = _sentence_end(article, end, context_chars)
        if groups and lo < groups[-1][1]:
            group = groups[-1]
            if hi >= group[1]:
                group[1], group[3] = hi, cut_hi
            group[4].append((start, end))
        else:
            groups.append([lo, hi, cut_lo, cut_hi, [(start, end)]])
    return [_marked(article, *group) for group in groups]


def _marked(
    article: str, lo: int, hi: int, cut_lo: bool, cut_hi: bool, cited: list[tuple[int, int]]
) -> MarkedSentence:
    segments: list[tuple[str, bool]] = []
    at = lo
    for start, end in cited:
        start = max(start, at)  # overlapping spans: mark their union once
        if start > at:
            segments.append((article[at:start], False))
        if end > start:
            segments.append((article[start:end], True))
        at = max(at, end)
    if hi > at:
        segments.append((article[at:hi], False))
    if segments and not segments[0][1]:
        segments[0] = (segments[0][0].lstrip(), False)
    if segments and not segments[-1][1]:
        segments[-1] = (segments[-1][0].rstrip(), False)
    return MarkedSentence(tuple(segments), cut_lo, cut_hi, cited[0])
