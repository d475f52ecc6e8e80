"""usmx.acled_places: our places as ACLED's admin1 and country names, for the place filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from usmx.acled_places import fold, names_for, place_keys
from usmx.corpus_cache import load_cached
from usmx.model import Dataset

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "dataset.yaml"


@pytest.mark.parametrize(
    ("iso", "must_have"),
    [
        ("MX-SIN", {"sinaloa"}),
        ("MX-NLE", {"nuevo leon"}),  # ACLED writes it without the accent
        ("MX-MEX", {"mexico", "state of mexico", "estado de mexico"}),  # ACLED: "Mexico"
        ("MX-DIF", {"mexico city", "ciudad de mexico"}),
        ("MX-CMX", {"mexico city"}),  # ISO's newer code for the same state
        ("US-TX", {"texas"}),
        ("MX", {"mexico"}),
        ("US", {"united states"}),
        ("VE", {"venezuela"}),
    ],
)
def test_names_for(iso: str, must_have: set[str]):
    names = set(names_for(iso))
    assert must_have <= names
    assert all(n == fold(n) and n.isascii() for n in names)  # folded, Latin only
    assert not any(n.endswith(" state") for n in names)


@pytest.mark.parametrize("iso", ["", "XX", "MX-XXX", "not a code"])
def test_unknown_codes_have_no_names(iso: str):
    assert names_for(iso) == ()


@given(st.text(max_size=40))
def test_fold_is_stable(text: str):
    assert fold(fold(text)) == fold(text)


def test_the_shipped_places(ds: Dataset):
    keys = place_keys(ds, ["sinaloa", "texas", "mexico", "us_mexico_border", "mexican_seaports"])
    assert {"sinaloa", "texas"} <= set(keys.admin1)
    assert "mexico" in keys.countries
    assert "mexico" not in keys.admin1
    # The border and "Mexican seaports" have no ACLED equivalent: reported, never guessed.
    assert keys.unmatched == ("us_mexico_border", "mexican_seaports")
    assert keys.by_state == ()
    assert keys.any


def test_a_city_is_matched_by_its_state(tmp_path: Path):
    # The made-up corpus places Culiacán (a city) with its state's code, MX-SIN.
    corpus = load_cached(CORPUS, cache_dir=tmp_path)
    keys = place_keys(corpus, ["culiacan"])
    assert keys.admin1 == ("sinaloa",)
    assert keys.by_state == ("culiacan",)
    assert keys.unmatched == ()


def test_nothing_chosen_or_unknown(ds: Dataset):
    assert not place_keys(ds, []).any
    keys = place_keys(ds, ["no_such_place"])
    assert not keys.any
    assert keys.unmatched == ("no_such_place",)
