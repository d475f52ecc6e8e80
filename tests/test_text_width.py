"""Tests for usmx.charts.text_width: estimates checked against real fonts, and line fitting.

The oracle is Pillow measuring with the fonts themselves: Noto Sans CJK TC (first in the
charts' font stack; CI installs fonts-noto-cjk) and DejaVu Sans (the wide Latin fallback).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import ImageFont

from usmx.charts.text_width import ELLIPSIS, char_em, fit_lines, lines_px, text_px
from usmx.i18n import LANGS, title

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SIZE = 100  # measure large: Pillow rounds advances to whole pixels


def _font(path: Path, face: str | None = None) -> ImageFont.FreeTypeFont:
    if not path.exists():
        pytest.skip(f"{path} not installed (apt-get install fonts-noto-cjk fonts-dejavu-core)")
    if face is None:
        return ImageFont.truetype(str(path), SIZE)
    for index in range(10):
        font = ImageFont.truetype(str(path), SIZE, index=index)
        if font.getname()[0] == face:
            return font
    pytest.fail(f"no face {face} in {path}")


@pytest.fixture(scope="module")
def fonts() -> list[ImageFont.FreeTypeFont]:
    return [_font(NOTO, "Noto Sans CJK TC"), _font(DEJAVU)]


def measured_px(text: str, font: ImageFont.FreeTypeFont, font_px: float) -> float:
    return font.getlength(text) * font_px / SIZE


@pytest.mark.parametrize("char", [chr(c) for c in range(32, 127)] + list("áéñÓ–—「」，：、…·→"))
def test_char_width_is_an_upper_bound_of_both_fonts(char, fonts):
    for font in fonts:
        if font.getmask(char).getbbox() is None and char != " ":
            continue  # the font has no glyph for it (another font would draw it)
        assert char_em(char) + 0.005 >= font.getlength(char) / SIZE, (char, font.getname())


@pytest.mark.parametrize("lang", LANGS)
def test_every_title_estimate_is_close_above_the_real_width(ds, fonts, lang):
    noto, _ = fonts
    for event in ds.events:
        text = title(event, lang)
        estimate = text_px(text, 12)
        real = [measured_px(text, font, 12) for font in fonts]
        assert estimate >= max(real) - 0.5, (text, estimate, real)
        # Not so loose that labels waste their rows: within 30% of what CI's font draws.
        assert estimate <= measured_px(text, noto, 12) * 1.3 + 2, (text, estimate, real)


@pytest.mark.parametrize(
    ("text", "max_px", "lines"),
    [
        ("Sheinbaum and Trump speak by phone", 400, ["Sheinbaum and Trump speak by phone"]),
        ("Sheinbaum and Trump speak by phone", 140, ["Sheinbaum and Trump", "speak by phone"]),
        ("辛鮑姆與特朗普通話", 60, ["辛鮑姆與特", "朗普通話"]),
        # Closing punctuation never starts a line; opening never ends one.
        ("美國加大壓力，要求墨西哥", 72, ["美國加大壓", "力，要求墨西", "哥"]),
        (
            "白宮將芬太尼列為「大規模殺傷性武器」",
            96,
            ["白宮將芬太尼列為", "「大規模殺傷性武", "器」"],
        ),
    ],
)
def test_fit_lines_examples(text, max_px, lines):
    assert fit_lines(text, max_px, 12, max_lines=5) == lines


def test_fit_lines_cuts_with_an_ellipsis_at_a_word():
    lines = fit_lines("Mexican Senate vote on US Navy special forces, set for 5 January", 150, 12)
    assert len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)
    assert lines[-1] == "US Navy special" + ELLIPSIS
    assert all(text_px(line, 12) <= 150 for line in lines)


TEXT = st.text(
    alphabet=st.sampled_from(list("abcdefghij KLMNOP,.'-1234") + list("墨西哥美國，「」、辛鮑姆")),
    max_size=120,
)


@given(TEXT, st.floats(min_value=30, max_value=600), st.integers(min_value=1, max_value=4))
def test_fit_lines_never_overflows_and_loses_nothing_it_keeps(text, max_px, max_lines):
    lines = fit_lines(text, max_px, 12, max_lines)
    assert 1 <= len(lines) <= max_lines
    widest_char = max((text_px(c, 12) for c in text), default=0)
    assert lines_px(lines, 12) <= max(max_px, widest_char)
    joined = "".join(line.removesuffix(ELLIPSIS) for line in lines).replace(" ", "")
    squeezed = text.replace(" ", "")
    if lines[-1].endswith(ELLIPSIS):
        assert squeezed.startswith(joined)
    else:
        assert joined == squeezed
