"""Write a MADE-UP several-source corpus for measuring loading and validation at scale.

    .venv/bin/python bench/generate_corpus.py [--sources 500] [--records 20000] [--out DIR]

Everything written is invented: every text's first line says "MADE-UP BENCHMARK TEXT — not a
real report", actors are "Actor-0012 (made-up)", outlets "Made-up Wire 07", places "Town 17"
at invented points. Never write into data/. The layout is the one issue 11 asks for: the main
`dataset.yaml` holds actors and places and includes one records file per source
(`records/src_0000.yaml`: that source and its records), texts under `sources/`.

Per source: events, quotes and claims in the ratio 6:1:1; one event in five also carries
evidence from an earlier source (a corroboration), and each source's first corroborated event
a date dispute between the two; one source in five relays another outlet (so it is not an
independent outlet). Every record passes `usmx validate` (the coding rules included), so the
benchmark measures a real load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MARK = "MADE-UP BENCHMARK TEXT — not a real report"
HEADER = "# MADE-UP BENCHMARK CORPUS by bench/generate_corpus.py: nothing here is real.\n"
START = dt.date(2025, 1, 1)
N_ACTORS, N_MEDIA, N_PLACES = 200, 40, 50


def _dump(data: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def actors() -> list[dict[str, Any]]:
    out = []
    for k in range(N_ACTORS):
        media = k < N_MEDIA
        name = f"Made-up Wire {k:02d}" if media else f"Actor-{k:04d}"
        out.append(
            {
                "id": f"wire_{k:02d}" if media else f"actor_{k:04d}",
                "name_en": name,
                "name_zh": name,
                "kind": "media" if media else ("person" if k % 3 else "agency"),
                "country": "MX" if k % 2 else "US",
                "evidence": [{"exact": f"[roster] {name} (made-up)"}],
            }
        )
    return out


def places(rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "id": f"town_{k:02d}",
            "name_en": f"Town {k:02d}",
            "name_zh": f"Town {k:02d}",
            "kind": "city",
            "lat": round(rng.uniform(17.0, 31.0), 4),
            "lon": round(rng.uniform(-115.0, -90.0), 4),
            "iso_3166": "MX",
            "precision": "exact",
            "evidence": [{"exact": f"[roster] Town {k:02d} (made-up)"}],
        }
        for k in range(N_PLACES)
    ]


class Corpus:
    """Builds the sources' texts and records together, so every span exists exactly once."""

    def __init__(self, n_sources: int, n_records: int, seed: int = 7):
        self.rng = random.Random(seed)
        self.n_sources = n_sources
        self.per_source = max(8, n_records // n_sources)
        self.lines: list[list[str]] = [[] for _ in range(n_sources)]
        self.records: list[dict[str, list[dict[str, Any]]]] = [
            {"events": [], "quotes": [], "claims": []} for _ in range(n_sources)
        ]
        self.published = [START + dt.timedelta(days=k * 365 // n_sources) for k in range(n_sources)]

    def sentence(self, s: int, text: str) -> str:
        line = f"[s{s:04d}-{len(self.lines[s]):03d}] {text}"
        self.lines[s].append(line)
        return line

    def people(self) -> tuple[str, str]:
        a, b = self.rng.sample(range(N_MEDIA, N_ACTORS), 2)
        return f"actor_{a:04d}", f"actor_{b:04d}"

    @staticmethod
    def name(actor_id: str) -> str:
        return "Actor-" + actor_id.split("_")[1]

    def event(self, s: int, k: int) -> None:
        a, b = self.people()
        town = self.rng.randrange(N_PLACES)
        other = self.rng.randrange(0, s) if s > 0 and k % 5 == 0 else None  # corroborated
        latest = self.published[s if other is None else other]
        day = latest - dt.timedelta(days=self.rng.randrange(0, 30))
        words = f"{self.name(a)} met {self.name(b)} in Town {town:02d}"
        evidence: list[dict[str, Any]] = [{"exact": self.sentence(s, f"{words} on {day}.")}]
        record: dict[str, Any] = {
            "id": f"ev_{s:04d}_{k:03d}",
            "title_en": f"Made-up meeting {s}-{k}",
            "title_zh": f"Made-up meeting {s}-{k}",
            "summary_en": "A made-up benchmark event.",
            "event_type": "diplomacy",
            "status": "occurred",
            "date": str(day),
            "date_text": str(day),
            "actors": [{"actor_id": a, "role": "initiator"}, {"actor_id": b, "role": "target"}],
            "place_ids": [f"town_{town:02d}"],
            "evidence": evidence,
        }
        if other is not None:
            # Each source's first corroboration gives another day: a dispute, the report's own
            # day preferred.
            other_day = day - dt.timedelta(days=1) if k == 0 else day
            seen = self.sentence(other, f"Also reported: {words} on {other_day}.")
            evidence.append({"source": f"src_{other:04d}", "exact": seen})
            if other_day != day:
                record["disputes"] = [
                    {
                        "field": "date",
                        "reason": "made-up: the later report gives the day first-hand",
                        "readings": [
                            {"value": str(day), "preferred": True, "evidence": [evidence[0]]},
                            {"value": str(other_day), "evidence": [evidence[1]]},
                        ],
                    }
                ]
        self.records[s]["events"].append(record)

    def quote(self, s: int, k: int) -> None:
        a, _ = self.people()
        words = f"we will act on item {k} of source {s}"
        line = self.sentence(s, f'{self.name(a)} said "{words}".')
        self.records[s]["quotes"].append(
            {
                "id": f"q_{s:04d}_{k:03d}",
                "kind": "direct",
                "speaker_id": a,
                "text_zh": words,
                "text_en": words,
                "occasion": "statement",
                "date": str(self.published[s]),
                "date_basis": "made-up: the day of the report",
                "evidence": [{"exact": line}],
            }
        )

    def claim(self, s: int, k: int) -> None:
        a, _ = self.people()
        town = self.rng.randrange(N_PLACES)
        value = self.rng.randrange(2, 900)
        line = self.sentence(s, f"{self.name(a)} claimed {value} seizures in Town {town:02d}.")
        self.records[s]["claims"].append(
            {
                "id": f"c_{s:04d}_{k:03d}",
                "claimant_id": a,
                "statement_en": f"{value} seizures (made-up).",
                "value": value,
                "unit": "seizures",
                "place_ids": [f"town_{town:02d}"],
                "evidence": [{"exact": line}],
            }
        )

    def build(self) -> None:
        for s in range(self.n_sources):
            for k in range(self.per_source):
                kind = k % 8
                if kind == 6:
                    self.quote(s, k)
                elif kind == 7:
                    self.claim(s, k)
                else:
                    self.event(s, k)

    def source(self, s: int, text: bytes) -> dict[str, Any]:
        wire = s % N_MEDIA
        doc: dict[str, Any] = {
            "id": f"src_{s:04d}",
            "path": f"../sources/src_{s:04d}.txt",
            "sha256": hashlib.sha256(text).hexdigest(),
            "language": "es" if s % 7 == 0 else "en",
            "published": str(self.published[s]),
            "outlet": f"Made-up Wire {wire:02d}",
            "outlet_id": f"wire_{wire:02d}",
        }
        if s % 5 == 1:
            original = (wire + 1) % N_MEDIA
            doc["relays"] = {
                "outlet": f"Made-up Wire {original:02d}",
                "outlet_id": f"wire_{original:02d}",
                "published": str(self.published[s] - dt.timedelta(days=1)),
            }
        return doc


def write(out: Path, n_sources: int, n_records: int) -> dict[str, int]:
    rng = random.Random(11)
    corpus = Corpus(n_sources, n_records)
    the_actors, the_places = actors(), places(rng)
    corpus.build()
    (out / "sources").mkdir(parents=True, exist_ok=True)
    (out / "records").mkdir(parents=True, exist_ok=True)
    roster = [r["evidence"][0]["exact"] for r in (*the_actors, *the_places)]
    includes = []
    counts = {"sources": n_sources, "events": 0, "quotes": 0, "claims": 0}
    for s in range(n_sources):
        head = [f"{MARK}. date {corpus.published[s]}", ""]
        body = corpus.lines[s] + (["", *roster] if s == 0 else [])
        text = "\n".join(head + body).encode("utf-8") + b"\n"
        (out / "sources" / f"src_{s:04d}.txt").write_bytes(text)
        records = {"sources": [corpus.source(s, text)], **corpus.records[s]}
        (out / "records" / f"src_{s:04d}.yaml").write_text(_dump(records), encoding="utf-8")
        includes.append(f"records/src_{s:04d}.yaml")
        for table in ("events", "quotes", "claims"):
            counts[table] += len(corpus.records[s][table])
    main = {"include": includes, "actors": the_actors, "places": the_places}
    (out / "dataset.yaml").write_text(_dump(main), encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "tmp" / "corpus")
    args = parser.parse_args(argv)
    if args.out.resolve().is_relative_to((ROOT / "data").resolve()):
        print("refusing to write made-up data into data/", file=sys.stderr)
        return 2
    counts = write(args.out, args.sources, args.records)
    print(f"{args.out / 'dataset.yaml'}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
