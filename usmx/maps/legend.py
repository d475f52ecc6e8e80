"""The map in words: its legend (HTML from a template) and its text alternative.

The legend's swatches take their colours from usmx.maps.style, so they always match what the
deck draws; the template passes them as CSS custom properties and the stylesheet does the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from usmx.i18n import count, t
from usmx.locale import join, parenthesized
from usmx.maps import style as S
from usmx.maps.arcs import Arc
from usmx.maps.points import PlacePoint
from usmx.render import render


@dataclass(frozen=True)
class Swatch:
    shape: str  # a class of the stylesheet's .usmx-map-legend: dot, arc, line, area, ring
    vars: str  # CSS custom properties with the mark's colours


@dataclass(frozen=True)
class LegendRow:
    swatches: tuple[Swatch, ...]
    text: str


def _vars(fill: Sequence[int], line: Sequence[int] | None = None, width: float = 0) -> str:
    parts = [f"--fill: {S.css(fill)}"]
    if line is not None:
        parts.append(f"--line: {S.css(line)}")
    if width:
        parts.append(f"--lw: {width}px")
    return "; ".join(parts)


def _dot(precision: str, size_class: str = "") -> Swatch:
    mark = S.PRECISION_MARKS[precision]
    return Swatch(f"dot {size_class}".strip(), _vars(mark.fill, mark.line, mark.line_width))


def acled_rows(lang: str) -> list[LegendRow]:
    """The user's ACLED layer: hexagons light to dark, and its rows as dots zoomed in."""
    return [
        LegendRow(
            (Swatch("hex", _vars(S.ACLED_HEX_LIGHT)), Swatch("hex", _vars(S.ACLED_HEX_DARK))),
            t("map.legend.acled_hex", lang),
        ),
        LegendRow(
            (Swatch("dot s8", _vars(S.ACLED_POINT_FILL, S.ACLED_POINT_LINE, 1)),),
            t("map.legend.acled_point", lang),
        ),
    ]


def legend_rows(lang: str, *, acled: bool = False) -> list[LegendRow]:
    """One row per kind of mark the map draws, in `lang` (with the ACLED layer's, if on)."""
    return [*_own_rows(lang), *(acled_rows(lang) if acled else [])]


def _own_rows(lang: str) -> list[LegendRow]:
    return [
        *(LegendRow((_dot(p),), t(f"map.legend.{p}", lang)) for p in S.PRECISIONS),
        LegendRow(
            tuple(_dot("exact", size) for size in ("s8", "s13", "s18")),
            t("map.legend.size", lang),
        ),
        LegendRow(
            (Swatch("arc", _vars(S.ARC_SOURCE_COLOR, S.ARC_TARGET_COLOR)),),
            t("map.legend.arc", lang),
        ),
        LegendRow((Swatch("line", _vars(S.BORDER_COLOR)),), t("map.legend.border", lang)),
        LegendRow(
            (Swatch("area", _vars(S.SINALOA_FILL, S.SINALOA_LINE)),), t("map.legend.sinaloa", lang)
        ),
        LegendRow(
            (Swatch("ring", _vars([0, 0, 0, 0], S.PICK_COLOR, S.PICK_RING_WIDTH_PX)),),
            t("map.legend.pick", lang),
        ),
    ]


def legend_html(lang: str, *, acled: bool = False) -> str:
    """The legend as HTML for st.html (catalog text and colours only; escaped anyway)."""
    return render("map_legend.html.j2", rows=legend_rows(lang, acled=acled), lang=lang)


def alt_text(points: Sequence[PlacePoint], arcs: Sequence[Arc], lang: str) -> str:
    """The map described in words, for screen readers (st.pydeck_chart's `alt`)."""
    biggest = sorted(points, key=lambda p: -p.count)[:3]
    top = join((f"{p.name}{parenthesized(str(p.count), lang)}" for p in biggest), lang)
    return t(
        "map.alt",
        lang,
        places=count("places", len(points), lang),
        arcs=count("arcs", len(arcs), lang),
        top=top or t("word.none", lang),
    )
