"""From a candidate to the dataset record a reviewer accepts: defaults, edits, and what is missing.

`record_for(candidate, …)` gives the table and the raw YAML mapping of the new record: what the
assistant found (type, actors and roles, date and its words, places the dataset has, the span
as evidence naming its source), with the reviewer's edits (`--set field=value`) on top. What
the assistant cannot know is never made up: a translation (an event's title in the other
language, a quote's English), a status it did not see. Where one is missing the message says
which `--set` to give. Defaults that are a reading, not the text, say so in `date_basis`.

Edits: `field=value`; lists comma-separated (`place_ids=culiacan,sinaloa`); event actors as
`actors=ruiz:initiator,harbor_cartel:target`; an empty value removes the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from usmx.extract.candidates import Candidates
from usmx.extract.text import selector
from usmx.model import Dataset, SourceDoc

LIST_FIELDS = {"place_ids", "aliases"}


class ReviewError(Exception):
    """The candidate cannot become a record as asked; the message says what to do."""


def evidence_for(doc: SourceDoc, text: str, start: int, end: int) -> dict[str, Any]:
    exact, prefix, suffix = selector(text, start, end)
    out: dict[str, Any] = {"source": doc.id, "exact": exact}
    if prefix:
        out["prefix"] = prefix
    if suffix:
        out["suffix"] = suffix
    return out


def parse_edits(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise ReviewError(f"--set {pair!r}: write FIELD=VALUE")
        field = field.strip()
        if field == "actors":
            actors = []
            for part in filter(None, (p.strip() for p in value.split(","))):
                actor_id, _, role = part.partition(":")
                actors.append({"actor_id": actor_id, "role": role or "participant"})
            out[field] = actors
        elif field in LIST_FIELDS:
            out[field] = [v.strip() for v in value.split(",") if v.strip()]
        else:
            out[field] = value
    return out


def _apply(raw: dict[str, Any], edits: dict[str, Any]) -> dict[str, Any]:
    for field, value in edits.items():
        if value in ("", []):
            raw.pop(field, None)
        else:
            raw[field] = value
    return raw


def _missing(kind: str, raw: dict[str, Any], required: tuple[str, ...], why: str) -> None:
    missing = [f for f in required if not raw.get(f)]
    if missing:
        sets = " ".join(f"--set {f}=…" for f in missing)
        raise ReviewError(
            f"a{'n' if kind[0] in 'aeiou' else ''} {kind} needs {', '.join(missing)} ({why}): {sets}"
        )


def resolve_actor(actor_id: str | None, ds: Dataset) -> str | None:
    """A candidate's actor id as the dataset knows it: a proposed "new:x" once actor x was
    accepted is x; one still unknown is None."""
    if actor_id is None:
        return None
    bare = actor_id.removeprefix("new:")
    return bare if bare in ds.actors_by_id else None


def _event(
    c: Any, cands: Candidates, doc: SourceDoc, text: str, ds: Dataset, edits: dict[str, Any]
) -> dict[str, Any]:
    zh = doc.language.value.startswith("zh")
    sentence = c.selector.exact.strip()
    unknown = [a.actor_id for a in c.actors if resolve_actor(a.actor_id, ds) is None]
    if unknown and "actors" not in edits:
        raise ReviewError(
            f"{', '.join(unknown)} is not in the dataset yet: accept the new actor first, or "
            "--set actors=ID:ROLE,…"
        )
    raw: dict[str, Any] = {
        "title_en": None if zh else sentence[:120],
        "title_zh": sentence[:60] if zh else None,
        "summary_en": None if zh else sentence,
        "event_type": c.event_type.value,
        "status": None,
        "actors": [
            {
                "actor_id": resolve_actor(a.actor_id, ds),
                "role": (a.role.value if a.role else "participant"),
            }
            for a in c.actors
            if resolve_actor(a.actor_id, ds)
        ],
        "place_ids": [p for p in c.place_ids if p in ds.places_by_id],
    }
    date = cands.by_id().get(c.date_id) if c.date_id else None
    if c.date and date is not None:
        raw["date"], raw["date_text"] = c.date, date.selector.exact
    else:
        raw["date"] = f"../{doc.published}"
        raw["date_basis"] = "Not dated in the text: already so by the report (assistant default)."
    raw["evidence"] = [evidence_for(doc, text, c.start, c.end)]
    return raw


def _quote(c: Any, doc: SourceDoc, text: str, ds: Dataset) -> dict[str, Any]:
    start, end = c.start, c.end
    if c.speaker_start is not None and c.speaker_end is not None:
        start, end = min(start, c.speaker_start), max(end, c.speaker_end)
    if end < len(text) and not text[end].isspace():
        end += 1  # the closing quotation mark
    return {
        "kind": c.quote_kind.value,
        "speaker_id": resolve_actor(c.speaker_id, ds),
        "text_zh": c.selector.exact,
        "text_en": c.selector.exact if doc.language.value == "en" else None,
        "occasion": "statement",
        "date": str(doc.published),
        "date_basis": "The day of the report; the text does not date the words (assistant default).",
        "evidence": [evidence_for(doc, text, start, end)],
    }


def _actor(c: Any, doc: SourceDoc, text: str) -> dict[str, Any]:
    return {
        "name_en": c.name_latin,
        "name_zh": c.name_zh or c.name_latin,
        "aliases": list(c.aliases),
        "kind": c.actor_kind.value,
        "evidence": [evidence_for(doc, text, c.start, c.end)],
    }


def _place(c: Any, doc: SourceDoc, text: str) -> dict[str, Any]:
    if c.dataset_place_id:
        raise ReviewError(f"already in the dataset as place {c.dataset_place_id}")
    raw = {
        "name_en": c.name,
        "name_zh": c.selector.exact if doc.language.value.startswith("zh") else c.name,
        "kind": c.place_kind if c.place_kind != "place" else None,
        "lat": c.lat,
        "lon": c.lon,
        "iso_3166": c.iso_3166,
        "precision": c.precision if c.precision != "unknown" else None,
        "point_basis": c.point_basis
        or (None if c.precision == "exact" else f"Gazetteer point ({c.rule}) (assistant default)."),
        "evidence": [evidence_for(doc, text, c.start, c.end)],
    }
    return raw


def record_for(
    c: Any,
    cands: Candidates,
    doc: SourceDoc,
    text: str,
    ds: Dataset,
    record_id: str | None,
    edits: dict[str, Any],
) -> tuple[str, dict[str, Any]]:
    """(table, raw record) for accepting candidate `c` of source `doc` with `edits`."""
    if c.kind == "event":
        table, raw = "events", _event(c, cands, doc, text, ds, edits)
        required: tuple[str, ...] = ("title_en", "title_zh", "summary_en", "status")
        why = "the assistant does not translate, and the status is the reviewer's reading"
    elif c.kind == "quote":
        table, raw = "quotes", _quote(c, doc, text, ds)
        required, why = ("text_en",), "the assistant does not translate"
        if (
            not edits.get("speaker_id")
            and not raw["speaker_id"]
            and not edits.get("attribution_note")
        ):
            raise ReviewError("no speaker found: --set speaker_id=… or --set attribution_note=…")
    elif c.kind == "new_actor":
        table, raw = "actors", _actor(c, doc, text)
        required, why = ("name_en",), "the actor's name in Latin script"
    elif c.kind == "place":
        table, raw = "places", _place(c, doc, text)
        required, why = ("kind", "lat", "lon", "precision"), "the gazetteer does not give it"
    else:
        raise ReviewError(
            f"a {c.kind} is not a record on its own: accept the event, quote or alias it belongs "
            "to, merge it into a record as evidence, or reject it"
        )
    raw = _apply(raw, edits)
    edited_id = raw.pop("id", None)  # --set id=…
    raw = {"id": record_id or edited_id or proposed_id(c, doc), **raw}
    _missing(table[:-1], raw, required, why)
    return table, {k: v for k, v in raw.items() if v is not None}


def proposed_id(c: Any, doc: SourceDoc) -> str:
    """The id a record accepted from candidate `c` gets unless the reviewer gives one: the
    proposed actor's, the place's code, else the table's letter, the source and the hash."""
    if c.kind == "new_actor":
        return c.proposed_id.removeprefix("new:")
    if c.kind == "place":
        return (c.iso_3166 or c.place_id).lower().replace("-", "_").replace(":", "_")
    letter = {"event": "e", "quote": "q"}.get(c.kind, c.kind[0])
    return f"{letter}_{doc.id}_{c.id.split('-')[-1][:6]}"


def today_stamp() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
