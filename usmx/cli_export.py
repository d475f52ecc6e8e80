"""`usmx export-data` and `usmx export-charts`: the dataset and its charts as files.

    usmx export-data --format json|csv|geojson|acled --out PATH [--dataset PATH]
    usmx export-charts --out DIR [--format png,svg,html,pdf] [--actor ID …] [--lang L]

Registered in usmx.cli.COMMANDS. The data formats are `usmx.export`'s (plus ACLED's CSV
layout, `usmx.acled_export`); charts come from `usmx.chart_export`, imported only when
asked for, because plotly and kaleido are slow to import.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from usmx.cli_common import STDOUT, add_dataset_option, load_shown, shown, write_stdout
from usmx.export import FORMATS, write_dataset
from usmx.export_geojson import places_geojson
from usmx.export_json import dataset_to_json, to_json_bytes
from usmx.model import Dataset

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
    add_dataset_option(parser)


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
    ds = load_shown(args.dataset)
    if args.format == ACLED_FORMAT:
        return _export_acled(ds, Path(args.out))
    if args.out == STDOUT:
        obj = dataset_to_json(ds) if args.format == "json" else places_geojson(ds)
        write_stdout(to_json_bytes(obj))
        print(f"wrote {args.format} to standard output", file=sys.stderr)
        return 0
    for path in write_dataset(ds, args.format, Path(args.out)):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


def _export_acled(ds: Dataset, out: Path) -> int:
    from usmx.acled_export import acled_rows, write_acled

    rows, skipped = acled_rows(ds)
    written, report = write_acled(ds, out)
    print(f"wrote {shown(written)} ({len(rows)} events in ACLED's layout)", file=sys.stderr)
    print(
        f"wrote {shown(report)} ({len(skipped)} events ACLED would not record, with reasons)",
        file=sys.stderr,
    )
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
    add_dataset_option(parser)


def run_export_charts(args: argparse.Namespace) -> int:
    """Export every dashboard chart as PNG, SVG, HTML or PDF for a filter and language."""
    import time

    from usmx.chart_export import export_charts
    from usmx.filters import Filters

    started = time.perf_counter()
    ds = load_shown(args.dataset)
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
        print(f"wrote {shown(path)} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    print(f"{len(paths)} files in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
