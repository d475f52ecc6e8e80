"""Tests for usmx.corpus_cache: the compiled cache is used only while no input changed, and a
stale, corrupt or unwritable cache never changes what loads (made-up corpus fixture)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from usmx.corpus_cache import input_files, load_cached
from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.problems import DatasetError

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "corpus")
    return tmp_path / "corpus" / "dataset.yaml"


def _data_files(cache: Path) -> dict[str, int]:
    """The compiled dataset files in the cache and their modification times (ns)."""
    return {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json") if "manifest" not in p.name}


def _same(a: object, b: object) -> bool:
    return a.model_dump() == b.model_dump() and a.texts == b.texts and a.article == b.article  # type: ignore[attr-defined]


def test_a_second_load_reads_the_cache_and_gives_the_same_dataset(
    corpus: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = load_cached(corpus, cache)
    written = _data_files(cache)
    assert len(written) == 1
    second = load_cached(corpus, cache)
    assert _data_files(cache) == written  # a hit writes nothing
    assert _same(second, first)
    assert _same(second, load_dataset(corpus))
    assert {p.name for p in input_files(corpus, cache)} == {
        "dataset.yaml",
        "wire.yaml",
        "times.en.txt",
        "relay.zh-Hant.txt",
        "wire.en.txt",
    }


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("dataset.yaml", "title_en: Ruiz meets envoys", "title_en: Ruiz meets the envoys"),
        ("records/wire.yaml", "(made up).\n    value: 45", "(made up, edited).\n    value: 45"),
    ],
)
def test_an_edit_to_any_input_is_a_miss(
    corpus: Path, tmp_path: Path, file: str, old: str, new: str
) -> None:
    cache = tmp_path / "cache"
    load_cached(corpus, cache)
    path = corpus.parent / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    after = load_cached(corpus, cache)
    assert _same(after, load_dataset(corpus))
    assert len(_data_files(cache)) == 1  # the stale compiled file is removed


def test_a_changed_text_is_never_hidden_by_the_cache(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_cached(corpus, cache)
    text = corpus.parent / "sources" / "wire.en.txt"
    text.write_bytes(text.read_bytes().replace(b"45 arrests", b"46 arrests"))
    with pytest.raises(DatasetError) as caught:
        load_cached(corpus, cache)
    assert {p.field for p in caught.value.problems} == {"sha256"}


def test_a_new_code_version_is_a_miss(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    load_cached(corpus, cache)
    written = _data_files(cache)
    import usmx.corpus_cache as cc

    monkeypatch.setattr(cc, "code_version", lambda: "another version")
    load_cached(corpus, cache)
    assert _data_files(cache).keys() != written.keys()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong shape"])
def test_a_damaged_cache_is_ignored(corpus: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    expected = load_cached(corpus, cache)
    (data,) = [p for p in cache.glob("*.json") if "manifest" not in p.name]
    blob = data.read_bytes()
    data.write_bytes(
        {
            "truncate": blob[: len(blob) // 2],
            "garbage": b"\x00\xff not json",
            "wrong shape": json.dumps({"events": 3}).encode(),
        }[damage]
    )
    assert _same(load_cached(corpus, cache), expected)


def test_an_unwritable_cache_only_means_no_cache(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    assert _same(load_cached(corpus, blocker / "cache"), load_dataset(corpus))


def test_a_single_source_file_loads_without_a_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    ds = load_cached(DEFAULT_DATASET, cache)
    assert ds.sources == []
    assert len(ds.events) == len(load_dataset(DEFAULT_DATASET).events)
    assert not cache.exists()
