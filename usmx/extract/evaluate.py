"""Measure the assistant honestly: run it on the shipped article as if it were new, compare.

`evaluate(ds, translation_path)` runs `extract` on the article (and on its English translation)
with only the fair actor list (`reference.fair_dataset`) and scores what it proposes against
the curated dataset (`reference`), computed at run time:

- actor mentions: recall and precision (a found mention counts when it overlaps a reference
  mention of the same actor);
- date expressions: found (a date candidate overlaps it) and normalised right (its EDTF is
  the curated one; or, where the curated date uses knowledge from outside the article, as its
  `date_basis` says, an interval that contains it: the text alone cannot say more);
- quotations: found (overlapping), kind (direct/term) and speaker right (no speaker where the
  curators attribute none);
- places: the curated places found anywhere in the text, and their evidence spans covered.

The English translation is scored by paragraph: the reference for paragraph i is what the
curated records hold for the article's paragraph i (sets of actors and places, the list of
date expressions and quotations in order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from usmx.extract.candidates import Candidates
from usmx.extract.pipeline import extract
from usmx.extract.places import load_gazetteer
from usmx.extract.reference import (
    GoldDate,
    Translation,
    date_contains,
    fair_dataset,
    gold_dates,
    gold_mentions,
    gold_places,
    gold_quotes,
    load_translation,
    paragraph_of,
    stripped_aliases,
)
from usmx.extract.text import fold
from usmx.model import Dataset

GOALS = {
    "quotes_found": 1.0,
    "quote_speakers": 0.9,
    "dates_found": 0.95,
    "dates_normalised": 0.9,
    "actor_recall": 0.95,
}


@dataclass
class Score:
    hit: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.hit / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hit += int(ok)


@dataclass
class LanguageReport:
    language: str
    figures: dict[str, Score] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def score(self, name: str) -> Score:
        return self.figures.setdefault(name, Score())

    def miss(self, name: str, what: str) -> None:
        self.misses.setdefault(name, []).append(what)


@dataclass
class Report:
    zh: LanguageReport
    en: LanguageReport | None
    stripped_zh: dict[str, list[str]]  # actor id -> aliases left out of the fair actor list
    candidates_zh: Candidates
    candidates_en: Candidates | None = None
    stripped_en: dict[str, list[str]] = field(default_factory=dict)

    def failures(self) -> list[str]:
        """Goals not met, one line each (empty when every goal is met)."""
        out = []
        for report in (self.zh, *([self.en] if self.en else [])):
            for name, goal in GOALS.items():
                score = report.figures.get(name)
                if score is not None and score.rate < goal:
                    out.append(f"{report.language} {name}: {score.rate:.1%} < {goal:.0%}")
        return out


def _overlaps(a: Any, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def _date_right(edtf: str, gold: GoldDate) -> bool:
    if edtf in gold.edtfs:
        return True
    return any(date_contains(edtf, g) for g in gold.outside)


def _place_ids(ds: Dataset) -> dict[str, str]:
    """Gazetteer id -> curated place id, by ISO code or by a shared name."""
    records = load_gazetteer()
    out = {}
    for place in ds.places:
        names = {fold(n) for n in (place.name_en, place.name_zh, place.name_es) if n}
        for r in records:
            r_names = {fold(n) for n in (r.get("name_en"), r.get("name_zh"), *r["aliases"]) if n}
            same_iso = (
                place.iso_3166 and r.get("iso_3166") == place.iso_3166 and r["kind"] != "city"
            )
            if same_iso or names & r_names:
                out[r["id"]] = place.id
    return out


def _score_zh(ds: Dataset, cands: Candidates) -> LanguageReport:
    text = ds.article
    rep = LanguageReport("zh-Hant")
    mentions = [m for m in cands.of_kind("actor_mention") if not m.actor_id.startswith("new:")]
    gold = gold_mentions(ds, text)
    for g in gold:
        ok = any(m.actor_id == g.actor_id and _overlaps(m, g.start, g.end) for m in mentions)
        rep.score("actor_recall").add(ok)
        if not ok:
            rep.miss("actor mentions", f"{g.text} ({g.actor_id}) at {g.start}")
    for m in mentions:
        ok = any(m.actor_id == g.actor_id and _overlaps(m, g.start, g.end) for g in gold)
        rep.score("actor_precision").add(ok)
        if not ok:
            rep.miss("actor mentions (wrong)", f"{m.selector.exact} as {m.actor_id} at {m.start}")

    dates = cands.of_kind("date")
    golds = gold_dates(ds)
    for gd in golds:
        if not gd.is_expression:
            rep.notes.append(f"{gd.text} ({', '.join(sorted(gd.edtfs))})")
            continue
        near = [d for d in dates if _overlaps(d, gd.start, gd.end)]
        rep.score("dates_found").add(bool(near))
        right = any(_date_right(d.edtf, gd) for d in near)
        rep.score("dates_normalised").add(right)
        rep.score("dates_exact").add(any(d.edtf in gd.edtfs for d in near))
        if not near:
            rep.miss("date expressions", f"{gd.text} at {gd.start} (curated {sorted(gd.edtfs)})")
        elif not right:
            got = ", ".join(sorted({d.edtf for d in near}))
            rep.miss("date normalisation", f"{gd.text}: {got}; curated {sorted(gd.edtfs)}")
    all_date_spans = [(g.start, g.end) for g in golds]
    for d in dates:
        ok = any(_overlaps(d, s, e) for s, e in all_date_spans)
        rep.score("dates_precision").add(ok)
        if not ok:
            rep.miss("dates not in the curated records", f"{d.selector.exact} = {d.edtf}")

    quotes = cands.of_kind("quote")
    golds_q = gold_quotes(ds)
    for gq in golds_q:
        near = [q for q in quotes if _overlaps(q, gq.start, gq.end)]
        rep.score("quotes_found").add(bool(near))
        if not near:
            rep.miss("quotations", f"{gq.text[:30]} ({gq.id})")
            continue
        q = near[0]
        rep.score("quote_kinds").add(q.quote_kind.value == gq.kind)
        right = q.speaker_id == gq.speaker_id
        rep.score("quote_speakers").add(right)
        if not right:
            rep.miss("quote speakers", f"{gq.id}: proposed {q.speaker_id}, curated {gq.speaker_id}")
    for q in quotes:
        rep.score("quotes_precision").add(any(_overlaps(q, gq.start, gq.end) for gq in golds_q))

    _score_places(ds, cands, rep, spans=True)
    _score_events(ds, cands, rep)
    return rep


def _score_events(ds: Dataset, cands: Candidates, rep: LanguageReport) -> None:
    """Curated events whose evidence has an event candidate, and whether the type agrees."""
    events = cands.of_kind("event")
    for event in ds.events:
        near = [
            c
            for c in events
            for ev in event.evidence
            if ev.start is not None and ev.end is not None and _overlaps(c, ev.start, ev.end)
        ]
        rep.score("events_covered").add(bool(near))
        if near:
            rep.score("event_types").add(any(c.event_type == event.event_type for c in near))


def corroboration(ds: Dataset) -> Score:
    """With the full dataset: of the event candidates in a sentence that is some event's
    evidence, how many propose that very event as corroborated (an event's own words should
    corroborate it, not start a new one)."""
    cands = extract(ds.article, published=ds.source.published, language="zh-Hant", dataset=ds)
    score = Score()
    for c in cands.of_kind("event"):
        owners = {
            e.id
            for e in ds.events
            for ev in e.evidence
            if ev.start is not None and ev.end is not None and _overlaps(c, ev.start, ev.end)
        }
        if owners:
            score.add(c.corroborates in owners)
    return score


def _score_places(ds: Dataset, cands: Candidates, rep: LanguageReport, spans: bool) -> None:
    to_curated = _place_ids(ds)
    places = cands.of_kind("place")
    found = {to_curated.get(p.place_id, p.dataset_place_id or p.place_id) for p in places}
    curated = {p.id for p in ds.places}
    for g in gold_places(ds):
        rep.score("places_recall").add(g.id in found)
        if g.id not in found:
            rep.miss("places", f"{g.id} ({'/'.join(g.names)})")
        if spans:
            for s, e in g.spans:
                ok = any(_overlaps(p, s, e) and to_curated.get(p.place_id) == g.id for p in places)
                rep.score("place_spans").add(ok)
    for pid in sorted(found):
        rep.score("places_precision").add(pid in curated)
        if pid not in curated:
            rep.miss("places not in the curated records", pid)


def _score_en(ds: Dataset, tr: Translation, cands: Candidates) -> LanguageReport:
    rep = LanguageReport("en")
    para_of_en = _paragraph_lookup(tr)

    def by_para(items: list[Any]) -> dict[int, list[Any]]:
        out: dict[int, list[Any]] = {}
        for item in items:
            i = para_of_en(item.start)
            if i is not None:
                out.setdefault(i, []).append(item)
        return out

    gold_actor: dict[int, set[str]] = {}
    for gm in gold_mentions(ds, ds.article):
        i = paragraph_of(tr, gm.start)
        if i is not None:
            gold_actor.setdefault(i, set()).add(gm.actor_id)
    found_actor = {
        i: {m.actor_id for m in ms if not m.actor_id.startswith("new:")}
        for i, ms in by_para(cands.of_kind("actor_mention")).items()
    }
    for i in sorted(set(gold_actor) | set(found_actor)):
        gold, found = gold_actor.get(i, set()), found_actor.get(i, set())
        for a in sorted(gold):
            rep.score("actor_recall").add(a in found)
            if a not in found:
                rep.miss("actor mentions", f"paragraph {i}: {a}")
        for a in sorted(found):
            rep.score("actor_precision").add(a in gold)
            if a not in gold:
                rep.miss("actor mentions (wrong)", f"paragraph {i}: {a}")

    dates = by_para(cands.of_kind("date"))
    used: dict[str, GoldDate] = {}  # candidate id -> the reference date it matched
    for gd in gold_dates(ds):
        i = paragraph_of(tr, gd.start)
        if not gd.is_expression or i is None:
            continue
        # A candidate serves one reference date, or several that overlap in the article
        # (當地時間1月12日 and 1月12日 are one expression in the translation).
        pool = [
            d
            for d in dates.get(i, [])
            if d.id not in used or _overlaps(used[d.id], gd.start, gd.end)
        ]
        exact = next((d for d in pool if d.edtf in gd.edtfs), None)
        right = exact or next((d for d in pool if _date_right(d.edtf, gd)), None)
        near = right or next((d for d in pool if _any_overlap(d.edtf, gd.edtfs)), None)
        rep.score("dates_found").add(near is not None)
        rep.score("dates_normalised").add(right is not None)
        rep.score("dates_exact").add(exact is not None)
        if near is None:
            rep.miss("date expressions", f"paragraph {i}: {gd.text} (curated {sorted(gd.edtfs)})")
        elif right is None:
            rep.miss(
                "date normalisation",
                f"paragraph {i}: {near.selector.exact} = {near.edtf}; {gd.text} curated "
                f"{sorted(gd.edtfs)}",
            )
        if near is not None:
            used[near.id] = gd

    quotes = by_para(cands.of_kind("quote"))
    for gq in gold_quotes(ds):
        i = paragraph_of(tr, gq.start)
        pool = quotes.get(i, []) if i is not None else []
        rep.score("quotes_found").add(bool(pool))
        if not pool:
            rep.miss("quotations", f"paragraph {i}: {gq.id}")
            continue
        q = pool.pop(0)
        rep.score("quote_kinds").add(q.quote_kind.value == gq.kind)
        rep.score("quote_speakers").add(q.speaker_id == gq.speaker_id)
        if q.speaker_id != gq.speaker_id:
            rep.miss("quote speakers", f"{gq.id}: proposed {q.speaker_id}, curated {gq.speaker_id}")
    _score_places(ds, cands, rep, spans=False)
    return rep


def _any_overlap(edtf: str, others: set[str]) -> bool:
    from usmx.dates import parse_edtf

    a = parse_edtf(edtf)
    return any(a.overlaps(parse_edtf(o).start, parse_edtf(o).end) for o in others)


def _paragraph_lookup(tr: Translation) -> Callable[[int], int | None]:
    def lookup(offset: int) -> int | None:
        for i, (s, e) in enumerate(tr.en_spans):
            if s <= offset < e:
                return i
        return None

    return lookup


def evaluate(ds: Dataset, translation: Path | None = None) -> Report:
    """Run the assistant on the article (and translation) with the fair actor list; score it."""
    published: dt.date = ds.source.published
    fair = fair_dataset(ds, ds.article)
    cands = extract(ds.article, published=published, language="zh-Hant", dataset=fair)
    report = Report(_score_zh(ds, cands), None, stripped_aliases(ds, ds.article), cands)
    if translation is not None:
        tr = load_translation(ds, translation)
        fair_en = fair_dataset(ds, tr.text)
        cands_en = extract(tr.text, published=published, language="en", dataset=fair_en)
        report.en = _score_en(ds, tr, cands_en)
        report.candidates_en = cands_en
        report.stripped_en = stripped_aliases(ds, tr.text)
    return report
