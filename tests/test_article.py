"""usmx.article: the article's paragraphs and the paragraph-aligned translation file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from usmx import article as A
from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.model import Dataset

TRANSLATION = DEFAULT_DATASET.parent / "source" / "article.en.json"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def test_paragraphs_have_exact_offsets(ds):
    paras = A.paragraphs(ds.article)
    assert len(paras) == len([line for line in ds.article.split("\n") if line.strip()])
    for p in paras:
        assert ds.article[p.start : p.end] == p.text
        assert "\n" not in p.text
        assert p.text.strip()


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("a\n\nb", [(0, 0, 1, "a"), (1, 3, 4, "b")]),
        ("\n\n x \n", [(0, 2, 5, " x ")]),
        ("", []),
        ("  \n\t\n", []),
    ],
)
def test_paragraphs_of_small_texts(article, expected):
    assert [(p.index, p.start, p.end, p.text) for p in A.paragraphs(article)] == expected


def test_translation_aligns_with_every_paragraph(ds):
    translation = A.load_translation(TRANSLATION, ds.article)
    paras = A.paragraphs(ds.article)
    assert [(tr["start"], tr["end"]) for tr in translation] == [(p.start, p.end) for p in paras]
    english = A.english_by_paragraph(paras, translation)
    assert all(english)
    sheinbaum = next(p.index for p in paras if "辛鮑姆" in p.text)
    assert "Sheinbaum" in english[sheinbaum]
    assert A.english_for(TRANSLATION, ds.article) == english


@pytest.mark.parametrize(
    ("article", "pieces", "expected"),
    [
        # two pieces in one paragraph are joined; a paragraph without a piece is empty
        ("甲乙\n丙丁\n戊", [("甲", "A"), ("乙", "B"), ("戊", "E")], ["A B", "", "E"]),
        ("甲乙", [], [""]),
    ],
)
def test_english_by_paragraph_places_each_piece(article, pieces, expected):
    translation = []
    pos = 0
    for zh, en in pieces:
        start = article.index(zh, pos)
        pos = start + len(zh)
        translation.append({"zh": zh, "en": en, "start": start, "end": pos})
    assert A.english_by_paragraph(A.paragraphs(article), translation) == expected


def _write(tmp_path: Path, paragraphs) -> Path:
    path = tmp_path / "article.en.json"
    path.write_text(json.dumps({"paragraphs": paragraphs}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("paragraphs", "message"),
    [
        (
            [{"zh": "甲乙", "en": "A"}, {"zh": "不在", "en": "B"}],
            "paragraph 1: its 'zh' text is not in",
        ),
        (
            [{"zh": "丙丁", "en": "C"}, {"zh": "甲乙", "en": "A"}],
            "paragraph 1: its 'zh' text is out of",
        ),
        ([{"zh": "甲乙", "en": 3}], "paragraph 0: 'zh' and 'en' must be strings"),
        ([{"zh": "", "en": "x"}], "paragraph 0: 'zh' and 'en' must be strings"),
        (["甲乙"], "paragraph 0: must be an object"),
        ([{"index": 5, "zh": "甲乙", "en": "A"}], "paragraph 0: its 'index' is 5"),
    ],
)
def test_translation_errors_name_file_and_paragraph(tmp_path, paragraphs, message):
    path = _write(tmp_path, paragraphs)
    with pytest.raises(A.TranslationError) as info:
        A.load_translation(path, "甲乙\n\n丙丁")
    assert str(path) in str(info.value)
    assert message in str(info.value)


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"paragraphs": 3}'])
def test_translation_file_that_is_not_a_translation(tmp_path, content):
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(A.TranslationError, match=re.escape(str(path))):
        A.load_translation(path, "甲乙")


def test_missing_translation_file(tmp_path):
    with pytest.raises(A.TranslationError, match="cannot read"):
        A.load_translation(tmp_path / "nope.json", "甲乙")
