"""usmx.ui.data: the content-keyed cache, without a server (st.cache_resource runs bare).

The browser side of the same behaviour (an edit on disk, a broken edit) is in test_faults.py;
here are the parts a browser cannot time: a broken file is parsed once, not on every rerun,
and a write between hashing and reading never caches new content under the old key.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from usmx.article import TranslationError
from usmx.dataset import DEFAULT_DATASET
from usmx.problems import Problem
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


# --- the files a dataset names are part of the key ----------------------------------------------


@pytest.fixture
def moved_article(tmp_path: Path) -> Path:
    """A dataset whose source names its article and translation elsewhere than source/."""
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(DEFAULT_DATASET.parent / "source" / "article.zh-Hant.txt", folder / "a.txt")
    shutil.copy(DEFAULT_DATASET.parent / "source" / "article.en.json", folder / "en.json")
    text = DEFAULT_DATASET.read_text(encoding="utf-8")
    text = text.replace("path: source/article.zh-Hant.txt", "path: texts/a.txt", 1)
    text = text.replace(
        "translation_path: source/article.en.json", "translation_path: texts/en.json"
    )
    path = tmp_path / "dataset.yaml"
    path.write_text(text, encoding="utf-8")
    data._load.clear()
    data._last_good().clear()
    data._digest_for.cache_clear()
    return path


@pytest.mark.parametrize(
    ("text", "files"),
    [
        ("source:\n  path: a.txt\n  translation_path: b.json\nactors: []\n", ["a.txt", "b.json"]),
        ("actors: []\nsource: {path: a.txt, evidence: [{exact: x}]}\n", ["a.txt"]),
        # nested keys of the same name, and other tables, are not the source's files
        ("source:\n  evidence: [{path: no.txt}]\n  path: a.txt\nevents: [{path: x}]\n", ["a.txt"]),
        ("actors: [\n", []),  # broken YAML: the loader reports it
        ("- a list\n", []),
        ("", []),
    ],
)
def test_source_files_are_read_from_the_source_mapping(text, files):
    assert data.source_files(text) == files


def test_an_edit_of_the_article_the_source_names_is_seen(moved_article):
    # Was keyed on a hard-coded source/article.zh-Hant.txt: an edit of the article the dataset
    # actually names kept the old version on screen without a word.
    good = data.get_data(moved_article)
    assert isinstance(good, data.Loaded)
    assert not good.problems
    article = moved_article.parent / "texts" / "a.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n多一行", encoding="utf-8")
    edited = data.get_data(moved_article)
    assert isinstance(edited, data.Loaded)
    assert edited.dataset is good.dataset  # the last good version stays on screen…
    assert any("hash" in str(p) for p in edited.problems)  # …with the reason


def test_the_translation_is_in_the_key_and_read_once_per_version(moved_article, monkeypatch):
    reads: list[Path] = []
    real = data.english_for

    def counting(path, article):
        reads.append(Path(path))
        return real(path, article)

    monkeypatch.setattr(data, "english_for", counting)
    loaded = data.get_data(moved_article)
    assert isinstance(loaded, data.Loaded)
    first = loaded.english()
    assert [data.get_data(moved_article).english() for _ in range(3)] == [first] * 3
    assert reads == [moved_article.parent / "texts" / "en.json"]
    translation = moved_article.parent / "texts" / "en.json"
    before = data.content_digest(moved_article)
    content = json.loads(translation.read_text(encoding="utf-8"))
    content["paragraphs"][0]["en"] += " (edited)"
    translation.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    assert data.content_digest(moved_article) != before
    again = data.get_data(moved_article)
    assert again.digest != loaded.digest
    assert again.english() != first
    assert len(reads) == 2


def test_a_broken_translation_is_an_error_not_a_crash(moved_article):
    (moved_article.parent / "texts" / "en.json").write_text("{not json", encoding="utf-8")
    loaded = data.get_data(moved_article)
    assert isinstance(loaded, data.Loaded)
    assert not loaded.problems  # the dataset itself is fine
    with pytest.raises(TranslationError, match=r"en\.json"):
        loaded.english()


def test_source_page_reruns_do_not_read_the_translation_again(monkeypatch):
    from tests.apptest import run_app

    reads: list[str] = []
    real = Path.read_text

    def counting(self, *args, **kwargs):
        if self.name == "article.en.json":
            reads.append(str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    at = run_app("pages/source.py", lang="en")
    for _ in range(2):
        at.run()
    assert not at.exception
    assert len(reads) <= 1  # was one per run
