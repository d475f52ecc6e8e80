"""usmx.ui.data: the content-keyed cache, without a server (st.cache_resource runs bare).

The browser side of the same behaviour (an edit on disk, a broken edit) is in test_faults.py;
here are the parts a browser cannot time: a broken file is parsed once, not on every rerun,
and a write between hashing and reading never caches new content under the old key.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from usmx.dataset import DEFAULT_DATASET, Problem
from usmx.ui import data


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_DATASET.parent / "source", tmp_path / "source")
    path = tmp_path / "dataset.yaml"
    shutil.copy(DEFAULT_DATASET, path)
    data._load.clear()
    data._last_good().clear()
    data._digest_for.cache_clear()
    return path


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Every call of parse_dataset made by usmx.ui.data, by the text's first line."""
    calls: list[str] = []
    real = data.parse_dataset

    def counting(text, path):
        calls.append(text.splitlines()[0] if text else "")
        return real(text, path)

    monkeypatch.setattr(data, "parse_dataset", counting)
    return calls


def test_good_file_is_parsed_once(dataset_copy, parses):
    first = data.get_data(dataset_copy)
    second = data.get_data(dataset_copy)
    assert isinstance(first, data.Loaded)
    assert not first.problems
    assert second.dataset is first.dataset
    assert len(parses) == 1


def test_broken_file_is_parsed_once_and_keeps_the_last_good(dataset_copy, parses):
    good = data.get_data(dataset_copy)
    dataset_copy.write_text("actors: [\n", encoding="utf-8")
    shown = [data.get_data(dataset_copy) for _ in range(3)]
    assert len(parses) == 2  # the good version, then the broken one once
    for loaded in shown:
        assert isinstance(loaded, data.Loaded)
        assert loaded.dataset is good.dataset
        assert loaded.problems
        assert "YAML syntax error" in str(loaded.problems[0])
        assert str(dataset_copy) in str(loaded.problems[0])


def test_broken_file_without_a_good_version_gives_its_problems(dataset_copy, parses):
    dataset_copy.write_bytes(b"\xff\xfe not utf-8")
    for _ in range(2):
        problems = data.get_data(dataset_copy)
        assert isinstance(problems, tuple)
        assert all(isinstance(p, Problem) for p in problems)
        assert "UTF-8" in str(problems[0])
    assert parses == []  # refused before parsing; cached all the same


def test_missing_file_gives_a_problem(tmp_path):
    data._load.clear()
    problems = data.get_data(tmp_path / "nowhere.yaml")
    assert isinstance(problems, tuple)
    assert "file not found" in str(problems[0])


def test_write_between_hash_and_read_is_not_cached_under_the_old_key(
    dataset_copy, parses, monkeypatch
):
    """The hash is taken, then the file changes before _load reads it."""
    original = dataset_copy.read_bytes()
    edited = original.replace(b"name_en: Donald Trump\n", b"name_en: Donald J. Trump\n", 1)
    assert edited != original
    stale_digest = data.content_digest(dataset_copy)
    real_digest_for = data._digest_for
    handed_out: list[str] = []

    def digest_then_write(path, stamp):
        if not handed_out:
            # The first hash sees the original, then an editor saves the file.
            handed_out.append(stale_digest)
            dataset_copy.write_bytes(edited)
            return stale_digest
        handed_out.append(real_digest_for(path, data._stamp(path)))
        return handed_out[-1]

    digest_then_write.cache_clear = real_digest_for.cache_clear
    monkeypatch.setattr(data, "_digest_for", digest_then_write)
    loaded = data.get_data(dataset_copy)
    assert isinstance(loaded, data.Loaded)
    assert loaded.dataset.actor("trump").name_en == "Donald J. Trump"
    assert loaded.digest == data.content_digest(dataset_copy) != stale_digest
    assert len(handed_out) == 2  # retried once with a fresh hash
    assert len(parses) == 1  # the stale key was never filled
