"""Tests for usmx.extract.candidates: typed candidates, stable ids, files that round-trip and
files edited into nonsense (one clear message naming file, record and field)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from tests.fixtures.extract_actors import made_up_dataset
from usmx.extract import extract, read_candidates, write_candidates
from usmx.extract.candidates import CandidatesError, candidate_id
from usmx.model import Dataset

FIXTURE = Path(__file__).parent / "fixtures" / "extract_zh.txt"
TEXT = FIXTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(ds: Dataset):
    return extract(
        TEXT, published=dt.date(2026, 2, 4), language="zh-Hant", dataset=made_up_dataset(ds)
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_round_trip(doc, tmp_path: Path, suffix: str) -> None:
    path = write_candidates(doc, tmp_path / f"source{suffix}")
    back = read_candidates(path, TEXT)
    assert back == doc
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left behind


def test_ids_are_stable_hashes_of_kind_and_span(doc, ds: Dataset) -> None:
    again = extract(
        TEXT, published=dt.date(2026, 2, 4), language="zh-Hant", dataset=made_up_dataset(ds)
    )
    assert [c.id for c in again.candidates] == [c.id for c in doc.candidates]
    for c in doc.candidates:
        assert c.id == candidate_id(c.kind, c.start, c.end, c.selector.exact)
        assert TEXT[c.start : c.end] == c.selector.exact
    assert len({c.id for c in doc.candidates}) == len(doc.candidates)


def _edit(doc, tmp_path: Path, change) -> Path:
    path = write_candidates(doc, tmp_path / "source.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _first(kind: str):
    def pick(data: dict) -> dict:
        return next(c for c in data["candidates"] if c["kind"] == kind)

    return pick


@pytest.mark.parametrize(
    ("change", "record", "field", "message"),
    [
        (
            lambda d: _first("date")(d).update(edtf="2026-13-01"),
            "candidates[",
            "edtf",
            "impossible date",
        ),
        (
            lambda d: _first("date")(d).update(edtf="next week"),
            "candidates[",
            "edtf",
            "not an EDTF",
        ),
        (
            lambda d: _first("quote")(d).update(
                start=_first("quote")(d)["start"] + 1, end=_first("quote")(d)["end"] + 1
            ),
            "candidates[",
            None,
            "id does not match",
        ),
        (
            lambda d: _first("quote")(d).update(confidence=2),
            "candidates[",
            "confidence",
            "less than or equal",
        ),
        (lambda d: _first("quote")(d).update(speakr="x"), "candidates[", "speakr", "Extra inputs"),
        (lambda d: _first("place")(d).update(lat=123), "candidates[", "lat", "less than or equal"),
        (
            lambda d: d["candidates"].append("not a mapping"),
            "candidates[",
            None,
            "must be a mapping",
        ),
        (
            lambda d: d["candidates"].append(dict(d["candidates"][0])),
            "candidates[",
            "id",
            "duplicate",
        ),
        (
            lambda d: d["candidates"][0].update(kind="rumour"),
            "candidates[0]",
            None,
            "does not match any",
        ),
        (lambda d: d.update(candidates="lots"), None, "candidates", "must be a list"),
        (lambda d: d["source"].update(published="someday"), None, "source.published", "date"),
    ],
)
def test_nonsense_edits_are_named(doc, tmp_path: Path, change, record, field, message) -> None:
    path = _edit(doc, tmp_path, change)
    with pytest.raises(CandidatesError) as err:
        read_candidates(path, TEXT)
    problem = err.value.problems[0]
    assert problem.file == str(path)
    assert (problem.record or "").startswith(record or "")
    if field is not None:
        assert problem.field is not None
        assert field in problem.field
    assert message.lower() in str(err.value).lower()


def test_span_that_no_longer_matches_the_source(doc, tmp_path: Path) -> None:
    path = write_candidates(doc, tmp_path / "source.json")
    with pytest.raises(CandidatesError, match="does not match the source"):
        read_candidates(path, "X" + TEXT)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"candidates: [\n", "syntax error"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"- just\n- a list\n", "must hold a mapping"),
    ],
)
def test_broken_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "source.yaml"
    path.write_bytes(content)
    with pytest.raises(CandidatesError, match=message):
        read_candidates(path)


def test_json_is_plain_json(doc, tmp_path: Path) -> None:
    data = json.loads(write_candidates(doc, tmp_path / "c.json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert {c["kind"] for c in data["candidates"]} >= {
        "actor_mention",
        "date",
        "quote",
        "place",
        "event",
    }
