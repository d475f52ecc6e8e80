"""How wide a label will be on screen, without a font: a per-character width table, and line fitting.

The timeline places its labels in pure code (usmx.charts.timeline_layout), so it must know a
label's width before any browser draws it. Measuring with a font library at run time would
make the layout depend on the fonts of the server; instead this module ships the advance
widths, in hundredths of an em, of the printable ASCII characters and a few more, each the
larger of two fonts: Noto Sans CJK TC (first in the charts' font stack, installed by CI as
fonts-noto-cjk) and DejaVu Sans (the widest common fallback for Latin text). Every other
character counts one em: CJK ideographs and full-width punctuation are exactly that wide in
CJK fonts, and the rest is rare in titles. Estimates are therefore upper bounds; the test
tests/test_text_width.py measures real widths with Pillow and both fonts as the oracle.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Hundredths of an em for U+0020..U+007E, in code point order.
_ASCII = (
    "32 41 48 84 64 96 78 28 40 40 50 84 32 37 32 40 64 64 64 64 64 64 64 64 64 64 34 34 84 "
    "84 84 54 100 69 69 70 78 64 58 78 76 30 54 66 56 87 75 79 64 79 70 64 62 74 69 99 69 62 "
    "69 40 40 40 84 56 61 62 64 55 64 62 36 64 64 28 28 58 29 98 64 62 64 64 42 53 40 64 60 "
    "82 60 60 53 64 34 64 84"
)
_OTHER = {
    "á": 62, "é": 62, "í": 28, "ó": 62, "ú": 64, "ñ": 64, "ü": 64,
    "Á": 69, "É": 64, "Í": 30, "Ó": 79, "Ú": 74, "Ñ": 75, "–": 54,
}  # fmt: skip
# fmt: off
_WIDTH: dict[str, float] = {
    **{chr(32 + i): int(w) / 100 for i, w in enumerate(_ASCII.split())},
    **{c: w / 100 for c, w in _OTHER.items()},
}
# fmt: on
ELLIPSIS = "…"
# Never at the start of a line (kinsoku): closing punctuation stays with what it closes.
_NO_LINE_START = set("，。、；：！？」』）》〉,.;:!?)]}”’%")
# Never at the end of a line: opening punctuation stays with what it opens.
_NO_LINE_END = set("「『（《〈([{“‘")
# A run of Latin letters and digits is one word; a wide character, one unit; spaces break.
_TOKEN = re.compile(r"\s+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.")


@cache
def char_em(char: str) -> float:
    """Advance width of one character, in em (an upper bound over the two fonts)."""
    if char in _WIDTH:
        return _WIDTH[char]
    if unicodedata.combining(char):
        return 0.0
    return 1.0


def text_px(text: str, font_px: float) -> float:
    """Estimated width of `text` on one line at `font_px`, in CSS pixels."""
    return sum(map(char_em, text)) * font_px


def _units(text: str) -> list[str]:
    """Pieces a line may break between, with kinsoku punctuation glued to its neighbour."""
    units: list[str] = []
    glue_next = False
    for token in _TOKEN.findall(text):
        if units and not token.isspace() and (token[0] in _NO_LINE_START or glue_next):
            units[-1] += token
        else:
            units.append(token)
        glue_next = token[-1] in _NO_LINE_END
    return units


def _split_wide(unit: str, max_px: float, font_px: float) -> list[str]:
    """A unit wider than a line, cut into pieces that fit (a very long word or URL)."""
    pieces, current = [], ""
    for char in unit:
        if current and text_px(current + char, font_px) > max_px:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def fit_lines(text: str, max_px: float, font_px: float, max_lines: int = 2) -> list[str]:
    """`text` wrapped into at most `max_lines` lines no wider than `max_px`.

    Breaks at spaces, and between CJK characters (never before closing or after opening
    punctuation); what does not fit in the last line is cut and marked with an ellipsis.
    """
    return list(_fit(" ".join(text.split()), max_px, font_px, max_lines))


@lru_cache(maxsize=16_384)
def _fit(text: str, max_px: float, font_px: float, max_lines: int) -> tuple[str, ...]:
    # Cached: a timeline of generated events repeats its titles; widths add up unit by unit.
    units: list[str] = []
    widths: list[float] = []
    for unit in _units(text):  # a run of spaces, or of anything but spaces
        width = text_px(unit, font_px)
        if width > max_px and not unit.isspace():
            pieces = _split_wide(unit, max_px, font_px)
            units.extend(pieces)
            widths.extend(text_px(piece, font_px) for piece in pieces)
        else:
            units.append(unit)
            widths.append(width)
    lines: list[str] = []
    current: list[str] = []
    width = 0.0  # of `current`, trailing spaces included
    for i, unit in enumerate(units):
        if unit.isspace():
            if current:
                current.append(unit)
                width += widths[i]
            continue
        if not current or width + widths[i] <= max_px:
            current.append(unit)  # fits (or is a single piece wider than a line)
            width += widths[i]
            continue
        lines.append("".join(current).rstrip())
        if len(lines) == max_lines:
            return tuple(_ellipsized(lines, units[i:], max_px, font_px))
        current, width = [unit], widths[i]
    if current or not lines:
        lines.append("".join(current).rstrip())
    return tuple(lines)


def _ellipsized(lines: list[str], rest: list[str], max_px: float, font_px: float) -> list[str]:
    """The last line with an ellipsis, when `rest` (what did not fit) is not empty."""
    if not "".join(rest).strip():
        return lines
    last = lines[-1]
    room = max_px - char_em(ELLIPSIS) * font_px
    width, keep = 0.0, 0
    for char in last:  # the longest prefix that leaves room for the ellipsis
        width += char_em(char) * font_px
        if width > room:
            break
        keep += 1
    last = last[:keep]
    # Cut at a word's end when that keeps most of the line (Latin text has spaces).
    space = last.rfind(" ")
    if space > len(last) * 0.6:
        last = last[:space]
    return [*lines[:-1], last.rstrip() + ELLIPSIS]


def lines_px(lines: list[str], font_px: float) -> float:
    """Width of the widest line."""
    return max((text_px(line, font_px) for line in lines), default=0.0)


def clear_cache() -> None:
    """Forget fitted lines (for benchmarks measuring the cold case)."""
    _fit.cache_clear()
