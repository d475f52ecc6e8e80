"""An evidence span shown in its sentence: the words before, the span, the words after.

Pure Python, used by the event card and the actor profile (template `evidence.html.j2` marks
the span and the cuts). The article is Chinese, so a sentence ends at 。！？ (or a line
break), together with any closing quotation marks that follow the stop; when no sentence end
is near, the context is cut at `context_chars` and the cut is marked with "…".
"""

from __future__ import annotations

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
