"""Actor mentions, and the names a text teaches us: bracketed glosses and 又譯 forms.

Chinese news introduces a foreign name once with its Latin spelling and often another
transliteration: 辛鮑姆（Claudia Sheinbaum，又譯欣鮑姆）. That gloss ties a name the dataset has
never seen to an actor it knows (by the Latin name), or a known Chinese name to a Latin
spelling or acronym it lacks (中央情報局（CIA）). English does the same with acronyms: Drug
Enforcement Administration (DEA). Each such link becomes a `NewAlias` candidate, and every
occurrence of the learned name in the text a mention; a bracketed name nobody knows becomes a
`NewActor` with a proposed id (``new:<slug>``) its mentions and quotations can point at.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from usmx.extract.candidates import ActorMention, NewActor, NewAlias, make
from usmx.extract.names import Match, Name, NameIndex, longest_first
from usmx.extract.text import Gloss, fold, gloss_view, glosses, has_cjk, is_cjk
from usmx.vocabulary import ActorKind

ALT_MARKERS = re.compile(r"[，,、;；]\s*(?:又譯|又译|又稱|又称|或譯|或译|亦譯|亦译|簡稱|简称)\s*")
# Titles that end the description before a transliterated name: 墨西哥總統|辛鮑姆.
TITLES = (
    "總統|總理|首相|主席|部長|副部長|國務卿|局長|署長|司令|將軍|議員|參議員|眾議員|州長|市長|大使|"
    "發言人|代表|主任|頭目|首領|領導人|創始人|負責人|律師|法官|檢察官|教授|記者|官員|總檢察長|"
    "秘書長|外長|防長|總監|主管|成員|兒子|女兒|之子|之女|妻子|丈夫|頭子|毒梟|毒販"
)
_TITLE_RE = re.compile(f"(?:{TITLES})")
# Characters that cannot be inside a name: a name starts after the last of them.
_STOP_CHARS = set("的了和與及在被向對將把是為由讓從稱說於並但而或據經令使給、，。：；「」『』《》")
ORG_WORDS_EN = {
    "cartel": ActorKind.cartel,
    "cártel": ActorKind.cartel,
    "news": ActorKind.media,
    "times": ActorKind.media,
    "post": ActorKind.media,
    "journal": ActorKind.media,
    "press": ActorKind.media,
    "reuters": ActorKind.media,
    "wire": ActorKind.media,
    "agency": ActorKind.agency,
    "army": ActorKind.military,
    "navy": ActorKind.military,
    "forces": ActorKind.military,
    "marines": ActorKind.military,
    "guard": ActorKind.military,
    "guardia": ActorKind.military,
    "ejército": ActorKind.military,
    "senate": ActorKind.legislature,
    "congress": ActorKind.legislature,
    "senado": ActorKind.legislature,
    "government": ActorKind.government,
    "administration": ActorKind.agency,
    "department": ActorKind.agency,
    "ministry": ActorKind.agency,
    "office": ActorKind.agency,
    "bureau": ActorKind.agency,
    "secretariat": ActorKind.agency,
    "secretaría": ActorKind.agency,
    "fiscalía": ActorKind.agency,
    "police": ActorKind.agency,
    "policía": ActorKind.agency,
    "commission": ActorKind.agency,
    "council": ActorKind.group,
    "group": ActorKind.group,
    "organization": ActorKind.group,
    "party": ActorKind.group,
}
ORG_SUFFIX_ZH = {
    "集團": ActorKind.cartel,
    "販毒集團": ActorKind.cartel,
    "卡特爾": ActorKind.cartel,
    "新聞": ActorKind.media,
    "時報": ActorKind.media,
    "日報": ActorKind.media,
    "郵報": ActorKind.media,
    "電視台": ActorKind.media,
    "通訊社": ActorKind.media,
    "軍": ActorKind.military,
    "部隊": ActorKind.military,
    "參議院": ActorKind.legislature,
    "眾議院": ActorKind.legislature,
    "議會": ActorKind.legislature,
    "國會": ActorKind.legislature,
    "政府": ActorKind.government,
    "部": ActorKind.agency,
    "局": ActorKind.agency,
    "署": ActorKind.agency,
    "處": ActorKind.agency,
    "委員會": ActorKind.agency,
    "警察": ActorKind.agency,
    "組織": ActorKind.group,
    "黨": ActorKind.group,
}


@dataclass
class ActorFindings:
    mentions: list[ActorMention]
    new_aliases: list[NewAlias]
    new_actors: list[NewActor]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:48] or "unnamed"


def is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z.&]{1,7}s?", text.strip()))


def looks_like_person(latin: str) -> bool:
    tokens = latin.split()
    if not 1 <= len(tokens) <= 5 or is_acronym(latin):
        return False
    if any(t.lower().strip(".,") in ORG_WORDS_EN for t in tokens):
        return False
    return all(
        t[0].isupper() or t.lower() in {"de", "del", "la", "y", "van", "von"} for t in tokens
    )


def guess_kind(name_zh: str | None, latin: str | None) -> ActorKind:
    if latin and looks_like_person(latin):
        return ActorKind.person
    for token in (latin or "").lower().split():
        if token.strip(".,") in ORG_WORDS_EN:
            return ORG_WORDS_EN[token.strip(".,")]
    for suffix, kind in sorted(ORG_SUFFIX_ZH.items(), key=lambda kv: -len(kv[0])):
        if name_zh and name_zh.endswith(suffix):
            return kind
    return ActorKind.group if latin and is_acronym(latin) else ActorKind.person


def _split_gloss(g: Gloss) -> tuple[tuple[int, str] | None, list[tuple[int, str]]]:
    """The Latin name in a gloss (offset, text) and its alternative transliterations."""
    parts = ALT_MARKERS.split(g.inner, maxsplit=1)
    latin_text = parts[0].strip(" ，,")
    latin = None
    if latin_text and not has_cjk(latin_text):
        latin = (g.inner_start + g.inner.index(latin_text), latin_text)
    alts = []
    if len(parts) == 2:
        alt_start = g.inner_start + len(g.inner) - len(parts[1])
        for m in re.finditer(r"[^，,、/／\s]+", parts[1]):
            if has_cjk(m.group()):
                alts.append((alt_start + m.start(), m.group()))
    return latin, alts


def _name_before(text: str, end: int, person: bool, known: list[Match]) -> tuple[int, str]:
    """Where the Chinese name that a gloss at `end` explains starts, and the title before it."""
    start = end
    while start > 0 and (is_cjk(text[start - 1]) or text[start - 1] == "·") and end - start < 24:
        if text[start - 1] in _STOP_CHARS:
            break
        start -= 1
    # A known name or place inside the run ends the description part: 墨西哥總統|辛鮑姆.
    for m in known:
        if start <= m.start and m.end < end:
            start = max(start, m.end)
    title = ""
    for t in _TITLE_RE.finditer(text, start, end):
        if t.end() < end:
            start, title = t.end(), t.group()
    if person and end - start > 5 and "·" not in text[start:end]:
        start = end - 3  # a transliterated surname: Chinese uses two to four characters
    return start, title


class _Learner:
    """Collects what the glosses teach, one link per (actor, name)."""

    def __init__(self, text: str):
        self.text = text
        self.aliases: list[NewAlias] = []
        self.actors: list[NewActor] = []
        self.learned: list[Name] = []
        self.seen: set[tuple[str, str]] = set()

    def alias(self, actor_id: str, start: int, end: int, linked_by: str, conf: float) -> None:
        alias = self.text[start:end]
        if (actor_id, fold(alias)) in self.seen:
            return
        self.seen.add((actor_id, fold(alias)))
        self.aliases.append(
            make(
                NewAlias,
                self.text,
                start,
                end,
                actor_id=actor_id,
                alias=alias,
                linked_by=linked_by,
                confidence=conf,
                rule="gloss",
            )
        )
        self.learned.append(Name(actor_id, alias, "learned", "gloss"))


def _gloss_links(
    text: str, gloss_list: list[Gloss], matches: list[Match], index: NameIndex
) -> _Learner:
    learn = _Learner(text)
    by_end = {m.end: m for m in matches}
    for g in gloss_list:
        latin, alts = _split_gloss(g)
        before = by_end.get(g.start) or by_end.get(g.start - 1)  # "Agency (CIA)" has a space
        latin_actor = None
        if latin:
            hits = index.find(latin[1])
            if hits and hits[0].end - hits[0].start == len(latin[1]):
                latin_actor = hits[0].name.actor_id
        actor_id = before.name.actor_id if before else latin_actor
        if latin and actor_id and not latin_actor and before:
            # 中央情報局（CIA）: the dataset knows the Chinese name, not this spelling.
            learn.alias(actor_id, latin[0], latin[0] + len(latin[1]), before.name.text, 0.8)
        elif latin and latin_actor and not before and has_cjk(text[max(0, g.start - 1) : g.start]):
            # 辛鮑姆（Claudia Sheinbaum）: a transliteration the dataset has not seen.
            person = guess_kind(None, latin[1]) == ActorKind.person
            start, _ = _name_before(text, g.start, person, matches)
            if g.start - start >= 2:
                learn.alias(latin_actor, start, g.start, latin[1], 0.75)
        elif latin and not actor_id:
            _new_actor(text, g, latin, alts, matches, learn)
            continue
        for alt_start, alt in alts:
            if actor_id and not index.find(alt):
                learn.alias(
                    actor_id, alt_start, alt_start + len(alt), text[g.start + 1 : g.end], 0.8
                )
    return learn


def _new_actor(
    text: str,
    g: Gloss,
    latin: tuple[int, str],
    alts: list[tuple[int, str]],
    matches: list[Match],
    learn: _Learner,
) -> None:
    if not latin[1][:1].isupper():
        return  # "(in Spanish)": a name starts with a capital
    zh_start = g.start
    title = ""
    if g.start > 0 and is_cjk(text[g.start - 1]):
        person = looks_like_person(latin[1])
        zh_start, title = _name_before(text, g.start, person, matches)
    elif not (latin[1][:1].isupper() and (is_acronym(latin[1]) or looks_like_person(latin[1]))):
        return  # "(2024)", "(in Spanish)": not a name
    name_zh = text[zh_start : g.start] if g.start - zh_start >= 2 else None
    if name_zh is None and is_acronym(latin[1]):
        # English "Mexican Navy (Semar)": the capitalised words before the bracket.
        m = re.search(r"((?:[A-Z][\w'’-]*\s+){1,6})$", text[max(0, g.start - 80) : g.start])
        if not m:
            return
        zh_start = g.start - len(m.group(1))
    kind = guess_kind(name_zh, latin[1])
    span_start = zh_start if name_zh else latin[0]
    span_end = g.end if name_zh else latin[0] + len(latin[1])
    if name_zh is None and zh_start < g.start:
        span_start, span_end = zh_start, g.end
    proposed = f"new:{slug(latin[1])}"
    if any(a.proposed_id == proposed for a in learn.actors):
        return
    learn.actors.append(
        make(
            NewActor,
            text,
            span_start,
            span_end,
            proposed_id=proposed,
            name_zh=name_zh,
            name_latin=latin[1],
            aliases=[a for _, a in alts],
            actor_kind=kind,
            role_text=title or None,
            confidence=0.6,
            rule="gloss",
        )
    )
    names = [latin[1], *(a for _, a in alts)] + ([name_zh] if name_zh else [])
    learn.learned += [Name(proposed, n, "learned", "new-actor") for n in names]
    if kind == ActorKind.person and len(latin[1].split()) >= 2:
        learn.learned.append(Name(proposed, latin[1].split()[-1], "learned", "new-actor"))


def _gloss_spanning(text: str, gloss_list: list[Gloss], index: NameIndex) -> list[Match]:
    """Names interrupted by a gloss: 拜登（Joe Biden）政府 read as 拜登政府."""
    if not gloss_list:
        return []
    view = gloss_view(text, gloss_list)
    out = []
    for m in index.all_matches(view.text):
        if view.crosses_gap(m.start, m.end):
            start, end = view.to_original(m.start, m.end)
            out.append(Match(start, end, m.name, m.others))
    return out


def find_actors(text: str, index: NameIndex) -> ActorFindings:
    """Every actor mention, plus the aliases and actors the text's glosses propose."""
    gloss_list = glosses(text)
    first = longest_first(index.all_matches(text) + _gloss_spanning(text, gloss_list, index))
    learn = _gloss_links(text, gloss_list, first, index)
    final = first
    if learn.learned:
        bigger = NameIndex([*index.names, *learn.learned])
        final = longest_first(bigger.all_matches(text) + _gloss_spanning(text, gloss_list, bigger))
    mentions = []
    for m in final:
        conf = m.name.confidence * (0.6 if m.others else 1.0)
        rule = m.name.origin + (f":{m.name.rule}" if m.name.rule else "")
        mentions.append(
            make(
                ActorMention,
                text,
                m.start,
                m.end,
                actor_id=m.name.actor_id,
                name=m.name.text,
                confidence=round(conf, 2),
                rule=rule,
            )
        )
    return ActorFindings(mentions, learn.aliases, learn.actors)
