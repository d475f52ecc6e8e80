"""The string catalog: complete in both languages, placeholders consistent, labels resolvable."""

from __future__ import annotations

import pytest

from usmx.i18n import CATALOG, LANGS, label, normalize_lang, placeholders, t
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
