"""Actor profiles and the actor table: who an actor is, and where the article involves them.

Pure Python for the Actors page: `profile` gathers one actor's names, place in the hierarchy
(parent and children), events with their role, quotes, claims and the evidence that first
introduces them; `actor_rows` counts events, quotes and claims per actor for the table.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from usmx.evidence import evidence_html
from usmx.filters import Filters
from usmx.i18n import label, name, t, title
from usmx.model import WIKIDATA_RE, Actor, Claim, Dataset, Event, Evidence, Quote, Role

WIKIDATA_URL = "https://www.wikidata.org/wiki/{qid}"
TABLE_COLUMNS = (
    "id",
    "name_en",
    "name_zh",
    "kind",
    "country",
    "events",
    "quotes",
    "claims",
)

# Table column -> catalog key of its heading, for the page's tables.
EVENT_LABELS = {
    "date": "word.date",
    "title": "word.title",
    "role": "word.role",
    "type": "word.type",
    "as_stated": "word.as_stated",
}
CLAIM_LABELS = {"words": "word.original", "statement": "actors.statement", "value": "word.value"}
TABLE_LABELS = {
    "id": "actors.id",
    "name_en": "actors.name_en",
    "name_zh": "actors.name_zh",
    "kind": "actors.kind",
    "country": "word.country",
    "events": "word.events",
    "quotes": "word.quotes",
    "claims": "word.claims",
}


def wikidata_url(qid: str | None) -> str | None:
    """The Wikidata page of a Q-id, or None when the id is absent or not a valid Q-id."""
    if not isinstance(qid, str) or not WIKIDATA_RE.fullmatch(qid):
        return None
    return WIKIDATA_URL.format(qid=qid)


@dataclass(frozen=True)
class ActorProfile:
    actor: Actor
    parent: Actor | None
    children: tuple[Actor, ...]
    events: tuple[tuple[Event, Role], ...]  # in date order, each with the actor's role
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    introduced_by: Evidence  # the earliest span in the article that names the actor
    wikidata_url: str | None = None
    total_events: int = 0  # before any filter, for "N of M"
    names: tuple[str, ...] = field(default_factory=tuple)  # every name and alias, deduplicated


def _date_key(event: Event) -> tuple:
    iv = event.interval
    return (iv.start or iv.end, iv.end)


def profile(
    ds: Dataset,
    actor_id: str,
    *,
    events: Iterable[Event] | None = None,
    quotes: Iterable[Quote] | None = None,
    claims: Iterable[Claim] | None = None,
) -> ActorProfile:
    """The profile of `actor_id`; `events`/`quotes`/`claims` limit it (e.g. to a filter)."""
    actor = ds.actors_by_id[actor_id]  # KeyError for an unknown id: a caller bug
    involved = [(ev, ea.role) for ev in ds.events for ea in ev.actors if ea.actor_id == actor_id]
    allowed = None if events is None else {e.id for e in events}
    kept = [(ev, role) for ev, role in involved if allowed is None or ev.id in allowed]
    kept.sort(key=lambda pair: _date_key(pair[0]))
    return ActorProfile(
        actor=actor,
        parent=ds.actors_by_id.get(actor.parent_id) if actor.parent_id else None,
        children=tuple(a for a in ds.actors if a.parent_id == actor_id),
        events=tuple(kept),
        quotes=tuple(
            q for q in (ds.quotes if quotes is None else quotes) if q.speaker_id == actor_id
        ),
        claims=tuple(
            c for c in (ds.claims if claims is None else claims) if c.claimant_id == actor_id
        ),
        introduced_by=min(actor.evidence, key=lambda ev: ev.start or 0),
        wikidata_url=wikidata_url(actor.wikidata),
        total_events=len({ev.id for ev, _ in involved}),
        names=tuple(actor.all_names()),
    )


def event_counts(ds: Dataset, events: Iterable[Event] | None = None) -> dict[str, int]:
    """Number of events each actor takes part in (directly), over `events` or all events."""
    counts = {a.id: 0 for a in ds.actors}
    for ev in ds.events if events is None else events:
        for actor_id in {ea.actor_id for ea in ev.actors}:
            counts[actor_id] = counts.get(actor_id, 0) + 1
    return counts


def default_actor(ds: Dataset, filters: Filters) -> str:
    """The profile shown first: the filter's first actor, else the actor in most events."""
    if filters.actors and filters.actors[0] in ds.actors_by_id:
        return filters.actors[0]
    counts = event_counts(ds)
    order = {a.id: i for i, a in enumerate(ds.actors)}
    return max(counts, key=lambda a: (counts[a], -order[a]))


def actor_rows(
    ds: Dataset,
    events: Sequence[Event],
    quotes: Sequence[Quote],
    claims: Sequence[Claim],
    *,
    lang: str | None = None,
) -> list[dict[str, object]]:
    """One row per actor involved in `events` (TABLE_COLUMNS), most events first.

    Kind and country are codes (for CSV) unless `lang` asks for their labels (for display).
    """
    counts = event_counts(ds, events)
    quote_counts: dict[str, int] = {}
    for q in quotes:
        if q.speaker_id:
            quote_counts[q.speaker_id] = quote_counts.get(q.speaker_id, 0) + 1
    claim_counts: dict[str, int] = {}
    for c in claims:
        if c.claimant_id:
            claim_counts[c.claimant_id] = claim_counts.get(c.claimant_id, 0) + 1
    rows = [
        {
            "id": a.id,
            "name_en": a.name_en,
            "name_zh": a.name_zh,
            "kind": label("kind", a.kind.value, lang) if lang else a.kind.value,
            "country": (label("country", a.country, lang) if lang else a.country)
            if a.country
            else "",
            "events": counts[a.id],
            "quotes": quote_counts.get(a.id, 0),
            "claims": claim_counts.get(a.id, 0),
        }
        for a in ds.actors
        if counts[a.id] > 0
    ]
    return sorted(rows, key=lambda r: -int(r["events"]))  # stable: file order breaks ties


def profile_html(
    prof: ActorProfile, *, lang: str, article: str, urls: Mapping[str, str], source_url: str
) -> str:
    """The profile's header as an HTML fragment: names, facts, hierarchy, first mention.

    `urls` maps actor ids to their profile links (parent and children); every dataset string
    is escaped, and the Wikidata link is built only from a validated Q-id.
    """
    e = html.escape
    a = prof.actor

    def link(actor: Actor) -> str:
        url = urls.get(actor.id)
        text = e(name(actor, lang))
        return f'<a href="{e(url)}" target="_self">{text}</a>' if url else text

    role = (a.role_zh if lang == "zh-Hant" else a.role_en) or ""
    facts = [
        (t("actors.kind", lang), e(label("kind", a.kind.value, lang))),
        (t("word.country", lang), e(label("country", a.country, lang)) if a.country else ""),
        (t("word.role", lang), e(role)),
        (t("word.part_of", lang), link(prof.parent) if prof.parent else ""),
        (t("actors.children", lang), "、".join(link(c) for c in prof.children)),
    ]
    if prof.wikidata_url:
        qid = e(a.wikidata or "")
        facts.append(
            (
                t("actors.wikidata", lang),
                f'<a href="{e(prof.wikidata_url)}" target="_blank" rel="noopener">{qid}</a>',
            )
        )
    rows = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in facts if v)
    ev = prof.introduced_by
    intro = evidence_html(article, ev.start or 0, ev.end or 0)
    others = " · ".join(e(n) for n in prof.names if n != name(a, lang))
    return (
        f'<div class="usmx-actor"><h3>{e(name(a, lang))}</h3>'
        f'<div class="names">{e(t("word.aliases", lang))}: {others}</div>'
        f"<dl>{rows}<dt>{e(t('actors.introduced', lang))}</dt>"
        f'<dd class="ev" lang="zh-Hant">{intro} '
        f'<a href="{e(source_url)}" target="_self">{e(t("word.open_in_source", lang))} →</a>'
        "</dd></dl></div>"
    )


def event_rows(
    prof: ActorProfile, *, lang: str, url_for: Callable[[str], str]
) -> list[dict[str, str]]:
    """The profile's events for a table: EDTF date, title, role, type, link, date as stated."""
    return [
        {
            "date": ev.date,
            "title": title(ev, lang),
            "role": label("role", role.value, lang),
            "type": label("event_type", ev.event_type.value, lang),
            "link": url_for(ev.id),
            # Last: the article's wording is long and the least needed to scan the table.
            "as_stated": ev.date_text or "",
        }
        for ev, role in prof.events
    ]


def claim_rows(
    prof: ActorProfile, *, lang: str, url_for: Callable[[int, int], str]
) -> list[dict[str, str]]:
    """The profile's claims for a table: the words, the statement, the figure, a source link."""
    return [
        {
            "words": c.evidence[0].exact,
            "statement": c.statement_en,
            "value": c.value_text or ("" if c.value is None else f"{c.value:g}"),
            "link": url_for(c.evidence[0].start or 0, c.evidence[0].end or 0),
        }
        for c in prof.claims
    ]


def top_actors_html(
    rows: Sequence[Mapping[str, object]], lang: str, profile_url: Callable[[str], str]
) -> str:
    """The overview's short actor table: name linked to the profile, number of events.

    Plain HTML (no data grid to load); every name and URL is escaped.
    """
    name_col = "name_zh" if lang == "zh-Hant" else "name_en"
    body = "".join(
        f'<tr><th scope="row"><a href="{html.escape(profile_url(str(r["id"])))}" '
        f'target="_self">{html.escape(str(r[name_col]))}</a></th>'
        f"<td>{int(r['events'])}</td></tr>"  # type: ignore[call-overload]
        for r in rows
    )
    return (
        '<table class="usmx-top-actors"><thead><tr>'
        f'<th scope="col">{html.escape(t("word.actors", lang))}</th>'
        f'<th scope="col" style="text-align:right">{html.escape(t("word.events", lang))}</th>'
        f"</tr></thead><tbody>{body}</tbody></table>"
    )
