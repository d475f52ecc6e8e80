"""The string catalog: complete in both languages, placeholders consistent, labels resolvable."""

from __future__ import annotations

import re

import pytest

from usmx.i18n import (
    CATALOG,
    LANGS,
    Plural,
    count,
    label,
    normalize_lang,
    placeholders,
    t,
)
from usmx.locale import plural_category
from usmx.vocabulary import (
    ActorKind,
    EventType,
    Occasion,
    PlaceKind,
    Precision,
    QuoteKind,
    Role,
    Status,
)


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_in_every_language(key):
    entry = CATALOG[key]
    assert set(entry) == set(LANGS), key
    expected = placeholders(_forms(entry["en"])[-1])
    for lang in LANGS:
        *singular, other = _forms(entry[lang])
        assert other.strip(), key
        assert placeholders(other) == expected, (key, lang)
        # A singular may leave out what is obvious for one ("the only one"), never add.
        assert all(placeholders(form) <= expected for form in singular), (key, lang)


def _forms(text: str | Plural) -> tuple[str, ...]:
    return text.forms if isinstance(text, Plural) else (text,)


PLURALS = sorted(k for k, v in CATALOG.items() if any(isinstance(x, Plural) for x in v.values()))


@pytest.mark.parametrize("key", PLURALS)
@pytest.mark.parametrize("n", [0, 1, 2])
@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_for_0_1_2(key, n, lang):
    """Every counted string formats for 0, 1 and 2 and picks the CLDR form for the number."""
    entry = CATALOG[key][lang]
    number = entry.count if isinstance(entry, Plural) else CATALOG[key]["en"].count
    values = {name: n if name == number else "X" for name in placeholders(_forms(entry)[-1])}
    text = t(key, lang, **values)
    if isinstance(entry, Plural):
        expected = entry.one if plural_category(n, lang) == "one" else entry.other
        assert text == expected.format(**values)
    if number in placeholders(
        text if not isinstance(entry, Plural) else entry.form(plural_category(n, lang))
    ):
        assert str(n) in text


@pytest.mark.parametrize(
    ("noun", "n", "lang", "expected"),
    [
        ("events", 0, "en", "0 events"),
        ("events", 1, "en", "1 event"),
        ("events", 2, "en", "2 events"),
        ("events", 1, "zh-Hant", "1 個事件"),
        ("places", 1, "en", "1 place"),
        ("arcs", 1, "en", "1 cross-border arc"),
        ("arcs", 2, "en", "2 cross-border arcs"),
        ("event_types", 1, "en", "1 type"),
        ("records", 1, "en", "1 record"),
    ],
)
def test_count(noun, n, lang, expected):
    assert count(noun, n, lang) == expected


# An English number followed by a plural noun in a plain string: "{n} events" must be a Plural.
_COUNTED = re.compile(r"\{(n|count|total|shown|longer|places|arcs)\} [a-z-]+s\b")


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_no_counted_english_string_without_plural(key):
    en = CATALOG[key]["en"]
    assert isinstance(en, Plural) or not _COUNTED.search(en), key


@pytest.mark.parametrize(
    ("vocabulary", "values"),
    [
        ("event_type", EventType),
        ("status", Status),
        ("role", Role),
        ("kind", ActorKind),
        ("place_kind", PlaceKind),
        ("precision", Precision),
        ("occasion", Occasion),
        ("quote_kind", QuoteKind),
        ("date_precision", ["day", "week", "month", "year", "range", "open"]),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_every_vocabulary_value_has_a_label(vocabulary, values, lang):
    for value in values:
        key = f"{vocabulary}.{value}"
        assert key in CATALOG, key
        assert label(vocabulary, str(value), lang) == CATALOG[key][lang]


def test_zh_labels_differ_from_english():
    same = [k for k, v in CATALOG.items() if _forms(v["en"])[-1] == _forms(v["zh-Hant"])[-1]]
    assert same == [], same


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en", "en"), ("zh-Hant", "zh-Hant"), ("fr", "zh-Hant"), (None, "zh-Hant")],
)
def test_normalize_lang(value, expected):
    assert normalize_lang(value) == expected


def test_formatting():
    assert t("caption.events", "en", shown=3, total=9, details="") == "3 of 9 events"


@pytest.mark.parametrize(
    ("key", "values", "expected"),
    [
        ("map.tooltip.events", {"count": 1}, "1 event:"),
        ("map.tooltip.events", {"count": 2}, "2 events:"),
        ("map.tooltip.events", {"count": 0}, "0 events:"),
        ("map.tooltip.cell", {"places": "3 places", "events": "1 event"}, "3 places, 1 event"),
        (
            "map.tooltip.arc",
            {"source": "US", "target": "Venezuela", "count": 1},
            "US → Venezuela: 1 cross-border action",
        ),
    ],
)
def test_english_singular_used_for_one(key, values, expected):
    assert t(key, "en", **values) == expected
    assert t(key, "zh-Hant", **values) == str(CATALOG[key]["zh-Hant"]).format(**values)
