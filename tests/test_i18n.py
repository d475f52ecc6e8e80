"""The string catalog: complete in both languages, placeholders consistent, labels resolvable."""

from __future__ import annotations

import pytest

from usmx.i18n import (
    CATALOG,
    ENGLISH_SINGULAR,
    LANGS,
    label,
    normalize_lang,
    placeholders,
    t,
)
from usmx.model import ActorKind, EventType, Occasion, PlaceKind, Precision, QuoteKind, Role, Status


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_in_every_language(key):
    entry = CATALOG[key]
    assert set(entry) == set(LANGS), key
    assert all(entry[lang].strip() for lang in LANGS), key
    assert placeholders(entry["en"]) == placeholders(entry["zh-Hant"]), key


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
    same = [k for k, v in CATALOG.items() if v["en"] == v["zh-Hant"]]
    assert same == [], same


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en", "en"), ("zh-Hant", "zh-Hant"), ("fr", "zh-Hant"), (None, "zh-Hant")],
)
def test_normalize_lang(value, expected):
    assert normalize_lang(value) == expected


def test_formatting():
    assert t("caption.events", "en", shown=3, total=9, details="") == "3 of 9 events"


@pytest.mark.parametrize("key", sorted(ENGLISH_SINGULAR))
def test_english_singular_matches_its_plural(key):
    number, singular = ENGLISH_SINGULAR[key]
    assert key in CATALOG
    assert placeholders(singular) == placeholders(CATALOG[key]["en"]), key
    assert number in placeholders(singular), key


@pytest.mark.parametrize(
    ("key", "values", "expected"),
    [
        ("map.tooltip.events", {"count": 1}, "1 event:"),
        ("map.tooltip.events", {"count": 2}, "2 events:"),
        ("map.tooltip.events", {"count": 0}, "0 events:"),
        ("map.tooltip.cell", {"places": 3, "count": 1}, "3 places, 1 event"),
        (
            "map.tooltip.arc",
            {"source": "US", "target": "Venezuela", "count": 1},
            "US → Venezuela: 1 cross-border action",
        ),
    ],
)
def test_english_singular_used_for_one(key, values, expected):
    assert t(key, "en", **values) == expected
    assert t(key, "zh-Hant", **values) == CATALOG[key]["zh-Hant"].format(**values)
