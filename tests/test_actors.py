"""Tests for usmx.actors: profiles (names, hierarchy, events, quotes, claims), the counts table."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from tests.apptest import run_app
from usmx import actors as A
from usmx.dataset import load_dataset
from usmx.filters import Filters
from usmx.i18n import title
from usmx.model import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def test_trump_profile(ds):
    prof = A.profile(ds, "trump")
    event_ids = [ev.id for ev, _ in prof.events]
    assert "trump_warns_mexico" in event_ids
    roles = {ev.id: role.value for ev, role in prof.events}
    assert roles["trump_warns_mexico"] == "initiator"
    assert "q_trump_97_percent" in {q.id for q in prof.quotes}
    assert "c_97_percent_sea_drugs" in {c.id for c in prof.claims}
    assert "川普" in prof.names
    assert {"Donald Trump", "特朗普"} <= set(prof.names)
    assert prof.parent is not None
    assert prof.parent.id == "us_government"
    assert prof.wikidata_url == "https://www.wikidata.org/wiki/Q22686"
    assert ds.article[prof.introduced_by.start : prof.introduced_by.end] == prof.introduced_by.exact
    assert prof.total_events == len(prof.events)


def test_events_are_in_date_order(ds):
    prof = A.profile(ds, "sheinbaum")
    starts = [ev.interval.start or ev.interval.end for ev, _ in prof.events]
    assert starts == sorted(starts)


def test_children_of_us_government_include_the_cia(ds):
    prof = A.profile(ds, "us_government")
    children = {a.id for a in prof.children}
    assert "cia" in children
    assert "us_navy_special_forces" not in children  # a grandchild, under the US military
    assert prof.parent is None


def test_profile_limited_to_a_filter(ds):
    f = Filters(actors=("sheinbaum",))
    prof = A.profile(ds, "trump", events=f.events(ds), quotes=f.quotes(ds), claims=f.claims(ds))
    assert prof.events
    assert all(any(ea.actor_id == "sheinbaum" for ea in ev.actors) for ev, _ in prof.events)
    assert len(prof.events) < prof.total_events
    assert prof.quotes == ()  # the filter keeps only Sheinbaum's quotes


def test_introduced_by_is_the_earliest_mention(ds):
    prof = A.profile(ds, "sheinbaum")
    assert prof.introduced_by.start == min(ev.start for ev in prof.actor.evidence)


@pytest.mark.parametrize(
    ("qid", "url"),
    [
        ("Q22686", "https://www.wikidata.org/wiki/Q22686"),
        ("Q0", None),
        ("q22686", None),
        ("Q1 ", None),
        ("Q1/../../evil", None),
        ("javascript:alert(1)", None),
        (None, None),
        ("", None),
    ],
)
def test_wikidata_url_only_for_valid_ids(qid, url):
    assert A.wikidata_url(qid) == url


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), "mexico_government"),  # the actor in most events
        (Filters(actors=("sheinbaum", "trump")), "sheinbaum"),
        (Filters(event_types=("diplomacy",)), "mexico_government"),
    ],
)
def test_default_actor(ds, filters, expected):
    counts = A.event_counts(ds)
    assert counts["mexico_government"] == max(counts.values())
    assert A.default_actor(ds, filters) == expected


def test_counts_table_respects_the_filter(ds):
    everything = A.actor_rows(ds, ds.events, ds.quotes, ds.claims)
    f = Filters(actors=("garcia_harfuch",))
    events, quotes, claims = f.events(ds), f.quotes(ds), f.claims(ds)
    rows = A.actor_rows(ds, events, quotes, claims)
    assert 0 < len(rows) < len(everything)
    involved = {ea.actor_id for ev in events for ea in ev.actors}
    assert {r["id"] for r in rows} == involved
    harfuch = next(r for r in rows if r["id"] == "garcia_harfuch")
    assert harfuch["events"] == len(events)
    assert harfuch["quotes"] == len(quotes) == 2
    assert all(tuple(r) == A.TABLE_COLUMNS for r in rows)
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)


def test_counts_table_with_a_date_filter(ds):
    f = Filters(date_from=dt.date(2026, 1, 12), date_to=dt.date(2026, 1, 12))
    rows = A.actor_rows(ds, f.events(ds), f.quotes(ds), f.claims(ds))
    assert "sheinbaum" in {r["id"] for r in rows}
    assert "biden_administration" not in {r["id"] for r in rows}


@pytest.mark.parametrize(
    ("lang", "kind", "country"), [(None, "person", "US"), ("en", "Person", "United States")]
)
def test_counts_table_codes_or_labels(ds, lang, kind, country):
    rows = A.actor_rows(ds, ds.events, ds.quotes, ds.claims, lang=lang)
    trump = next(r for r in rows if r["id"] == "trump")
    assert (trump["kind"], trump["country"]) == (kind, country)
    # The counts are the data's: events he takes part in, quotes he speaks, claims he makes.
    expected = (
        sum(any(ea.actor_id == "trump" for ea in e.actors) for e in ds.events),
        sum(q.speaker_id == "trump" for q in ds.quotes),
        sum(c.claimant_id == "trump" for c in ds.claims),
    )
    assert (trump["events"], trump["quotes"], trump["claims"]) == expected
    assert min(expected) > 0


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.tags: set[str] = set()
        self.text = ""
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "a":
            self._href = dict(attrs)["href"]

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        self.text += data
        if self._href:
            self.links.append((self._href, data))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Donald Trump", "Person", "United States", "Q22686"]),
        ("zh-Hant", ["特朗普", "人物"]),
    ],
)
def test_profile_html(ds, lang, words):
    prof = A.profile(ds, "trump")
    urls = {a.id: f"./actors?profile={a.id}" for a in ds.actors}
    out = A.profile_html(prof, lang=lang, article=ds.article, urls=urls, source_url="./source?x")
    page = _Page()
    page.feed(out)
    for word in [*words, "川普", prof.introduced_by.exact]:
        assert word in page.text
    hrefs = [h for h, _ in page.links]
    assert "./actors?profile=us_government" in hrefs
    assert "https://www.wikidata.org/wiki/Q22686" in hrefs
    assert "./source?x" in hrefs
    assert "mark" in page.tags


def test_profile_html_escapes_and_skips_bad_wikidata(ds):
    actor = ds.actors_by_id["cia"].model_copy(
        update={"name_en": "<script>x()</script>", "aliases": ['"><img src=x>']}
    )
    prof = A.profile(ds, "cia")
    prof = A.ActorProfile(**{**prof.__dict__, "actor": actor, "names": tuple(actor.all_names())})
    out = A.profile_html(prof, lang="en", article=ds.article, urls={}, source_url="./s")
    page = _Page()
    page.feed(out)
    assert not page.tags & {"script", "img"}
    assert "<script>x()</script>" in page.text
    bad = A.ActorProfile(**{**prof.__dict__, "wikidata_url": None})
    assert "wikidata.org" not in A.profile_html(
        bad, lang="en", article=ds.article, urls={}, source_url="./s"
    )


def test_event_and_claim_rows_link_where_they_should(ds):
    prof = A.profile(ds, "trump")
    rows = A.event_rows(prof, lang="en", url_for=lambda e: f"./timeline?event={e}")
    fox = next(r for r in rows if r["link"].endswith("trump_warns_mexico"))
    assert fox["role"] == "Initiator"
    assert fox["date"] == "2026-01-05/2026-01-11"
    claims = A.claim_rows(prof, lang="en", url_for=lambda a, b: f"./source?span={a}-{b}")
    ev = prof.claims[0].evidence[0]
    assert claims[0]["link"] == f"./source?span={ev.start}-{ev.end}"
    assert claims[0]["value"] == "97%"


# --- the page ------------------------------------------------------------------------------------


def _actors_page(**params: str):
    at = run_app("pages/actors.py", **params)
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "mexico_government"),
        ({"actor": "sheinbaum"}, "sheinbaum"),
        ({"profile": "cia"}, "cia"),
        ({"profile": "no_such_actor"}, "mexico_government"),
    ],
)
def test_page_picks_the_default_profile(params, expected):
    at = _actors_page(**params)
    assert at.selectbox(key="actor_profile").value == expected


def test_page_picker_follows_a_filter_change_but_keeps_a_choice():
    at = _actors_page(lang="en")
    at.selectbox(key="actor_profile").set_value("cia").run()
    assert "CIA" in "".join(el.proto.body for el in at.get("html"))
    at.sidebar.multiselect(key="actor").set_value(["sheinbaum"]).run()
    assert at.selectbox(key="actor_profile").value == "sheinbaum"
    at.selectbox(key="actor_profile").set_value("trump").run()
    at.sidebar.multiselect(key="type").set_value(["diplomacy"]).run()
    assert at.selectbox(key="actor_profile").value == "trump"


def _html(at) -> list[str]:
    return [el.proto.body for el in at.get("html")]


def test_page_tables_are_html_and_count_only_filtered_events(ds):
    at = _actors_page(actor="garcia_harfuch", lang="en")
    assert len(at.dataframe) == 0  # no data grids: plain HTML tables (bench/pages.md)
    table = next(b for b in _html(at) if "<table" in b and "Chinese name" in b)
    profiles = set(re.findall(r'href="\./actors\?[^"]*profile=([a-z0-9_]+)"', table))
    f = Filters(actors=("garcia_harfuch",))
    assert profiles == {ea.actor_id for ev in f.events(ds) for ea in ev.actors}
    bodies = "".join(_html(at))
    # The profile's events link to their cards, its claims to their words in the source.
    prof = A.profile(ds, "garcia_harfuch", events=f.events(ds))
    for ev, _role in prof.events:
        assert f"event={ev.id}" in bodies
    for claim in prof.claims:
        ev = claim.evidence[0]
        assert f"span={ev.start}-{ev.end}" in bodies


# --- the tables ----------------------------------------------------------------------------------


class _Table(HTMLParser):
    """Rows of cell texts, and each row's links."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[list[str]] = []
        self.tags: set[str] = set()
        self._cell = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append([])
            self.links.append([])
        if tag in ("td", "th"):
            self._cell = True
            self.rows[-1].append("")
        if tag == "a":
            self.links[-1].append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = False

    def handle_data(self, data):
        if self._cell:
            self.rows[-1][-1] += data


def table(out: str) -> _Table:
    parsed = _Table()
    parsed.feed(out)
    return parsed


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("en", ["Title", "Date", "Role", "Type", "As the article states it"]),
        ("zh-Hant", ["標題", "日期", "角色", "類型", "原文寫法"]),
    ],
)
def test_events_table_links_each_title_to_its_card(ds, lang, headings):
    prof = A.profile(ds, "trump")
    out = A.events_table_html(prof, lang=lang, url_for=lambda e: f"./timeline?event={e}")
    parsed = table(out)
    assert parsed.rows[0] == headings
    assert len(parsed.rows) == len(prof.events) + 1
    for (ev, _role), row, links in zip(prof.events, parsed.rows[1:], parsed.links[1:], strict=True):
        assert row[0] == title(ev, lang)
        assert row[1] == ev.date
        assert links == [f"./timeline?event={ev.id}"]


@pytest.mark.parametrize(("lang", "heading"), [("en", "Original"), ("zh-Hant", "原文")])
def test_claims_table_links_the_words_to_the_source(ds, lang, heading):
    prof = A.profile(ds, "trump")
    out = A.claims_table_html(prof, lang=lang, url_for=lambda a, b: f"./source?span={a}-{b}")
    parsed = table(out)
    assert parsed.rows[0][0] == heading
    for claim, row, links in zip(prof.claims, parsed.rows[1:], parsed.links[1:], strict=True):
        ev = claim.evidence[0]
        assert row[0] == ev.exact
        assert links == [f"./source?span={ev.start}-{ev.end}"]


@pytest.mark.parametrize(
    ("lang", "name", "other"),
    [("en", "Donald Trump", "特朗普"), ("zh-Hant", "特朗普", "Donald Trump")],
)
def test_actors_table_links_each_name_to_its_profile(ds, lang, name, other):
    rows = A.actor_rows(ds, ds.events, ds.quotes, ds.claims, lang=lang)
    out = A.actors_table_html(rows, lang=lang, profile_url=lambda a: f"./actors?profile={a}")
    parsed = table(out)
    assert len(parsed.rows) == len(rows) + 1
    trump = next(i for i, r in enumerate(rows, start=1) if r["id"] == "trump")
    assert parsed.rows[trump][:2] == [name, other]
    assert parsed.links[trump] == ["./actors?profile=trump"]
    counts = rows[trump - 1]
    assert parsed.rows[trump][4:7] == [str(counts[c]) for c in ("events", "quotes", "claims")]


def test_tables_escape_dataset_text(ds):
    actor = ds.actors_by_id["trump"].model_copy(update={"name_en": "<script>x()</script>"})
    rows = [{**r, "name_en": actor.name_en} for r in A.actor_rows(ds, ds.events, [], [])]
    out = A.actors_table_html(rows, lang="en", profile_url=lambda a: '"><img src=x>')
    parsed = table(out)
    assert not parsed.tags & {"script", "img"}
    assert any(r and r[0] == "<script>x()</script>" for r in parsed.rows)
    assert parsed.links[1] == ['"><img src=x>']


@pytest.mark.parametrize(("lang", "heading"), [("en", "Actors"), ("zh-Hant", "人物與機構")])
def test_top_actors_table(ds, lang, heading):
    rows = A.actor_rows(ds, ds.events, ds.quotes, ds.claims, lang=lang)[:3]
    parsed = table(A.top_actors_html(rows, lang, lambda a: f"./actors?profile={a}"))
    assert parsed.rows[0][0] == heading
    assert [links[0] for links in parsed.links[1:]] == [f"./actors?profile={r['id']}" for r in rows]
    assert [r[1] for r in parsed.rows[1:]] == [str(r["events"]) for r in rows]
