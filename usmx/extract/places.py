"""Places named in a text, with a point and an honest precision.

The gazetteer is `data/gazetteer/places.json` (built by scripts/build_gazetteer.py from Natural
Earth states, GeoNames cities and CLDR country names, committed in the repo) plus the dataset's
own places. Precision follows the dataset (ACLED-style): a city's point is the city (`exact`),
a state's is Natural Earth's label point (`region`), a country's is its capital (`country`).
A dataset place keeps its own point and precision and is named in `dataset_place_id`.

Latin names must be capitalised and stand at word boundaries; the one-word name of a small city
(Tyler, Mesa) counts only when its state follows ("Tyler, Texas"). A place name inside a longer
actor name (墨西哥 in 墨西哥政府, 錫那羅亞 in 錫那羅亞販毒集團) is part of that name, not a place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick

from usmx.extract.candidates import ActorMention, PlaceMention, make
from usmx.extract.text import at_word_boundary, fold, has_cjk
from usmx.model import Place

GAZETTEER = Path(__file__).resolve().parent.parent.parent / "data" / "gazetteer" / "places.json"
_RANK = {"dataset": 0, "country": 1, "state": 2, "border": 2, "city": 3}


class GazetteerError(Exception):
    """The gazetteer file is missing or malformed (names the file)."""


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    record: dict[str, Any]
    dataset_place_id: str | None = None

    @property
    def rank(self) -> int:
        return _RANK["dataset"] if self.dataset_place_id else _RANK.get(self.record["kind"], 3)


@cache
def load_gazetteer(path: Path = GAZETTEER) -> tuple[dict[str, Any], ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        places = data["places"]
        for i, record in enumerate(places):
            for key in ("id", "kind", "name_en", "precision"):
                if key not in record:
                    raise GazetteerError(f"{path}: places[{i}]: field {key} is missing")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(f"{path}: cannot read the gazetteer: {exc}") from None
    return tuple(places)


def _names(record: dict[str, Any]) -> list[str]:
    names = [record.get("name_en"), record.get("name_es"), record.get("name_zh")]
    return [n for n in dict.fromkeys([*names, *record.get("aliases", [])]) if n]


def _dataset_record(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "kind": place.kind.value,
        "country": (place.iso_3166 or "")[:2] or None,
        "iso_3166": place.iso_3166,
        "name_en": place.name_en,
        "name_es": place.name_es,
        "name_zh": place.name_zh,
        "aliases": [],
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision.value,
        "point_basis": place.point_basis,
    }


class PlaceIndex:
    """The gazetteer and the dataset's places in one automaton over folded names."""

    def __init__(self, dataset_places: list[Place], path: Path = GAZETTEER):
        records = load_gazetteer(path)
        by_iso = {r["iso_3166"]: r for r in records if r.get("iso_3166") and r["kind"] != "city"}
        entries: list[Entry] = []
        linked: dict[str, str] = {}  # gazetteer id -> dataset place id
        name_keys = {fold(n): r["id"] for r in records for n in _names(r)}
        for place in dataset_places:
            gaz = by_iso.get(place.iso_3166 or "") or next(
                (
                    r
                    for r in records
                    if r["id"] == name_keys.get(fold(place.name_zh))
                    or r["id"] == name_keys.get(fold(place.name_en))
                ),
                None,
            )
            if gaz is not None:
                linked[gaz["id"]] = place.id
            rec = _dataset_record(place)
            entries += [
                Entry(gaz["id"] if gaz else place.id, n, rec, place.id) for n in _names(rec)
            ]
        for r in records:
            entries += [Entry(r["id"], n, r, linked.get(r["id"])) for n in _names(r)]
        self.states = {r["id"]: r for r in records if r["kind"] == "state"}
        self._automaton = ahocorasick.Automaton()
        grouped: dict[str, Entry] = {}
        for e in entries:
            key = fold(e.name)
            if len(key) < 2 or (key in grouped and grouped[key].rank <= e.rank):
                continue
            grouped[key] = e
        for key, e in grouped.items():
            self._automaton.add_word(key, (len(key), e))
        self._automaton.make_automaton()

    def _state_follows(self, text: str, end: int, state_iso: str | None) -> bool:
        state = self.states.get(state_iso or "")
        m = re.match(r"\s*[,，]\s*", text[end:])
        if not (state and m):
            return False
        rest = fold(text[end + m.end() : end + m.end() + 40])
        return any(rest.startswith(fold(n)) for n in _names(state)) or rest.startswith(
            fold(state_iso.split("-")[1]) if state_iso else "\0"
        )

    def find(self, text: str, actor_mentions: list[ActorMention]) -> list[PlaceMention]:
        folded = fold(text)
        hits = []
        for end_index, (length, entry) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if not has_cjk(entry.name):
                if not at_word_boundary(folded, start, end) or not text[start].isupper():
                    continue
                if entry.record.get("ambiguous_alone") and not self._state_follows(
                    text, end, entry.record.get("iso_3166")
                ):
                    continue
            hits.append((start, end, entry))
        chosen: list[tuple[int, int, Entry]] = []
        for start, end, entry in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0], h[2].rank)):
            if any(start < e and s < end for s, e, _ in chosen):
                continue
            if any(
                m.start <= start and end <= m.end and (m.end - m.start) > (end - start)
                for m in actor_mentions
            ):
                continue  # part of a longer actor name
            chosen.append((start, end, entry))
        return [self._candidate(text, s, e, entry) for s, e, entry in sorted(chosen)]

    @staticmethod
    def _candidate(text: str, start: int, end: int, entry: Entry) -> PlaceMention:
        r = entry.record
        kind = (
            r["kind"]
            if r["kind"] in ("country", "state", "city", "border", "sea_port")
            else "place"
        )
        has_point = r.get("lat") is not None and r.get("lon") is not None
        return make(
            PlaceMention,
            text,
            start,
            end,
            place_id=entry.id,
            dataset_place_id=entry.dataset_place_id,
            name=r.get("name_en") or entry.name,
            place_kind=kind,
            country=r.get("country"),
            iso_3166=r.get("iso_3166"),
            lat=r.get("lat"),
            lon=r.get("lon"),
            precision=r["precision"] if has_point else "unknown",
            point_basis=r.get("point_basis"),
            confidence=0.9 if entry.dataset_place_id else 0.8 if r["kind"] != "city" else 0.7,
            rule="dataset-place" if entry.dataset_place_id else f"gazetteer:{r['kind']}",
        )
