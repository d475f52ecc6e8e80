"""The source article as paragraphs, and the project's paragraph-aligned English translation.

Pure Python. Offsets are code points into the article, as the dataset loader resolves them;
a paragraph is a non-blank line. The translation file (`data/source/article.en.json`) lists
`{zh, en}` pieces whose `zh` occurs verbatim in the article, in order, so the English can be
shown next to the Chinese it translates.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class TranslationError(ValueError):
    """The translation file does not line up with the article; the message says where."""


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int  # code point offset of the first character in the article
    end: int  # exclusive
    text: str


def paragraphs(article: str) -> list[Paragraph]:
    """Each non-blank line of the article, with its offsets (the article's paragraphs)."""
    out: list[Paragraph] = []
    pos = 0
    for line in article.split("\n"):
        if line.strip():
            out.append(Paragraph(len(out), pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def load_translation(path: Path | str, article: str) -> list[dict[str, Any]]:
    """The paragraph translation file as a list of {index, zh, en, start, end}.

    Every `zh` must occur verbatim in `article`, each after the previous one; otherwise
    TranslationError names the file and the paragraph index.
    """
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TranslationError(f"{path}: cannot read the translation: {exc}") from None
    items = raw.get("paragraphs") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise TranslationError(f"{path}: expected an object with a list 'paragraphs'")
    out: list[dict[str, Any]] = []
    pos = 0
    for i, item in enumerate(items):
        where = f"{path}: paragraph {i}"
        if not isinstance(item, dict):
            raise TranslationError(f"{where}: must be an object with 'zh' and 'en'")
        zh, en = item.get("zh"), item.get("en")
        if not isinstance(zh, str) or not zh or not isinstance(en, str):
            raise TranslationError(f"{where}: 'zh' and 'en' must be strings ('zh' non-empty)")
        if item.get("index", i) != i:
            raise TranslationError(f"{where}: its 'index' is {item.get('index')!r}, not {i}")
        start = article.find(zh, pos)
        if start == -1:
            what = "out of order" if zh in article else "not in the article"
            raise TranslationError(f"{where}: its 'zh' text is {what}: {zh[:30]!r}…")
        pos = start + len(zh)
        out.append({"index": i, "zh": zh, "en": en, "start": start, "end": pos})
    return out


def english_by_paragraph(paras: list[Paragraph], translation: list[dict[str, Any]]) -> list[str]:
    """The English of each paragraph: the translated pieces that lie inside it, joined."""
    pieces: list[list[str]] = [[] for _ in paras]
    starts = [p.start for p in paras]
    for tr in translation:
        # Paragraphs are in article order: the one holding a piece is found by bisection.
        i = bisect_right(starts, tr["start"]) - 1
        if i >= 0 and tr["start"] < paras[i].end:
            pieces[i].append(tr["en"])
    return [" ".join(p) for p in pieces]


def english_for(path: Path | str, article: str) -> list[str]:
    """The English of each article paragraph, from the translation file at `path`."""
    return english_by_paragraph(paragraphs(article), load_translation(path, article))
