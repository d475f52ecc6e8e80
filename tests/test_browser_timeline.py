"""Real-browser tests of the Timeline page: labels as Chromium draws them, the SVG export, brushing.

The real server and Debian's Chromium (tests/browser.py). The layout's promise is checked on
what the browser actually renders: the box of every label's visible characters (from the
SVG text's own character extents) against every other label and every mark.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser import wait_settled
from usmx.dataset import load_dataset
from usmx.i18n import LANGS, title

pytestmark = pytest.mark.browser
DS = load_dataset()
ARTICLE_DAYS = (dt.date(2026, 1, 1), dt.date(2026, 1, 16))
DETAIL = ".st-key-timeline_chart"
OVERVIEW = ".st-key-timeline_context"
DRAWN_JS = """(sel) => { const el = document.querySelector(sel);
  return !!(el && el.querySelector('.main-svg') && el.querySelector('.scatterlayer')); }"""

# Boxes in page pixels: marks (bars, dots, triangles, arrows) and, for each label line, the
# union of its visible characters (spaces, including the em space before a point's label,
# left out).
BOXES_JS = """(sel) => {
  const root = document.querySelector(sel);
  const box = (r) => ({x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  const marks = [...root.querySelectorAll('.barlayer .point path, .scatterlayer path.point')]
    .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0).map(box);
  const labels = [];
  let n = 0;
  for (const text of root.querySelectorAll('.scatterlayer .textpoint text')) {
    n++;
    const lines = text.querySelectorAll('tspan.line');
    for (const el of (lines.length ? [...lines] : [text])) {
      const s = el.textContent, m = el.getScreenCTM();
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i < el.getNumberOfChars(); i++) {
        if (/\\s/.test(s[i])) continue;
        const r = el.getExtentOfChar(i);
        for (const [px, py] of [[r.x, r.y], [r.x + r.width, r.y + r.height]]) {
          const p = new DOMPoint(px, py).matrixTransform(m);
          x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y);
          x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y);
        }
      }
      if (x0 < Infinity) labels.push({x0, y0, x1, y1, text: s.trim(), label: n});
    }
  }
  return {marks, labels};
}"""


def open_timeline(page, server, query: str) -> None:
    page.goto(f"{server.url}/timeline?{query}")
    wait_settled(page, timeout=120_000)
    for sel in (OVERVIEW, DETAIL):
        page.wait_for_function(DRAWN_JS, arg=sel, timeout=60_000)


def overlaps(a: dict, b: dict, tolerance: float = 0.5) -> bool:
    return (
        a["x0"] + tolerance < b["x1"]
        and b["x0"] + tolerance < a["x1"]
        and a["y0"] + tolerance < b["y1"]
        and b["y0"] + tolerance < a["y1"]
    )


def visible_titles(lang: str, window: tuple[dt.date, dt.date] = ARTICLE_DAYS) -> list[str]:
    lo, hi = window
    return [
        title(e, lang)
        for e in DS.events
        if (e.interval.start or e.interval.end) <= hi and e.interval.end >= lo
    ]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", LANGS)
def test_drawn_labels_never_overlap_labels_or_marks(page, server, lang):
    open_timeline(page, server, f"lang={lang}")
    for sel, every_label in ((DETAIL, True), (OVERVIEW, False)):
        boxes = page.evaluate(BOXES_JS, sel)
        labels, marks = boxes["labels"], boxes["marks"]
        assert labels, sel
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                if a["label"] != b["label"]:  # a label's own lines are 1.3 em apart
                    assert not overlaps(a, b), (sel, a["text"], b["text"])
            for m in marks:
                assert not overlaps(a, m), (sel, a["text"], m)
        if every_label:  # each visible event's title is written on the detail
            written = squeeze("".join(label["text"] for label in labels))
            for name in visible_titles(lang):
                assert squeeze(name)[:8] in written, name


@pytest.mark.parametrize("lang", LANGS)
def test_exported_svg_names_every_visible_event(page, server, lang, tmp_path):
    open_timeline(page, server, f"lang={lang}")
    with page.expect_download(timeout=120_000) as download:
        page.locator(".st-key-dl_timeline_svg").get_by_role("button").click()
    path = tmp_path / "timeline.svg"
    download.value.save_as(path)
    root = ET.fromstring(path.read_bytes())
    texts = [squeeze("".join(el.itertext())) for el in root.iter() if el.tag.endswith("text")]
    everything = "\n".join(texts)
    for name in visible_titles(lang):
        assert squeeze(name) in everything, name  # in full: the export is wide enough
    # Self-explanatory: the source and the legend travel with the picture.
    assert squeeze("資料來源" if lang == "zh-Hant" else "Source: a news article") in everything
    assert squeeze("日期精確度" if lang == "zh-Hant" else "Date precision") in everything


def test_brushing_the_overview_moves_the_detail_and_the_url(page, server):
    open_timeline(page, server, "lang=en")
    area = page.locator(f"{OVERVIEW} .nsewdrag").first
    box = area.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.45, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=8)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"[?&]focus=\d{4}-\d{2}-\d{2}%2F\d{4}-\d{2}-\d{2}"))
    wait_settled(page)
    focus = parse_qs(urlparse(page.url).query)["focus"][0]
    lo, hi = (dt.date.fromisoformat(day) for day in focus.split("/"))
    assert lo < hi < dt.date(2026, 1, 1)
    expect(page.locator(DETAIL)).to_contain_text(f"{lo} to {hi}")  # the detail's subtitle


# The page-pixel centre of an event's mark on a chart: plotly draws the points of each
# scatter trace, in order, in a `.trace` group of the scatter layer.
MARK_CENTRE_JS = """([sel, id]) => {
  const gd = document.querySelector(sel + ' .js-plotly-plot');
  const traces = gd._fullData.filter(tr => tr.type === 'scatter');
  const groups = gd.querySelectorAll('.scatterlayer .trace');
  for (let t = 0; t < traces.length; t++) {
    const i = (traces[t].customdata || []).indexOf(id);
    if (i < 0) continue;
    const r = groups[t].querySelectorAll('path.point')[i].getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + r.height / 2};
  }
  return null;
}"""


def test_clicking_a_mark_opens_its_card_and_the_url_keeps_it(page, server):
    open_timeline(page, server, "lang=en")
    page.locator(DETAIL).scroll_into_view_if_needed()
    centre = page.evaluate(MARK_CENTRE_JS, [DETAIL, "us_strike_on_venezuela"])
    assert centre is not None
    page.mouse.click(centre["x"], centre["y"])
    expect(page).to_have_url(re.compile(r"[?&]event=us_strike_on_venezuela(&|$)"))
    expect(page.locator(".st-key-event_card")).to_contain_text("US military strikes Venezuela")
