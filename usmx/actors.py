"""Actor profiles and the actor table: who an actor is, and where the article involves them.

Pure Python for the Actors page: `profile` gathers one actor's names, place in the hierarchy
(parent and children), events with their role, quotes, claims and the evidence that first
introduces them; `actor_rows` counts events, quotes and claims per actor for the table. The
HTML (profile header, the page's three tables, the overview's top actors) comes from
templates; the tables are plain HTML tables, not data grids (bench/pages.md: the grids were
most of the Actors page's time in the browser).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from usmx.evidence import sentence
from usmx.filters import Filters
from usmx.html_table import Link, table_html
from usmx.i18n import in_language, label, localized, name, t, title
from usmx.locale import list_separator
from usmx.model import WIKIDATA_RE, Actor, Claim, Dataset, Event, Evidence, Quote
from usmx.render import render
from usmx.vocabulary import Role

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

# Table column -> catalog key of its heading, for the page's tables (the first column is the
# row's heading and links to the record).
EVENT_COLUMNS = ("title", "date", "role", "type", "as_stated")
EVENT_LABELS = {
    "date": "word.date",
    "title": "word.title",
    "role": "word.role",
    "type": "word.type",
    "as_stated": "word.as_stated",
}
CLAIM_COLUMNS = ("words", "statement", "value")
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
    return sorted(rows, key=lambda r: -int(str(r["events"])))  # stable: file order breaks ties


def profile_html(
    prof: ActorProfile, *, lang: str, article: str, urls: Mapping[str, str], source_url: str
) -> str:
    """The profile's header as an HTML fragment (template actor_profile.html.j2): names,
    facts, hierarchy, first mention.

    `urls` maps actor ids to their profile links (parent and children); the Wikidata link is
    built only from a validated Q-id (`wikidata_url`).
    """
    a = prof.actor
    ev = prof.introduced_by
    return render(
        "actor_profile.html.j2",
        profile=prof,
        actor=a,
        role=localized(a, "role", lang) or "",
        other_names=[n for n in prof.names if n != name(a, lang)],
        separator=list_separator(lang),
        introduced=sentence(article, ev.start or 0, ev.end or 0),
        urls=urls,
        source_url=source_url,
        lang=lang,
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
    """The overview's short actor table (template top_actors.html.j2): each name linked to
    its profile, with its number of events. Plain HTML: no data grid to load."""
    return render(
        "top_actors.html.j2",
        rows=[
            {
                "name": localized_name(r, lang),
                "url": profile_url(str(r["id"])),
                "events": r["events"],
            }
            for r in rows
        ],
        lang=lang,
    )


def localized_name(row: Mapping[str, object], lang: str) -> str:
    """The name of an `actor_rows` row in `lang`."""
    return str(in_language(lang, zh=row["name_zh"], en=row["name_en"]))


def events_table_html(prof: ActorProfile, *, lang: str, url_for: Callable[[str], str]) -> str:
    """The profile's events as a table: each title linked to its card on the timeline."""
    rows = event_rows(prof, lang=lang, url_for=url_for)
    return table_html(
        [t(EVENT_LABELS[c], lang) for c in EVENT_COLUMNS],
        ([Link(r["title"], r["link"]), *(r[c] for c in EVENT_COLUMNS[1:])] for r in rows),
        total=len(rows),
        lang=lang,
    )


def claims_table_html(prof: ActorProfile, *, lang: str, url_for: Callable[[int, int], str]) -> str:
    """The profile's claims as a table: the article's words linked to them in the source."""
    rows = claim_rows(prof, lang=lang, url_for=url_for)
    return table_html(
        [t(CLAIM_LABELS[c], lang) for c in CLAIM_COLUMNS],
        ([Link(r["words"], r["link"]), *(r[c] for c in CLAIM_COLUMNS[1:])] for r in rows),
        total=len(rows),
        lang=lang,
    )


def actors_table_html(
    rows: Sequence[Mapping[str, object]], *, lang: str, profile_url: Callable[[str], str]
) -> str:
    """`actor_rows(…, lang=lang)` as a table: each name linked to the actor's profile."""
    other = in_language(lang, zh="name_en", en="name_zh")
    columns = [other, "kind", "country", "events", "quotes", "claims", "id"]
    return table_html(
        [t("actors.name", lang), *(t(TABLE_LABELS[c], lang) for c in columns)],
        (
            [Link(localized_name(r, lang), profile_url(str(r["id"]))), *(r[c] for c in columns)]
            for r in rows
        ),
        total=len(rows),
        lang=lang,
        numeric=[False, False, False, False, True, True, True, False],
    )
