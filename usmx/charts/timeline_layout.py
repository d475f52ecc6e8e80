"""Where each mark and label of the timeline goes: pure placement in pixels, no plotly.

The model. Time runs left to right over a plot area `width` pixels wide; an item's mark is a
point (a day's dot, an open start's triangle: a fixed radius around its centre) or a bar
(from its start to its end, scaled with the width). A row has two bands: a mark band, and
above it a label band. A point's label is written in the mark band, beside the point, one
em away (right of it, or left where the plot ends); a bar's label in the label band, just
above the bar, starting at the bar's start and running right (or ending at the bar's end
and running left). So each item occupies an interval of the mark band (its mark, and a
point's label) and perhaps one of the label band (a bar's label). Items are packed on rows,
lane by lane, in the order of their left ends (labelled items first, then unlabelled marks;
ties in dataset order): an item goes on the first row where, in each band it needs, the
last interval ended a gap before its own.
Rows are stacked; each band is as tall as the tallest thing in it.

So no label overlaps another label or any mark: in a band of a row, intervals are apart;
bands and rows are apart; a point's label starts an em past its mark. And because every
interval is a position that scales with the width plus lengths that do not (a radius, a
label's width), a layout computed for a width W stays free of overlaps at any width >= W:
an item follows another on a row only if its anchor lies right of the other's, so gaps only
grow. Pages lay out for MIN_PLOT_PX and let the chart stretch; exports are wider.

Vertical sizes follow how plotly draws multi-line text at "middle" positions: lines 1.3 em
apart, the block centred on its y; a line's box (ascent and descent of Noto Sans CJK, 1.16
and 0.29 em) reaches 0.41 em above the block's nominal top and 0.04 em below its bottom.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from usmx.charts.text_width import fit_lines, lines_px

MIN_PLOT_PX = 760  # the narrowest plot area the layout guarantees (a laptop's main column)
LINE_SPACING = 1.3  # plotly's distance between lines of one text, in em
ASCENT_EM, DESCENT_EM = 0.41, 0.04  # the font box beyond a text block's nominal extent


@dataclass(frozen=True)
class Geometry:
    """Sizes in CSS pixels; `width` is the plot area the layout is computed for."""

    width: float = MIN_PLOT_PX
    font_px: float = 12
    max_label_px: float = 460
    max_lines: int = 2
    min_label_px: float = 48  # narrower than this, a label is left as its first characters
    gap_px: float = 10  # between two items on one row
    mark_px: float = 14  # the height of a row's mark line (the tallest mark)
    bar_px: float = 9  # the thickness of a bar
    min_bar_px: float = 3  # a bar never drawn thinner than this, whatever its duration
    pad_px: float = 3  # above and below a row's content
    label_gap_px: float = 2  # between a label's box and its mark
    header_px: float = 24  # a lane's name above its rows (0: no headers)

    def label_height(self, n_lines: int) -> float:
        """Height of the font box of `n_lines` lines of label text."""
        if n_lines <= 0:
            return 0.0
        nominal = (n_lines - 1) * LINE_SPACING + 1
        return (nominal + ASCENT_EM + DESCENT_EM) * self.font_px


@dataclass(frozen=True)
class Item:
    """One mark to place. Positions are fractions of the plot's width (0 left, 1 right).

    A point is drawn at `start` (== `end`) with `radius_px`; a bar from `start` to `end`,
    cut at the plot's edges (`cut_left`/`cut_right` say where it continues). `label` None:
    a mark without a label (it may share a row with other unlabelled marks, see `layout`).
    """

    key: str
    start: float
    end: float
    point: bool
    label: str | None
    lane: str = ""
    radius_px: float = 6.5
    order: int = 0


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def intersects(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


@dataclass(frozen=True)
class Placed:
    """An item with its row, label lines and side, and vertical positions (px from the top).

    A point's label is drawn from its centre (`anchor`) with an em space first (last when on
    the left), so its visible text starts `inset` pixels from the centre.
    """

    item: Item
    row: int
    lines: tuple[str, ...]
    side: str  # "right": the label runs right from `anchor`; "left": it ends there
    label_px: float  # the width of the label's text
    label_y: float  # the centre of the label's text block (plotly "middle" text)
    mark_y: float  # the centre of the mark
    inset: float = 0.0  # for a point, the em between its centre and its label's text

    @property
    def cut_left(self) -> bool:
        return not self.item.point and self.item.start < 0

    @property
    def cut_right(self) -> bool:
        return not self.item.point and self.item.end > 1

    @property
    def anchor(self) -> float:
        """Where the label's text is anchored, as a fraction of the width."""
        if self.item.point:
            return self.item.start
        return self.bar_start if self.side == "right" else self.bar_end

    @property
    def bar_start(self) -> float:
        return max(self.item.start, 0.0)

    @property
    def bar_end(self) -> float:
        return min(self.item.end, 1.0)

    def mark_box(self, geometry: Geometry, width: float | None = None) -> Box:
        w = width or geometry.width
        half = self.item.radius_px if self.item.point else geometry.bar_px / 2
        if self.item.point:
            x0, x1 = self.item.start * w - half, self.item.start * w + half
        else:
            x0, x1 = self.bar_start * w, self.bar_end * w
            x1 = max(x1, x0 + geometry.min_bar_px)
        return Box(x0, self.mark_y - half, x1, self.mark_y + half)

    def label_box(self, geometry: Geometry, width: float | None = None) -> Box | None:
        if not self.lines:
            return None
        w = width or geometry.width
        a = self.anchor * w
        if self.side == "right":
            x0, x1 = a + self.inset, a + self.inset + self.label_px
        else:
            x0, x1 = a - self.inset - self.label_px, a - self.inset
        n = len(self.lines)
        nominal = ((n - 1) * LINE_SPACING + 1) * geometry.font_px
        return Box(
            x0,
            self.label_y - nominal / 2 - ASCENT_EM * geometry.font_px,
            x1,
            self.label_y + nominal / 2 + DESCENT_EM * geometry.font_px,
        )

    def bands(self, geometry: Geometry) -> tuple[tuple[float, float], tuple[float, float] | None]:
        """The item's interval in the mark band, and in the label band (None: not used)."""
        mark = self.mark_box(geometry)
        label = self.label_box(geometry)
        if label is None:
            return (mark.x0, mark.x1), None
        if self.item.point:
            return (min(mark.x0, label.x0), max(mark.x1, label.x1)), None
        return (mark.x0, mark.x1), (label.x0, label.x1)


@dataclass(frozen=True)
class Lane:
    key: str
    top: float
    bottom: float
    header_y: float | None  # the centre of the lane's name, when headers are drawn
    rows: int


@dataclass(frozen=True)
class Layout:
    placed: tuple[Placed, ...]
    lanes: tuple[Lane, ...]
    height: float
    geometry: Geometry = field(default_factory=Geometry)

    def boxes(self, width: float | None = None) -> list[tuple[str, str, Box]]:
        """(item key, "mark" or "label", box) for everything drawn, at `width` (>= layout's)."""
        out = []
        for p in self.placed:
            out.append((p.item.key, "mark", p.mark_box(self.geometry, width)))
            label = p.label_box(self.geometry, width)
            if label is not None:
                out.append((p.item.key, "label", label))
        return out


def _label(item: Item, g: Geometry) -> Placed:
    """The item with its label's lines, side and width at the layout width (not yet placed)."""
    if item.label is None:
        return Placed(item, 0, (), "right", 0.0, 0.0, 0.0)
    w = g.width
    inset = g.font_px if item.point else 0.0  # an em space between a point and its label
    if item.point:
        right_room, left_room = w - item.start * w - inset, item.start * w - inset
        widest = g.max_label_px
    else:
        start, end = max(item.start, 0.0) * w, min(item.end, 1.0) * w
        right_room, left_room = w - start, end
        widest = max(g.max_label_px, end - start)  # a long bar's label may run along it
    lines = fit_lines(item.label, min(widest, max(right_room, left_room)), g.font_px, g.max_lines)
    width = lines_px(lines, g.font_px)
    if width <= right_room:
        side = "right"
    elif width <= left_room:
        side = "left"
    else:
        side, room = ("right", right_room) if right_room >= left_room else ("left", left_room)
        lines = fit_lines(item.label, max(room, g.min_label_px), g.font_px, g.max_lines)
        width = lines_px(lines, g.font_px)
    return Placed(item, 0, tuple(lines), side, width, 0.0, 0.0, inset)


def layout(
    items: Sequence[Item],
    lanes: Sequence[str] = ("",),
    geometry: Geometry | None = None,
    max_rows: int | None = None,
) -> Layout:
    """Place `items` in `lanes` (in that order; items of other lanes are left out).

    Every item gets a place of its own, with its label. With `max_rows` (overview strips),
    a lane grows no further than that: past it, an item that fits nowhere loses its label,
    and a mark that still fits nowhere shares the row that frees up first among rows where
    it covers no label.
    """
    g = geometry or Geometry()
    by_lane: dict[str, list[Placed]] = {lane: [] for lane in lanes}
    for item in items:
        if item.lane in by_lane:
            by_lane[item.lane].append(_label(item, g))
    placed: list[Placed] = []
    lane_bands: list[Lane] = []
    top = 0.0
    row_offset = 0
    for lane in lanes:
        members = by_lane[lane]
        if not members:
            continue
        rows, dropped = _pack(members, g, max_rows)
        for i in dropped:
            members[i] = _label(replace(members[i].item, label=None), g)
        n_rows = max(rows) + 1
        above = [0] * n_rows  # per row, the most lines of a bar's label
        beside = [0] * n_rows  # per row, the most lines of a point's label
        for p, r in zip(members, rows, strict=True):
            if p.item.point:
                beside[r] = max(beside[r], len(p.lines))
            else:
                above[r] = max(above[r], len(p.lines))
        header_y = top + g.header_px / 2 if g.header_px else None
        y = top + g.header_px
        mark_ys = []
        for r in range(n_rows):
            label_band = g.label_height(above[r]) + g.label_gap_px if above[r] else 0.0
            mark_band = max(g.mark_px, g.label_height(beside[r]))
            mark_ys.append(y + g.pad_px + label_band + mark_band / 2)
            y += g.pad_px + label_band + mark_band + g.pad_px
        for p, r in zip(members, rows, strict=True):
            mark_y = mark_ys[r]
            if p.item.point:  # the label's font box centred on the mark
                label_y = mark_y + (ASCENT_EM - DESCENT_EM) / 2 * g.font_px
            else:  # the bottom of the label's box just above the bar's row band
                n = max(len(p.lines), 1)
                nominal = ((n - 1) * LINE_SPACING + 1) * g.font_px
                bottom = mark_y - max(g.mark_px, g.label_height(beside[r])) / 2 - g.label_gap_px
                label_y = bottom - DESCENT_EM * g.font_px - nominal / 2
            placed.append(
                Placed(
                    p.item, row_offset + r, p.lines, p.side, p.label_px, label_y, mark_y, p.inset
                )
            )
        lane_bands.append(Lane(lane, top, y, header_y, n_rows))
        top = y
        row_offset += n_rows
    placed.sort(key=lambda p: p.item.order)
    return Layout(tuple(placed), tuple(lane_bands), top, g)


def _pack(members: list[Placed], g: Geometry, max_rows: int | None) -> tuple[list[int], set[int]]:
    """Row of each item of one lane, first fit in the order of left ends (module doc); and
    the items whose label was dropped because the lane already had `max_rows` rows."""
    bands = [p.bands(g) for p in members]
    lefts = [min(m[0], lab[0]) if lab else m[0] for m, lab in bands]
    # Labelled items first (they must not lose their place to unlabelled marks), each group
    # in the order of left ends: a row only ever takes an item right of all it holds.
    sequence = sorted(
        range(len(members)),
        key=lambda i: (not members[i].lines, lefts[i], members[i].item.order),
    )
    mark_end: list[float] = []  # per row, where its last interval in the mark band ends
    label_end: list[float] = []  # ... in the label band
    text_end: list[float] = []  # ... where its last labelled item ends (either band)
    rows = [0] * len(members)
    dropped: set[int] = set()
    gap = g.gap_px

    lowest: list[tuple[float, int]] = []  # (mark_end, row), lazily updated: the freest row

    def first_fit(
        mark: tuple[float, float], lab: tuple[float, float] | None, labelled: bool
    ) -> int | None:
        while lowest and lowest[0][0] != mark_end[lowest[0][1]]:
            heapq.heappop(lowest)  # stale
        if not lowest or lowest[0][0] + gap > mark[0]:
            return None  # every row is busy here: no need to look at each
        # A label never goes past the cap (rows past it hold unlabelled marks only).
        rows_open = len(mark_end) if max_rows is None or not labelled else max_rows
        for r in range(min(rows_open, len(mark_end))):
            if mark_end[r] + gap <= mark[0] and (lab is None or label_end[r] + gap <= lab[0]):
                return r
        return None

    for i in sequence:
        mark, lab = bands[i]
        labelled = bool(members[i].lines)
        row = first_fit(mark, lab, labelled)
        if row is None and max_rows is not None and len(mark_end) >= max_rows:
            if labelled:  # no room for another labelled row: the mark alone, unlabelled
                dropped.add(i)
                labelled, lab = False, None
                mark = Placed(members[i].item, 0, (), "right", 0.0, 0.0, 0.0).bands(g)[0]
                row = first_fit(mark, None, False)
            if row is None:
                # Share the row that frees up first among those where the mark covers no
                # label (an overview strip of many events stays short).
                shareable = [r for r in range(len(mark_end)) if text_end[r] + gap <= mark[0]]
                row = min(shareable, key=lambda r: (mark_end[r], r)) if shareable else None
        if row is None:
            mark_end.append(float("-inf"))
            label_end.append(float("-inf"))
            text_end.append(float("-inf"))
            row = len(mark_end) - 1
        mark_end[row] = max(mark_end[row], mark[1])
        heapq.heappush(lowest, (mark_end[row], row))
        if lab is not None:
            label_end[row] = max(label_end[row], lab[1])
        if labelled:
            text_end[row] = max(text_end[row], mark[1], lab[1] if lab else mark[1])
        rows[i] = row
    return rows, dropped
