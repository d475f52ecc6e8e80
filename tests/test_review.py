"""Tests for usmx.review and `usmx review`, end to end on made-up fixtures (tests/fixtures/review/):
add a source, accept some candidates, merge one as corroboration, reject one; two reviewers,
a crash mid-write, candidates edited into nonsense, rejections remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from filelock import FileLock

from tests.review_fixture import SOURCE, corpus_with_report
from usmx import review
from usmx.cli import main
from usmx.coding_rules import check_coding_rules
from usmx.dataset import load_dataset
from usmx.extract.candidates import read_candidates
from usmx.problems import DatasetError
from usmx.review import ConflictError, ReviewError, digest, open_session, refresh, run
from usmx.review_records import parse_edits
from usmx.review_state import read_state, state_paths
from usmx.sources import support


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return corpus_with_report(tmp_path)


def _id(dataset: Path, kind: str, words: str) -> str:
    """The id of the candidate of `kind` whose span holds `words`."""
    session = open_session(dataset, SOURCE)
    (c,) = [
        c for c in session.candidates.candidates if c.kind == kind and words in c.selector.exact
    ]
    return c.id


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, but the (empty) lock file that review leaves for the next one."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != review.LOCK_NAME
    }


def test_add_accept_merge_reject_end_to_end(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = _id(corpus, "event", "Ana Ruiz met envoys")
    raid = _id(corpus, "event", "raided a drug laboratory")
    quote = _id(corpus, "quote", "The corridor is closed.")
    denial = _id(corpus, "event", "denied the raid")
    d = ["--dataset", str(corpus)]
    # The assistant proposes the meeting as corroboration of the event the dataset has.
    assert open_session(corpus, SOURCE).candidates.by_id()[meeting].corroborates == (
        "ruiz_meets_cartel_envoys"
    )
    assert main(["review", SOURCE, *d, "--merge", meeting]) == 0
    assert (
        main(
            [
                "review",
                SOURCE,
                *d,
                "--accept",
                raid,
                "--as",
                "police_raid_lab",
                "--set",
                "title_zh=錫那羅亞州警察突襲製毒實驗室",
                "--set",
                "status=occurred",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "review",
                SOURCE,
                *d,
                "--accept",
                quote,
                "--as",
                "q_corridor_closed",
                "--set",
                "event_id=ruiz_meets_cartel_envoys",
            ]
        )
        == 0
    )
    assert main(["review", SOURCE, *d, "--reject", denial, "--reason", "coded later"]) == 0
    out = capsys.readouterr().out
    assert "it now has 2 sources" in out

    ds = load_dataset(corpus)
    assert [s.id for s in ds.sources] == ["times", SOURCE]
    assert check_coding_rules(ds) == []
    table = support(ds)
    assert table[("events", "ruiz_meets_cartel_envoys")].n_sources == 2
    assert table[("events", "police_raid_lab")].sources == (SOURCE,)
    raid_event = ds.events_by_id["police_raid_lab"]
    assert (raid_event.date, raid_event.date_text, raid_event.place_ids) == (
        "2026-02-05",
        "February 5",
        ["culiacan"],
    )
    assert [(a.actor_id, a.role.value) for a in raid_event.actors] == [
        ("state_police", "initiator")
    ]
    assert {q.id for q in ds.quotes} == {"q_corridor_closed"}
    assert main(["validate", str(corpus)]) == 0
    assert "OK — 2 sources" in capsys.readouterr().out

    state = read_state(state_paths(corpus, SOURCE)[1])
    assert {k: v.action for k, v in state.decisions.items()} == {
        meeting: "merged",
        raid: "accepted",
        quote: "accepted",
        denial: "rejected",
    }
    assert state.joined


def test_rejections_and_decisions_are_remembered_when_the_assistant_runs_again(
    corpus: Path,
) -> None:
    denial = _id(corpus, "event", "denied the raid")
    raid = _id(corpus, "event", "raided a drug laboratory")
    run(corpus, SOURCE, "reject", candidate_id=denial)
    run(
        corpus,
        SOURCE,
        "accept",
        candidate_id=raid,
        record_id="raid",
        edits=parse_edits(["title_zh=突襲", "status=occurred"]),
    )
    pending = refresh(corpus, SOURCE)
    ids = open_session(corpus, SOURCE).candidates.by_id()
    assert denial not in ids
    assert raid not in ids
    assert pending == len(ids) > 0
    with pytest.raises(ReviewError, match="no candidate"):
        run(corpus, SOURCE, "accept", candidate_id=denial)


@pytest.mark.parametrize(
    ("kind", "words", "edits", "message"),
    [
        ("event", "raided a drug laboratory", [], "needs title_zh, status"),
        ("date", "February 2", [], "a date is not a record on its own"),
        ("event", "raided a drug laboratory", ["title_zh=突襲", "status=maybe"], "status"),
        (
            "event",
            "raided",
            ["title_zh=突襲", "status=occurred", "place_ids=atlantis"],
            "unknown place id 'atlantis'",
        ),
        (
            "event",
            "raided",
            ["title_zh=突襲", "status=occurred", "date=2026-03-01"],
            "after the report of 2026-02-06",
        ),
        ("event", "raided", ["title_zh=突襲", "status=occurred", "nonsense=1"], "unknown field"),
        ("quote", "corridor", ["speaker_id=nobody"], "unknown actor id 'nobody'"),
    ],
)
def test_an_accept_that_does_not_validate_writes_nothing(
    corpus: Path, kind: str, words: str, edits: list[str], message: str
) -> None:
    cid = _id(corpus, kind, words)
    before = _tree(corpus.parent)
    with pytest.raises((ReviewError, DatasetError)) as caught:
        run(corpus, SOURCE, "accept", candidate_id=cid, edits=parse_edits(edits))
    assert message in str(caught.value)
    assert _tree(corpus.parent) == before


def test_a_stale_edit_is_refused_and_the_other_edit_kept(corpus: Path) -> None:
    seen = digest(corpus, SOURCE)  # reviewer A lists the candidates
    raid = _id(corpus, "event", "raided a drug laboratory")
    run(
        corpus,
        SOURCE,
        "accept",
        seen,
        candidate_id=raid,
        record_id="raid",
        edits=parse_edits(["title_zh=突襲", "status=occurred"]),
    )  # reviewer B, first
    quote = _id(corpus, "quote", "corridor")
    after_b = _tree(corpus.parent)
    with pytest.raises(ConflictError, match="changed since you listed it"):
        run(corpus, SOURCE, "accept", seen, candidate_id=quote)  # A, from the stale listing
    assert _tree(corpus.parent) == after_b
    assert "raid" in load_dataset(corpus).events_by_id


def test_a_held_lock_gives_a_clear_message(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review, "LOCK_TIMEOUT_S", 0.05)
    quote = _id(corpus, "quote", "corridor")
    with (
        FileLock(str(corpus.parent / review.LOCK_NAME)),
        pytest.raises(ConflictError, match="another review is writing"),
    ):
        run(corpus, SOURCE, "accept", candidate_id=quote)


def test_a_crash_mid_write_leaves_a_dataset_that_loads(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first accept writes the records file, then the main file's include, then the state.
    # Crash on the second replace: the records file is new, the main file the last good one.
    meeting = _id(corpus, "event", "Ana Ruiz met envoys")
    real_replace = Path.replace
    calls = []

    def crash(self: Path, target: Path) -> Path:
        calls.append(target)
        if len(calls) == 2:
            raise OSError("simulated crash")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        run(corpus, SOURCE, "merge", candidate_id=meeting)
    monkeypatch.undo()
    ds = load_dataset(corpus)  # the last good dataset: one source, the event as it was
    assert [s.id for s in ds.sources] == ["times"]
    assert len(ds.events_by_id["ruiz_meets_cartel_envoys"].evidence) == 1
    assert not list(corpus.parent.rglob(".*.tmp"))  # no temporary file left behind
    # The decision was not recorded, so the reviewer simply does it again.
    run(corpus, SOURCE, "merge", candidate_id=meeting)
    assert support(load_dataset(corpus))[("events", "ruiz_meets_cartel_envoys")].n_sources == 2


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  start: ", "  start: -", "start"),
        ("kind: quote", "kind: rumour", "kind"),
        ("confidence: 0.95", "confidence: 7", "confidence"),
        ("candidates:\n", "candidates: 3\n", "candidates"),
    ],
)
def test_candidates_edited_into_nonsense_are_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    path = state_paths(corpus, SOURCE)[0]
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    before = _tree(corpus.parent)
    assert main(["review", SOURCE, "--dataset", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err
    assert field in err
    assert _tree(corpus.parent) == before


def test_listing_shows_pending_candidates_and_the_state(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--dataset", str(corpus)]) == 0
    assert SOURCE in capsys.readouterr().out
    assert main(["review", SOURCE, "--dataset", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert f"state {digest(corpus, SOURCE)}" in out
    assert "corroborates=ruiz_meets_cartel_envoys" in out
    assert main(["review", "nobody", "--dataset", str(corpus)]) == 1
    assert "no source 'nobody' under review" in capsys.readouterr().err


def test_candidate_spans_hold_in_the_stored_text(corpus: Path) -> None:
    candidates_path = state_paths(corpus, SOURCE)[0]
    text = (corpus.parent / "sources" / f"{SOURCE}.en.txt").read_text(encoding="utf-8")
    assert read_candidates(candidates_path, text).candidates
