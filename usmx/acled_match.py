"""Which names an ACLED file would give our actors, so the actor filter reaches the ACLED layer.

The import stores, for every ACLED row, `actor_keys`: the row's actor names (actor1, actor2
and each associated actor) lower-cased, with ACLED's trailing period in brackets removed —
"Military Forces of Mexico (2024-)" becomes "military forces of mexico". This module gives the
same kind of key for our actors, so the match is one `list_has_any` in SQL:

- every English or Spanish name and alias of the actor (Sinaloa Cartel, CIA, ...), and
- ACLED's conventional names for state actors (its codebook names state forces after their
  country): a military is "Military Forces of <country>", a police agency "Police Forces of
  <country>", a national government (not a previous one) "Government of <country>".

Actors with no name ACLED would use simply match nothing; the UI says which actors matched.
Choosing an actor includes everyone under it, as the sidebar filter does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from usmx.model import Actor, Dataset
from usmx.vocabulary import ActorKind

_PERIOD = re.compile(r"\s*\([^()]*\)\s*$")
_LATIN = re.compile(r"[A-Za-z]")
COUNTRY_NAMES = {"MX": "Mexico", "US": "the United States", "VE": "Venezuela"}


def acled_key(name: str) -> str:
    """The comparison key of an ACLED actor name (same rule as the import's SQL)."""
    return _PERIOD.sub("", name).strip().lower()


def _country(actor: Actor, ds: Dataset) -> str | None:
    seen: set[str] = set()
    current: Actor | None = actor
    while current is not None and current.id not in seen:
        if current.country:
            return current.country
        seen.add(current.id)
        current = ds.actors_by_id.get(current.parent_id) if current.parent_id else None
    return None


def actor_keys(actor: Actor, ds: Dataset) -> set[str]:
    """The ACLED keys that name `actor` (see the module docstring)."""
    keys = {acled_key(n) for n in actor.all_names() if _LATIN.search(n)}
    country = COUNTRY_NAMES.get(_country(actor, ds) or "")
    if country:
        english = actor.name_en.lower()
        if actor.kind == ActorKind.military and actor.parent_id and "special" not in english:
            keys.add(f"military forces of {country.lower()}")
        if actor.kind == ActorKind.agency and "police" in english:
            keys.add(f"police forces of {country.lower()}")
        current = not english.startswith(("previous", "former"))
        if actor.kind == ActorKind.government and actor.parent_id is None and current:
            keys.add(f"government of {country.lower()}")
    return {k for k in keys if k}


def keys_for(ds: Dataset, actor_ids: Iterable[str]) -> tuple[str, ...]:
    """Sorted keys of the chosen actors and everyone under them (the sidebar's semantics)."""
    found: set[str] = set()
    for actor_id in actor_ids:
        for member in sorted(ds.descendants(actor_id)):
            actor = ds.actors_by_id.get(member)
            if actor is not None:
                found |= actor_keys(actor, ds)
    return tuple(sorted(found))


def all_actor_keys(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Every actor's own keys (without descendants), for "which of our actors are in the file"."""
    return {a.id: tuple(sorted(actor_keys(a, ds))) for a in ds.actors}
