"""How each UI language writes what is not a translated string: plurals, lists, punctuation.

One place for the typographic rules that differ between 繁體中文 and English, so no module
writes `"、" if lang == "zh-Hant" else ", "` again. Plural categories and list patterns
come from Babel (CLDR data), the rest are the two conventions this app uses:

- Chinese punctuation is full-width and takes no space around it (「，」「：」「（…）」「、」).
- English puts a space after a colon and before an opening parenthesis.

`usmx.i18n.t()` picks plural forms with `plural_category`; every counted catalog string is a
`usmx.i18n.Plural`, so "1 event" and "2 events" come from one rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Literal

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

# UI language (as in the URL) -> CLDR locale.
_CLDR = {"zh-Hant": "zh_Hant", "en": "en"}
ListStyle = Literal["and", "or", "plain"]
_BABEL_STYLE: dict[str, Literal["standard", "or"]] = {"and": "standard", "or": "or"}


def _is_zh(lang: str) -> bool:
    return lang == "zh-Hant"


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_CLDR.get(lang, "en"))


def plural_category(n: float, lang: str) -> str:
    """CLDR plural category of `n` in `lang`: "one" or "other" for English, "other" for Chinese."""
    return _locale(lang).plural_form(abs(n))


def join(items: Iterable[str], lang: str, style: ListStyle = "plain") -> str:
    """A list as the language writes it.

    "plain" enumerates (川普、辛鮑姆 / Trump, Sheinbaum); "and" and "or" end with a conjunction
    (川普、辛鮑姆和CIA / Trump, Sheinbaum, and CIA).
    """
    items = list(items)
    if style == "plain":
        return list_separator(lang).join(items)
    return format_list(items, style=_BABEL_STYLE[style], locale=_locale(lang))


def list_separator(lang: str) -> str:
    return "、" if _is_zh(lang) else ", "


def colon(lang: str) -> str:
    return "：" if _is_zh(lang) else ": "


def labelled(label: str, value: str, lang: str) -> str:
    """`label: value` with the language's colon."""
    return f"{label}{colon(lang)}{value}"


def parenthesized(text: str, lang: str) -> str:
    """`（text）` or ` (text)`: append it to a word."""
    return f"（{text}）" if _is_zh(lang) else f" ({text})"


def sentence_separator(lang: str) -> str:
    """Between two clauses of one line (a caption's parts)."""
    return "；" if _is_zh(lang) else "; "


def number(n: float, lang: str) -> str:
    """`n` with the language's grouping (12,345)."""
    return format_decimal(n, locale=_locale(lang))
