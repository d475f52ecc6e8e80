"""Write a large MADE-UP file in ACLED's column layout, for measuring the ACLED import and queries.

    .venv/bin/python bench/generate_acled.py N OUT.csv [--locations 4000] [--seed 7]

Every row is invented and says so: `source` is "MADE-UP BENCHMARK ROW (bench/generate_acled.py)"
and `notes` starts with "MADE-UP BENCHMARK ROW — not a real report". Nothing here is ACLED data
(ACLED's terms do not allow shipping it). Rows are spread over `--locations` distinct places
scattered inside Mexico's 32 states (points drawn uniformly inside each state's polygon from
data/geo/mexico_states.geojson, states weighted by area), dated 2018-01-01 to 2026-01-15, with
event types, sub-event types, actor types and interaction codes consistent with ACLED's
codebook (usmx.acled_codebook). Deterministic for a given seed. Never write into data/.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np
from shapely.geometry import Point, shape
from shapely.prepared import prep

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from usmx.acled_codebook import COLUMNS, EVENT_TYPES, interaction

MARK = "MADE-UP BENCHMARK ROW"
STATES = ROOT / "data" / "geo" / "mexico_states.geojson"
FIRST_DAY = dt.date(2018, 1, 1)
LAST_DAY = dt.date(2026, 1, 15)
# (name, inter code): names in ACLED's style, so actor matching has something to find.
ACTORS = [
    ("Military Forces of Mexico (2018-2024)", 1),
    ("Military Forces of Mexico (2024-)", 1),
    ("Police Forces of Mexico (2024-)", 1),
    ("National Guard of Mexico (2024-)", 1),
    ("Sinaloa Cartel", 3),
    ("Jalisco New Generation Cartel (CJNG)", 3),
    ("Gulf Cartel", 3),
    ("Unidentified Armed Group (Mexico)", 3),
    ("Civilians (Mexico)", 7),
    ("Protesters (Mexico)", 6),
    ("Rioters (Mexico)", 5),
    ("Government of Mexico (2024-)", 1),
]
# (event type, sub-event type, weight, sides: which actor types may be actor1 / actor2)
KINDS = [
    ("Battles", "Armed clash", 30, (1, 3), (1, 3)),
    ("Violence against civilians", "Attack", 30, (3,), (7,)),
    ("Violence against civilians", "Abduction/forced disappearance", 8, (3,), (7,)),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 3, (3,), (1, 7)),
    ("Protests", "Peaceful protest", 12, (6,), ()),
    ("Riots", "Violent demonstration", 4, (5,), ()),
    ("Strategic developments", "Arrests", 10, (1,), (3,)),
    ("Strategic developments", "Looting/property destruction", 3, (3,), (7,)),
]


def _places(rng: np.random.Generator, n: int) -> list[tuple[str, str, float, float]]:
    features = json.loads(STATES.read_text(encoding="utf-8"))["features"]
    shapes = [shape(f["geometry"]) for f in features]
    names = [f["properties"]["name_es"] for f in features]
    areas = np.array([s.area for s in shapes])
    counts = rng.multinomial(n - len(shapes), areas / areas.sum()) + 1  # every state has some
    out = []
    for state, geom, k in zip(names, shapes, counts, strict=True):
        inside = prep(geom)
        west, south, east, north = geom.bounds
        found = 0
        while found < k:
            lon, lat = rng.uniform(west, east), rng.uniform(south, north)
            if inside.contains(Point(lon, lat)):
                found += 1
                out.append((state, f"Made-up place {len(out) + 1:05d}", lat, lon))
    return out


def generate(n: int, out: Path, *, locations: int = 4000, seed: int = 7) -> Path:
    rng = np.random.default_rng(seed)
    places = _places(rng, locations)
    span = (LAST_DAY - FIRST_DAY).days + 1
    days = np.sort(rng.integers(0, span, n))
    place_ix = rng.integers(0, len(places), n)
    weights = np.array([k[2] for k in KINDS], dtype=float)
    kind_ix = rng.choice(len(KINDS), n, p=weights / weights.sum())
    fatalities = rng.poisson(0.8, n)
    time_precision = rng.choice([1, 2, 3], n, p=[0.9, 0.07, 0.03])
    geo_precision = rng.choice([1, 2, 3], n, p=[0.75, 0.2, 0.05])
    by_type: dict[int, list[str]] = {}
    for name, code in ACTORS:
        by_type.setdefault(code, []).append(name)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for i in range(n):
            event_type, sub_type, _, types1, types2 = KINDS[kind_ix[i]]
            inter1 = int(rng.choice(types1))
            actor1 = str(rng.choice(by_type[inter1]))
            inter2 = int(rng.choice(types2)) if types2 else 0
            actor2 = str(rng.choice(by_type[inter2])) if inter2 else ""
            if actor2 == actor1:
                actor2 = "Unidentified Armed Group (Mexico)" if inter2 == 3 else actor2
            state, location, lat, lon = places[place_ix[i]]
            day = FIRST_DAY + dt.timedelta(days=int(days[i]))
            writer.writerow(
                [
                    f"MEX{i + 1}",
                    day.isoformat(),
                    day.year,
                    int(time_precision[i]),
                    EVENT_TYPES[event_type][sub_type],
                    event_type,
                    sub_type,
                    actor1,
                    "",
                    inter1,
                    actor2,
                    "",
                    inter2 or "",
                    interaction(inter1, inter2),
                    484,
                    "Central America",
                    "Mexico",
                    state,
                    f"Made-up municipality {place_ix[i] % 500:03d}",
                    "",
                    location,
                    round(lat, 4),
                    round(lon, 4),
                    int(geo_precision[i]),
                    f"{MARK} (bench/generate_acled.py)",
                    "Other",
                    f"{MARK} — not a real report. Invented {sub_type.lower()} #{i + 1}.",
                    int(fatalities[i]) if event_type not in ("Protests",) else 0,
                    "",
                    1768435200,
                ]
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--locations", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if (ROOT / "data") in args.out.resolve().parents:
        parser.error("never write generated rows into data/")
    path = generate(args.n, args.out, locations=args.locations, seed=args.seed)
    print(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MB, {args.n:,} made-up rows)")


if __name__ == "__main__":
    main()
