"""Accessibility: axe-core on every page in both languages, chart text, colours, page language.

axe-core (npm, pinned by package-lock.json; `npm ci` installs it, `make test` runs that) is
injected into each page of the real app and run against WCAG 2.1 A/AA and best practice. No
violation of impact "serious" or "critical" may remain, except:

- EXCLUSIONS: Streamlit's own markup that the app cannot change (rule, where, why). Empty
  today: every finding so far came from our own code or theme.
- KNOWN: findings in our own code that were reported to the lead with a fix. Each must still
  occur (so fixing one fails `test_known_issues_are_still_open` until its entry is removed):
  the list can only shrink.

Also: every chart has a text alternative (plotly and deck.gl charts are figures named by
`alt=`), every chart colour comes from usmx.charts' palettes, the palettes stay apart under
simulated colour-vision deficiencies, and `<html lang>` follows the language switch.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser import ROOT, page_paths, wait_drawn, wait_settled
from usmx import palette as charts
from usmx.i18n import LANGS
from usmx.palette import FADED, RELATION_COLORS, SIDE_COLORS

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")

# (rule id, regex over the failing node's selector and HTML, why it cannot be fixed by us).
EXCLUSIONS: list[tuple[str, str, str]] = []

# (rule id, regex over selector and HTML) -> what is wrong and the fix proposed to the lead.
KNOWN: dict[tuple[str, str], str] = {}


@dataclass
class Audit:
    violations: list[dict] = field(default_factory=list)  # serious and critical only
    html_lang: str = ""
    figures: list[dict] = field(default_factory=list)  # role and accessible name of charts
    colours: set[str] = field(default_factory=set)  # every colour of every plotly trace


AUDIT_JS = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                            resultTypes: ['violations']});
    const violations = result.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .flatMap(v => v.nodes.map(n => ({
            rule: v.id, impact: v.impact, help: v.help,
            where: n.target.join(' ') + ' ' + n.html.slice(0, 300),
        })));
    const figures = [...document.querySelectorAll(
            '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]')]
        .map(e => ({kind: e.dataset.testid, role: e.getAttribute('role'),
                    name: e.getAttribute('aria-label') || ''}));
    const colours = [];
    for (const gd of document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot'))
        for (const t of gd.data || []) {
            const m = t.marker || {};
            for (const c of [m.color, (m.line || {}).color, (t.line || {}).color, t.fillcolor,
                             (m.pattern || {}).fgcolor])
                for (const v of [].concat(c === undefined || c === null ? [] : c))
                    if (typeof v === 'string') colours.push(v);
        }
    return {violations, figures, colours, lang: document.documentElement.lang};
}"""


def require_axe() -> None:
    if AXE.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{AXE} missing: CI must run the accessibility tests (npm ci)")
    pytest.skip("axe-core is not installed: run `npm ci` (make test does)")


def _matches(rule: str, pattern: str, violation: dict) -> bool:
    return violation["rule"] == rule and re.search(pattern, violation["where"]) is not None


@pytest.fixture(scope="module")
def audits(server, browser) -> dict[str, Audit]:
    """Every page in both languages, audited once: by URL."""
    require_axe()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    out: dict[str, Audit] = {}
    try:
        for path in page_paths():
            for lang in LANGS:
                url = f"/{path}" + ("?lang=en" if lang == "en" else "")
                page.goto(server.url + url)
                wait_settled(page)
                expect(page.locator("h1").first).to_be_visible()
                wait_drawn(page)  # charts, the map's canvas and images draw after the run ends
                page.add_script_tag(path=str(AXE))
                found = page.evaluate(AUDIT_JS, AXE_TAGS)
                out[url] = Audit(
                    found["violations"], found["lang"], found["figures"], set(found["colours"])
                )
    finally:
        context.close()
    return out


browser_test = pytest.mark.browser


@browser_test
def test_no_serious_or_critical_violations(audits):
    assert {url.split("?")[0] for url in audits} == {f"/{p}" for p in page_paths()}
    allowed = [(r, p) for r, p, _ in EXCLUSIONS] + list(KNOWN)
    left = {
        url: [
            f"{v['impact']} {v['rule']} ({v['help']}): {v['where'][:200]}"
            for v in audit.violations
            if not any(_matches(rule, pattern, v) for rule, pattern in allowed)
        ]
        for url, audit in audits.items()
    }
    left = {url: found for url, found in left.items() if found}
    assert not left, left


@browser_test
def test_known_issues_are_still_open(audits):
    found = [v for audit in audits.values() for v in audit.violations]
    fixed = [
        f"{rule}: {why}"
        for (rule, pattern), why in KNOWN.items()
        if not any(_matches(rule, pattern, v) for v in found)
    ]
    assert not fixed, f"fixed, so remove from KNOWN: {fixed}"


@browser_test
def test_charts_have_text_alternatives(audits):
    figures = [f for audit in audits.values() for f in audit.figures]
    assert {f["kind"] for f in figures} >= {"stPlotlyChart"}, "no chart was audited"
    unnamed = [f for f in figures if f["role"] != "figure" or len(f["name"].strip()) < 10]
    assert not unnamed, unnamed


def _hex(colour: str) -> str:
    """'#0072b2', 'rgba(0,114,178,0.5)' or 'white' as '#0072B2' (alpha dropped)."""
    named = {"white": "#FFFFFF", "black": "#000000"}
    if colour.lower() in named:
        return named[colour.lower()]
    if m := re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*[\d.]+)?\)", colour.strip()):
        return "#{:02X}{:02X}{:02X}".format(*map(int, m.groups()))
    return colour.upper()


PALETTE = {
    *charts.OKABE_ITO,
    *charts.STATUS_COLORS.values(),
    *charts.EVENT_TYPE_COLORS.values(),
    *charts.ROLE_COLORS.values(),
    *RELATION_COLORS.values(),  # the actor network's lines
    *SIDE_COLORS.values(),  # its actors, by side
    FADED,  # its lines outside a pick
    charts.NEUTRAL,
    "#FFFFFF",  # outlines that set marks apart
}


@browser_test
def test_chart_colours_come_from_the_palettes(audits):
    colours = {c for audit in audits.values() for c in audit.colours}
    assert colours, "no chart colour was seen"
    assert {_hex(c) for c in colours} <= {c.upper() for c in PALETTE}


# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}  # fmt: skip
MIN_DELTA_E = 8.0  # CIE76 distance between any two colours of one palette, as seen with a CVD


def _lab(hex_colour: str, matrix) -> tuple[float, float, float]:
    def linear(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5)]
    r, g, b = (
        min(1.0, max(0.0, sum(m * v for m, v in zip(row, rgb, strict=True)))) for row in matrix
    )
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize(
    "palette",
    [
        "status",
        "event_type",
        "role",
        "relation",
    ],
)
def test_palette_colours_stay_apart_with_colour_vision_deficiencies(palette):
    colours = {
        "status": charts.STATUS_COLORS,
        "event_type": charts.EVENT_TYPE_COLORS,
        "role": charts.ROLE_COLORS,
        "relation": RELATION_COLORS,
    }[palette].values()
    closest = min(
        (math.dist(_lab(a, m), _lab(b, m)), kind, a, b)
        for kind, m in CVD.items()
        for a, b in itertools.combinations(colours, 2)
    )
    assert closest[0] >= MIN_DELTA_E, closest


@browser_test
def test_page_language_follows_the_switch(audits, page, server):
    langs = {url: audit.html_lang for url, audit in audits.items()}
    assert langs == {url: "en" if "lang=en" in url else "zh-Hant" for url in audits}
    page.goto(server.url + "/?lang=en")
    wait_settled(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".st-key-lang").get_by_role("radio", name="繁體中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
