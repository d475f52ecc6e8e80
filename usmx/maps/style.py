"""How the map looks: its views, marks, colours, sizes and fonts.

One place for every visual constant, shared by the deck (usmx.maps.deck) and its legend
(usmx.maps.legend), so the legend always shows what the map draws. Colours are RGBA lists as
deck.gl takes them; `css()` writes them for the legend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

RGBA = list[int]

VIEWS: dict[str, dict[str, float]] = {
    # Sinaloa and the whole border (Tijuana to Matamoros) at ~1000-1200 px width.
    "border": {"latitude": 26.0, "longitude": -105.5, "zoom": 4.3},
    # Also Washington (38.9 N, 77.0 W) and Caracas (10.5 N, 66.9 W).
    "wide": {"latitude": 25.0, "longitude": -92.5, "zoom": 3.2},
}


@dataclass(frozen=True)
class Mark:
    """How a place's point is drawn: fill, outline and outline width (pixels)."""

    fill: RGBA
    line: RGBA
    line_width: float


# Points by how exactly their position is known (vocabulary.Precision). A point that only stands
# for a region or a whole country must not look like a named spot: an exact place is a solid
# dot, a region's stand-in a half-transparent disc in a thick ring, a country's stand-in an
# almost empty ring (still clickable: deck.gl picks the whole disc).
PRECISION_MARKS: dict[str, Mark] = {
    "exact": Mark(fill=[200, 30, 45, 235], line=[110, 10, 20, 255], line_width=1.5),
    "region": Mark(fill=[235, 125, 20, 95], line=[165, 75, 0, 255], line_width=2.5),
    "country": Mark(fill=[70, 120, 190, 30], line=[30, 70, 140, 255], line_width=2.5),
    "aggregate": Mark(fill=[120, 60, 160, 200], line=[70, 30, 110, 255], line_width=1.5),
}
PRECISIONS = ("exact", "region", "country")  # the dataset's, in the legend's order

# Point radius in screen pixels: MIN + k * sqrt(count), so a circle's area grows about in
# proportion to its events. k shrinks when the largest count would exceed MAX.
MIN_RADIUS_PX = 6.0
MAX_RADIUS_PX = 34.0
RADIUS_PER_SQRT_EVENT = 4.0
MIN_ARC_WIDTH_PX = 1.5
MAX_ARC_WIDTH_PX = 12.0
ARC_WIDTH_PER_SQRT_EVENT = 1.6

# The picked place or arc (a click, or `?pick=` in the URL) gets a dark ring / a dark arc.
PICK_COLOR = [20, 20, 20, 255]
PICK_RING_GAP_PX = 4.0
PICK_RING_WIDTH_PX = 2.5
PICK_ARC_EXTRA_PX = 4.0
STORY_RADIUS_PX = 9.0  # one event's places on a story map, each ringed

# The user's ACLED layer (usmx.maps.acled): greys, context under the article's own marks.
ACLED_HEX_LIGHT = [225, 225, 225, 70]  # a hexagon with few events
ACLED_HEX_DARK = [70, 70, 70, 170]  # the hexagon with the most
ACLED_POINT_FILL = [60, 60, 60, 200]
ACLED_POINT_LINE = [255, 255, 255, 200]
ACLED_POINT_PX = 3.0  # a location with one event; the busiest one GROW_PX more
ACLED_POINT_GROW_PX = 7.0

LAND_FILL = [238, 236, 230, 255]  # countries around the states
STATE_FILL = [248, 247, 243, 255]  # Mexico's states and the US border states
SINALOA_FILL = [30, 150, 110, 120]
SINALOA_LINE = [15, 100, 70, 255]
SINALOA_TEXT = [10, 80, 55, 255]
BORDER_COLOR = [150, 20, 130, 255]
BORDER_WIDTH_PX = 3.5
ARC_SOURCE_COLOR = [40, 90, 170, 210]
ARC_TARGET_COLOR = [200, 30, 45, 230]
STATE_LINE = [150, 150, 150, 255]
STATE_LINE_PX = 0.8
COUNTRY_LINE = [120, 120, 120, 255]
COUNTRY_LINE_PX = 1.0
PLACE_TEXT = [40, 40, 40, 255]

# deck.gl's TextLayer draws glyphs into a texture with the canvas font: "auto" collects every
# character of the data (the default set is ASCII only, so Chinese would be blank), and the
# font list must reach a CJK font on the viewer's machine.
CJK_FONT = (
    '"Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", '
    '"Heiti TC", sans-serif'
)
# Bitmap glyphs drawn large and scaled down: SDF glyphs (needed for outlines) lose thin strokes
# such as the en dash in "US–Mexico border"; a translucent box behind the text keeps it legible.
FONT_SETTINGS = {"sdf": False, "fontSize": 64, "buffer": 4}
AREA_LABEL_PX = 15
PLACE_LABEL_PX = 13

TOOLTIP_EVENTS = 8  # events listed in a tooltip before "+N more"
TOOLTIP_TITLE_CHARS = 90
TOOLTIP = {
    "text": "{tooltip}",
    "style": {
        "backgroundColor": "rgba(255, 255, 255, 0.96)",
        "color": "#1f2328",
        "border": "1px solid #c8c8c8",
        "borderRadius": "4px",
        "fontSize": "12px",
        "lineHeight": "1.45",
        "maxWidth": "420px",
        "whiteSpace": "pre-line",
        "fontFamily": CJK_FONT,
    },
}


def css(rgba: Sequence[int]) -> str:
    """A deck.gl colour as CSS: [r, g, b, a] -> "rgba(r, g, b, a/255)"."""
    r, g, b, a = rgba
    return f"rgba({r}, {g}, {b}, {a / 255:.2f})"
