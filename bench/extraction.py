"""Extraction benchmark: run the assistant on the shipped article as if it were new, and write
the "extraction" section (figures and the list of misses) to bench/extraction.md.

    .venv/bin/python bench/extraction.py [--out PATH]

Pure Python, a second or two. The reference is computed from data/dataset.yaml at run time
(usmx.extract.reference), so corrections to the dataset change the figures, never this script.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from usmx.dataset import DATA_DIR, load_dataset
from usmx.extract.evaluate import GOALS, LanguageReport, Report, corroboration, evaluate

TRANSLATION = DATA_DIR / "source" / "article.en.json"
ROWS = [
    ("actor_recall", "Actor mentions: recall"),
    ("actor_precision", "Actor mentions: precision"),
    ("dates_found", "Date expressions: found"),
    ("dates_normalised", "Date expressions: normalised right"),
    ("dates_exact", "Date expressions: same EDTF as curated (strict)"),
    ("dates_precision", "Date candidates that are curated date expressions"),
    ("quotes_found", "Quotations: found"),
    ("quote_speakers", "Quotations: speaker right"),
    ("quote_kinds", "Quotations: direct/term right"),
    ("quotes_precision", "Quotation candidates that are curated quotations"),
    ("places_recall", "Places: curated places found"),
    ("places_precision", "Places: found places that are curated"),
    ("place_spans", "Places: curated evidence spans covered"),
    ("events_covered", "Events: curated events with a candidate on their evidence"),
    ("event_types", "Events: suggested type = curated type (of those)"),
]


def _cell(rep: LanguageReport | None, key: str) -> str:
    if rep is None or key not in rep.figures:
        return "–"
    s = rep.figures[key]
    return f"{s.rate:.1%} ({s.hit}/{s.total})"


def _goal(report: Report, key: str) -> str:
    if key not in GOALS:
        return ""
    met = [
        rep.figures[key].rate >= GOALS[key]
        for rep in (report.zh, report.en)
        if rep is not None and key in rep.figures
    ]
    status = "met" if all(met) else "zh met, en not" if met and met[0] else "not met"
    return f"≥ {GOALS[key]:.0%}: {status}"


def render(report: Report, seconds: dict[str, float], corroborated: str) -> str:
    lines = [
        "## Extraction",
        "",
        (
            "The offline extraction assistant (`usmx/extract/`) run on the shipped article as if it "
            "were new, by `bench/extraction.py`. It gets a **fair actor list**: every actor's "
            "canonical names (name_zh, name_en, name_es; Simplified forms come from folding) and only "
            "those aliases that do *not* occur in the text measured; no places, events, quotes or "
            "claims. The reference is the curated dataset, computed at run time: every occurrence "
            "of a curated actor name or alias (a country's name, 美國 or 墨西哥, is an alias of its "
            "government since the coding rules of issue 10, except as a place word: 在墨西哥, "
            "墨西哥境內, 進入美國); the `date_text` of dated records that are temporal "
            "expressions (TimeML sense); each quote's `text_zh` and speaker; the curated places. "
            "A date is *normalised right* when its EDTF is the curated one, or, where the curated "
            "date uses knowledge from outside the article (its `date_basis` says so), an interval "
            "containing it. The English translation is scored per paragraph against the curated "
            "records of the same paragraph."
        ),
        "",
        "| measure | zh-Hant article | English translation | goal |",
        "|---|---:|---:|---|",
    ]
    for key, label in ROWS:
        lines.append(
            f"| {label} | {_cell(report.zh, key)} | {_cell(report.en, key)} | "
            f"{_goal(report, key)} |"
        )
    lines += [
        "",
        (
            f"Time to extract: {seconds['zh']:.2f} s (zh-Hant, {len(report.candidates_zh.candidates)} "
            f"candidates), {seconds['en']:.2f} s (English). With the full dataset, {corroborated} of "
            "the event candidates on an event's own evidence propose that event as corroboration."
        ),
        "",
    ]
    for rep in (report.zh, report.en):
        if rep is None:
            continue
        lines += [f"### Misses: {rep.language}", ""]
        if not rep.misses:
            lines += ["None.", ""]
        for what, items in rep.misses.items():
            lines.append(f"- **{what}** ({len(items)}): " + "; ".join(f"`{i}`" for i in items))
        lines.append("")
    lines += [
        "### Dates the curators inferred from context (not date expressions; not scored)",
        "",
        "; ".join(f"`{n}`" for n in report.zh.notes) or "None.",
        "",
        "### Aliases left out of the fair actor list",
        "",
    ]
    for name, stripped in (("zh-Hant", report.stripped_zh), ("English", report.stripped_en)):
        items = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(stripped.items()))
        lines.append(f"- {name}: {items or 'none'}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BENCH / "extraction.md")
    args = parser.parse_args(argv)
    ds = load_dataset()
    start = time.perf_counter()
    report = evaluate(ds, TRANSLATION)
    total = time.perf_counter() - start
    # Time each language on its own (the first call above also loaded the gazetteer).
    from usmx.extract import extract
    from usmx.extract.reference import fair_dataset, load_translation

    seconds = {}
    t0 = time.perf_counter()
    extract(
        ds.article,
        published=ds.source.published,
        language="zh-Hant",
        dataset=fair_dataset(ds, ds.article),
    )
    seconds["zh"] = time.perf_counter() - t0
    tr = load_translation(ds, TRANSLATION)
    t0 = time.perf_counter()
    extract(
        tr.text, published=ds.source.published, language="en", dataset=fair_dataset(ds, tr.text)
    )
    seconds["en"] = time.perf_counter() - t0
    c = corroboration(ds)
    text = render(report, seconds, f"{c.hit}/{c.total}")
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({total:.1f} s); goals not met: {report.failures() or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
