"""Tests for usmx.corpus: several sources, records in one file per source, evidence naming its
source, disputes, and every way such a dataset can be broken (made-up fixture under
tests/fixtures/corpus/, clearly marked as made up)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from usmx.coding_rules import check_coding_rules
from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.problems import DatasetError
from usmx.sources import LEGACY_SOURCE_ID, primary, sources_of, text_of

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the made-up corpus; returns its main dataset file."""
    shutil.copytree(FIXTURE, tmp_path / "corpus")
    return tmp_path / "corpus" / "dataset.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_loads_every_source_and_resolves_each_selector_in_its_own() -> None:
    ds = load_dataset(FIXTURE / "dataset.yaml")
    assert [s.id for s in ds.sources] == ["times", "relay", "wire"]  # main file's first
    for table in ("actors", "places", "events", "quotes", "claims"):
        for record in getattr(ds, table):
            for ev in record.evidence:
                assert ev.source is not None
                assert text_of(ds, ev.source)[ev.start : ev.end] == ev.exact
    event = ds.events[0]
    assert [ev.source for ev in event.evidence] == ["times", "relay", "wire"]
    readings = event.disputes[0].readings
    assert [ev.source for r in readings for ev in r.evidence] == ["times", "wire"]


def test_a_selector_without_source_is_in_its_files_first_source() -> None:
    ds = load_dataset(FIXTURE / "dataset.yaml")
    claim = ds.claims[0]  # in records/wire.yaml, whose first source is the wire
    assert [ev.source for ev in claim.evidence] == ["wire", "times"]
    assert ds.actors_by_id["ruiz"].evidence[0].source == "times"  # main file: the first


def test_the_first_source_is_what_the_single_source_app_reads() -> None:
    ds = load_dataset(FIXTURE / "dataset.yaml")
    assert ds.source.published.isoformat() == "2026-02-03"
    assert ds.source.title_en == "Made-up Times"  # no title: the outlet
    assert ds.article == text_of(ds, "times")
    first_line = ds.article.splitlines()[0]
    assert [ev.exact for ev in ds.source.evidence] == [first_line]  # no evidence: its first line


def test_the_corpus_passes_the_coding_rules() -> None:
    ds = load_dataset(FIXTURE / "dataset.yaml")
    assert check_coding_rules(ds) == []


def test_an_old_single_source_file_keeps_loading() -> None:
    ds = load_dataset(DEFAULT_DATASET)
    assert ds.sources == []
    (only,) = sources_of(ds)
    assert only.id == LEGACY_SOURCE_ID == primary(ds).id
    assert only.relays is not None
    assert only.relays.outlet_id == "nyt"
    assert all(ev.source is None for e in ds.events for ev in e.evidence)
    assert text_of(ds, None) == text_of(ds, LEGACY_SOURCE_ID) == ds.article


def test_same_spans_in_two_sources_are_not_a_duplicate_event(corpus: Path) -> None:
    # Two events whose only evidence sits at the very same offsets, but in different sources.
    ds = load_dataset(corpus)
    event = ds.events[0]
    a = event.model_copy(update={"id": "a", "evidence": [event.evidence[0]]})
    moved = event.evidence[0].model_copy(update={"source": "other"})
    b = event.model_copy(update={"id": "b", "evidence": [moved]})
    from usmx.coding_rules import rule_events_not_duplicated

    assert list(rule_events_not_duplicated(ds.model_copy(update={"events": [a, b]}))) == []
    same = ds.model_copy(update={"events": [a, a.model_copy(update={"id": "c"})]})
    assert len(list(rule_events_not_duplicated(same))) == 1


def test_a_record_may_end_as_late_as_its_latest_source(corpus: Path) -> None:
    # The claim's wire is of 5 February, the first source of 3 February: a quote backed by the
    # wire may be dated the 4th; backed by the first source only it may not.
    edit(corpus, "date: 2026-02-03\n    date_basis", "date: 2026-02-04\n    date_basis")
    problems = check_coding_rules(load_dataset(corpus))
    assert [(p.record, p.field) for p in problems] == [("quotes[0] (q_ruiz_corridor)", "date")]
    edit(
        corpus,
        """      - exact: 'Ruiz said: "We will close the drug corridor."'""",
        """      - exact: 'Ruiz said: "We will close the drug corridor."'
      - {source: wire, exact: Ana Ruiz met envoys}""",
    )
    assert check_coding_rules(load_dataset(corpus)) == []


# (file, old text, new text, record, field, words of the message)
BROKEN = [
    (
        "dataset.yaml",
        "      - source: relay\n        exact: 港務部長",
        "      - source: reley\n        exact: 港務部長",
        "events[0] (ruiz_meets_cartel_envoys)",
        "evidence[1].source",
        "unknown source 'reley'",
    ),
    (
        "dataset.yaml",
        "{source: wire, exact: on February 1}",
        "{source: wire, exact: on February 2}",
        "events[0] (ruiz_meets_cartel_envoys)",
        "disputes[0].readings[1].evidence[0].exact",
        "not in source wire",
    ),
    (
        "dataset.yaml",
        "      - exact: Ports minister Ana Ruiz\n",
        "      - exact: Ruiz\n",
        "actors[2] (ruiz)",
        "evidence[0].exact",
        "occurs 2 times in source times",
    ),
    (
        "records/wire.yaml",
        "  - id: wire\n",
        "  - id: times\n",
        "sources[0] (times)",
        "id",
        "duplicate source id (first in",
    ),
    (
        "dataset.yaml",
        "include: [records/wire.yaml]",
        "include: [records/wire.yaml, records/missing.yaml]",
        None,
        "include[1]",
        "file not found",
    ),
    (
        "records/wire.yaml",
        "    outlet: Made-up Wire\n",
        "    outlet: Made-up Wire\ninclude: [../dataset.yaml]\n",
        None,
        "include[0]",
        "included more than once",
    ),
    (
        "dataset.yaml",
        "sha256: c18d3a98266308e1b53be8a7b9187d91e216de51574dfc2a63fbd71072ad1797",
        "sha256: " + "ab" * 32,
        "sources[0] (times)",
        "sha256",
        "the text changed or the hash is wrong",
    ),
    (
        "dataset.yaml",
        "    outlet: Made-up Times\n",
        "",
        "sources[0] (times)",
        "outlet",
        "Field required",
    ),
    (
        "dataset.yaml",
        "published: 2026-02-03}",
        "published: 2026-02-09}",
        "sources[1] (relay)",
        "relays.published",
        "a relay cannot predate what it relays",
    ),
    (
        "dataset.yaml",
        "relays: {outlet: 虛構時報, outlet_id: made_up_times",
        "relays: {outlet: 虛構時報, outlet_id: made_up_tiems",
        "sources[1] (relay)",
        "relays.outlet_id",
        "unknown actor id 'made_up_tiems'",
    ),
    (
        "dataset.yaml",
        "    language: en\n    published: 2026-02-03",
        "    language: fr\n    published: 2026-02-03",
        "sources[0] (times)",
        "language",
        "Input should be",
    ),
    (
        "dataset.yaml",
        "          - value: 2026-02-01\n",
        "          - value: 2026-02-01\n            preferred: true\n",
        "events[0] (ruiz_meets_cartel_envoys)",
        "disputes[0].readings",
        "exactly one reading `preferred: true` (found 2)",
    ),
    (
        "records/wire.yaml",
        "          - value: 45\n",
        "          - value: 46\n",
        "claims[0] (c_arrests)",
        "disputes[0].readings[0].value",
        "the preferred value must be the record's own value",
    ),
    (
        "dataset.yaml",
        "          - value: 2026-02-01\n",
        "          - value: the first\n",
        "events[0] (ruiz_meets_cartel_envoys)",
        "disputes[0].readings[1].value",
        "not a valid date",
    ),
    (
        "dataset.yaml",
        "      - field: date\n",
        "      - field: id\n",
        "events[0] (ruiz_meets_cartel_envoys)",
        "disputes[0].field",
        "not a field this record's sources can disagree on",
    ),
    (
        "records/wire.yaml",
        "          - value: 40\n",
        "          - value: 45\n",
        "claims[0] (c_arrests)",
        "disputes[0].readings[1].value",
        "the same value twice",
    ),
    (
        "dataset.yaml",
        "    date_text: February 2\n",
        "    date_text: February 3\n",
        "events[0] (ruiz_meets_cartel_envoys)",
        "date_text",
        "'February 3' is not in the record's sources",
    ),
    (
        "records/wire.yaml",
        "    claimant_id: state_police\n",
        "    claimant_id: state_polise\n",
        "claims[0] (c_arrests)",
        "claimant_id",
        "unknown actor id 'state_polise'",
    ),
    (
        "records/wire.yaml",
        "claims:\n  - id: c_arrests",
        "quotes:\n  - id: q_ruiz_corridor\n    broken: true\nclaims:\n  - id: c_arrests",
        "quotes[0] (q_ruiz_corridor)",
        "broken",
        "unknown field",
    ),
    (
        "dataset.yaml",
        "include: [records/wire.yaml]",
        "include: records/wire.yaml",
        None,
        "include",
        "must be a list of file paths",
    ),
    (
        "dataset.yaml",
        "sources:\n  - id: times",
        "source: {}\nsources:\n  - id: times",
        None,
        "source",
        "a several-source file has `sources:`, not `source:`",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "record", "field", "words"),
    BROKEN,
    ids=[case[4] + ":" + case[5][:24] for case in BROKEN],
)
def test_a_broken_corpus_names_file_record_and_field(
    corpus: Path, file: str, old: str, new: str, record: str | None, field: str, words: str
) -> None:
    edit(corpus.parent / file, old, new)
    with pytest.raises(DatasetError) as caught:
        load_dataset(corpus)
    found = [p for p in caught.value.problems if p.field == field and words in p.message]
    assert found, [str(p) for p in caught.value.problems]
    problem = found[0]
    assert problem.record == record
    assert Path(problem.file).name == Path(file).name  # the file where the mistake is


def test_a_problem_in_an_included_file_gives_its_line(corpus: Path) -> None:
    edit(corpus.parent / "records/wire.yaml", "claimant_id: state_police", "claimant_id: nobody")
    with pytest.raises(DatasetError) as caught:
        load_dataset(corpus)
    (problem,) = caught.value.problems
    lines = (corpus.parent / "records/wire.yaml").read_text(encoding="utf-8").splitlines()
    assert problem.line is not None
    assert lines[problem.line - 1].strip() == "- id: c_arrests"


def test_every_problem_is_told_at_once(corpus: Path) -> None:
    edit(corpus, "{source: wire, exact: on February 1}", "{source: wyre, exact: on February 1}")
    edit(corpus.parent / "records/wire.yaml", "claimant_id: state_police", "claimant_id: nobody")
    with pytest.raises(DatasetError) as caught:
        load_dataset(corpus)
    assert {Path(p.file).name for p in caught.value.problems} == {"dataset.yaml", "wire.yaml"}


def test_a_broken_source_is_told_once_not_once_per_selector(corpus: Path) -> None:
    # YAML reads an all-digit hash as a number: the first source is invalid, and every record
    # citing it by default would otherwise be reported (or looked for in the next source).
    edit(
        corpus,
        "sha256: c18d3a98266308e1b53be8a7b9187d91e216de51574dfc2a63fbd71072ad1797",
        "sha256: 0",
    )
    with pytest.raises(DatasetError) as caught:
        load_dataset(corpus)
    assert [(p.record, p.field) for p in caught.value.problems] == [
        ("sources[0] (times)", "sha256")
    ]
