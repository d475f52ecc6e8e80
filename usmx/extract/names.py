"""The actor dictionary: every name of every actor, with the general variants news text uses.

Built from the dataset's actors (names in Traditional Chinese, English and Spanish, aliases)
and matched with one Aho-Corasick automaton (pyahocorasick) over the folded text
(`usmx.extract.text.fold`: Traditional and Simplified match alike, accents and case do not
matter), so offsets are the original text's. Latin names must stand at word boundaries; the
longest match wins where names overlap (美國中情局 is one mention, not 美國 + 中情局).

Variants are derived from an actor's fields by general rules of Chinese and English news
writing, never from a particular article (see `variants`): 美軍 for a country's armed forces,
美方/墨方 for its government, 中情局 for 中央情報局, "Mexican Senate" for "Senate of Mexico",
a person's surname, 知情人士 for "people familiar with…". Each variant carries a lower
confidence than a name the dataset spells out.

A country's name alone (美國, 墨西哥, "Mexico", "the US") as the subject or object of an act
stands for its government (docs/coding-rules.md, section 3), so it is a variant of the
country's top-level government, with the lowest confidence of all; used as a place word
(墨西哥境內, 在墨西哥, "into Mexico") it is not an actor (`is_locative`), and the place finder
has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from usmx.extract.text import at_word_boundary, fold, has_cjk
from usmx.model import Actor
from usmx.vocabulary import ActorKind

# Country names in Chinese (full, one-character short form used in compounds like 美軍, 墨方)
# and English (names, adjectives). A general table, not the article's.
COUNTRY_ZH = {
    "US": ("美國", "美"),
    "MX": ("墨西哥", "墨"),
    "VE": ("委內瑞拉", "委"),
    "CO": ("哥倫比亞", "哥"),
    "CA": ("加拿大", "加"),
    "CN": ("中國", "中"),
    "RU": ("俄羅斯", "俄"),
    "GT": ("危地馬拉", "危"),
    "CU": ("古巴", "古"),
}
COUNTRY_EN = {
    "US": ("United States", ["US", "U.S.", "American", "United States"]),
    "MX": ("Mexico", ["Mexican", "Mexico's", "Mexico"]),
    "VE": ("Venezuela", ["Venezuelan", "Venezuela's"]),
    "CO": ("Colombia", ["Colombian", "Colombia's"]),
    "CA": ("Canada", ["Canadian", "Canada's"]),
    "CN": ("China", ["Chinese", "China's"]),
    "GT": ("Guatemala", ["Guatemalan", "Guatemala's"]),
}
# Other English names of a country, used as nouns ("America's most dangerous drug").
COUNTRY_OTHER_NAMES_EN = {"US": ["America", "America's"]}
# Standard short forms in Chinese-language news (full form, short form); both directions.
ZH_ABBREVIATIONS = [
    ("中央情報局", "中情局"),
    ("聯邦調查局", "聯調局"),
    ("緝毒局", "緝毒署"),
    ("國土安全部", "國安部"),
    ("紐約時報", "紐時"),
    ("華盛頓郵報", "華郵"),
    ("華爾街日報", "華日"),
    ("美聯社", "美聯"),
    ("彭博社", "彭博"),
    ("海軍陸戰隊", "陸戰隊"),
    ("國防部", "五角大樓"),
    ("聯合國", "聯國"),
]
# Words for "people familiar with the matter" and "officials" in both languages.
INFORMED_ZH = ["知情人士", "消息人士", "熟悉內情的人士", "熟悉情況的人士", "知情者"]
INFORMED_EN = [
    "people familiar with the matter",
    "people familiar with the talks",
    "people familiar with the negotiations",
    "people familiar with the plans",
    "people familiar with the discussions",
    "sources familiar with the matter",
    "people with knowledge of the matter",
    "informed sources",
]
MILITARY_ZH = ["軍隊", "軍方", "部隊", "武裝部隊"]
# Heads too generic to stand for one actor once the country is dropped (政府 alone is any
# government); longer specific ones (販毒集團, 緝毒局) are how news refers back to a body.
GENERIC_ZH = {
    "政府",
    "軍隊",
    "軍方",
    "部隊",
    "官員",
    "人員",
    "安全人員",
    "國防部",
    "外交部",
    "當局",
}
GENERIC_EN = {
    "government",
    "officials",
    "military",
    "forces",
    "troops",
    "authorities",
    "personnel",
    "security personnel",
    "advisers",
    "police",
    "senate",
    "administration",
}
MILITARY_EN = ["military", "forces", "troops", "armed forces", "army"]
# A country name is a place, not its government, right after a word of motion or location
# (在墨西哥, 進入美國, "in Mexico") or right before a word for part of its territory
# (墨西哥境內, 美國邊境). Folded (Simplified) forms: these run on `fold`ed text.
LOCATIVE_BEFORE_ZH = re.compile(
    r"(?:在|于|进入|入|进驻|驻|派往|到|至|赴|前往|从|自|运往|运抵|抵达|飞往|穿越|越过|遍及|来自)$"
)
LOCATIVE_AFTER_ZH = re.compile(
    r"^(?:境内|境外|各地|全境|全国|国内|本土|领土|领空|领海|边境|北部|南部|东部|西部|中部|"
    r"沿海|海港|港口|城市|一侧|以南|以北|等地)"
)
LOCATIVE_BEFORE_EN = re.compile(
    r"\b(?:in|into|inside|within|to|from|across|throughout|at|toward|towards|"
    r"entering|enter|enters|reach|reaching)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
LOCATIVE_AFTER_EN = re.compile(
    r"^(?:['’]s)?(?:-[a-z.]+)?\s*(?:border|borders|border's|territory|soil)\b", re.IGNORECASE
)
NAME_PARTICLES = {"de", "del", "la", "las", "los", "y", "van", "von", "da", "dos", "bin"}

CONFIDENCE = {
    "name": 0.95,
    "alias": 0.9,
    "variant": 0.75,
    "surname": 0.7,
    "learned": 0.8,
    "country": 0.5,
}


@dataclass(frozen=True)
class Name:
    """One dictionary entry: a way `actor_id` is written."""

    actor_id: str
    text: str
    origin: str  # name, alias, variant, surname, learned
    rule: str = ""

    @property
    def latin(self) -> bool:
        return not has_cjk(self.text)

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.origin]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    name: Name
    others: tuple[str, ...] = ()  # other actors with the same name at the same rank


def _top_government(actor: Actor) -> bool:
    return actor.kind == ActorKind.government and actor.parent_id is None


def _top_military(actor: Actor, by_id: dict[str, Actor]) -> bool:
    parent = by_id.get(actor.parent_id or "")
    return actor.kind == ActorKind.military and (parent is None or parent.kind != "military")


def _zh_variants(actor: Actor, by_id: dict[str, Actor]) -> Iterable[tuple[str, str]]:
    names = [n for n in actor.all_names() if has_cjk(n)]
    full, short = COUNTRY_ZH.get(actor.country or "", ("", ""))
    abbreviated = []
    for name in names:
        for long_form, short_form in ZH_ABBREVIATIONS:
            if long_form in name:
                abbreviated.append(name.replace(long_form, short_form))
            elif short_form in name:
                abbreviated.append(name.replace(short_form, long_form))
    yield from ((a, "zh-abbreviation") for a in abbreviated)
    for name in [*names, *abbreviated]:
        if full and actor.kind not in (ActorKind.person, ActorKind.country):
            if not name.startswith((full, short)):
                yield full + name, "country-prefix"
            rest = name[len(full) :] if name.startswith(full) else ""
            if len(rest) >= 3 and rest not in GENERIC_ZH:
                yield rest, "country-dropped"
    if full and _top_military(actor, by_id):
        for word in MILITARY_ZH:
            yield full + word, "military"
        yield short + "軍", "military"
        yield short + "軍部隊", "military"
    if full and _top_government(actor):
        yield full, "country-as-government"
        yield short + "方", "government-side"
        yield full + "方面", "government-side"
        yield full + "當局", "government-side"
    if any("知情" in n or ("熟悉" in n and "人士" in n) for n in names):
        for word in INFORMED_ZH:
            yield word, "informed-sources"
    for name in names:
        if actor.kind == ActorKind.person and "·" in name:
            yield name.rsplit("·", 1)[1], "surname"


def _en_variants(actor: Actor, by_id: dict[str, Actor]) -> Iterable[tuple[str, str]]:
    names = [n for n in actor.all_names() if not has_cjk(n)]
    country, adjectives = COUNTRY_EN.get(actor.country or "", ("", []))
    for name in names:
        base = re.sub(r"\s*\([^)]*\)", "", name).strip()
        if base != name:
            yield base, "drop-parenthesis"
        if base.startswith("The "):
            yield base[4:], "drop-article"
        if m := re.match(r"^(.+?) in [A-Z][\w ]+$", base):
            yield m.group(1), "drop-qualifier"
        if country and (m := re.match(rf"^(.+?) of (?:the )?{re.escape(country)}$", base)):
            head = m.group(1)
            for adj in adjectives:
                yield (
                    f"{adj} {head.lower() if head[0].isupper() and ' ' not in head else head}",
                    ("demonym"),
                )
        for adj in adjectives:
            if base.startswith(adj + " "):
                rest = base[len(adj) + 1 :]
                for other in adjectives:
                    yield f"{other} {rest}", "demonym"
                if len(rest) >= 8 and rest.lower() not in GENERIC_EN and " " in rest:
                    yield rest, "country-dropped"
    if country and actor.kind == ActorKind.country:
        yield from ((adj, "demonym") for adj in adjectives if adj != country)
    if country and _top_military(actor, by_id):
        for adj in adjectives:
            for word in MILITARY_EN:
                yield f"{adj} {word}", "military"
    if country and _top_government(actor):
        yield from ((noun, "country-as-government") for noun in country_nouns_en(actor.country))
        for adj in adjectives:
            yield f"{adj} government", "government-side"
            yield f"the {adj} side", "government-side"
        yield f"{country} side", "government-side"
    if any("familiar with" in n.lower() or "informed sources" in n.lower() for n in names):
        for words in INFORMED_EN:
            yield words, "informed-sources"


def country_nouns_en(code: str | None) -> list[str]:
    """A country's English name as a noun: the name, its possessive, an acronym (US, U.S.),
    other names for the country (America)."""
    country, forms = COUNTRY_EN.get(code or "", ("", []))
    if not country:
        return []
    nouns = [f for f in forms if f.endswith("'s") or f.replace(".", "").isupper()]
    return list(dict.fromkeys([country, *nouns, *COUNTRY_OTHER_NAMES_EN.get(code or "", [])]))


def country_names() -> set[str]:
    """Folded country names (Chinese and English nouns): the words `is_locative` applies to."""
    zh = {full for full, _ in COUNTRY_ZH.values()}
    en = {noun for code in COUNTRY_EN for noun in country_nouns_en(code)}
    return {fold(n) for n in zh | en}


def is_locative(folded: str, start: int, end: int) -> bool:
    """Whether the country name at folded[start:end] is used as a place word, not an actor."""
    if has_cjk(folded[start:end]):
        before = folded[max(0, start - 3) : start]
        return bool(
            LOCATIVE_BEFORE_ZH.search(before) or LOCATIVE_AFTER_ZH.match(folded[end : end + 3])
        )
    return bool(
        LOCATIVE_BEFORE_EN.search(folded[max(0, start - 20) : start])
        or LOCATIVE_AFTER_EN.match(folded[end : end + 30])
    )


def _surnames(actor: Actor) -> Iterable[str]:
    if actor.kind != ActorKind.person:
        return
    for name in (actor.name_en, actor.name_es or ""):
        tokens = [t for t in name.split() if t]
        if len(tokens) < 2:
            continue
        yield tokens[-1]
        # Spanish names carry two surnames ("García Harfuch"): both together are used too.
        if len(tokens) >= 3 and tokens[-2].lower() not in NAME_PARTICLES:
            yield " ".join(tokens[-2:])


def dictionary(actors: list[Actor], with_variants: bool = True) -> list[Name]:
    """Every name of every actor; with `with_variants`, the rule-derived forms too."""
    by_id = {a.id: a for a in actors}
    out: list[Name] = []
    for actor in actors:
        canonical = [actor.name_zh, actor.name_en, *([actor.name_es] if actor.name_es else [])]
        out += [Name(actor.id, n, "name") for n in canonical]
        out += [Name(actor.id, n, "alias") for n in actor.aliases]
        if not with_variants:
            continue
        for text, rule in [*_zh_variants(actor, by_id), *_en_variants(actor, by_id)]:
            origin = "country" if rule == "country-as-government" else "variant"
            out.append(Name(actor.id, text, origin, rule))
        out += [Name(actor.id, s, "surname", "surname") for s in _surnames(actor)]
    return [n for n in out if len(n.text.strip()) >= 2]


_RANK = {"name": 0, "alias": 0, "learned": 1, "variant": 2, "surname": 3, "country": 4}


@dataclass
class NameIndex:
    """An Aho-Corasick automaton over the folded names; `find` returns the mentions."""

    names: list[Name]
    _automaton: ahocorasick.Automaton = field(init=False, repr=False)
    _countries: set[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._countries = country_names()
        grouped: dict[str, list[Name]] = {}
        for name in self.names:
            key = fold(name.text.strip())
            grouped.setdefault(key, []).append(name)
        self._automaton = ahocorasick.Automaton()
        for key, entries in grouped.items():
            best = min(_RANK[e.origin] for e in entries)
            top = [e for e in entries if _RANK[e.origin] == best]
            actors = list(dict.fromkeys(e.actor_id for e in top))
            self._automaton.add_word(key, (len(key), top[0], tuple(actors[1:])))
        if grouped:
            self._automaton.make_automaton()

    def all_matches(self, text: str) -> list[Match]:
        """Every dictionary hit (Latin ones at word boundaries), overlapping ones included."""
        if not self.names:
            return []
        folded = fold(text)
        hits = []
        for end_index, (length, name, others) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if name.latin and not at_word_boundary(folded, start, end):
                continue
            if folded[start:end] in self._countries and is_locative(folded, start, end):
                continue  # 在墨西哥, "into Mexico": a place word, not an actor
            hits.append(Match(start, end, name, others))
        return hits

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping dictionary hits."""
        return longest_first(self.all_matches(text))


def longest_first(hits: list[Match]) -> list[Match]:
    """Keep the longest of overlapping hits (then the earliest, then the best-ranked name)."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    order = sorted(hits, key=lambda m: (-(m.end - m.start), m.start, _RANK[m.name.origin]))
    for m in order:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
