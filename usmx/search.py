"""Text matching that ignores script, case and accents: 川普, Trump, 特朗普 and 马杜罗 all work.

Everything is folded to one key before comparing: Traditional Chinese to Simplified (OpenCC's
t2s table; the article is Traditional, users often type Simplified), accents stripped
(Nicolás → nicolas), case folded, spaces and punctuation dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from opencc import OpenCC

from usmx.model import Actor, Dataset, Quote

_T2S = OpenCC("t2s")
MAX_QUERY_CHARS = 200  # a search box, not a document: longer input is cut, not rejected


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The comparison key of `text`: words separated by single spaces (see module docstring)."""
    text = unicodedata.normalize("NFKD", _T2S.convert(text[: MAX_QUERY_CHARS * 20]))
    chars = [
        ch.casefold() if ch.isalnum() or ch == "%" else " "
        for ch in text
        if not unicodedata.combining(ch)
    ]
    return " ".join("".join(chars).split())


def _is_cjk(term: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in term)


def _term_in(term: str, folded: str) -> bool:
    # Chinese has no spaces between words: any substring counts. Latin terms must start a
    # word, so "cia" finds the CIA but not "officials".
    if _is_cjk(term):
        return term in folded.replace(" ", "")
    return folded.startswith(term) or f" {term}" in folded


def matches(query: str, texts: Iterable[str]) -> bool:
    """True when every term of `query` occurs in one of `texts` (all terms must match)."""
    terms = fold(query[:MAX_QUERY_CHARS]).split()
    if not terms:
        return True
    haystack = [fold(t) for t in texts if t]
    return all(any(_term_in(term, h) for h in haystack) for term in terms)


def actor_texts(actor: Actor) -> list[str]:
    return [*actor.all_names(), actor.role_en or "", actor.role_zh or ""]


def find_actors(query: str, actors: Iterable[Actor]) -> list[Actor]:
    """Actors any of whose names, aliases or roles match; exact name hits first."""
    key = fold(query[:MAX_QUERY_CHARS])
    if not key:
        return []
    hits = [a for a in actors if matches(query, actor_texts(a))]
    # Stable sort: actors whose name is exactly the query come first, then file order.
    return sorted(hits, key=lambda a: key not in {fold(n) for n in a.all_names()})


def quote_texts(quote: Quote, ds: Dataset) -> list[str]:
    """Everything a quote can be found by: both texts and all names of its speaker."""
    texts = [quote.text_zh, quote.text_en, quote.attribution_note or ""]
    if quote.speaker_id:
        texts += actor_texts(ds.actor(quote.speaker_id))
    return texts


def find_quotes(query: str, quotes: Iterable[Quote], ds: Dataset) -> list[Quote]:
    return [q for q in quotes if matches(query, quote_texts(q, ds))]
