"""Tests for usmx.actors: profiles (names, hierarchy, events, quotes, claims), the counts table."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from tests.apptest import run_app
from usmx import actors as A
from usmx.dataset import load_dataset
from usmx.filters import Filters
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


def test_page_table_counts_only_filtered_events(ds):
    at = _actors_page(actor="garcia_harfuch")
    # AppTest does not index dataframes by key: the actors table is the one with counts.
    table = next(d.value for d in at.dataframe if "quotes" in d.value.columns)
    f = Filters(actors=("garcia_harfuch",))
    assert set(table["id"]) == {ea.actor_id for ev in f.events(ds) for ea in ev.actors}
