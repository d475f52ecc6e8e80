"""The dataset as pandas frames: the flat, typed shape that charts, maps and exports consume.

Built once per dataset (the UI caches them); filtering selects rows by id, so every view of the
same filter shows the same records.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from usmx.model import Actor, Dataset
from usmx.sources import support
from usmx.vocabulary import Role

# Lanes for the timeline when grouped by country of the initiating actor.
COUNTRY_LANES = ("US", "MX", "VE", "other")


@dataclass(frozen=True, eq=False)
class Tables:
    """All frames of one dataset; `events` has one row per event, `event_actors` one per link.

    Compared and hashed by identity (frames have no truth value), so a Tables can key a weak
    memo of what is derived from it (usmx.charts.counts)."""

    events: pd.DataFrame
    event_actors: pd.DataFrame
    event_places: pd.DataFrame
    actors: pd.DataFrame
    places: pd.DataFrame
    quotes: pd.DataFrame
    claims: pd.DataFrame


def _initiator_country(actor_links: list[tuple[str, str]], actors: dict[str, Actor]) -> str:
    """Country whose actor set the event going: the first initiator, else the first actor."""
    ordered = [a for a, r in actor_links if r == Role.initiator] + [a for a, _ in actor_links]
    for actor_id in ordered:
        country = actors[actor_id].country
        if country:
            return country if country in COUNTRY_LANES else "other"
    return "other"


def _ts(day) -> pd.Timestamp:
    return pd.Timestamp(day) if day is not None else pd.NaT


def build_tables(ds: Dataset) -> Tables:
    actors = {a.id: a for a in ds.actors}
    backing = support(ds, ("events",))
    event_rows, link_rows, place_rows = [], [], []
    for order, ev in enumerate(ds.events):
        backed = backing[("events", ev.id)]
        iv = ev.interval
        links = [(ea.actor_id, ea.role.value) for ea in ev.actors]
        first = ev.evidence[0]
        event_rows.append(
            {
                "id": ev.id,
                "order": order,
                "title_en": ev.title_en,
                "title_zh": ev.title_zh,
                "summary_en": ev.summary_en,
                "event_type": ev.event_type.value,
                "status": ev.status.value,
                "date": ev.date,
                "date_text": ev.date_text or "",
                "date_basis": ev.date_basis or "",
                "start": _ts(iv.start),
                "end": _ts(iv.end),
                "precision": iv.precision,
                "actor_ids": tuple(a for a, _ in links),
                "initiator_ids": tuple(a for a, r in links if r == Role.initiator),
                "country_lane": _initiator_country(links, actors),
                "place_ids": tuple(ev.place_ids),
                "evidence_exact": first.exact,
                "evidence_start": first.start,
                "evidence_end": first.end,
                "n_sources": backed.n_sources,  # usmx.sources.support: sources backing it
                "n_outlets": backed.n_outlets,  # and the independent outlets behind them
            }
        )
        link_rows += [{"event_id": ev.id, "actor_id": a, "role": r} for a, r in links]
        place_rows += [{"event_id": ev.id, "place_id": p} for p in ev.place_ids]

    actor_rows = [
        {
            "id": a.id,
            "name_en": a.name_en,
            "name_zh": a.name_zh,
            "name_es": a.name_es or "",
            "kind": a.kind.value,
            "country": a.country or "",
            "parent_id": a.parent_id or "",
            "role_en": a.role_en or "",
            "role_zh": a.role_zh or "",
            "aliases": tuple(a.aliases),
        }
        for a in ds.actors
    ]
    place_table = [
        {
            "id": p.id,
            "name_en": p.name_en,
            "name_zh": p.name_zh,
            "name_es": p.name_es or "",
            "kind": p.kind.value,
            "lat": p.lat,
            "lon": p.lon,
            "iso_3166": p.iso_3166 or "",
            "precision": p.precision.value,
            "point_basis": p.point_basis or "",
        }
        for p in ds.places
    ]
    quote_rows = []
    for q in ds.quotes:
        iv = q.interval
        quote_rows.append(
            {
                "id": q.id,
                "kind": q.kind.value,
                "speaker_id": q.speaker_id or "",
                "attribution_note": q.attribution_note or "",
                "text_zh": q.text_zh,
                "text_en": q.text_en,
                "occasion": q.occasion.value,
                "date": q.date,
                "date_text": q.date_text or "",
                "start": _ts(iv.start),
                "end": _ts(iv.end),
                "precision": iv.precision,
                "event_id": q.event_id or "",
                "evidence_start": q.evidence[0].start,
                "evidence_end": q.evidence[0].end,
            }
        )
    claim_rows = [
        {
            "id": c.id,
            "claimant_id": c.claimant_id or "",
            "attribution_note": c.attribution_note or "",
            "statement_en": c.statement_en,
            "value": c.value,
            "value_text": c.value_text or "",
            "unit": c.unit or "",
            "event_id": c.event_id or "",
            "place_ids": tuple(c.place_ids),
            "evidence_exact": c.evidence[0].exact,
            "evidence_start": c.evidence[0].start,
            "evidence_end": c.evidence[0].end,
        }
        for c in ds.claims
    ]
    events = pd.DataFrame(event_rows)
    return Tables(
        events=events,
        event_actors=pd.DataFrame(link_rows, columns=["event_id", "actor_id", "role"]),
        event_places=pd.DataFrame(place_rows, columns=["event_id", "place_id"]),
        actors=pd.DataFrame(actor_rows),
        places=pd.DataFrame(place_table),
        quotes=pd.DataFrame(quote_rows),
        claims=pd.DataFrame(claim_rows),
    )
