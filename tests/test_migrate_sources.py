"""Tests for scripts/migrate_sources.py on copies of the shipped dataset (never data/ itself)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from usmx.coding_rules import check_coding_rules
from usmx.dataset import DATA_DIR, load_dataset

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import migrate_sources


@pytest.fixture
def old(tmp_path: Path) -> Path:
    shutil.copy(DATA_DIR / "dataset.yaml", tmp_path / "dataset.yaml")
    shutil.copytree(DATA_DIR / "source", tmp_path / "source")
    return tmp_path / "dataset.yaml"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_migration_keeps_every_record_and_every_offset(old: Path) -> None:
    before = load_dataset(old)
    old_text = old.read_text(encoding="utf-8")
    assert migrate_sources.main([str(old)]) == 0
    after = load_dataset(old)
    assert [s.id for s in after.sources] == ["article"]
    doc = after.sources[0]
    assert (doc.path, doc.translation_path) == (
        "sources/article.zh-Hant.txt",
        "sources/article.en.json",
    )
    assert doc.outlet is None
    assert doc.relays is not None
    assert doc.relays.outlet_id == "nyt"
    assert migrate_sources._comparable(after) == migrate_sources._comparable(before)
    assert check_coding_rules(after) == []
    # The texts moved byte for byte; the old folder is gone; only the source block changed.
    assert (old.parent / "sources" / "article.zh-Hant.txt").read_bytes() == (
        DATA_DIR / "source" / "article.zh-Hant.txt"
    ).read_bytes()
    assert not (old.parent / "source").exists()
    new_text = old.read_text(encoding="utf-8")
    assert new_text.split("\nactors:\n", 1)[1] == old_text.split("\nactors:\n", 1)[1]
    assert new_text.split("\nsources:\n", 1)[0] == old_text.split("\nsource:\n", 1)[0]


def test_keep_paths_leaves_the_texts_where_they_are(old: Path) -> None:
    assert migrate_sources.main([str(old), "--keep-paths", "--id", "zh_report"]) == 0
    after = load_dataset(old)
    assert (after.sources[0].id, after.sources[0].path) == (
        "zh_report",
        "source/article.zh-Hant.txt",
    )


@pytest.mark.parametrize(
    ("args", "setup", "words"),
    [
        ([], "migrate twice", "already in the several-source format"),
        ([], "target exists", "exists already; nothing was changed"),
        ([], "broken", "does not load as it is"),
        (["--dry-run"], "", ""),
    ],
)
def test_a_refused_or_dry_migration_changes_nothing(
    old: Path, capsys: pytest.CaptureFixture[str], args: list[str], setup: str, words: str
) -> None:
    if setup == "migrate twice":
        assert migrate_sources.main([str(old)]) == 0
    elif setup == "target exists":
        (old.parent / "sources").mkdir()
        (old.parent / "sources" / "article.en.json").write_text("{}", encoding="utf-8")
    elif setup == "broken":
        old.write_text(
            old.read_text(encoding="utf-8").replace("id: trump\n", "id: Trump\n"), encoding="utf-8"
        )
    before = _files(old.parent)
    code = migrate_sources.main([str(old), *args])
    assert _files(old.parent) == before
    out = capsys.readouterr()
    if words:
        assert code == 1
        assert words in out.err
    else:
        assert code == 0
        assert out.out.startswith("sources:\n  - id: article\n")
