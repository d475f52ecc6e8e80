"""Quotations: where they are, direct speech or a quoted term, and who said them.

Found: text in 「」 (with 『』 nested), “”, straight double quotes paired within a paragraph,
and block quotations: the paragraph after one whose last clause has a speech verb and ends
with a colon (美國國防部僅在一份聲明中表示： / "Harfuch said:"), a stray closing mark dropped.

A quotation of a few words with no sentence punctuation is a `term` (「大規模殺傷性武器」,
"bold"); anything longer, or introduced by a colon, is `direct` speech.

The speaker is the subject of the speech verb nearest before the quotation in its sentence
(or in the introducing paragraph; failing that, the verb after it: 」他說): in Chinese the
first actor mentioned in that verb's clause (特朗普在接受霍士新聞採訪時聲稱 → 特朗普), in English
the nearest actor before the verb ("Trump again raised"). A pronoun (她, he) stands for the
first person mentioned in the clauses before it. Confidence says how direct the tie is.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from usmx.extract.candidates import ActorMention, QuoteCandidate, make
from usmx.extract.text import Span, clauses, fold, has_cjk, paragraphs, sentences, span_of
from usmx.vocabulary import QuoteKind

# Speech verbs, folded (Simplified, lower case). Weak ones ("提出" a request) count only when
# a comma or colon follows: 特朗普再次提出，… reports speech, 提出請求 does not.
SPEECH_ZH = (
    "表示|声称|宣称|宣布|强调|指出|透露|告诉|认为|指责|警告|批评|回应|坦言|直言|补充|写道|说道|问道|"
    "呼吁|承认|否认|重申|提到|证实|谴责|称|说|道"
)
WEAK_ZH = "提出|提议|要求|建议|质疑"
SPEECH_EN = (
    "said|says|say|told|tells|stressed|stresses|added|adds|noted|notes|claimed|claims|stated|"
    "states|declared|announced|announces|warned|warns|accused|accuses|argued|insisted|wrote|"
    "asked|explained|raised|called|described|labeled|labelled|dubbed|urged|replied|according to"
)
_SPEECH_ZH_RE = re.compile(rf"(?:{SPEECH_ZH})|(?:{WEAK_ZH})(?=[，,：:])")
_SPEECH_EN_RE = re.compile(rf"\b(?:{SPEECH_EN})\b")
PRONOUNS_ZH = re.compile(r"[他她][们]?|其")
PRONOUNS_EN = re.compile(r"\b(?:he|she|they)\b")
OPEN_CLOSE = {"「": "」", "“": "”", "『": "』"}
_SENTENCE_PUNCT = re.compile(r"[，。！？；：,.!?;:]")


@dataclass(frozen=True)
class Quoted:
    start: int  # the quoted words, without marks
    end: int
    marks: str
    colon_before: bool


def _paired(text: str) -> list[Quoted]:
    out: list[Quoted] = []
    for p_start, p_end in paragraphs(text):
        i = p_start
        while i < p_end:
            ch = text[i]
            if ch in OPEN_CLOSE:
                close = text.find(OPEN_CLOSE[ch], i + 1, p_end)
                if ch == "「":  # 「…『…』…」: skip nested marks
                    close = _matching(text, i, p_end)
                if close != -1:
                    out.append(Quoted(i + 1, close, ch + OPEN_CLOSE[ch], _colon(text, i)))
                    i = close + 1
                    continue
            elif ch == '"':
                close = text.find('"', i + 1, p_end)
                if close != -1:
                    out.append(Quoted(i + 1, close, '""', _colon(text, i)))
                    i = close + 1
                    continue
            i += 1
    return out


def _matching(text: str, open_at: int, limit: int) -> int:
    depth = 0
    for j in range(open_at, limit):
        if text[j] == "「":
            depth += 1
        elif text[j] == "」":
            depth -= 1
            if depth == 0:
                return j
    return -1


def _colon(text: str, at: int) -> bool:
    before = text[max(0, at - 2) : at].rstrip()
    return before.endswith(("：", ":"))


def _is_intro(text: str, start: int, end: int, zh: bool) -> bool:
    """A paragraph that introduces a block quotation: its last clause speaks, ends in a colon."""
    body = text[start:end].rstrip()
    if not body.endswith(("：", ":")):
        return False
    last = clauses(text, start, start + len(body) - 1)
    tail = fold(text[last[-1][0] : last[-1][1]]) if last else ""
    return bool((_SPEECH_ZH_RE if zh else _SPEECH_EN_RE).search(tail))


def find_quoted(text: str, language: str) -> list[Quoted]:
    """Every quotation span (inner words), paired marks first, then block quotations."""
    zh = language.startswith("zh")
    quoted = _paired(text)
    paras = paragraphs(text)
    for (a_start, a_end), (b_start, b_end) in itertools.pairwise(paras):
        if not _is_intro(text, a_start, a_end, zh):
            continue
        if any(q.start <= b_start + 1 and q.end >= b_end - 1 for q in quoted):
            continue  # the next paragraph is already one quotation in marks
        end = b_end
        while end > b_start and text[end - 1] in '」”"':  # a closing mark never opened
            end -= 1
        if not any(b_start <= q.start < end for q in quoted):
            quoted.append(Quoted(b_start, end, "block", True))
    return sorted(quoted, key=lambda q: q.start)


_SPEAKER_START = re.compile(r"^(?:我|你|妳|您|咱)|^(?:I|We|You|Our|My|It's|We're|I'm)\b")


def quote_kind(text: str, q: Quoted, zh: bool) -> QuoteKind:
    """Direct speech, or a quoted term (a few words that name or label something)."""
    raw = text[q.start : q.end].strip()
    inner = raw.rstrip("，。,.!?！？;；:")
    if q.marks == "block" or q.colon_before or _SENTENCE_PUNCT.search(inner):
        return QuoteKind.direct
    if _SPEAKER_START.search(inner):  # "We will…", 「我們…」: someone speaking
        return QuoteKind.direct
    if has_cjk(inner):
        return (
            QuoteKind.direct
            if raw.endswith(("。", "！", "？")) or len(inner) > 12
            else QuoteKind.term
        )
    return QuoteKind.term if len(inner.split()) <= 5 else QuoteKind.direct


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    verb: str


def _cues(text: str, start: int, end: int, zh: bool, quoted: list[Span]) -> list[_Cue]:
    folded = fold(text[start:end])
    pattern = _SPEECH_ZH_RE if zh else _SPEECH_EN_RE
    out = []
    for m in pattern.finditer(folded):
        s = start + m.start()
        if not zh and not text[s].islower():
            continue  # "United States", "Notes": a name, not a verb
        if span_of(quoted, s) is None:
            out.append(_Cue(s, start + m.end(), text[s : start + m.end()]))
    return out


class _Speakers:
    """Finds the subject of a speech verb among the actor mentions."""

    def __init__(self, text: str, mentions: list[ActorMention], persons: set[str], zh: bool):
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.persons = persons
        self.zh = zh

    def _in(self, start: int, end: int) -> list[ActorMention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def subject(
        self, cue: _Cue, sentence: Span, quoted: list[Span]
    ) -> tuple[ActorMention | None, float]:
        spans = clauses(self.text, *sentence)
        clause = span_of(spans, cue.start) or sentence
        before = [m for m in self._in(clause[0], cue.start) if span_of(quoted, m.start) is None]
        pronouns = self._pronouns(clause[0], cue.start)
        # Chinese puts the subject first in its clause (特朗普在接受霍士新聞採訪時聲稱); English
        # right before the verb ("She said that … Trump again raised").
        options = [(m.start, m) for m in before] + [(p, None) for p in pronouns]
        if options:
            at, mention = (
                min(options, key=lambda o: o[0]) if self.zh else max(options, key=lambda o: o[0])
            )
            if mention is None:
                return self._resolve(at, spans), 0.6
            return mention, 0.85
        # No subject in the verb's clause: carried over from the sentence's earlier clauses.
        earlier = [m for m in self._in(sentence[0], clause[0]) if span_of(quoted, m.start) is None]
        return (earlier[0], 0.6) if earlier else (None, 0.0)

    def _pronouns(self, start: int, end: int) -> list[int]:
        pattern = PRONOUNS_ZH if self.zh else PRONOUNS_EN
        return [start + m.start() for m in pattern.finditer(fold(self.text[start:end]))]

    def _resolve(self, at: int, spans: list[Span]) -> ActorMention | None:
        """A pronoun: the first person in the nearest earlier clause that names one."""
        earlier = [s for s in spans if s[1] <= at]
        paras = paragraphs(self.text)
        para = span_of(paras, at) or (0, len(self.text))
        all_clauses = [
            c for s in sentences(self.text) if para[0] <= s[0] < at for c in clauses(self.text, *s)
        ]
        for clause in reversed(all_clauses or earlier):
            if clause[0] >= at:
                continue
            persons = [
                m for m in self._in(clause[0], min(clause[1], at)) if m.actor_id in self.persons
            ]
            if persons:
                return persons[0]
        return None


def find_quotes(
    text: str,
    *,
    language: str,
    mentions: list[ActorMention],
    persons: set[str],
    quoted: list[Quoted] | None = None,
) -> list[QuoteCandidate]:
    """Quotation candidates with proposed speakers (`persons`: actor ids that are people)."""
    zh = language.startswith("zh")
    quoted = quoted if quoted is not None else find_quoted(text, language)
    spans = [(q.start, q.end) for q in quoted]
    sents = sentences(text)
    paras = paragraphs(text)
    speakers = _Speakers(text, mentions, persons, zh)
    out = []
    for q in quoted:
        if q.end <= q.start or not text[q.start : q.end].strip():
            continue
        kind = quote_kind(text, q, zh)
        speaker, conf, cue = _attribute(text, q, sents, paras, spans, speakers, zh)
        start, end = q.start, q.end
        if kind == QuoteKind.term:  # "condoning drug smuggling," keeps its words only
            inner = text[start:end]
            end = start + len(inner.rstrip(" ，。,.!?！？;；:"))
            start += len(inner) - len(inner.lstrip())
        out.append(
            make(
                QuoteCandidate,
                text,
                start,
                end,
                quote_kind=kind,
                marks=q.marks,
                speaker_id=speaker.actor_id if speaker else None,
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
                speaker_confidence=conf,
                cue=cue,
                confidence=0.8 if q.marks == "block" else 0.95,
                rule=f"quote:{q.marks}",
            )
        )
    return out


def _attribute(
    text: str,
    q: Quoted,
    sents: list[Span],
    paras: list[Span],
    spans: list[Span],
    speakers: _Speakers,
    zh: bool,
) -> tuple[ActorMention | None, float, str | None]:
    sentence = span_of(sents, q.start - 1 if q.marks != "block" else q.start) or (q.start, q.end)
    para = span_of(paras, q.start) or sentence
    if q.marks == "block" or (q.start - 1 <= para[0] and q.end + 1 >= para[1]):
        # The introducing paragraph's last sentence holds the verb.
        earlier = [p for p in paras if p[1] <= para[0]]
        if earlier:
            intro = span_of(sents, earlier[-1][1] - 1) or earlier[-1]
            cues = _cues(text, intro[0], intro[1], zh, spans)
            if cues:
                who, conf = speakers.subject(cues[-1], intro, spans)
                return who, min(0.9, conf + 0.05) if who else 0.0, cues[-1].verb
    before = [c for c in _cues(text, sentence[0], q.start, zh, spans)]
    if before:
        who, conf = speakers.subject(before[-1], sentence, spans)
        if who:
            return who, conf, before[-1].verb
    after_sentence = span_of(sents, q.end) or sentence
    after_end = after_sentence[1]
    if after_end <= q.end + 1:  # 「…。」魯伊斯說。: the attribution is the next, short sentence
        following = span_of(sents, after_end + (1 if zh else 2))
        if following and following[1] - following[0] <= 20:
            after_end = following[1]
    after = _cues(text, q.end, after_end, zh, spans)
    if after:
        who, conf = speakers.subject(after[0], (q.end, after_end), spans)
        if who:
            return who, conf, after[0].verb
    return None, 0.0, None
