"""Write a generated dataset of N synthetic events, for measuring how the app scales.

    .venv/bin/python bench/generate.py N OUT_DIR

OUT_DIR gets `dataset.yaml` and `source/` (a byte-exact copy of the article and its
translation), so `USMX_DATASET=OUT_DIR/dataset.yaml` serves it. The real actors, places, quotes
and claims are kept; the N events are synthetic: event k copies the actors, places, type,
status and date of real event k mod R, and takes its evidence from the real evidence spans in
turn, so every record still resolves against the article like curated data does. Ids are
gen_000001…, titles start with "[GENERATED]". Never write into data/: this is not curated data.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from usmx.dataset import DATA_DIR, DEFAULT_DATASET, _Loader

TABLES = ("actors", "places", "events", "quotes", "claims")
MARK = "[GENERATED]"
HEADER = f"# {MARK} by bench/generate.py"  # first line of every generated file


def _real() -> dict[str, Any]:
    # The curated file's own loader settings, so dates stay the strings written.
    return yaml.load(DEFAULT_DATASET.read_text(encoding="utf-8"), Loader=_Loader)


def gen_id(k: int) -> str:
    return f"gen_{k + 1:06d}"


def synthetic_events(raw: dict[str, Any], n: int) -> list[dict[str, Any]]:
    events = raw["events"]
    spans = [ev for table in TABLES for rec in raw[table] for ev in rec["evidence"]]
    out = []
    for k in range(n):
        base = events[k % len(events)]
        out.append(
            {
                "id": gen_id(k),
                "title_en": f"{MARK} #{k + 1} {base['title_en']}",
                "title_zh": f"{MARK} #{k + 1} {base['title_zh']}",
                "summary_en": f"{MARK} Synthetic benchmark event modelled on {base['id']}.",
                "event_type": base["event_type"],
                "status": base["status"],
                "date": base["date"],
                "actors": base["actors"],
                "place_ids": base.get("place_ids", []),
                "evidence": [spans[k % len(spans)]],
            }
        )
    return out


def _relink(records: list[dict[str, Any]], new_ids: dict[str, str]) -> list[dict[str, Any]]:
    """Quotes and claims point at the generated copy of their real event (or at none)."""
    out = []
    for rec in records:
        rec = dict(rec)
        if rec.get("event_id"):
            if rec["event_id"] in new_ids:
                rec["event_id"] = new_ids[rec["event_id"]]
            else:
                del rec["event_id"]
        out.append(rec)
    return out


def generate(n: int, out_dir: Path) -> Path:
    """Write the generated dataset into `out_dir` (never data/); return the dataset path."""
    out_dir = Path(out_dir).resolve()
    if out_dir == DATA_DIR.resolve() or DATA_DIR.resolve() in out_dir.parents:
        raise ValueError(f"refusing to write generated data under {DATA_DIR}")
    raw = _real()
    (out_dir / "source").mkdir(parents=True, exist_ok=True)
    for name in ("article.zh-Hant.txt", "article.en.json"):
        shutil.copyfile(DATA_DIR / "source" / name, out_dir / "source" / name)
    new_ids = {ev["id"]: gen_id(k) for k, ev in enumerate(raw["events"][:n])}
    tables = {
        "actors": raw["actors"],
        "places": raw["places"],
        "events": synthetic_events(raw, n),
        "quotes": _relink(raw["quotes"], new_ids),
        "claims": _relink(raw["claims"], new_ids),
    }
    path = out_dir / "dataset.yaml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"{HEADER}: {n} synthetic events for benchmarks only.\n")
        # JSON is valid YAML flow style: one record per line keeps a 100k-event file simple.
        fh.write(f"source: {json.dumps(raw['source'], ensure_ascii=False)}\n")
        for table in TABLES:
            fh.write(f"{table}:\n")
            for rec in tables[table]:
                fh.write(f"  - {json.dumps(rec, ensure_ascii=False)}\n")
    return path


def read_generated(text: str) -> dict[str, Any]:
    """The raw records of a file this module wrote (one JSON record per line)."""
    raw: dict[str, Any] = {}
    table = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("source: "):
            raw["source"] = json.loads(line.removeprefix("source: "))
        elif line.startswith("  - ") and table:
            raw[table].append(json.loads(line[4:]))
        elif line.endswith(":") and line[:-1] in TABLES:
            table = line[:-1]
            raw[table] = []
        else:
            raise ValueError(f"not a file written by bench/generate.py: {line[:60]!r}")
    return raw


def lift_size_cap() -> None:
    """Bench only: let usmx.dataset read files above its 5 MB guard (a 10k file is bigger)."""
    import usmx.dataset as d

    d.MAX_FILE_BYTES = 1 << 40


def install_fast_reader() -> None:
    """Bench only: read generated files as JSON lines instead of YAML, in this process.

    PyYAML's pure-Python parser (used twice by load_dataset: values, then line numbers for
    messages) takes minutes at 100k events, so nothing after it could be measured in a bounded
    run. Records still go through the same validation, reference checks and evidence
    resolution; only the text-to-dicts step is replaced, and only for generated files.
    """
    import usmx.dataset as d
    from usmx import problems

    lift_size_cap()
    stock_parse, stock_lines = d._parse_yaml, problems._line_numbers
    if getattr(stock_parse, "bench_fast_reader", False):
        return

    def parse(path: Path, text: str) -> dict[str, Any]:
        return read_generated(text) if text.startswith(HEADER) else stock_parse(path, text)

    def lines(text: str) -> dict[tuple[str, int], int]:
        return {} if text.startswith(HEADER) else stock_lines(text)

    parse.bench_fast_reader = True  # type: ignore[attr-defined]
    d._parse_yaml = parse
    problems._line_numbers = lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of synthetic events")
    parser.add_argument("out_dir", type=Path, help="directory to write (not under data/)")
    args = parser.parse_args()
    path = generate(args.n, args.out_dir)
    print(f"{path}: {args.n} events, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
