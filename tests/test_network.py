"""Tests for the actor network: relation rules (usmx.relations), graph and layout
(usmx.network) and its figure (usmx.network_chart)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from usmx import network as N
from usmx.charts.frames import subset_tables
from usmx.charts.registry import CHARTS
from usmx.filters import Filters
from usmx.i18n import LANGS, label, t
from usmx.model import Dataset
from usmx.network_chart import FADED, SIDE_KEYS, network_figure
from usmx.relations import (
    ActorSide,
    EventRoles,
    Relation,
    dataset_links,
    event_links,
    main_relation,
)
from usmx.tables import Tables

ROOT = Path(__file__).resolve().parent.parent

# Made-up actors for the rule table: two per side, a medium and a sideless group.
SIDES = {
    "us_a": ActorSide("US", False),
    "us_b": ActorSide("US", False),
    "mx_a": ActorSide("MX", False),
    "mx_b": ActorSide("MX", False),
    "paper": ActorSide("US", True),
    "anon": ActorSide("anon", False),
}


def links(event_type: str, status: str, *roles: tuple[str, str]) -> set[tuple[str, str, str]]:
    event = EventRoles("e1", event_type, status, tuple(roles))
    return {(lk.source, lk.relation.value, lk.target) for lk in event_links(event, SIDES)}


@pytest.mark.parametrize(
    ("event_type", "status", "roles", "expected"),
    [
        # main relation from type and status, initiator -> target
        ("diplomacy", "occurred", [("us_a", "initiator"), ("mx_a", "target")],
         {("us_a", "warning", "mx_a")}),
        ("diplomacy", "ongoing", [("us_a", "initiator"), ("mx_a", "target")],
         {("us_a", "pressure", "mx_a")}),
        ("security_cooperation", "ongoing", [("us_a", "initiator"), ("mx_a", "target")],
         {("us_a", "pressure", "mx_a")}),
        ("security_cooperation", "proposed", [("us_a", "initiator"), ("mx_a", "target")],
         {("us_a", "proposal", "mx_a")}),
        ("policy", "occurred", [("us_a", "initiator"), ("mx_b", "target")],
         {("us_a", "designation", "mx_b")}),
        ("military_action", "planned", [("us_a", "initiator"), ("mx_b", "target")],
         {("us_a", "action_against", "mx_b")}),
        ("statement", "occurred", [("us_a", "initiator"), ("mx_a", "subject")],
         {("us_a", "statement_about", "mx_a")}),
        ("statement", "refused", [("mx_a", "initiator"), ("us_b", "target")],
         {("mx_a", "refusal", "us_b")}),
        ("political", "occurred", [("mx_a", "initiator"), ("mx_b", "subject")], set()),
        ("legislative", "postponed", [("mx_a", "initiator"), ("us_b", "subject")], set()),
        # no target or subject: the initiator relates to helpers of the other side only
        ("security_cooperation", "proposed",
         [("us_a", "initiator"), ("us_b", "participant"), ("mx_a", "participant")],
         {("us_a", "proposal", "mx_a")}),
        ("intelligence", "ongoing", [("us_a", "initiator"), ("mx_a", "participant")],
         {("us_a", "cooperation", "mx_a")}),
        # opponents: a proposal answered by a refusal
        ("security_cooperation", "refused", [("us_a", "initiator"), ("mx_a", "opponent")],
         {("us_a", "proposal", "mx_a"), ("mx_a", "refusal", "us_a")}),
        ("diplomacy", "refused",
         [("us_a", "initiator"), ("mx_a", "opponent"), ("mx_b", "target")],
         {("us_a", "proposal", "mx_a"), ("mx_a", "refusal", "us_a")}),
        # an initiator on the opponents' side refuses with them
        ("diplomacy", "refused",
         [("mx_a", "initiator"), ("mx_b", "opponent"), ("us_a", "target")],
         {("mx_a", "refusal", "us_a"), ("mx_b", "refusal", "us_a")}),
        ("security_cooperation", "refused", [("mx_a", "opponent"), ("us_a", "target")],
         {("mx_a", "refusal", "us_a")}),
        # no initiator: helpers of different sides cooperate, once per pair
        ("security_cooperation", "ongoing",
         [("us_a", "participant"), ("mx_a", "participant"), ("us_b", "participant")],
         {("us_a", "cooperation", "mx_a"), ("mx_a", "cooperation", "us_b")}),
        # sources report on initiators, not on a medium they talk to
        ("intelligence", "occurred", [("us_a", "initiator"), ("paper", "source")],
         {("paper", "reports_on", "us_a")}),
        ("media_report", "occurred", [("paper", "initiator"), ("anon", "source")], set()),
        ("media_report", "reported", [("paper", "source"), ("mx_a", "subject")],
         {("paper", "reports_on", "mx_a")}),
        # never a link to oneself
        ("statement", "occurred", [("us_a", "initiator"), ("us_a", "target")], set()),
    ],
)  # fmt: skip
def test_relation_rules(event_type, status, roles, expected):
    assert links(event_type, status, *roles) == expected


@pytest.mark.parametrize(
    ("event_type", "status", "has_target", "expected"),
    [
        ("military_action", "refused", True, Relation.refusal),
        ("policy", "proposed", True, Relation.proposal),
        ("trafficking", "ongoing", True, Relation.action_against),
        ("counternarcotics", "reported", False, Relation.action_against),
        ("intelligence", "ongoing", False, Relation.cooperation),
        ("media_report", "occurred", False, Relation.statement_about),
        ("political", "occurred", True, None),
    ],
)
def test_main_relation(event_type, status, has_target, expected):
    assert main_relation(event_type, status, has_target) == expected


# --- the shipped dataset ----------------------------------------------------------------------


def test_every_link_joins_two_actors_of_its_event(ds: Dataset):
    found = dataset_links(ds)
    assert found
    for link in found:
        event = ds.events_by_id[link.event_id]
        involved = {ea.actor_id for ea in event.actors}
        assert {link.source, link.target} <= involved
        assert link.source != link.target
        assert link.status == event.status.value


def test_graph_edges_carry_events_and_evidence(ds: Dataset):
    graph = N.graph_from_dataset(ds)
    assert graph.number_of_edges() > 0
    links = dataset_links(ds)
    assert graph.number_of_edges() == len({(lk.source, lk.target, lk.relation) for lk in links})
    for u, v, key, data in N.ordered_edges(graph):
        assert key == data["relation"]
        assert data["event_ids"] == [
            lk.event_id for lk in links if (lk.source, lk.target, lk.relation.value) == (u, v, key)
        ]
        spans = {(e["event_id"], e["start"]) for e in data["evidence"]}
        for event_id in data["event_ids"]:
            for ev in ds.events_by_id[event_id].evidence:
                assert (event_id, ev.start) in spans
                assert ds.article[ev.start : ev.end] == ev.exact
    for node, data in graph.nodes(data=True):
        involved = [e.id for e in ds.events if any(a.actor_id == node for a in e.actors)]
        assert data["event_ids"] == involved
        assert data["n_events"] == len(involved)


@pytest.mark.parametrize("actor_id", ["trump", "sheinbaum", "mexican_cartels"])
def test_filter_builds_the_graph_from_the_filtered_events(ds: Dataset, actor_id: str):
    events = Filters(actors=(actor_id,)).events(ds)
    graph = N.graph_from_dataset(ds, events)
    shown = {e.id for e in events}
    assert shown
    for _, _, _, data in N.ordered_edges(graph):
        assert set(data["event_ids"]) <= shown
    for node in graph:
        assert set(N.node_event_ids(graph, node)) <= shown
    whole = N.graph_from_dataset(ds)
    assert graph.number_of_edges() <= whole.number_of_edges()


def test_graph_from_tables_matches_graph_from_dataset(ds: Dataset, tables: Tables):
    events = Filters(actors=("us_government",)).events(ds)
    a = N.graph_from_dataset(ds, events)
    b = N.graph_from_tables(subset_tables(tables, [e.id for e in events]))
    assert [(u, v, k, d["event_ids"]) for u, v, k, d in N.ordered_edges(a)] == [
        (u, v, k, d["event_ids"]) for u, v, k, d in N.ordered_edges(b)
    ]
    assert list(a.nodes(data="n_events")) == list(b.nodes(data="n_events"))


def test_edge_and_node_lookups(ds: Dataset):
    graph = N.graph_from_dataset(ds)
    u, v, k, data = N.ordered_edges(graph)[0]
    assert N.edge_event_ids(graph, u, v, k) == data["event_ids"]
    assert N.edge_event_ids(graph, u, v, "no_such_relation") == []
    assert N.node_event_ids(graph, "no_such_actor") == []
    counts = N.relation_counts(graph)
    assert sum(counts.values()) == graph.number_of_edges()
    assert list(counts.values()) == sorted(counts.values(), reverse=True)


# --- layout -----------------------------------------------------------------------------------


def test_layout_is_deterministic_and_banded_by_side(ds: Dataset):
    graph = N.graph_from_dataset(ds)
    pos = N.layout(graph)
    assert pos == N.layout(N.graph_from_dataset(ds))
    assert set(pos) == set(graph.nodes)
    for node, (x, y) in pos.items():
        side = graph.nodes[node]["side"]
        assert -1 <= y <= 1
        if side == "US":
            assert -1.5 < x < -0.5
        elif side == "MX":
            assert 0.5 < x < 1.5
        else:
            assert -0.25 < x < 0.25
    # no two actors of one band share a height: labels cannot sit on each other
    for band in (-1.0, 0.0, 1.0):
        ys = [y for n, (x, y) in pos.items() if round(x) == band]
        assert len(ys) == len(set(ys))


def test_layout_of_an_empty_graph(ds: Dataset):
    assert N.layout(N.graph_from_dataset(ds, [])) == {}


# --- figure -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_figure_has_relations_nodes_and_click_data(ds: Dataset, lang: str):
    graph = N.graph_from_dataset(ds)
    titles = {e.id: e.title_en for e in ds.events}
    fig = network_figure(graph, lang, titles=titles)
    legend = [tr.name for tr in fig.data if tr.showlegend is not False]
    relations = {k for _, _, k in graph.edges(keys=True)}
    sides = [t(f"country.{k}", lang) for k in SIDE_KEYS]
    assert (
        legend
        == [label("relation", r.value, lang) for r in Relation if r.value in relations] + sides
    )
    nodes = [tr for tr in fig.data if tr.mode == "markers+text"]
    assert len(nodes) == 1
    assert [c[1] for c in nodes[0].customdata] == list(graph.nodes)
    assert all(c[0] == "node" for c in nodes[0].customdata)
    edge_points = [
        c for tr in fig.data if tr.mode == "markers" and tr.customdata for c in tr.customdata
    ]
    assert len(edge_points) == graph.number_of_edges()
    for kind, key, ids in edge_points:
        u, v, k = key.split("|")
        assert kind == "edge"
        assert ids.split() == N.edge_event_ids(graph, u, v, k)
    directed = sum(1 for _, _, d in graph.edges(data=True) if not d["mutual"])
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == directed  # one arrowhead per directed edge
    headings = [a.text for a in fig.layout.annotations if a.text and a.text.startswith("<b>")]
    assert headings == [f"<b>{s}</b>" for s in sides]  # a heading over each band
    # The middle band's names sit on a white backing, over the lines that cross there.
    middle = {n for n in graph.nodes if graph.nodes[n]["side"] not in ("US", "MX")}
    backed = {a.text for a in fig.layout.annotations if a.bgcolor}
    assert backed == {
        (graph.nodes[n]["name_zh" if lang == "zh-Hant" else "name_en"]) for n in middle
    }
    assert all(not text for n, text in zip(graph.nodes, nodes[0].text, strict=True) if n in middle)


def test_relations_option_draws_only_those_and_keeps_places(ds: Dataset):
    graph = N.graph_from_dataset(ds)
    pos = N.layout(graph)
    fig = network_figure(graph, "en", pos=pos, relations=["refusal"])
    refusals = {(u, v) for u, v, k in graph.edges(keys=True) if k == "refusal"}
    edge_keys = {
        tuple(c[1].split("|")[:2])
        for tr in fig.data
        if tr.mode == "markers" and tr.customdata
        for c in tr.customdata
    }
    assert edge_keys == refusals
    nodes = next(tr for tr in fig.data if tr.mode == "markers+text")
    drawn = [c[1] for c in nodes.customdata]
    assert set(drawn) == {a for pair in refusals for a in pair}
    assert all((x, y) == pos[n] for n, x, y in zip(drawn, nodes.x, nodes.y, strict=True))
    assert N.with_relations(graph, []).number_of_nodes() == 0
    assert N.with_relations(graph, None) is graph
    empty = network_figure(graph, "en", relations=[])
    assert not any(tr.mode == "markers+text" for tr in empty.data)


@pytest.mark.parametrize(
    ("focus", "lit"),
    [
        (("node", "sheinbaum"), lambda u, v, k: "sheinbaum" in (u, v)),
        (
            ("edge", "trump|sheinbaum|proposal"),
            lambda u, v, k: (u, v, k) == ("trump", "sheinbaum", "proposal"),
        ),
    ],
)
def test_focus_keeps_its_lines_in_colour_and_greys_the_rest(ds: Dataset, focus, lit):
    graph = N.graph_from_dataset(ds)
    fig = network_figure(graph, "en", focus=focus)
    coloured, grey = set(), set()
    for tr in fig.data:
        if tr.mode == "markers" and tr.customdata:
            target = grey if tr.marker.color == FADED else coloured
            target |= {tuple(c[1].split("|")) for c in tr.customdata}
    assert coloured == {(u, v, k) for u, v, k in graph.edges(keys=True) if lit(u, v, k)}
    assert coloured
    assert grey
    assert coloured | grey == set(graph.edges(keys=True))


def test_edges_inside_a_band_bend_towards_the_middle(ds: Dataset):
    graph = N.graph_from_dataset(ds)
    pos = N.layout(graph)
    fig = network_figure(graph, "en", pos=pos)
    for tr in fig.data:
        if tr.mode != "markers" or not tr.customdata:
            continue
        for c, mx in zip(tr.customdata, tr.x, strict=True):
            u, v, _ = c[1].split("|")
            (xu, _), (xv, _) = pos[u], pos[v]
            if abs(xu - xv) < 0.7 and abs(xu) > 0.5 and abs(xv) > 0.5:  # both in one outer band
                assert abs(mx) < max(abs(xu), abs(xv)), c[1]


def test_figure_escapes_names(ds: Dataset):
    graph = N.graph_from_dataset(ds)
    node = next(iter(graph.nodes))
    graph.nodes[node]["name_en"] = "<b>x</b>"
    fig = network_figure(graph, "en")
    texts = [t for tr in fig.data for t in (tr.text or ()) if isinstance(t, str)]
    assert "&lt;b&gt;x&lt;/b&gt;" in texts
    assert not any("<b>x</b>" in t for t in texts)


def test_network_is_a_registered_chart(tables: Tables):
    spec = CHARTS["network"]
    fig = spec.figure(tables, lang="en")
    assert fig.data
    assert str(N.graph_from_tables(tables).number_of_edges()) in spec.summary(tables, "en")
    assert len(spec.table(tables, "en")) == N.graph_from_tables(tables).number_of_edges()


# --- import cost ------------------------------------------------------------------------------


def _runtime_imports(path: Path) -> set[str]:
    """Modules `path` imports when run (not those under `if TYPE_CHECKING:`)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def test_only_the_network_modules_import_networkx():
    importers = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "usmx").rglob("*.py")
        if any(m.split(".")[0] == "networkx" for m in _runtime_imports(p))
    )
    assert importers == ["usmx/network.py", "usmx/network_chart.py"]


def test_charts_and_the_overview_modules_do_not_load_networkx():
    code = (
        "import sys, usmx.charts, usmx.chart_export, usmx.months, usmx.headline, usmx.relations\n"
        "import usmx.claims_view, usmx.urlstate, usmx.acled_query\n"
        "assert 'networkx' not in sys.modules, 'networkx was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
