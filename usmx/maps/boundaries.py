"""The boundaries under the points: served once as static files, or sent inline as a fallback.

The land (countries and states) and its outlines never change while the app runs, yet sent
inside the deck's JSON they were re-sent (~250 KB) and re-processed by deck.gl on every filter
change. They live in `static/geo/` (built by scripts/build_map_layers.py from data/geo/), which
Streamlit serves under `app/static/` when `server.enableStaticServing` is on
(.streamlit/config.toml): the deck names them by URL, the browser fetches them once, and deck.gl
keeps them while only the points and arcs change. A relative URL, so the app also works under
a `server.baseUrlPath`. Without static serving the page embeds the same data (`inline=True`).

Sinaloa and the border are small, named in the map's language and clickable: they stay inline.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from usmx.geo import GeoDataError, load_layer
from usmx.locale import number, parenthesized

ROOT = Path(__file__).resolve().parent.parent.parent
STATIC_DIR = ROOT / "static" / "geo"
STATIC_URL = "app/static/geo"  # relative: resolved against the page's own URL
STATIC_FILES = {
    "countries": "countries.geojson",  # land around the states (fill)
    "states": "states.geojson",  # Mexico's states and the US border states (fill)
    "country_lines": "country-lines.json",  # outline segments {"s": [lon, lat], "t": [...]}
    "state_lines": "state-lines.json",
}
# The boundary layers' names in each UI language (fields of data/geo's properties).
NAME_FIELDS = {"zh-Hant": "name_zht", "en": "name_en"}


def source(key: str, *, inline: bool) -> str | Any:
    """What a deck layer's `data` gets for static layer `key`: its URL, or its content."""
    return static_data(key) if inline else f"{STATIC_URL}/{STATIC_FILES[key]}"


@functools.cache
def static_data(key: str) -> Any:
    """The parsed content of a static layer (cached: callers must not modify it)."""
    path = STATIC_DIR / STATIC_FILES[key]
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GeoDataError(
            f"{path}: map layer not found (run scripts/build_map_layers.py to build static/geo/)"
        ) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeoDataError(f"{path}: cannot read map layer: {exc}") from exc


def _named(features: list[dict[str, Any]], lang: str, suffix: str = "") -> dict[str, Any]:
    """A FeatureCollection whose features carry a `tooltip`: their name in `lang`."""
    field = NAME_FIELDS.get(lang, "name_en")
    return {
        "type": "FeatureCollection",
        "features": [
            {**f, "properties": {**f["properties"], "tooltip": f["properties"][field] + suffix}}
            for f in features
        ],
    }


@functools.cache
def sinaloa(lang: str) -> dict[str, Any]:
    """Sinaloa's polygon, named in `lang` (cached: callers must not modify it)."""
    states = load_layer("mexico_states")["features"]
    return _named([f for f in states if f["properties"].get("is_sinaloa")], lang)


@functools.cache
def border(lang: str) -> dict[str, Any]:
    """The US–Mexico border line, named in `lang` with its length (cached)."""
    layer = load_layer("us_mexico_border")
    km = layer["features"][0]["properties"].get("length_km")
    suffix = parenthesized(f"{number(round(km), lang)} km", lang) if km else ""
    return _named(layer["features"], lang, suffix)
