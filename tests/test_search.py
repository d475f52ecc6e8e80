"""Search folds script, case and accents: every name of an actor finds the same actor."""

from __future__ import annotations

import pytest

from usmx.search import find_actors, find_quotes, fold, matches


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("馬杜羅", "马杜罗"),
        ("Nicolás Maduro", "nicolas maduro"),
        ("  GARCÍA   Harfuch ", "garcia harfuch"),
        ("「大膽」", "大胆"),
        ("97%", "97%"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("川普", "trump"),
        ("Trump", "trump"),
        ("特朗普", "trump"),
        ("总司令", "trump"),
        ("马杜罗", "maduro"),
        ("馬杜洛", "maduro"),
        ("nicolas", "maduro"),
        ("欣鮑姆", "sheinbaum"),
        ("辛鲍姆", "sheinbaum"),
        ("Sheinbaum", "sheinbaum"),
        ("harfuch", "garcia_harfuch"),
        ("García", "garcia_harfuch"),
        ("CIA", "cia"),
        ("中情局", "cia"),
        ("DEA", "dea"),
        ("Pentagon", "us_dod"),
        ("Cártel de Sinaloa", "sinaloa_cartel"),
        ("NYT", "nyt"),
        ("纽时", "nyt"),
        ("霍士", "fox_news"),
        ("Senado", "mexican_senate"),
    ],
)
def test_find_actors_by_any_name(ds, query, first):
    hits = find_actors(query, ds.actors)
    assert hits, query
    assert hits[0].id == first


@pytest.mark.parametrize("query", ["cia"])
def test_latin_terms_match_word_starts_only(ds, query):
    # "cia" must not find "officials" or "special forces".
    assert [a.id for a in find_actors(query, ds.actors)] == ["cia"]


@pytest.mark.parametrize("query", ["", "   ", "zzzz", "<script>"])
def test_find_actors_nothing(ds, query):
    assert find_actors(query, ds.actors) == []


def test_all_terms_must_match():
    assert matches("garcia harf", ["Omar García Harfuch"])
    assert not matches("garcia trump", ["Omar García Harfuch"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("97%", {"q_trump_97_percent"}),
        ("川普 毒品", {"q_trump_97_percent", "q_venezuela_condoning_smuggling"}),
        ("cartels", {"q_trump_97_percent"}),
        ("情报", {"q_harfuch_what_use"}),
        ("Harfuch", {"q_harfuch_what_use", "q_harfuch_not_solved"}),
        ("weapon of mass destruction", {"q_weapon_of_mass_destruction"}),
    ],
)
def test_find_quotes(ds, query, expected):
    assert {q.id for q in find_quotes(query, ds.quotes, ds)} == expected
