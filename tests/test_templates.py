"""The template layer: every HTML fragment of the Source, Quotes, Actors and Overview pages
comes from a Jinja2 template (usmx/templates/) and escapes whatever the dataset holds.

- A scan: no module of usmx/ or pages/ calls `html.escape` (the templates escape), apart from
  the modules listed below that are still to be converted, and no module of these pages
  chooses punctuation with a `lang == "zh-Hant"` ternary (usmx.locale does).
- Every fragment function, fed the hostile copy of the dataset (tests/fixtures/injection.py),
  shows the payloads as text: no element or attribute comes from the data.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.fixtures.injection import PAYLOAD, build_injection_dataset
from usmx import actors as A
from usmx import quotes as Q
from usmx import source_view as sv
from usmx import spans as S
from usmx.article import paragraphs
from usmx.dataset import load_dataset
from usmx.evidence import evidence_html
from usmx.headline import headline_html
from usmx.html_table import Link, table_html
from usmx.model import Dataset
from usmx.render import environment
from usmx.ui.event_card import event_card_html

ROOT = Path(__file__).resolve().parent.parent
# Plotly renders a small subset of HTML in chart titles, hover and tick labels: dataset text
# going there is escaped by the one helper `usmx.charts.style.esc`, not by templates.
PLOTLY_TEXT = {"usmx/charts/style.py"}
# The modules of the Source, Quotes, Actors and Overview pages: no language ternaries.
PAGE_MODULES = [
    "usmx/article.py",
    "usmx/spans.py",
    "usmx/highlight.py",
    "usmx/source_view.py",
    "usmx/quotes.py",
    "usmx/actors.py",
    "usmx/evidence.py",
    "usmx/html_table.py",
    "usmx/ui/data.py",
    "usmx/ui/quote_card.py",
    "usmx/ui/event_card.py",
    "usmx/ui/overview.py",
    "pages/source.py",
    "pages/quotes.py",
    "pages/actors.py",
]


def _modules() -> list[Path]:
    return sorted([*(ROOT / "usmx").rglob("*.py"), *(ROOT / "pages").glob("*.py")])


def test_no_module_escapes_html_by_hand():
    offenders = {
        path.relative_to(ROOT).as_posix()
        for path in _modules()
        if re.search(
            r"\bhtml\.escape\(|^import html$|^from html import", path.read_text(), re.MULTILINE
        )
    }
    assert offenders - PLOTLY_TEXT == set(), "build the HTML with a template (usmx.render)"
    assert PLOTLY_TEXT - offenders == set(), "the plotly escaping helper moved: update this test"


@pytest.mark.parametrize("module", PAGE_MODULES)
def test_page_modules_leave_punctuation_to_the_locale(module):
    text = (ROOT / module).read_text(encoding="utf-8")
    assert not re.search(r"""lang\s*==\s*["']zh-Hant["']""", text)
    assert not re.search(r"""["'](、|：|，|（|）)["']""", text), "use usmx.locale"


def test_every_template_has_a_comment_saying_what_it_is():
    for name in environment().list_templates(extensions=["j2"]):
        source = (ROOT / "usmx" / "templates" / name).read_text(encoding="utf-8")
        assert source.lstrip().startswith(("{#", "/*")), name


# --- hostile data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Dataset:
    return load_dataset(build_injection_dataset(tmp_path_factory.mktemp("hostile")))


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(k for k, _ in attrs)
        if tag == "a":
            self.text += " " + (dict(attrs).get("href") or "")

    def handle_data(self, data):
        self.text += data


def _fragments(ds: Dataset, lang: str) -> dict[str, str]:
    quote = ds.quotes[1]
    ev = quote.evidence[0]
    focus = (ev.start, ev.end)
    records = S.records_at(ds, focus, lang)
    box = sv.cited_by(ds.article, focus, records, {(rt, rid): PAYLOAD for rt, rid, _ in records})
    labels = S.record_labels(ds, lang)
    prof = A.profile(ds, "trump")
    urls = {a.id: PAYLOAD for a in ds.actors}
    rows = A.actor_rows(ds, ds.events, ds.quotes, ds.claims, lang=lang)
    english = [PAYLOAD] * len(paragraphs(ds.article))
    return {
        "article": sv.render_article_html(
            ds.article, S.spans(ds), lang=lang, focus=focus, labels=labels, cited=box
        ),
        "side_by_side": sv.render_side_by_side_html(
            ds.article, S.spans(ds), english, lang=lang, labels=labels
        ),
        "cited_by": sv.cited_by_html(box, lang=lang),
        "about": sv.about_html(ds, lang),
        "quote_card": Q.quote_card_html(
            quote, ds, lang=lang, source_url=PAYLOAD, event_url=PAYLOAD
        ),
        "terms": Q.terms_html(
            Q.arrange(ds.quotes).terms,
            ds,
            lang=lang,
            source_url=lambda q: PAYLOAD,
            event_url=lambda q: PAYLOAD,
        ),
        "profile": A.profile_html(
            prof, lang=lang, article=ds.article, urls=urls, source_url=PAYLOAD
        ),
        "events_table": A.events_table_html(prof, lang=lang, url_for=lambda e: PAYLOAD),
        "claims_table": A.claims_table_html(prof, lang=lang, url_for=lambda a, b: PAYLOAD),
        "actors_table": A.actors_table_html(rows, lang=lang, profile_url=lambda a: PAYLOAD),
        "top_actors": A.top_actors_html(rows, lang, lambda a: PAYLOAD),
        "event_card": event_card_html(ds.events[1], ds, lang),
        "evidence": evidence_html(PAYLOAD, 0, len(PAYLOAD)),
        "table": table_html([PAYLOAD], [[Link(PAYLOAD, PAYLOAD)], [PAYLOAD]], lang=lang),
        "headline": headline_html([(PAYLOAD, 1)], lang),
    }


FRAGMENTS = list(_fragments(load_dataset(), "en"))
# What the fragments may contain: the app's own elements and attributes, nothing else.
ALLOWED_TAGS = {
    "div", "p", "span", "mark", "b", "strong", "code", "a", "ul", "li", "dl", "dt", "dd", "h3",
    "h4", "blockquote", "br", "wbr", "table", "thead", "tbody", "tr", "th", "td", "script",
}  # fmt: skip
ALLOWED_ATTRS = {
    "class", "id", "lang", "role", "title", "href", "target", "rel", "scope", "data-records",
    "data-spans", "data-more",
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_hostile_text_stays_text(hostile, fragment, lang):
    out = _fragments(hostile, lang)[fragment]
    scan = _Scan()
    scan.feed(out)
    assert scan.tags <= ALLOWED_TAGS - {"script"}
    assert scan.attrs <= ALLOWED_ATTRS
    assert "<script>window" not in out
    assert "<img" not in out
    assert PAYLOAD in scan.text  # shown, as written
