"""The `usmx` command: check the curated dataset, export it, and summarise it.

    usmx validate [DATASET]
    usmx export-data --format json|csv|geojson|acled --out PATH [--dataset PATH]
    usmx stats [--dataset PATH] [--json]
    usmx import-acled FILE.csv [--data-dir DIR]
    usmx add-source FILE --published DATE --outlet NAME    (usmx/cli_review.py)
    usmx review [SOURCE] [--accept|--merge|--reject ID]    (usmx/cli_review.py)

Exit status: 0 success, 1 the dataset has problems (listed one per line on stderr),
2 anything else (bad usage, unwritable output, or a bug), always as one line, never a
traceback, because the people who edit the dataset are journalists, not Python programmers.
`--traceback` shows the traceback of an unexpected error for a bug report.

Subcommands are registered in COMMANDS as (name, add_arguments, run); a new one (such as
`export-charts`, whose functions live in their own section below) only adds an entry there.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from usmx.cli_review import (
    add_add_source_arguments,
    add_review_arguments,
    run_add_source,
    run_review,
)
from usmx.coding_rules import check_coding_rules
from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.export import FORMATS, write_dataset
from usmx.export_geojson import places_geojson
from usmx.export_json import dataset_to_json, to_json_bytes
from usmx.model import Dataset
from usmx.problems import DatasetError, Problem
from usmx.vocabulary import EventType, Status

STDOUT = "-"


class Command(NamedTuple):
    """One subcommand: its name, a function adding its arguments, and the function running it.

    `run(args)` returns the exit status; the first line of its docstring is the help text.
    Import heavy modules (plotly, kaleido) inside `run`, so `usmx validate` stays fast.
    """

    name: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# --- helpers ----------------------------------------------------------------------------------


def _shown(path: Path | str) -> Path:
    """The path as the user would write it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def _add_dataset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset",
        type=Path,
        default=DEFAULT_DATASET,
        metavar="PATH",
        help="the curated dataset file (default: data/dataset.yaml)",
    )


def _load(path: Path | str) -> Dataset:
    # Load through the shown path so problems name the file the way the user wrote it.
    return load_dataset(_shown(path))


def _write_stdout(data: bytes) -> None:
    # Bytes, not text: the output is identical to the file export whatever the locale says.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _evidence_count(ds: Dataset) -> int:
    records: list[Any] = [ds.source, *ds.actors, *ds.places, *ds.events, *ds.quotes, *ds.claims]
    return sum(len(r.evidence) for r in records)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- validate ---------------------------------------------------------------------------------


def add_validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dataset",
        nargs="?",
        type=Path,
        default=DEFAULT_DATASET,
        metavar="DATASET",
        help="the curated dataset file (default: data/dataset.yaml)",
    )


def run_validate(args: argparse.Namespace) -> int:
    """Check the dataset against its schema, the article and the coding rules."""
    ds = _load(args.dataset)
    problems = check_coding_rules(ds, str(_shown(args.dataset)))
    if problems:  # docs/coding-rules.md: the rules code can check (usmx/coding_rules.py)
        raise DatasetError(problems)
    n = len(ds.sources)
    sources = f"{n} source{'' if n == 1 else 's'}, " if n else ""  # several-source format
    print(
        f"{_shown(args.dataset)}: OK — {sources}{len(ds.actors)} actors, {len(ds.places)} places, "
        f"{len(ds.events)} events, {len(ds.quotes)} quotes, {len(ds.claims)} claims, "
        f"{_evidence_count(ds)} evidence spans resolved"
    )
    return 0


# --- export-data ------------------------------------------------------------------------------


ACLED_FORMAT = "acled"


def add_export_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", required=True, choices=(*FORMATS, ACLED_FORMAT), help="output format"
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="output file (json, geojson; '-' for standard output; acled: FILE.csv, with "
        "FILE.skipped.csv beside it) or directory (csv)",
    )
    _add_dataset_option(parser)


def run_export_data(args: argparse.Namespace) -> int:
    """Export the whole dataset as JSON, CSV tables, GeoJSON or ACLED's CSV layout."""
    if args.out == STDOUT and args.format in ("csv", ACLED_FORMAT):
        why = (
            "csv writes one file per table; --out must be a directory"
            if args.format == "csv"
            else "acled writes a CSV and a report beside it; --out must be a file"
        )
        print(f"usmx export-data: error: {why}", file=sys.stderr)
        return 2
    ds = _load(args.dataset)
    if args.format == ACLED_FORMAT:
        return _export_acled(ds, Path(args.out))
    if args.out == STDOUT:
        obj = dataset_to_json(ds) if args.format == "json" else places_geojson(ds)
        _write_stdout(to_json_bytes(obj))
        print(f"wrote {args.format} to standard output", file=sys.stderr)
        return 0
    for path in write_dataset(ds, args.format, Path(args.out)):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


def _export_acled(ds: Dataset, out: Path) -> int:
    from usmx.acled_export import acled_rows, write_acled

    rows, skipped = acled_rows(ds)
    written, report = write_acled(ds, out)
    print(f"wrote {_shown(written)} ({len(rows)} events in ACLED's layout)", file=sys.stderr)
    print(
        f"wrote {_shown(report)} ({len(skipped)} events ACLED would not record, with reasons)",
        file=sys.stderr,
    )
    return 0


# --- import-acled -----------------------------------------------------------------------------


def add_import_acled_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.csv", help="your ACLED export (CSV)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where imported data is kept (default: $USMX_DATA_DIR, else ~/.local/share/usmx)",
    )


def run_import_acled(args: argparse.Namespace) -> int:
    """Check your own ACLED export and store it as the app's ACLED layer (Parquet)."""
    from usmx.acled_import import AcledImportError, import_acled

    try:
        result = import_acled(args.file, args.data_dir, shown=str(_shown(args.file)))
    except AcledImportError as exc:
        for problem in exc.problems:
            print(_one_line(str(problem)), file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing was imported", file=sys.stderr)
        return 1
    span = f", {result.first_day} to {result.last_day}" if result.first_day else ""
    print(
        f"imported {result.rows:,} rows{span} into {result.path} in {result.seconds:.1f} s",
        file=sys.stderr,
    )
    if result.ignored_columns:
        print(f"ignored columns: {', '.join(result.ignored_columns)}", file=sys.stderr)
    return 0


# --- stats ------------------------------------------------------------------------------------


def compute_stats(ds: Dataset) -> dict[str, Any]:
    """Counts per table, per event type and status, and per actor, ready for JSON."""

    def ranked(counts: Counter[str], order: Sequence[str]) -> dict[str, int]:
        # Every category appears, zeros too, so the output's shape never depends on the data;
        # most frequent first, ties in the taxonomy's order.
        return {k: counts[k] for k in sorted(order, key=lambda k: (-counts[k], order.index(k)))}

    # An actor listed twice on one event (two roles) is still one event.
    events = Counter(aid for e in ds.events for aid in {a.actor_id for a in e.actors})
    quotes = Counter(q.speaker_id for q in ds.quotes if q.speaker_id)
    claims = Counter(c.claimant_id for c in ds.claims if c.claimant_id)
    actors: list[dict[str, Any]] = [
        {
            "id": a.id,
            "name_en": a.name_en,
            "events": events[a.id],
            "quotes": quotes[a.id],
            "claims": claims[a.id],
        }
        for a in ds.actors
    ]
    actors.sort(key=lambda r: (-r["events"], -r["quotes"], -r["claims"]))  # stable: file order
    return {
        "tables": {
            "actors": len(ds.actors),
            "places": len(ds.places),
            "events": len(ds.events),
            "quotes": len(ds.quotes),
            "claims": len(ds.claims),
            "evidence_spans": _evidence_count(ds),
        },
        "event_types": ranked(
            Counter(e.event_type.value for e in ds.events), [t.value for t in EventType]
        ),
        "statuses": ranked(Counter(e.status.value for e in ds.events), [s.value for s in Status]),
        "actors": actors,
    }


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain text table: columns padded to width, numbers right-aligned."""
    cells = [[str(h) for h in headers], *[[str(v) for v in row] for row in rows]]
    numeric = [all(isinstance(row[i], int) for row in rows) for i in range(len(headers))]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [
            cell.rjust(w) if num else cell.ljust(w)
            for cell, w, num in zip(row, widths, numeric, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def add_stats_arguments(parser: argparse.ArgumentParser) -> None:
    _add_dataset_option(parser)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")


def run_stats(args: argparse.Namespace) -> int:
    """Count records per table, event type, status and actor."""
    stats = compute_stats(_load(args.dataset))
    if args.json:
        _write_stdout(to_json_bytes(stats))
        return 0
    sections = [
        format_table(["table", "records"], list(stats["tables"].items())),
        format_table(["event type", "events"], list(stats["event_types"].items())),
        format_table(["status", "events"], list(stats["statuses"].items())),
        format_table(
            ["actor", "name", "events", "quotes", "claims"],
            [
                [r["id"], r["name_en"], r["events"], r["quotes"], r["claims"]]
                for r in stats["actors"]
            ],
        ),
    ]
    print("\n\n".join(sections))
    return 0


# --- export-charts ----------------------------------------------------------------------------

CHART_FORMATS = ("png", "svg", "html", "pdf")


def _chart_formats(text: str) -> list[str]:
    formats = list(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in formats if f not in CHART_FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or text!r}; choose from {','.join(CHART_FORMATS)}"
        )
    return formats


def add_export_charts_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    parser.add_argument(
        "--format",
        type=_chart_formats,
        default=["png", "svg", "html"],
        metavar="LIST",
        help=f"comma-separated, from {','.join(CHART_FORMATS)} (default: png,svg,html)",
    )
    parser.add_argument(
        "--actor",
        action="extend",
        nargs="+",
        default=[],
        metavar="ID",
        help="only events involving these actors (ids as in `usmx stats`), like the dashboard",
    )
    from usmx.i18n import DEFAULT_LANG, LANGS

    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of labels")
    _add_dataset_option(parser)


def run_export_charts(args: argparse.Namespace) -> int:
    """Export every dashboard chart as PNG, SVG, HTML or PDF for a filter and language."""
    import time

    from usmx.chart_export import export_charts
    from usmx.filters import Filters

    started = time.perf_counter()
    ds = _load(args.dataset)
    known = {a.id for a in ds.actors}
    for actor_id in dict.fromkeys(args.actor):
        if actor_id not in known:
            print(
                f"usmx export-charts: error: unknown actor id {actor_id!r} "
                f"(the dataset has {len(known)} actor ids; `usmx stats` lists them)",
                file=sys.stderr,
            )
            return 1
    filters = Filters(actors=tuple(dict.fromkeys(args.actor)))
    paths = export_charts(ds, filters, args.out, args.format, args.lang)
    for path in paths:
        print(f"wrote {_shown(path)} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    print(f"{len(paths)} files in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


# --- registry and entry point -----------------------------------------------------------------

COMMANDS: list[Command] = [
    Command("validate", add_validate_arguments, run_validate),
    Command("export-data", add_export_data_arguments, run_export_data),
    Command("stats", add_stats_arguments, run_stats),
    Command("export-charts", add_export_charts_arguments, run_export_charts),
    Command("import-acled", add_import_acled_arguments, run_import_acled),
    Command("add-source", add_add_source_arguments, run_add_source),
    Command("review", add_review_arguments, run_review),
]


def build_parser(commands: Sequence[Command] | None = None) -> argparse.ArgumentParser:
    """The argument parser for `commands` (default: COMMANDS, read when called)."""
    parser = argparse.ArgumentParser(
        prog="usmx", description="US–Mexico security events dataset: check, export, summarise."
    )
    parser.add_argument(
        "--traceback",
        action="store_true",
        help="on an unexpected error, show the Python traceback (for bug reports)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS if commands is None else commands:
        doc = (command.run.__doc__ or "").strip().splitlines()
        summary = doc[0] if doc else None
        p = sub.add_parser(command.name, help=summary, description=summary)
        command.add_arguments(p)
        p.set_defaults(run=command.run)
    return parser


def print_problems(problems: Sequence[Problem]) -> None:
    # One line each, even if a message quotes text with a line break, so they can be counted.
    for problem in problems:
        print(_one_line(str(problem)), file=sys.stderr)
    print(f"{len(problems)} problem(s)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error argparse has already explained (2)
        return exc.code if isinstance(exc.code, int) else 0
    try:
        return args.run(args)
    except DatasetError as exc:
        print_problems(exc.problems)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.traceback:
            raise
        print(
            f"usmx {args.command}: error: {_one_line(f'{type(exc).__name__}: {exc}')}",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
