"""Offsets-preserving text views for the extraction assistant: folding, segments, glosses.

Every candidate must point at code points of the *original* text, so nothing here changes a
string's length except through an explicit offset map:

- `fold` maps each character to one character: Traditional to Simplified Chinese (OpenCC's
  t2s, one character at a time, so 美國 and 美国 fold alike), accents dropped (Nicolás → nicolas),
  case folded, full-width forms and dashes unified. A name and a text folded alike can be
  matched and the match's offsets hold in the original.
- `paragraphs`, `sentences`, `clauses` split text into (start, end) spans.
- `gloss_view` removes bracketed glosses（Joe Biden）so that 拜登（Joe Biden）政府 can be read as
  拜登政府, and maps every offset of the view back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from opencc import OpenCC

_T2S = OpenCC("t2s")
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_APOSTROPHES = "\u2018\u2019\u02bc\uff07"

SENTENCE_END = "。！？!?"
CLOSERS = "」』”’）)\"'"
CLAUSE_BREAKS = "，,；;：:、"


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


@cache
def fold_char(ch: str) -> str:
    """One character's comparison form, always exactly one character long."""
    if ch in _DASHES:
        return "-"
    if ch in _APOSTROPHES:
        return "'"
    out = ch
    if is_cjk(ch):
        simplified = _T2S.convert(ch)
        if len(simplified) == 1:
            out = simplified
    else:
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(base) == 1:
            out = base
    lowered = out.lower()
    return lowered if len(lowered) == 1 else out


def fold(text: str) -> str:
    """`text` with every character folded (same length as `text`)."""
    return "".join(map(fold_char, text))


def is_word_char(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch)


def at_word_boundary(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not glued to letters or digits on either side (Latin)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (is_word_char(before) or is_word_char(after))


Span = tuple[int, int]


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines, stripped of surrounding spaces: the article's paragraphs."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if body:
            spans.append((m.start() + lead, m.start() + lead + len(body)))
    return spans


# Abbreviations after which a full stop does not end an English sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:U\.S|U\.N|U\.K|D\.C|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|St|Jr|Sr|No|vs|etc"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|a\.m|p\.m)|\b[A-Z])\.$"
)


def sentences(text: str) -> list[Span]:
    """Sentence spans: Chinese ends at 。！？, English at . ! ? before a space; closing quotes
    and brackets stay with their sentence; a line break always ends one."""
    spans: list[Span] = []
    for p_start, p_end in paragraphs(text):
        start = p_start
        i = p_start
        while i < p_end:
            ch = text[i]
            end = None
            if ch in SENTENCE_END or (ch == "." and not _ABBREVIATIONS.search(text[start : i + 1])):
                j = i + 1
                while j < p_end and text[j] in CLOSERS:
                    j += 1
                if ch in "。！？" or j >= p_end or text[j].isspace():
                    end = j
            if end is not None:
                spans.append((start, end))
                start = end
                while start < p_end and text[start].isspace():
                    start += 1
                i = start
                continue
            i += 1
        if start < p_end:
            spans.append((start, p_end))
    return spans


def clauses(text: str, start: int, end: int) -> list[Span]:
    """Clause spans inside text[start:end], split at commas, semicolons and colons.

    Commas inside quotation marks do not split (a quoted sentence is one clause)."""
    spans = []
    depth = 0
    clause_start = start
    for i in range(start, end):
        ch = text[i]
        if ch in "「『“":
            depth += 1
        elif ch in "」』”" and depth:
            depth -= 1
        elif ch in CLAUSE_BREAKS and depth == 0:
            # "3,000" and "12:30" are numbers, not clause breaks.
            if ch in ",:" and 0 < i < end - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            if clause_start < i:
                spans.append((clause_start, i))
            clause_start = i + 1
    if clause_start < end:
        spans.append((clause_start, end))
    return spans


def span_of(spans: list[Span], offset: int) -> Span | None:
    """The span in `spans` (sorted, disjoint) that holds `offset`."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if offset < s:
            hi = mid
        elif offset >= e:
            lo = mid + 1
        else:
            return spans[mid]
    return None


GLOSS = re.compile(r"[（(]([^（）()\n]{1,80})[）)]")


@dataclass(frozen=True)
class Gloss:
    """A bracketed gloss: the brackets' span and the text inside."""

    start: int  # the opening bracket
    end: int  # just past the closing bracket
    inner_start: int
    inner: str


def glosses(text: str) -> list[Gloss]:
    """Bracketed glosses that hold Latin script (a name in its own script, 又譯…)."""
    out = []
    for m in GLOSS.finditer(text):
        inner = m.group(1)
        if re.search(r"[A-Za-zÀ-ÿ]", inner) or re.search(r"又譯|又译|又稱|又称|或譯|亦譯", inner):
            out.append(Gloss(m.start(), m.end(), m.start(1), inner))
    return out


@dataclass(frozen=True)
class View:
    """A text with some spans removed, and where each of its characters came from."""

    text: str
    origin: list[int]  # origin[i]: offset in the original of view character i

    def to_original(self, start: int, end: int) -> Span:
        return self.origin[start], self.origin[end - 1] + 1

    def crosses_gap(self, start: int, end: int) -> bool:
        return self.origin[end - 1] - self.origin[start] != end - start - 1


def gloss_view(text: str, gloss_list: list[Gloss]) -> View:
    """`text` with the glosses cut out (拜登（Joe Biden）政府 reads 拜登政府)."""
    chars: list[str] = []
    origin: list[int] = []
    pos = 0
    for g in gloss_list:
        chars.extend(text[pos : g.start])
        origin.extend(range(pos, g.start))
        pos = g.end
    chars.extend(text[pos:])
    origin.extend(range(pos, len(text)))
    return View("".join(chars), origin)


def selector(text: str, start: int, end: int, max_context: int = 32) -> tuple[str, str, str]:
    """A TextQuoteSelector (exact, prefix, suffix) for text[start:end] that is unique in `text`.

    Like the dataset's evidence: prefix and suffix stay empty when `exact` occurs once, and grow
    one character at a time (suffix first, then prefix) until the quote is unique."""
    exact = text[start:end]
    prefix = suffix = ""

    def unique() -> bool:
        needle = prefix + exact + suffix
        first = text.find(needle)
        return first != -1 and text.find(needle, first + 1) == -1

    for size in range(1, max_context + 1):
        if unique():
            break
        suffix = text[end : end + size]
        if unique():
            break
        prefix = text[max(0, start - size) : start]
    return exact, prefix, suffix
