"""Tests for usmx.extract.names and usmx.extract.actors (made-up actors, made-up sentences)."""

from __future__ import annotations

import pytest

from tests.fixtures.extract_actors import ACTORS, actor
from usmx.extract.actors import find_actors
from usmx.extract.names import NameIndex, dictionary

INDEX = NameIndex(dictionary(ACTORS))


def _mentions(text: str, index: NameIndex = INDEX) -> list[tuple[str, str]]:
    return [(m.selector.exact, m.actor_id) for m in find_actors(text, index).mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("錫那羅亞州警察今天表示。", [("錫那羅亞州警察", "state_police")]),
        ("锡那罗亚州警察今天表示。", [("锡那罗亚州警察", "state_police")]),  # Simplified
        ("墨方拒絕了。", [("墨方", "mexico_government")]),  # government-side variant
        (
            "美國軍隊與墨西哥政府",
            [("美國軍隊", "us_military"), ("墨西哥政府", "mexico_government")],
        ),
        ("美軍部隊抵達。", [("美軍部隊", "us_military")]),
        ("販毒集團成員被捕。", []),  # 港口販毒集團 minus country is not a general rule
        ("The Mexican government said no.", [("Mexican government", "mexico_government")]),
        ("the mexican GOVERNMENT said no.", [("mexican GOVERNMENT", "mexico_government")]),
        (
            "U.S. forces and American troops.",
            [("U.S. forces", "us_military"), ("American troops", "us_military")],
        ),
        ("Ruiz said. Ana Ruiz said.", [("Ruiz", "ruiz"), ("Ana Ruiz", "ruiz")]),
        ("Ruizes and Ruizo", []),  # word boundaries
        ("The Harbor Cartel struck.", [("Harbor Cartel", "harbor_cartel")]),
        # A country's name as subject or object of an act is its government (coding rules 3)…
        ("美國向墨西哥施壓。", [("美國", "us_government"), ("墨西哥", "mexico_government")]),
        (
            "Mexico refused; the US insisted.",
            [("Mexico", "mexico_government"), ("US", "us_government")],
        ),
        # …as a place word it is not an actor.
        ("毒品走私進入美國。", []),
        ("墨西哥境內的販毒集團", []),
        ("美軍在墨西哥行動。", [("美軍", "us_military")]),
        ("troops were sent into Mexico", []),
        ("across the US-Mexico border", []),
        # A longer name wins over the country: 美國軍隊 is not 美國 + 軍隊.
        ("美國軍隊", [("美國軍隊", "us_military")]),
    ],
)
def test_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert _mentions(text) == expected


def test_bracketed_latin_name_links_a_new_transliteration() -> None:
    text = "部長盧伊斯（Ana Ruiz，又譯路易斯）表示，路易斯與盧伊斯是同一人。"
    found = find_actors(text, INDEX)
    assert {(a.alias, a.actor_id) for a in found.new_aliases} == {
        ("盧伊斯", "ruiz"),
        ("路易斯", "ruiz"),
    }
    names = [(m.selector.exact, m.actor_id) for m in found.mentions]
    assert names.count(("路易斯", "ruiz")) == 2
    assert names.count(("盧伊斯", "ruiz")) == 2
    assert ("Ana Ruiz", "ruiz") in names


def test_known_chinese_name_proposes_its_latin_gloss_as_alias() -> None:
    found = find_actors("港口販毒集團（Cártel del Puerto）今天表示。", INDEX)
    assert [(a.alias, a.actor_id) for a in found.new_aliases] == [
        ("Cártel del Puerto", "harbor_cartel")
    ]


@pytest.mark.parametrize(
    ("text", "name_zh", "latin", "kind", "title"),
    [
        (
            "州安全部長阿爾瓦雷斯（Rodrigo Álvarez）表示。",
            "阿爾瓦雷斯",
            "Rodrigo Álvarez",
            "person",
            "部長",
        ),
        (
            "據港務監察局（Port Inspection Office）透露。",
            "港務監察局",
            "Port Inspection Office",
            "agency",
            None,
        ),
        ("The Ports Inspection Office (PIO) said.", None, "PIO", "group", None),
    ],
)
def test_unknown_bracketed_names_become_proposed_actors(
    text: str, name_zh: str | None, latin: str, kind: str, title: str | None
) -> None:
    found = find_actors(text, INDEX)
    assert len(found.new_actors) == 1
    new = found.new_actors[0]
    assert (new.name_zh, new.name_latin, new.actor_kind.value, new.role_text) == (
        name_zh,
        latin,
        kind,
        title,
    )
    assert any(m.actor_id == new.proposed_id for m in found.mentions)


def test_brackets_that_are_not_names_propose_nothing() -> None:
    found = find_actors("數字（2024年）與說明（in Spanish）", INDEX)
    assert found.new_actors == []
    assert found.new_aliases == []


def test_a_name_interrupted_by_a_gloss_is_one_mention() -> None:
    index = NameIndex(
        dictionary([actor("port_admin", "Port administration", "港務政府", "government", "MX")])
    )
    assert _mentions("在港務（Port Office）政府時期", index) == [
        ("港務（Port Office）政府", "port_admin")
    ]


def test_every_mention_points_at_its_words() -> None:
    text = "墨方、美軍與盧伊斯（Ana Ruiz）會面，the Mexican government agreed."
    for m in find_actors(text, INDEX).mentions:
        assert text[m.start : m.end] == m.selector.exact
