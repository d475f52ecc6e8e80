"""Injection: hostile dataset text and hostile URLs never run, never become markup, never overflow.

The browser tests serve tests/fixtures/injection.py's dataset (every free-text field carries
<script>, onerror handlers, javascript: links, markdown and template syntax; some records hold
5,000-character words) and visit every page once per language, with a filter, and with each
page's own link parameters; on the timeline they hover chart points, on the map they hover the
places' tooltips. Each visit records, over every frame: dialogs, `window.__xss`, script
elements and event handlers from the data, `javascript:` links, dataset text read as markdown,
and horizontal overflow. Separate tests then hold the app to each of these.

Garbage URLs (unknown ids, wrong types, 10 KB values, repeated keys, RTL marks and emoji, %00,
markup) get a notice and a working page on every page, never an exception.

A pure test lists every place the code puts HTML on a page (`st.html(`, `components.html(`,
`unsafe_allow_html=True`, `unsafe_allow_javascript=True`): each must be in the reviewed list
below, so a new one is reviewed (and visited by the browser tests) before it lands.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser import (
    NAV,
    ROOT,
    app_errors,
    page_paths,
    running_server,
    wait_drawn,
    wait_map_drawn,
    wait_settled,
)
from tests.fixtures.injection import PAYLOAD, build_injection_dataset
from usmx import maps
from usmx import urlstate as U
from usmx.dataset import load_dataset

# What ran or could run, in one frame: the checks that must never fail.
RUNS_JS = r"""() => {
    const found = [];
    if (window.__xss !== undefined) found.push('window.__xss = ' + window.__xss);
    for (const s of document.querySelectorAll('script'))
        if (s.textContent.includes('__xss')) found.push('a script element from the data');
    for (const el of document.querySelectorAll('*'))
        for (const a of el.attributes) {
            if (/^on/i.test(a.name) && a.value.includes('__xss'))
                found.push(`an event handler from the data: ${el.tagName}[${a.name}]`);
            if (/^(href|src|action|formaction|xlink:href|data)$/i.test(a.name)
                    && /^\s*javascript:/i.test(a.value))
                found.push(`a javascript: URL: ${el.tagName}[${a.name}]`);
        }
    return found;
}"""

# Dataset (or URL) text that was read as markdown or LaTeX rather than shown as written.
MARKDOWN_JS = r"""() => {
    const found = [];
    for (const el of document.querySelectorAll('strong, b, em, i'))
        if (/^(INJBOLD|INJEM)$/.test(el.textContent.trim()))
            found.push(`<${el.tagName.toLowerCase()}>${el.textContent}</...> in ` + where(el));
    for (const el of document.querySelectorAll('.katex'))
        if (el.textContent.includes('INJMATH')) found.push('LaTeX in ' + where(el));
    for (const el of document.querySelectorAll('code'))
        if (el.textContent.trim() === 'INJCODE') found.push('<code> in ' + where(el));
    for (const el of document.querySelectorAll('a[href*="example.invalid"]'))
        found.push('a link from the text in ' + where(el));
    return found;
    function where(el) {
        const box = el.closest('[data-testid]:not([data-testid="stMarkdownContainer"])');
        return box ? box.dataset.testid : el.tagName;
    }
}"""

# Horizontal overflow of the page, the main area and the sidebar, in CSS pixels.
OVERFLOW_JS = """() => {
    const over = (el) => el ? el.scrollWidth - el.clientWidth : 0;
    return {
        page: document.documentElement.scrollWidth - window.innerWidth,
        main: over(document.querySelector('[data-testid="stMain"]')),
        sidebar: over(document.querySelector('[data-testid="stSidebarContent"]')),
    };
}"""
OVERFLOW_SLACK_PX = 2
VIEWPORT = {"width": 1400, "height": 900}
LITERAL = "<script>window.__xss=1"  # how the payload reads when it is shown as text


@dataclass
class Findings:
    runs: list[str] = field(default_factory=list)
    markdown: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    hover_texts: list[str] = field(default_factory=list)  # timeline hover labels seen
    tooltips: list[str] = field(default_factory=list)  # map tooltips seen


def _record_dialogs(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"a {dialog.type} dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def _probe(page, found: Findings, dialogs: list[str]) -> None:
    found.runs += dialogs
    dialogs.clear()
    for frame in page.frames:
        try:
            found.runs += [f"{frame.url}: {p}" for p in frame.evaluate(RUNS_JS)]
            found.markdown += frame.evaluate(MARKDOWN_JS)
        except PlaywrightError as exc:  # a frame that cannot be probed is not a pass
            found.runs.append(f"{frame.url}: not probed ({exc})")
    found.runs += app_errors(page)
    overflow = page.evaluate(OVERFLOW_JS)
    found.overflow += [f"{k} by {px}px" for k, px in overflow.items() if px > OVERFLOW_SLACK_PX]


def _visit(page, url: str) -> None:
    page.goto(url)
    wait_settled(page)
    expect(page.locator("h1").first).to_be_visible()
    wait_drawn(page)  # late renderers (plotly, the map, images) draw
    if urlparse(url).path.endswith("/map"):
        wait_map_drawn(page)  # its canvas and boundaries, before _hover_map measures it


# Waits on what the page shows, sized for a loaded CI machine (they end as soon as it shows).
HOVER_WAIT_MS = 30_000
MAP_TOOLTIP_WAIT_MS = 10_000  # a miss costs this once per place; a hit ends it at once
# Is deck.gl's tooltip shown with text (arg true) or hidden (arg false)?
TOOLTIP_SHOWN_JS = """shown => {
  const tip = document.querySelector('.deck-tooltip');
  const visible = !!tip && getComputedStyle(tip).display !== 'none' && tip.innerText.trim() !== '';
  return visible === shown;
}"""


def _hover_timeline(page, found: Findings, points: int = 6) -> None:
    """Hover the timeline's first points; keep the labels' text (escaped data shows literally)."""
    chart = page.get_by_test_id("stPlotlyChart").first
    dots = chart.locator(".scatterlayer path.point")
    label = page.locator(".hoverlayer .hovertext").first
    for i in range(min(points, dots.count())):
        # Pointer away first, so the label read is this point's, not the last one still shown.
        page.mouse.move(0, 0)
        label.wait_for(state="detached", timeout=HOVER_WAIT_MS)
        dots.nth(i).hover(force=True)
        label.wait_for(state="attached", timeout=HOVER_WAIT_MS)  # plotly draws it on a frame
        found.hover_texts.append(label.text_content() or "")
        tags = label.evaluate("el => [...el.querySelectorAll('a, img, script, foreignObject')]")
        if tags:
            found.runs.append(f"markup in a timeline hover label: {len(tags)} elements")


def _project(view: dict[str, float], lon: float, lat: float, width: float, height: float):
    """Pixel of (lon, lat) in a deck.gl web-mercator view (512-pixel tiles)."""
    scale = 512 * 2 ** view["zoom"]

    def y(lat: float) -> float:
        return (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * scale

    return (lon - view["longitude"]) / 360 * scale + width / 2, y(lat) - y(
        view["latitude"]
    ) + height / 2


def _hover_map(page, found: Findings, points: list[maps.PlacePoint]) -> None:
    """Hover each place's point on the map; keep the tooltips (deck.gl writes them as text)."""
    canvas = page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first
    box = canvas.bounding_box()
    for point in points:
        x, y = _project(maps.VIEWS["border"], point.lon, point.lat, box["width"], box["height"])
        if not (5 < x < box["width"] - 5 and 5 < y < box["height"] - 5):
            continue
        page.mouse.move(0, 0)
        page.wait_for_function(TOOLTIP_SHOWN_JS, arg=False, timeout=HOVER_WAIT_MS)
        canvas.hover(position={"x": x, "y": y}, force=True)
        try:  # deck.gl picks on the next frames; a projected pixel may miss a small point
            page.wait_for_function(TOOLTIP_SHOWN_JS, arg=True, timeout=MAP_TOOLTIP_WAIT_MS)
        except PlaywrightError:
            continue
        tip = page.locator(".deck-tooltip")
        if tip.count():
            found.tooltips.append(tip.first.inner_text())
            tags = tip.first.evaluate("el => [...el.querySelectorAll('*')].map(e => e.tagName)")
            if set(tags) - {"BR"}:
                found.runs.append(f"markup in a map tooltip: {sorted(set(tags))}")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The app serving the hostile dataset: (server, dataset)."""
    path = build_injection_dataset(tmp_path_factory.mktemp("hostile"))
    with running_server(env={"USMX_DATASET": str(path)}) as server:
        yield server, load_dataset(path)


def _visits(ds) -> list[tuple[str, str]]:
    """(page path, query) for every page: in Chinese with the page's own link parameter (an
    event card, a profile, one quote, a cited span), and in English with a filter that puts
    hostile names into captions and chips."""
    trump = ds.actor("trump").evidence[0]
    own = {
        "timeline": f"event={ds.events[0].id}",
        "actors": "profile=trump",
        "quotes": f"quote={ds.quotes[0].id}",
        "source": f"span={trump.start}-{trump.end}",
        "network": "node=trump",  # the events list: hostile titles in the template
    }
    return [
        (path, query)
        for path in page_paths()
        for query in (own.get(path, ""), "lang=en&actor=trump&place=mexico")
    ]


@pytest.fixture(scope="module")
def findings(hostile, browser) -> dict[str, Findings]:
    """Each visit's findings, by URL (visited once, asserted by several tests)."""
    server, ds = hostile
    points = maps.place_points(ds.events, ds.places, lang="en")
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    dialogs = _record_dialogs(page)
    out: dict[str, Findings] = {}
    try:
        for path, query in _visits(ds):
            url = f"{server.url}/{path}?{query}"
            found = out[f"/{path}?{query}"] = Findings()
            _visit(page, url)
            if path == "timeline" and "lang=en" not in query:
                _hover_timeline(page, found)
            if path == "map" and "lang=en" not in query:
                _hover_map(page, found, points)
            _probe(page, found, dialogs)
    finally:
        context.close()
    return out


browser_test = pytest.mark.browser


@browser_test
def test_hostile_dataset_text_never_runs(findings):
    assert {url.split("?")[0] for url in findings} == {f"/{p}" for p in page_paths()}
    bad = {url: f.runs for url, f in findings.items() if f.runs}
    assert not bad, bad


@browser_test
def test_hover_labels_and_tooltips_show_the_text_as_written(findings):
    hovers = [t for f in findings.values() for t in f.hover_texts]
    tips = [t for f in findings.values() for t in f.tooltips]
    if "timeline" in page_paths():
        assert any(LITERAL in t for t in hovers), hovers[:3]
    if "map" in page_paths():
        assert any(LITERAL in t for t in tips), tips[:3]


@browser_test
def test_dataset_text_is_not_read_as_markdown(findings):
    bad = {url: sorted(set(f.markdown)) for url, f in findings.items() if f.markdown}
    assert not bad, bad


@browser_test
def test_long_dataset_text_does_not_overflow(findings):
    bad = {url: f.overflow for url, f in findings.items() if f.overflow}
    assert not bad, bad


# --- garbage in the URL -------------------------------------------------------------------

TEN_KB = "x" * 10_000
# Each kind of garbage, spread over the pages (every page gets some; a page's own parameters
# go to that page). Every URL also carries a filter value that must be reported.
GARBAGE = [
    "actor=nobody&place=atlantis&type=coup&status=maybe&dates=yesterday&dates=42&lang=fr",
    f"actor={TEN_KB}&dates={'9' * 10_000}&place={TEN_KB}&event={TEN_KB}",
    "&".join(["actor=trump"] * 60 + ["dates=2025-01-01"] * 5 + ["lang=en"] * 3)
    + "&map_view=%F0%9F%92%A3&map_basemap=%00",
    "actor="
    + quote("\u202enimda\u202c🙂💣")
    + "&place="
    + quote("מקסיקו\u200f🇲🇽")
    + "&type="
    + quote("e\u0301\u0301\u0301")
    + "&quote=%00&quote_q=%F0%9F%92%A3",
    "actor=%00&dates=%00%00&type=%ZZ&place=%C0%AF&status=%&profile=%3Cscript%3E&profile=x",
    "actor="
    + quote("<img src=x onerror=window.__xss=9>")
    + "&place="
    + quote("**INJBOLD**")
    + "&type="
    + quote("$INJMATH$")
    + "&span=9-1%00&span="
    + "9" * 400,
]


@browser_test
@pytest.mark.parametrize("index", range(len(GARBAGE)))
def test_garbage_url_gives_a_notice_and_a_working_page(page, server, index):
    paths = page_paths()
    path, query = paths[index % len(paths)], GARBAGE[index]
    dialogs = _record_dialogs(page)
    _visit(page, f"{server.url}/{path}?{query}")
    notices = page.get_by_test_id("stSidebar").get_by_test_id("stAlertContentWarning")
    expect(notices.first).to_be_visible()
    expect(page.locator(NAV)).to_be_visible()
    found = Findings()
    _probe(page, found, dialogs)
    assert not found.runs, found.runs
    assert not found.overflow, found.overflow
    # The URL's filter keeps only what the app understood (a page's own parameters are the
    # page's business and are left alone).
    kept = parse_qs(urlparse(page.url).query)
    for key in U.FILTER_PARAMS:
        assert all(len(v) <= U.MAX_VALUE_CHARS for v in kept.get(key, [])), key
    assert kept.get("actor", []) in ([], ["trump"])


@browser_test
def test_url_text_in_notices_is_not_read_as_markdown(page, server):
    query = "actor=" + quote("[log in again](https://example.invalid/)") + "&place=**INJBOLD**"
    _visit(page, f"{server.url}/?{query}")
    expect(page.get_by_test_id("stAlertContentWarning").first).to_be_visible()
    assert page.evaluate(MARKDOWN_JS) == []


# --- every place that puts HTML on a page, reviewed --------------------------------------------

# (file, enclosing function, call, what produces the HTML, unsafe flags). Each is visited by
# the browser tests above. Most fill a Jinja2 template of usmx/templates/ (autoescaped, see
# usmx/render.py; the template is named after each entry); the rest escape every dataset value
# by hand (see the module named). Scripts are built from validated numbers or a fixed set of
# values only.
REVIEWED_HTML = {
    ("pages/actors.py", "<module>", "st.html", "A.profile_html", ()),  # actor_profile
    ("pages/actors.py", "<module>", "st.html", "A.events_table_html", ()),  # table
    ("pages/actors.py", "<module>", "st.html", "A.claims_table_html", ()),  # table
    ("pages/actors.py", "<module>", "st.html", "A.actors_table_html", ()),  # table
    ("pages/source.py", "<module>", "st.html", "sv.about_html", ()),  # about_source
    ("pages/source.py", "<module>", "st.html", "sv.render_side_by_side_html", ()),  # source_article
    ("pages/source.py", "<module>", "st.html", "sv.render_article_html", ()),  # source_article
    # Scrolls to a span whose id is made of two int()s (scroll_to_span, the id through tojson):
    # no URL text reaches the script.
    ("pages/source.py", "<module>", "st.html", "sv.scroll_script", ("unsafe_allow_javascript",)),
    ("usmx/ui/event_card.py", "show_event_card", "st.html", "event_card_html", ()),  # event_card
    ("usmx/ui/map_view.py", "legend", "st.html", "maps.legend_html", ()),  # catalog text only
    # usmx/templates/map_pick.html.j2 (autoescape): place, arc and event names, timeline links.
    ("usmx/ui/map_view.py", "pick_panel", "st.html", "render", ()),
    ("usmx/ui/map_view.py", "places_table", "st.html", "maps.places_table_html", ()),
    ("usmx/ui/quote_card.py", "quote_card", "st.html", "quote_card_html", ()),  # quote_card
    ("usmx/ui/quote_card.py", "quote_terms", "st.html", "terms_html", ()),  # quote_terms
    ("usmx/ui/overview.py", "render", "st.html", "A.top_actors_html", ()),  # top_actors
    # usmx/months.py (months_chart, months.svg, table): numbers, month strings and catalog
    # labels; the SVG is an <img> data URI (scripts in an SVG image never run).
    ("usmx/ui/overview.py", "month_chart", "st.html", "months.chart_html", ()),
    ("usmx/ui/overview.py", "month_chart", "st.html", "months.table_html", ()),
    ("usmx/ui/overview.py", "render", "st.html", "headline_html", ()),  # headline
    ("usmx/ui/charts.py", "table_and_downloads", "st.html", "frame_html", ()),  # table
    # Count charts as HTML bars: usmx/templates/count_bars.html.j2 (autoescape), built by
    # usmx.charts.count_bars.count_chart_html and cached in BuiltHtml.html.
    ("usmx/ui/charts.py", "show_count_chart", "st.html", "Attribute", ()),
    # The timeline's legend: usmx/templates/timeline_legend.html.j2 (autoescape, catalog
    # labels and palette colours), built by usmx.charts.timeline.legend_html.
    ("usmx/ui/timeline.py", "show_timeline", "st.html", "Attribute", ()),
    # Story mode: the strip (an escaped SVG as an image) and the article passages (template).
    ("pages/story.py", "<module>", "st.html", "story.strip_html", ()),
    ("pages/story.py", "<module>", "st.html", "render", ()),
    # Jinja templates with autoescape (network_events.html.j2, claims.html.j2); links are
    # built by ctx.url from ids and offsets, never from dataset text.
    ("usmx/ui/network_view.py", "show_events", "st.html", "NE.events_html", ()),
    ("pages/claims.py", "<module>", "st.html", "claims_html", ()),
    # The app's one stylesheet (usmx/templates/usmx.css.j2): constants and palette colours only.
    ("usmx/ui/context.py", "build", "st.html", "stylesheet", ()),
    # usmx/review_view.py, templates review_*.html.j2: the source's text and the candidates
    ("usmx/ui/review_page.py", "_review", "st.html", "review_view.source_html", ()),
    ("usmx/ui/review_page.py", "_review", "st.html", "review_view.decided_html", ()),
    ("usmx/ui/review_form.py", "decide", "st.html", "review_view.card_html", ()),
    # Sets <html lang> to json.dumps of a value checked against LANGS.
    (
        "usmx/ui/sidebar.py",
        "language",
        "st.sidebar.html",
        "JoinedStr",
        ("unsafe_allow_javascript",),
    ),
}
UNSAFE_FLAGS = ("unsafe_allow_html", "unsafe_allow_javascript")


def html_call_sites(
    root: Path = ROOT, files: list[Path] | None = None
) -> set[tuple[str, str, str, str, tuple[str, ...]]]:
    """Every call in dashboard.py, pages/ and usmx/ that puts HTML or script on a page."""
    if files is None:
        files = [root / "dashboard.py", *(root / "pages").glob("*.py")]
        files += (root / "usmx").rglob("*.py")
    found = set()
    for path in files:
        rel = path.relative_to(root).as_posix()
        for scope, node in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            func = node.func
            name = getattr(func, "attr", getattr(func, "id", ""))
            flags = tuple(
                k.arg
                for k in node.keywords
                if k.arg in UNSAFE_FLAGS
                and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            )
            if name == "html" or flags:
                arg = node.args[0] if node.args else None
                what = ast.unparse(arg.func) if isinstance(arg, ast.Call) else type(arg).__name__
                found.add((rel, scope, ast.unparse(func), what, flags))
    return found


def _calls(tree: ast.AST, scope: str = "<module>"):
    for node in ast.iter_child_nodes(tree):
        inner = node.name if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else scope
        if isinstance(node, ast.Call):
            yield scope, node
        yield from _calls(node, inner)


def test_every_html_call_site_is_reviewed():
    found = html_call_sites()
    assert found - REVIEWED_HTML == set(), "new HTML on a page: review it, then list it here"
    assert REVIEWED_HTML - found == set(), "a reviewed call site is gone: drop it from the list"


def test_html_call_site_scan_sees_every_way_to_put_html(tmp_path):
    code = tmp_path / "page.py"
    code.write_text(
        "import streamlit as st\n"
        "from streamlit.components.v1 import html\n"
        "st.html(card_html(x))\n"
        "def page(x, flag):\n"
        "    st.sidebar.html(x)\n"
        "    html(f'<b>{x}</b>', height=0)\n"
        "    st.markdown(x, unsafe_allow_html=True)\n"
        "    st.caption(x, unsafe_allow_html=flag)\n"
        "    st.markdown(x, unsafe_allow_html=False)\n"
        "    st.write(fig.to_html())\n",
        encoding="utf-8",
    )
    assert html_call_sites(tmp_path, [code]) == {
        ("page.py", "<module>", "st.html", "card_html", ()),
        ("page.py", "page", "st.sidebar.html", "Name", ()),
        ("page.py", "page", "html", "JoinedStr", ()),
        ("page.py", "page", "st.markdown", "Name", ("unsafe_allow_html",)),
        ("page.py", "page", "st.caption", "Name", ("unsafe_allow_html",)),
    }
    assert PAYLOAD.count("__xss") == 8  # each payload that could run sets its own value
