"""What the Review page shows: a source with the assistant's candidates marked, one candidate's
card, the records it may corroborate, and the reviewer's form as the edits `usmx.review` takes.

Pure Python (no Streamlit): usmx/ui/review_*.py draws what these functions return, and the
tests read the same values. HTML comes from Jinja templates (usmx/render.py, autoescape), so
the source's text, whatever it holds, is shown as text.

Candidates are of two sorts. *Proposals* can become records of their own: an event, a quote, a
new actor or alias, a place the dataset lacks. *Mentions* (an actor's name, a date, a place the
dataset has) are parts of proposals; the page lists them only on request, and they can only be
merged into a record as evidence or rejected.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from usmx.extract.candidates import Candidates
from usmx.i18n import label, name, t, title
from usmx.locale import join, parenthesized
from usmx.model import Dataset, SourceDoc
from usmx.render import render
from usmx.review_records import resolve_actor
from usmx.source_view import paragraphs

PROPOSAL_KINDS = ("event", "quote", "new_actor", "new_alias", "place")
# The highlight colour family of each kind (usmx.palette.RECORD_COLORS, plus dates).
KIND_CLASS = {
    "event": "event",
    "quote": "quote",
    "new_actor": "actor",
    "new_alias": "actor",
    "actor_mention": "actor",
    "place": "place",
    "date": "date",
}
# Where a candidate may be merged as corroboration: the table of records it can support.
MERGE_TABLES = {
    "event": "events",
    "date": "events",
    "quote": "quotes",
    "new_actor": "actors",
    "new_alias": "actors",
    "actor_mention": "actors",
    "place": "places",
}
# The form's fields per proposal kind, and those a record cannot do without (usmx.model;
# usmx.review_records says which ones the assistant cannot fill: translations, the status).
FIELDS = {
    "event": (
        "title_en",
        "title_zh",
        "summary_en",
        "event_type",
        "status",
        "date",
        "date_text",
        "actors",
        "place_ids",
        "note",
    ),
    "quote": ("quote_kind", "speaker_id", "attribution_note", "text_en", "event_id"),
    "new_actor": ("name_en", "name_zh", "actor_kind"),
    "place": ("name_en", "name_zh", "place_kind", "lat", "lon", "precision"),
    "new_alias": (),
}
REQUIRED = {
    "event": ("title_en", "title_zh", "summary_en", "status", "date", "actors"),
    "quote": ("text_en",),
    "new_actor": ("name_en", "name_zh"),
    "place": ("name_en", "name_zh", "place_kind", "lat", "lon", "precision"),
    "new_alias": (),
}
# Form fields whose name differs from the record's field.
RECORD_FIELD = {"quote_kind": "kind", "actor_kind": "kind", "place_kind": "kind"}
SHORT_LABEL = 70


def is_proposal(c: Any) -> bool:
    """Whether the candidate can become a record of its own."""
    return c.kind in PROPOSAL_KINDS and not (c.kind == "place" and c.dataset_place_id)


def shown(rows: Iterable[tuple[Any, str]], mentions: bool) -> list[Any]:
    """The pending candidates the page lists, in text order: proposals, and mentions on request."""
    return [c for c, status in rows if status == "pending" and (mentions or is_proposal(c))]


def _short(text: str, limit: int = SHORT_LABEL) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


def candidate_label(c: Any, number: int, lang: str) -> str:
    """The candidate as the selector lists it: "3 · Event · The police raided…"."""
    return f"{number} · {t(f'review.kind.{c.kind}', lang)} · {_short(c.selector.exact)}"


# --- the source with its candidates marked -------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None  # the highlight of the innermost candidate covering it
    mention: bool  # that candidate is a mention (drawn lighter)
    selected: bool  # inside the candidate being reviewed
    numbers: tuple[int, ...]  # candidates that start here, by their number in the list
    tip: str  # every candidate covering it, as "3 Event"


def _segments(text: str, cands: Sequence[Any], numbers: Mapping[str, int], selected: str | None):
    for p in paragraphs(text):
        inside = [c for c in cands if c.start < p.end and p.start < c.end]
        cuts = {p.start, p.end} | {
            x for c in inside for x in (c.start, c.end) if p.start < x < p.end
        }
        row = []
        for a, b in itertools.pairwise(sorted(cuts)):
            covering = sorted(
                (c for c in inside if c.start <= a and b <= c.end), key=lambda c: c.end - c.start
            )
            starting = [c for c in inside if c.start == a]
            inner = covering[0] if covering else None
            row.append(
                (
                    text[a:b],
                    inner,
                    any(c.id == selected for c in covering),
                    tuple(numbers[c.id] for c in starting if c.id in numbers),
                    covering,
                )
            )
        yield row


def source_html(
    text: str,
    cands: Sequence[Any],
    numbers: Mapping[str, int],
    selected: str | None,
    lang: str,
    text_lang: str,
) -> str:
    """The source's paragraphs with every candidate in `cands` marked: the innermost one's
    colour, mentions lighter, the selected candidate framed, each listed one's number at its
    start."""

    def tip(covering: list[Any]) -> str:
        return "; ".join(
            f"{numbers[c.id]} {t(f'review.kind.{c.kind}', lang)}"
            if c.id in numbers
            else t(f"review.kind.{c.kind}", lang)
            for c in covering
        )

    paras = [
        [
            Segment(
                piece,
                KIND_CLASS[inner.kind] if inner else None,
                bool(inner) and not is_proposal(inner),
                selected_here,
                nums,
                tip(covering),
            )
            for piece, inner, selected_here, nums, covering in row
        ]
        for row in _segments(text, cands, numbers, selected)
    ]
    kinds = sorted({KIND_CLASS[c.kind] for c in cands}, key=list(KIND_CLASS.values()).index)
    return render("review_source.html.j2", paras=paras, kinds=kinds, lang=lang, text_lang=text_lang)


# --- one candidate --------------------------------------------------------------------------


def _actor_name(actor_id: str, ds: Dataset, cands: Candidates, lang: str) -> str:
    actor = ds.actors_by_id.get(actor_id)
    if actor is not None:
        return name(actor, lang)
    new = next((c for c in cands.of_kind("new_actor") if c.proposed_id == actor_id), None)
    proposed = parenthesized(t("review.proposed_actor", lang), lang)
    return f"{new.name_latin or new.name_zh}{proposed}" if new else actor_id


def _place_name(place_id: str, ds: Dataset, lang: str) -> str:
    place = ds.places_by_id.get(place_id)
    return name(place, lang) if place else place_id


def _details(c: Any, cands: Candidates, ds: Dataset, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs of what the assistant found, per kind."""
    out: list[tuple[str, str]] = []

    def add(key: str, value: Any) -> None:
        if value not in (None, "", []):
            out.append((t(f"review.field.{key}", lang), str(value)))

    if c.kind == "event":
        add("event_type", label("event_type", c.event_type.value, lang))
        date = cands.by_id().get(c.date_id) if c.date_id else None
        add("date", f"{c.date} 「{date.selector.exact}」" if c.date and date else c.date)
        roles = [
            _actor_name(a.actor_id, ds, cands, lang)
            + parenthesized(label("role", a.role.value, lang) if a.role else "?", lang)
            for a in c.actors
        ]
        add("actors", join(roles, lang))
        add("place_ids", join((_place_name(p, ds, lang) for p in c.place_ids), lang))
        add("action", c.action)
    elif c.kind == "quote":
        add("quote_kind", label("quote_kind", c.quote_kind.value, lang))
        speaker = _actor_name(c.speaker_id, ds, cands, lang) if c.speaker_id else None
        if speaker:
            speaker += parenthesized(f"{c.speaker_confidence:.0%}", lang)
        add("speaker_id", speaker)
        add("cue", c.cue)
    elif c.kind == "new_actor":
        add("name_zh", c.name_zh)
        add("name_en", c.name_latin)
        add("actor_kind", label("kind", c.actor_kind.value, lang))
        add("role_text", c.role_text)
    elif c.kind == "new_alias":
        add("alias_of", _actor_name(c.actor_id, ds, cands, lang))
        add("linked_by", c.linked_by)
    elif c.kind == "actor_mention":
        add("alias_of", _actor_name(c.actor_id, ds, cands, lang))
    elif c.kind == "date":
        add("date", c.edtf)
    elif c.kind == "place":
        add("name_en", c.name)
        add("place_kind", label("place_kind", c.place_kind, lang))
        add("precision", label("precision", c.precision, lang))
        if c.lat is not None and c.lon is not None:
            add("point", f"{c.lat:.4f}, {c.lon:.4f}")
        add("in_dataset", _place_name(c.dataset_place_id, ds, lang) if c.dataset_place_id else None)
    return out


def card_html(
    c: Any, number: int, cands: Candidates, ds: Dataset, lang: str, text_lang: str
) -> str:
    """The candidate's card: what it is, how sure the assistant is, its words, what it found."""
    target = corroborates(c, ds)
    return render(
        "review_card.html.j2",
        number=number,
        kind=t(f"review.kind.{c.kind}", lang),
        kind_class=KIND_CLASS[c.kind],
        confidence=f"{c.confidence:.0%}",
        rule=c.rule,
        words=c.selector.exact,
        details=_details(c, cands, ds, lang),
        corroborates=title(target, lang) if target else None,
        lang=lang,
        text_lang=text_lang,
    )


def corroborates(c: Any, ds: Dataset) -> Any:
    """The existing event the assistant proposes this candidate corroborates, if any."""
    target = getattr(c, "corroborates", None)
    return ds.events_by_id.get(target) if target else None


def merge_choices(c: Any, ds: Dataset, lang: str) -> tuple[list[str], dict[str, str], int]:
    """The records the candidate may corroborate (ids), their labels, and the proposed one's
    index (the assistant's corroboration, the actor or place it names; else the first)."""
    table = MERGE_TABLES[c.kind]
    records = getattr(ds, table)
    labels = {}
    for r in records:
        if table == "events":
            labels[r.id] = f"{title(r, lang)} ({r.date})"
        elif table == "quotes":
            labels[r.id] = _short(r.text_zh, 50)
        else:
            labels[r.id] = name(r, lang)
    ids = [r.id for r in records]
    wanted = (
        getattr(c, "corroborates", None)
        or getattr(c, "actor_id", None)
        or getattr(c, "dataset_place_id", None)
    )
    return ids, labels, ids.index(wanted) if wanted in ids else 0


# --- the reviewer's form --------------------------------------------------------------------


def new_actors_named(
    c: Any, cands: Candidates, numbers: Mapping[str, int], ds: Dataset
) -> list[str]:
    """The proposed new actors an event or quote names ("3 · Rodrigo Álvarez") that the
    dataset still lacks, so the form cannot offer them until they are accepted."""
    if c.kind == "event":
        wanted = {a.actor_id for a in c.actors}
    elif c.kind == "quote":
        wanted = {c.speaker_id}
    else:
        return []
    return [
        f"{numbers[new.id]} · {new.name_latin or new.name_zh}"
        if new.id in numbers
        else (new.name_latin or new.name_zh or new.proposed_id)
        for new in cands.of_kind("new_actor")
        if new.proposed_id in wanted and resolve_actor(new.proposed_id, ds) is None
    ]


def form_defaults(c: Any, cands: Candidates, doc: SourceDoc, ds: Dataset) -> dict[str, Any]:
    """What the form starts with: what the assistant found, nothing it could not know (a
    translation, a status); actors and places only those the dataset has."""
    zh = doc.language.value.startswith("zh")
    words = " ".join(c.selector.exact.split())
    if c.kind == "event":
        date = cands.by_id().get(c.date_id) if c.date_id else None
        return {
            "title_en": "" if zh else words[:120],
            "title_zh": words[:60] if zh else "",
            "summary_en": "" if zh else words,
            "event_type": c.event_type.value,
            "status": None,
            "date": c.date if c.date and date else f"../{doc.published}",
            "date_text": date.selector.exact if c.date and date else "",
            "actors": {
                resolved: a.role.value if a.role else "participant"
                for a in c.actors
                if (resolved := resolve_actor(a.actor_id, ds))
            },
            "place_ids": [p for p in c.place_ids if p in ds.places_by_id],
            "note": "",
        }
    if c.kind == "quote":
        return {
            "quote_kind": c.quote_kind.value,
            "speaker_id": resolve_actor(c.speaker_id, ds),
            "attribution_note": "",
            "text_en": words if doc.language.value == "en" else "",
            "event_id": None,
        }
    if c.kind == "new_actor":
        return {
            "name_en": c.name_latin or "",
            "name_zh": c.name_zh or "",
            "actor_kind": c.actor_kind.value,
        }
    if c.kind == "place":
        return {
            "name_en": c.name,
            "name_zh": words if zh else "",
            "place_kind": c.place_kind if c.place_kind != "place" else None,
            "lat": c.lat,
            "lon": c.lon,
            "precision": c.precision if c.precision != "unknown" else None,
        }
    return {}


def missing(kind: str, form: Mapping[str, Any]) -> list[str]:
    """The required fields the form leaves empty (a quote needs a speaker or a note)."""
    gaps = [f for f in REQUIRED.get(kind, ()) if form.get(f) in (None, "", [], {})]
    if kind == "quote" and not form.get("speaker_id") and not form.get("attribution_note"):
        gaps.append("speaker_id")
    return gaps


def edits_for(kind: str, form: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The form as the edits `usmx.review_records.record_for` applies ("" removes a field)."""
    edits: dict[str, Any] = {}
    for field in FIELDS.get(kind, ()):
        value = form.get(field)
        if field == "actors":
            value = [{"actor_id": a, "role": r} for a, r in (value or {}).items()]
        elif isinstance(value, str):
            value = value.strip()
        edits[RECORD_FIELD.get(field, field)] = "" if value is None else value
    if kind == "event" and form.get("date") != defaults.get("date"):
        # The assistant's default date came with a basis ("already so by the report"); the
        # reviewer's own date does not.
        edits["date_basis"] = ""
    return edits


def decided_html(
    rows: Iterable[tuple[Any, str]], decisions: Mapping[str, Any], lang: str, text_lang: str
) -> str:
    """What was decided on the source's candidates ("" when nothing yet), in text order."""
    items = [
        {
            "action": decisions[c.id].action,
            "action_label": t(f"review.done.{decisions[c.id].action}", lang),
            "kind": t(f"review.kind.{c.kind}", lang),
            "words": _short(c.selector.exact),
            "record": decisions[c.id].record,
            "reason": decisions[c.id].reason,
        }
        for c, status in rows
        if status != "pending" and c.id in decisions
    ]
    return (
        render("review_decided.html.j2", items=items, lang=lang, text_lang=text_lang)
        if items
        else ""
    )
