"""Tests for usmx.intake and `usmx add-source`: every kind of bad input gets one clear message and
nothing is written (made-up fixtures under tests/fixtures/review/, clearly marked)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from usmx.cli import main
from usmx.extract.candidates import read_candidates
from usmx.intake import IntakeError, add_source, detect_language
from usmx.review_state import read_state

FIXTURE = Path(__file__).parent / "fixtures" / "review"
TODAY = dt.date(2026, 2, 10)
MADE_UP = "MADE-UP TEST FIXTURE — not a real report.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "corpus")
    return tmp_path / "corpus" / "dataset.yaml"


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_add_source_stores_the_text_byte_exact_and_writes_candidates(corpus: Path) -> None:
    report = corpus.parent / "new_report.en.txt"
    before = (corpus.read_bytes(), _tree(corpus.parent / "sources"))
    added = add_source(corpus, report, published="2026-02-06", outlet="Made-up Post", today=TODAY)
    assert added.source_id == "made_up_post_2026_02_06"
    assert added.language == "en"  # guessed
    assert added.text_path.read_bytes() == report.read_bytes()
    text = added.text_path.read_text(encoding="utf-8")
    cands = read_candidates(added.candidates_path, text)  # every span checked against the text
    kinds = {c.kind for c in cands.candidates}
    assert {"event", "quote", "actor_mention", "date", "place"} <= kinds
    state = read_state(added.state_path)
    assert (state.source.outlet, str(state.source.published)) == ("Made-up Post", "2026-02-06")
    assert state.decisions == {}
    assert not state.joined
    # Nothing entered the dataset: the dataset file is as it was.
    assert corpus.read_bytes() == before[0]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


BAD_FILES = [
    ("empty.txt", b"", "empty (no text)"),
    ("blank.txt", b"  \n\n", "empty (no text)"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file"),
    ("big5.txt", MADE_UP.encode() + "墨西哥".encode("big5"), "valid UTF-8 up to line 2"),
    ("latin1.txt", "Año de México".encode("latin-1"), "not UTF-8"),
    ("utf16.txt", "made up".encode("utf-16"), "UTF-16"),
    ("lossy.txt", (MADE_UP + "M\ufffdxico").encode(), "U+FFFD"),
    ("control.txt", (MADE_UP + "a\x07b").encode(), "control character U+0007"),
]


@pytest.mark.parametrize(("name", "data", "words"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_gets_one_message_and_nothing_is_written(
    corpus: Path, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    path = _write(tmp_path, name, data)
    before = _tree(corpus.parent)
    with pytest.raises(IntakeError) as caught:
        add_source(corpus, path, published="2026-02-06", outlet="Made-up Post", today=TODAY)
    assert words in str(caught.value)
    assert str(path) in str(caught.value)
    assert _tree(corpus.parent) == before


def test_a_50_mb_file_is_refused_before_it_is_read(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: the size check must come first
    before = _tree(corpus.parent)
    with pytest.raises(IntakeError, match=r"50\.0 MB is too large"):
        add_source(corpus, path, published="2026-02-06", outlet="Made-up Post", today=TODAY)
    assert _tree(corpus.parent) == before


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"published": "2026-02-30"}, "not a date"),
        ({"published": "soon"}, "not a date (write YYYY-MM-DD)"),
        ({"published": "2026-03-01"}, "in the future (today is 2026-02-10)"),
        ({"outlet": "  "}, "name the outlet"),
        ({"language": "fr"}, "--lang 'fr'"),
        ({"url": "ftp://x"}, "an http(s) address"),
        ({"relays": "Made-up Times@2026-02-09"}, "a relay cannot predate what it relays"),
        ({"relays": "Made-up Times@Feb 5"}, "is not a date"),
    ],
)
def test_bad_options_get_one_message_and_nothing_is_written(
    corpus: Path, options: dict[str, str], words: str
) -> None:
    report = corpus.parent / "new_report.en.txt"
    kw = {"published": "2026-02-06", "outlet": "Made-up Post"} | options
    before = _tree(corpus.parent)
    with pytest.raises(IntakeError) as caught:
        add_source(corpus, report, today=TODAY, **kw)  # type: ignore[arg-type]
    assert words in str(caught.value)
    assert _tree(corpus.parent) == before


def test_a_source_already_in_the_corpus_or_under_review_is_refused(
    corpus: Path, tmp_path: Path
) -> None:
    in_corpus = corpus.parent / "sources" / "times.en.txt"
    with pytest.raises(IntakeError, match="already in the corpus as source times"):
        add_source(corpus, in_corpus, published="2026-02-06", outlet="Copy", today=TODAY)
    report = corpus.parent / "new_report.en.txt"
    add_source(corpus, report, published="2026-02-06", outlet="Made-up Post", today=TODAY)
    copy = tmp_path / "same bytes, another name.txt"
    copy.write_bytes(report.read_bytes())
    before = _tree(corpus.parent)
    with pytest.raises(IntakeError, match="awaiting review as made_up_post_2026_02_06"):
        add_source(corpus, copy, published="2026-02-07", outlet="Other", today=TODAY)
    assert _tree(corpus.parent) == before


def test_a_single_source_dataset_must_be_migrated_first(tmp_path: Path) -> None:
    from usmx.dataset import DATA_DIR

    shutil.copy(DATA_DIR / "dataset.yaml", tmp_path / "dataset.yaml")
    shutil.copytree(DATA_DIR / "source", tmp_path / "source")
    report = _write(tmp_path, "r.txt", (MADE_UP + "Ana Ruiz said so.").encode())
    with pytest.raises(IntakeError, match=r"scripts/migrate_sources\.py"):
        add_source(
            tmp_path / "dataset.yaml", report, published="2026-02-06", outlet="X", today=TODAY
        )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("（虛構）墨西哥總統今天表示，將會繼續打擊販毒集團。", "zh-Hant"),
        ("（虚构）墨西哥总统今天表示，将会继续打击贩毒集团。", "zh-Hans"),
        ("La presidenta dijo que el gobierno de México no aceptará la propuesta.", "es"),
        ("The president said that the government of Mexico would not accept it.", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_cli_add_source_reports_and_refuses_in_one_line(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = corpus.parent / "new_report.en.txt"
    args = ["add-source", str(report), "--published", "2026-02-06", "--outlet", "Made-up Post"]
    assert main([*args, "--dataset", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "added source made_up_post_2026_02_06 (en)" in out
    assert "nothing is in the dataset until accepted" in out
    assert main([*args, "--dataset", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "already added, awaiting review" in err
