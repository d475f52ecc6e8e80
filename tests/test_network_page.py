"""AppTest of the Network page: the chart of the filtered events, the relations it draws, and
what a pick (an actor or a relation, from the picker or a link) lists, in both languages.

A click on the chart itself needs a browser: tests/test_browser_network.py clicks one.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from usmx import network as N
from usmx.dataset import load_dataset
from usmx.filters import Filters
from usmx.i18n import count, t
from usmx.network_chart import FADED
from usmx.ui.network_view import DEFAULT_RELATIONS

DS = load_dataset()


def network(**query: str | list[str]) -> AppTest:
    at = run_app("pages/network.py", **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def figure(at: AppTest) -> dict:
    [chart] = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def drawn_edges(at: AppTest) -> set[tuple[str, str, str]]:
    return {
        tuple(c[1].split("|"))
        for trace in figure(at)["data"]
        if trace.get("mode") == "markers" and trace.get("customdata")
        for c in trace["customdata"]
    }


def drawn_nodes(at: AppTest) -> list[str]:
    [nodes] = [tr for tr in figure(at)["data"] if tr.get("mode") == "markers+text"]
    return [c[1] for c in nodes["customdata"]]


def listing(at: AppTest) -> str:
    found = [h.value for h in at.get("html") if h.value.startswith('<section class="usmx-net')]
    return found[0] if found else ""


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_page_draws_the_network_with_its_summary_and_downloads(lang):
    at = network(lang=lang)
    assert at.title[0].value == t("page.network", lang)
    graph = N.graph_from_dataset(DS)
    shown = N.with_relations(graph, DEFAULT_RELATIONS)
    assert drawn_edges(at) == set(shown.edges(keys=True))
    assert ("us_officials", "us_government", "reports_on") not in drawn_edges(at)
    summary = count("relations", shown.number_of_edges(), lang)
    assert any(summary in c.value for c in at.caption), [c.value for c in at.caption]
    assert {"dl_network_png", "dl_network_svg", "dl_network_html"} <= {
        b.key for b in at.get("download_button")
    }
    assert any("usmx-table" in h.value for h in at.get("html"))  # the chart's data table
    assert not listing(at)  # nothing picked yet


def test_sidebar_filter_applies():
    at = network(lang="en", actor="sheinbaum")
    events = Filters(actors=("sheinbaum",)).events(DS)
    shown = N.with_relations(N.graph_from_dataset(DS, events), DEFAULT_RELATIONS)
    assert drawn_edges(at) == set(shown.edges(keys=True))
    assert len(drawn_edges(at)) < len(
        N.with_relations(N.graph_from_dataset(DS), DEFAULT_RELATIONS).edges
    )


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_picking_an_actor_lists_its_events_with_their_words(lang):
    at = network(lang=lang)
    at.selectbox(key="network_pick").set_value("node:trump").run()
    html = listing(at)
    ids = N.node_event_ids(N.graph_from_dataset(DS), "trump")
    assert count("events", len(ids), lang) in html
    for event_id in ids:
        assert f'event={event_id}" target' in html  # ./timeline?...&event=ID
    assert html.count("<mark>") >= len(ids)  # every event shows its evidence
    assert "./source?" in html
    assert "span=" in html
    assert at.query_params["node"] == "trump"
    # The chart keeps Trump's lines in colour and greys the others.
    traces = figure(at)["data"]
    assert any(tr.get("line", {}).get("color") == FADED for tr in traces)


def test_a_link_to_a_relation_opens_it():
    at = network(lang="en", edge="trump~sheinbaum~proposal")
    assert at.selectbox(key="network_pick").value == "edge:trump|sheinbaum|proposal"
    html = listing(at)
    assert "Donald Trump → Claudia Sheinbaum · Proposal: 1 event" in html
    assert 'event=trump_offers_help_sheinbaum_declines" target' in html
    assert at.query_params["edge"] == "trump~sheinbaum~proposal"


def test_clearing_the_pick_clears_the_list_and_the_url():
    at = network(lang="en", node="trump")
    assert listing(at)
    at.selectbox(key="network_pick").set_value(None).run()
    assert not listing(at)
    assert "node" not in at.query_params


def test_a_linked_pick_outside_the_filter_says_so():
    # Maduro takes no part in Sheinbaum's events: nothing to list under this filter.
    at = network(lang="en", actor="sheinbaum", node="maduro")
    assert at.selectbox(key="network_pick").value is None
    assert any(t("network.pick_gone", "en") in i.value for i in at.info)
    assert not listing(at)


def test_relations_choice_draws_only_those_and_goes_into_the_url():
    at = network(lang="en")
    at.pills(key="network_relations").set_value(["refusal"]).run()
    assert {k for _, _, k in drawn_edges(at)} == {"refusal"}
    assert at.query_params["relations"] == "refusal"
    again = network(lang="en", relations="refusal")
    assert drawn_edges(again) == drawn_edges(at)
    assert drawn_nodes(again) == drawn_nodes(at)


def test_no_relation_chosen_says_so():
    at = network(lang="en")
    at.pills(key="network_relations").set_value([]).run()
    assert any(t("network.empty", "en") in i.value for i in at.info)
