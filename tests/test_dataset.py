"""Tests for usmx.dataset: the shipped dataset, its coverage of the article, and broken files.

Three groups: (1) the curated data/dataset.yaml loads and every record is anchored in the
article; (2) coverage: what the article says (quotations, paragraphs, sentences, dates) is
captured by some record's evidence; (3) broken copies of the file each give exactly one
problem naming file, record and field, and random damage never escapes as anything but
DatasetError.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import event as note
from hypothesis import strategies as st

from usmx.dataset import DEFAULT_DATASET, find_span, load_dataset
from usmx.model import Dataset, Evidence
from usmx.problems import DatasetError

ARTICLE_PATH = DEFAULT_DATASET.parent / "source" / "article.zh-Hant.txt"
ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")
# The file as plain Python data (yaml turns unquoted dates into date objects; dumping them back
# writes the same unquoted text, so a round trip is faithful).
RAW: dict[str, Any] = yaml.safe_load(DEFAULT_DATASET.read_text(encoding="utf-8"))
TABLES = ("actors", "places", "events", "quotes", "claims")
CJK = re.compile(r"[\u4e00-\u9fff]")
# `ds`, the shipped dataset, is the session fixture in conftest.py.


def all_evidence(ds: Dataset) -> list[tuple[str, str, Evidence]]:
    """(table, record id, evidence) for every span in the dataset, the source's included."""
    out = [("source", "source", ev) for ev in ds.source.evidence]
    for table in TABLES:
        for record in getattr(ds, table):
            out.extend((table, record.id, ev) for ev in record.evidence)
    return out


def spans(ds: Dataset, tables: tuple[str, ...] = ("source", *TABLES)) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for table, _, ev in all_evidence(ds) if table in tables]


# --- (1) the shipped dataset -------------------------------------------------------------------


def test_shipped_dataset_loads_with_substantial_counts(ds: Dataset) -> None:
    assert ds.article == ARTICLE
    assert len(ds.actors) >= 25
    assert len(ds.events) >= 35
    assert len(ds.quotes) >= 10
    assert len(ds.claims) >= 10
    assert len(ds.places) >= 5


def test_every_evidence_span_resolves_to_its_exact_text(ds: Dataset) -> None:
    wrong = []
    for table, rid, ev in all_evidence(ds):
        ok = (
            ev.start is not None
            and ev.end == ev.start + len(ev.exact)
            and ds.article[ev.start : ev.end] == ev.exact
            and (not ev.prefix or ds.article[: ev.start].endswith(ev.prefix))
            and (not ev.suffix or ds.article[ev.end :].startswith(ev.suffix))
            and find_span(ds.article, ev) == [ev.start]  # and it is the only such place
        )
        if not ok:
            wrong.append(f"{table} {rid}: {ev.exact!r} at {ev.start}:{ev.end}")
    assert wrong == []
    assert len(all_evidence(ds)) > 100


def test_claim_context_spans_resolve_like_evidence(ds: Dataset) -> None:
    spans = [(c.id, ev) for c in ds.claims for ev in c.context]
    assert len({cid for cid, _ in spans}) >= 10  # most claims have some context
    for cid, ev in spans:
        assert ev.start is not None, cid
        assert ds.article[ev.start : ev.end] == ev.exact, cid
        assert find_span(ds.article, ev) == [ev.start], cid


def test_record_ids_are_unique_within_each_table(ds: Dataset) -> None:
    for table in TABLES:
        ids = [r.id for r in getattr(ds, table)]
        assert len(ids) == len(set(ids)), table


def test_quote_text_is_in_the_article(ds: Dataset) -> None:
    assert [q.id for q in ds.quotes if q.text_zh not in ds.article] == []


@pytest.mark.parametrize(
    ("actor_id", "names"),
    [
        ("trump", ["特朗普", "川普"]),
        ("sheinbaum", ["辛鮑姆", "欣鮑姆"]),
        ("maduro", ["馬杜羅", "馬杜洛"]),
        ("garcia_harfuch", ["哈爾富奇", "Omar García Harfuch"]),
        ("cia", ["中央情報局", "中情局", "CIA"]),
        ("nyt", ["紐約時報", "紐時"]),
        ("fox_news", ["霍士新聞", "Fox News"]),
    ],
)
def test_actor_has_the_names_the_article_gives(ds: Dataset, actor_id: str, names: list[str]):
    actor = ds.actor(actor_id)
    for name in names:
        assert name in actor.all_names()
        assert name in ds.article


def test_sinaloa_place_has_its_iso_code(ds: Dataset) -> None:
    sinaloa = {p.id: p for p in ds.places}["sinaloa"]
    assert sinaloa.iso_3166 == "MX-SIN"
    assert sinaloa.name_zh == "錫那羅亞州"
    assert 22 < sinaloa.lat < 27.5
    assert -110 < sinaloa.lon < -105


def test_every_event_has_actors_and_a_derived_date(ds: Dataset) -> None:
    for event in ds.events:
        assert event.actors, event.id
        interval = event.interval
        assert interval.start is None or interval.start <= interval.end, event.id
        assert (interval.start is None) == (interval.precision == "open"), event.id
        # The date as the article states it is really in the article ("…" joins two parts).
        if event.date_text:
            assert all(part in ds.article for part in event.date_text.split("…")), event.id


def test_references_point_at_existing_records(ds: Dataset) -> None:
    actors = {a.id for a in ds.actors}
    places = {p.id for p in ds.places}
    events = {e.id for e in ds.events}
    assert {a.actor_id for e in ds.events for a in e.actors} <= actors
    assert {p for e in ds.events for p in e.place_ids} <= places
    assert {q.speaker_id for q in ds.quotes if q.speaker_id} <= actors
    assert {q.event_id for q in ds.quotes if q.event_id} <= events
    assert {c.claimant_id for c in ds.claims if c.claimant_id} <= actors


def chinese_names(names: list[str]) -> list[str]:
    return [n for n in names if CJK.search(n)]


def test_every_actor_is_named_in_the_article_and_in_its_own_evidence(ds: Dataset) -> None:
    # name_zh is usually verbatim; where it is not (拜登政府 is written 拜登（Joe Biden）政府),
    # an alias must be. And the actor's evidence must name it: a span that never mentions the
    # actor is no evidence for it.
    not_in_article, not_in_evidence = [], []
    for actor in ds.actors:
        names = chinese_names([actor.name_zh, *actor.aliases])
        if not any(n in ds.article for n in names):
            not_in_article.append(actor.id)
        if not any(n in ev.exact for n in names for ev in actor.evidence):
            not_in_evidence.append(actor.id)
    assert not_in_article == []
    assert not_in_evidence == []
    # The check is not vacuous: some actor does need its alias.
    assert any(a.name_zh not in ds.article for a in ds.actors)


def test_every_place_is_named_in_its_own_evidence(ds: Dataset) -> None:
    assert [p.id for p in ds.places if not any(p.name_zh in ev.exact for ev in p.evidence)] == []


# --- (2) coverage of the article ----------------------------------------------------------------


def _covering(start: int, end: int, candidates: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in candidates)


def _overlapping(start: int, end: int, candidates: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in candidates)


QUOTED = list(re.finditer(r"「([^「」]*)」", ARTICLE))


@pytest.mark.parametrize("match", QUOTED, ids=[m[1][:12] for m in QUOTED])
def test_every_quoted_span_is_covered_by_a_quote(ds: Dataset, match: re.Match[str]) -> None:
    assert _covering(match.start(1), match.end(1), spans(ds, ("quotes",)))


def test_the_article_quotes_enough_to_test() -> None:
    assert len(QUOTED) >= 8


def test_unpaired_quotation_marks_close_a_quote(ds: Dataset) -> None:
    # The article once closes a quotation it never opened (…繼續合作。」); what precedes such a
    # mark must still be a recorded quote, ending right at the mark.
    stack, unpaired = [], []
    for m in re.finditer("[「」]", ds.article):
        if m[0] == "「":
            stack.append(m.start())
        elif stack:
            stack.pop()
        else:
            unpaired.append(m.start())
    assert stack == []  # every opening mark is closed
    quote_ends = {ev.end for q in ds.quotes for ev in q.evidence}
    assert [pos for pos in unpaired if pos not in quote_ends] == []


def _paragraphs() -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in ARTICLE.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _sentences() -> list[tuple[int, int, str]]:
    # Sentences end at 。？！ or at the colon that introduces a block quotation.
    return [
        (m.start(), m.end(), m[0])
        for m in re.finditer(r"[^。？！：\n]+[。？！：」]*", ARTICLE)
        if CJK.search(m[0]) or re.search(r"[A-Za-z0-9]", m[0])
    ]


def _params(items: list[tuple[int, int, str]]) -> list[Any]:
    return [
        pytest.param(
            start,
            end,
            id=f"{start}:{text[:12]}",
        )
        for start, end, text in items
    ]


@pytest.mark.parametrize(("start", "end"), _params(_paragraphs()))
def test_every_paragraph_is_covered_by_some_evidence(ds: Dataset, start: int, end: int) -> None:
    assert _overlapping(start, end, spans(ds))


@pytest.mark.parametrize(("start", "end"), _params(_sentences()))
def test_every_sentence_is_covered_by_some_evidence(ds: Dataset, start: int, end: int) -> None:
    assert _overlapping(start, end, spans(ds))


def test_coverage_is_computed_over_the_whole_article() -> None:
    paragraphs, sentences = _paragraphs(), _sentences()
    assert len(paragraphs) >= 20
    assert len(sentences) > len(paragraphs)
    # Every paragraph's words are in some sentence: the split loses nothing to check.
    for start, end, _ in paragraphs:
        assert _overlapping(start, end, [(s, e) for s, e, _ in sentences])


def test_most_of_the_article_is_in_evidence(ds: Dataset) -> None:
    covered = set()
    for s, e in spans(ds):
        covered.update(range(s, e))
    text = [i for i, ch in enumerate(ds.article) if CJK.match(ch)]
    share = sum(i in covered for i in text) / len(text)
    assert share > 0.85, f"only {share:.0%} of the article's Chinese characters are evidence"


DATE_EXPRESSION = re.compile(r"\d+月\d+日|本月晚些時候|本月初|本月|去年|上週|20\d\d年|過去三十年")
DATE_MATCHES = list(DATE_EXPRESSION.finditer(ARTICLE))


@pytest.mark.parametrize("match", DATE_MATCHES, ids=[f"{m.start()}:{m[0]}" for m in DATE_MATCHES])
def test_every_date_expression_is_in_some_events_evidence(ds: Dataset, match: re.Match[str]):
    assert _covering(match.start(), match.end(), spans(ds, ("events",)))


def test_the_article_has_the_date_expressions_we_look_for() -> None:
    found = {m[0] for m in DATE_MATCHES}
    assert {"1月15日", "1月3日", "1月12日", "1月5日", "去年", "上週", "本月初"} <= found
    assert {"本月晚些時候", "2024年", "過去三十年"} <= found


# --- (3) broken files ---------------------------------------------------------------------------


def broken_copy(tmp_path: Path, mutate: Callable[[str], str | None]) -> Path:
    """Copy the dataset and its article into tmp_path, with the YAML text passed through
    `mutate`; None means "write no dataset file at all"."""
    (tmp_path / "source").mkdir()
    shutil.copy(ARTICLE_PATH, tmp_path / "source" / ARTICLE_PATH.name)
    path = tmp_path / "dataset.yaml"
    text = mutate(DEFAULT_DATASET.read_text(encoding="utf-8"))
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return path


# libyaml's dumper writes the same text as the pure-Python one, five times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=200)


def edit(fn: Callable[[dict[str, Any]], None]) -> Callable[[str], str]:
    """A mutation of the file's data (rather than its text)."""

    def mutate(text: str) -> str:
        data = yaml.safe_load(text)
        fn(data)
        return dump(data)

    return mutate


def label(table: str, index: int) -> str:
    return f"{table}[{index}] ({RAW[table][index]['id']})"


def _set(table: str, index: int, field: str, value: Any) -> Callable[[str], str]:
    return edit(lambda d: d[table][index].__setitem__(field, value))


def _rename(data: dict[str, Any], old: str, new: str) -> None:
    record = data["events"][3]
    record[new] = record.pop(old)


E3 = label("events", 3)
N_EVENTS = len(RAW["events"])
C_CTX = next(i for i, c in enumerate(RAW["claims"]) if c.get("context"))  # a claim with context


def _set_context(value: Any) -> Callable[[str], str]:
    return edit(lambda d: d["claims"][C_CTX].__setitem__("context", value))


BROKEN = [
    # (id, mutation, record, field, message fragment)
    (
        "yaml_syntax_error",
        lambda t: t.replace("  - id: trump\n", "  - id: trump\n    name_en: [unclosed\n", 1),
        None,
        None,
        "YAML syntax error (line",
    ),
    (
        "missing_required_field",
        edit(lambda d: d["events"][3].pop("title_en")),
        E3,
        "title_en",
        "Field required",
    ),
    (
        "unknown_actor_in_event",
        edit(lambda d: d["events"][3]["actors"][0].__setitem__("actor_id", "nobody_known")),
        E3,
        "actors[0].actor_id",
        "unknown actor id 'nobody_known'",
    ),
    (
        "evidence_not_in_article",
        edit(lambda d: d["events"][3]["evidence"][0].__setitem__("exact", "這段文字不在文章裏")),
        E3,
        "evidence[0].exact",
        "text not in the article: '這段文字不在文章裏'",
    ),
    (
        "evidence_ambiguous",
        _set("events", 3, "evidence", [{"exact": "白宮"}]),
        E3,
        "evidence[0].exact",
        "add a prefix or suffix",
    ),
    (
        "evidence_prefix_wrong",
        _set("events", 3, "evidence", [{"exact": "白宮", "prefix": "沒有這個前文"}]),
        E3,
        "evidence[0].exact",
        "text with this prefix/suffix not in the article",
    ),
    (
        "claim_context_not_in_article",
        _set_context([{"exact": "這段文字不在文章裏"}]),
        label("claims", C_CTX),
        "context[0].exact",
        "text not in the article: '這段文字不在文章裏'",
    ),
    (
        "claim_context_ambiguous",
        _set_context([{"exact": "白宮"}]),
        label("claims", C_CTX),
        "context[0].exact",
        "add a prefix or suffix",
    ),
    (
        "claim_context_field_typo",
        _set_context([{"exact": "白宮", "sufix": "重新開始考慮"}]),
        label("claims", C_CTX),
        "context[0].sufix",
        "did you mean 'suffix'",
    ),
    (
        "claim_context_not_a_list",
        _set_context("白宮"),
        label("claims", C_CTX),
        "context",
        "valid list",
    ),
    ("impossible_date", _set("events", 3, "date", "2026-02-30"), E3, "date", "impossible date"),
    (
        "latitude_200",
        _set("places", 3, "lat", 200),
        label("places", 3),
        "lat",
        "less than or equal to 90",
    ),
    (
        "duplicate_event_id",
        edit(lambda d: d["events"].append(copy.deepcopy(d["events"][3]))),
        f"events[{N_EVENTS}] ({RAW['events'][3]['id']})",
        "id",
        "duplicate id (first used by events[3])",
    ),
    (
        "wrong_article_hash",
        edit(lambda d: d["source"].__setitem__("sha256", "0" * 64)),
        "source",
        "sha256",
        "the article's hash is",
    ),
    (
        "article_path_with_nul",  # a NUL made pathlib raise ValueError, which escaped the loader
        edit(lambda d: d["source"].__setitem__("path", "source/\x00.txt")),
        "source",
        "path",
        "article not found at",
    ),
    (
        "article_missing",
        edit(lambda d: d["source"].__setitem__("path", "source/no_such_article.txt")),
        "source",
        "path",
        "article not found at",
    ),
    (
        "unknown_field_typo",
        edit(lambda d: _rename(d, "title_en", "titel_en")),
        E3,
        "titel_en",
        "did you mean 'title_en'",
    ),
    (
        "unknown_field_extra",
        _set("events", 3, "colour", "red"),
        E3,
        "colour",
        "unknown field",
    ),
    (
        "unknown_quote_speaker",
        _set("quotes", 2, "speaker_id", "nobody_known"),
        label("quotes", 2),
        "speaker_id",
        "unknown actor id 'nobody_known'",
    ),
    (
        "bad_enum_value",
        _set("events", 3, "status", "happened"),
        E3,
        "status",
        "Input should be",
    ),
    (
        "record_not_a_mapping",
        edit(lambda d: d["events"].__setitem__(3, "just a string")),
        "events[3]",
        None,
        "a record must be a mapping, not a str",
    ),
    (
        "table_not_a_list",
        edit(lambda d: d.__setitem__("claims", {"id": "x"})),
        None,
        "claims",
        "must be a list of records, not a dict",
    ),
    (
        "missing_table",
        edit(lambda d: d.pop("claims")),
        None,
        "claims",
        "missing top-level key",
    ),
    ("wrong_top_level_type", lambda t: "- a\n- b\n", None, None, "must hold a mapping, not a list"),
    ("empty_file", lambda t: "", None, None, "must hold a mapping, not nothing"),
    ("file_not_found", lambda t: None, None, None, "file not found"),
]


def test_broken_copy_unchanged_loads(tmp_path: Path) -> None:
    # The helper itself breaks nothing: an unchanged copy and a data round trip both load.
    assert len(load_dataset(broken_copy(tmp_path, lambda t: t)).events) == N_EVENTS
    (tmp_path / "again").mkdir()
    assert len(load_dataset(broken_copy(tmp_path / "again", edit(lambda d: None))).events) == (
        N_EVENTS
    )


@pytest.mark.parametrize(
    ("mutate", "record", "field", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN],
)
def test_broken_file_gives_exactly_one_located_problem(
    tmp_path: Path,
    mutate: Callable[[str], str | None],
    record: str | None,
    field: str | None,
    message: str,
) -> None:
    path = broken_copy(tmp_path, mutate)
    with pytest.raises(DatasetError) as excinfo:
        load_dataset(path)
    problems = excinfo.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert problem.file == str(path)
    assert (problem.record, problem.field) == (record, field)
    assert message in problem.message
    text = str(problem)
    assert text.startswith(str(path))
    assert (record or "") in text
    assert (field or "") in text
    assert "Traceback" not in str(excinfo.value)
    if record and record != "source" and problem.line:
        # The line number points at the record: its first line is "- id: <its id>" (or the
        # non-mapping value that replaced it).
        first_line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
        assert first_line.lstrip().startswith("- ")
        rid = re.search(r"\((\w+)\)", record)
        assert rid is None or rid[1] in first_line


def test_several_problems_are_all_listed(tmp_path: Path) -> None:
    def damage(d: dict[str, Any]) -> None:
        d["events"][0]["date"] = "2026-13"
        d["places"][0]["lat"] = 200
        d["claims"][0]["evidence"][0]["exact"] = "不存在"

    with pytest.raises(DatasetError) as excinfo:
        load_dataset(broken_copy(tmp_path, edit(damage)))
    located = sorted((p.record or "", p.field or "") for p in excinfo.value.problems)
    assert located == sorted(
        [
            (label("events", 0), "date"),
            (label("places", 0), "lat"),
            (label("claims", 0), "evidence[0].exact"),
        ]
    )


# --- property: whatever the file holds, a Dataset or a DatasetError ----------------------------

INTERESTING = st.sampled_from(
    [
        "",
        " ",
        "trump",
        "mexico",
        "sinaloa",
        "2026-01-12",
        "2026-02-30",
        "../2026-01-16",
        "2026-01-05/2026-01-11",
        "白宮",
        "特朗普",
        "source/article.zh-Hant.txt",
        "../../..",
        "/",
        "\x00",
        "a" * 65,
        "Q1",
        "Q0",
        "MX-SIN",
        "…",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    INTERESTING,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _containers(node: Any) -> list[Any]:
    found = []
    if isinstance(node, dict | list):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            found.extend(_containers(child))
    return found


def _mutate(draw: Callable[..., Any], data: dict[str, Any]) -> None:
    containers = _containers(data)
    node = draw(st.sampled_from(containers))
    if isinstance(node, dict):
        if not node:
            node[draw(st.text(max_size=8))] = draw(VALUES)
            return
        key = draw(st.sampled_from(list(node)))
        op = draw(st.sampled_from(["drop", "replace", "add"]))
        if op == "drop":
            del node[key]
        elif op == "replace":
            node[key] = draw(VALUES)
        else:
            node[draw(st.text(max_size=8) | st.sampled_from(["titel_en", "id", "evidence"]))] = (
                draw(VALUES)
            )
        return
    if not node:
        node.append(draw(VALUES))
        return
    index = draw(st.integers(0, len(node) - 1))
    op = draw(st.sampled_from(["delete", "duplicate", "shuffle", "replace"]))
    if op == "delete":
        del node[index]
    elif op == "duplicate":
        node.insert(index, copy.deepcopy(node[index]))
    elif op == "shuffle":
        node[:] = draw(st.permutations(node))
    else:
        node[index] = draw(VALUES)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "source").mkdir()
    shutil.copy(ARTICLE_PATH, root / "source" / ARTICLE_PATH.name)
    return root


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_damage_gives_a_dataset_or_a_dataset_error(workdir: Path, data: st.DataObject):
    raw = copy.deepcopy(RAW)
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        _mutate(data.draw, raw)
    path = workdir / "dataset.yaml"
    path.write_text(dump(raw), encoding="utf-8")
    result: Dataset | DatasetError
    try:
        result = load_dataset(path)
    except DatasetError as exc:  # anything else fails the test with its traceback
        result = exc
    if isinstance(result, DatasetError):
        note(f"DatasetError, {min(len(result.problems), 3)}+ problem(s)")
        assert result.problems
        assert all(p.file == str(path) and str(p) for p in result.problems)
    else:
        note("loaded")
        assert isinstance(result, Dataset)
        assert all(ds_ev.start is not None for _, _, ds_ev in all_evidence(result))
