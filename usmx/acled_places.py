"""Our places as ACLED names them, so the sidebar's place filter reaches the ACLED layer.

ACLED locates a row by `country` and `admin1` (the state) in English spellings, mostly
without accents ("Nuevo Leon", "Mexico City"). Our places carry an ISO 3166 code (Sinaloa
and Culiacán: MX-SIN; Mexico: MX), and the project's gazetteer (data/gazetteer/places.json,
built from Natural Earth and CLDR) names every Mexican and US state and every country in
English and Spanish. So:

- a place with a state's code (MX-SIN) matches the rows whose admin1 is one of that state's
  names (Sinaloa), plus ACLED's own spelling where it differs (the State of Mexico is
  "Mexico" in ACLED). A city with its state's code (Culiacán) is matched by its state:
  admin1 is the finest level both sides share, and the page says so;
- a country (MX) matches the rows whose `country` is one of its names (Mexico);
- a place without a code (the US–Mexico border, "Mexican seaports") has no ACLED
  equivalent and matches nothing; `PlaceKeys.unmatched` lists it for the page.

Names are compared folded (`fold`: lower case, accents removed), as the query folds admin1
and country (`lower(strip_accents(...))` in DuckDB), so "Nuevo León" finds "Nuevo Leon".
The gazetteer is read here with `json` rather than through `usmx.extract.places`, whose
import pulls the whole extraction assistant (pydantic models, OpenCC) into the page.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from usmx.model import Dataset

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "places.json"
# ACLED's spellings that none of the gazetteer's names give (after folding), by ISO code.
ACLED_NAMES: dict[str, tuple[str, ...]] = {
    "MX-MEX": ("Mexico",),
    "MX-DIF": ("Distrito Federal",),
    "US": ("United States",),
}
# ISO 3166-2 renamed Mexico City's code in 2016; Natural Earth (and the gazetteer) keep the old.
ISO_ALIASES = {"MX-CMX": "MX-DIF"}


def fold(name: str) -> str:
    """A name for comparison: accents removed, lower case, spaces trimmed and single."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().split())


@cache
def _regions(path: Path = GAZETTEER) -> dict[str, dict[str, Any]]:
    """The gazetteer's states and countries by ISO code (a missing file: none)."""
    try:
        places = json.loads(path.read_text(encoding="utf-8"))["places"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no names to match by: every place is then reported as unmatched
    return {
        p["iso_3166"]: p
        for p in places
        if isinstance(p, dict) and p.get("kind") in ("state", "country") and p.get("iso_3166")
    }


def _latin_names(record: dict[str, Any]) -> set[str]:
    names = [record.get("name_en"), record.get("name_es"), *record.get("aliases", [])]
    return {fold(n) for n in names if _latin(n)}


def _latin(name: Any) -> bool:
    """Written in Latin script (no CJK): what an admin1 or country value can be."""
    return isinstance(name, str) and all(ord(ch) < 0x2E80 for ch in name)


def names_for(iso: str) -> tuple[str, ...]:
    """The folded names ACLED may use for the state or country `iso`; () if it is unknown."""
    iso = ISO_ALIASES.get(iso, iso)
    record = _regions().get(iso)
    if record is None:
        return ()
    names = _latin_names(record) | {fold(n) for n in ACLED_NAMES.get(iso, ())}
    # "Sinaloa state" is how a text names it, never an admin1 value.
    return tuple(sorted(n for n in names if not n.endswith(" state")))


@dataclass(frozen=True)
class PlaceKeys:
    """The chosen places as ACLED filters: folded admin1 and country names, and the places
    that have no ACLED equivalent (ids)."""

    admin1: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    unmatched: tuple[str, ...] = ()
    by_state: tuple[str, ...] = ()  # places below a state (a city) matched by their state

    @property
    def any(self) -> bool:
        return bool(self.admin1 or self.countries)


def place_keys(ds: Dataset, place_ids: Iterable[str]) -> PlaceKeys:
    """The ACLED names of the chosen places (see the module docstring)."""
    admin1: set[str] = set()
    countries: set[str] = set()
    unmatched: list[str] = []
    by_state: list[str] = []
    for place_id in place_ids:
        place = ds.places_by_id.get(place_id)
        iso = (place.iso_3166 if place is not None else None) or ""
        names = names_for(iso) if iso else ()
        if not names:
            unmatched.append(place_id)
        elif "-" in iso:  # a subdivision (MX-SIN), not a country (MX)
            admin1.update(names)
            if place is not None and place.kind.value != "state":
                by_state.append(place_id)
        else:
            countries.update(names)
    return PlaceKeys(
        tuple(sorted(admin1)), tuple(sorted(countries)), tuple(unmatched), tuple(by_state)
    )
