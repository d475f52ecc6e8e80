"""The `usmx` command: check the curated dataset, export it, and summarise it.

    usmx validate [DATASET]
    usmx export-data --format json|csv|geojson|acled --out PATH [--dataset PATH]
    usmx export-charts --out DIR [--format LIST] [--actor ID …] [--lang L]
    usmx stats [--dataset PATH] [--json]
    usmx import-acled FILE.csv [--data-dir DIR]
    usmx add-source FILE --published DATE --outlet NAME
    usmx review [SOURCE] [--accept|--merge|--reject ID]

Exit status: 0 success, 1 the dataset has problems (listed one per line on stderr),
2 anything else (bad usage, unwritable output, or a bug), always as one line, never a
traceback, because the people who edit the dataset are journalists, not Python programmers.
`--traceback` shows the traceback of an unexpected error for a bug report.

Subcommands are registered in COMMANDS as (name, add_arguments, run); a new one only adds an
entry there. `validate` and `import-acled` live here; the others in their own modules
(usmx/cli_export.py, usmx/cli_stats.py, usmx/cli_review.py), sharing usmx/cli_common.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from usmx.cli_common import evidence_count, load_shown, one_line, shown
from usmx.cli_export import (
    add_export_charts_arguments,
    add_export_data_arguments,
    run_export_charts,
    run_export_data,
)
from usmx.cli_review import (
    add_add_source_arguments,
    add_review_arguments,
    run_add_source,
    run_review,
)
from usmx.cli_stats import add_stats_arguments, run_stats
from usmx.coding_rules import check_coding_rules
from usmx.dataset import DEFAULT_DATASET
from usmx.problems import DatasetError, Problem


class Command(NamedTuple):
    """One subcommand: its name, a function adding its arguments, and the function running it.

    `run(args)` returns the exit status; the first line of its docstring is the help text.
    Import heavy modules (plotly, kaleido) inside `run`, so `usmx validate` stays fast.
    """

    name: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


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
    ds = load_shown(args.dataset)
    problems = check_coding_rules(ds, str(shown(args.dataset)))
    if problems:  # docs/coding-rules.md: the rules code can check (usmx/coding_rules.py)
        raise DatasetError(problems)
    n = len(ds.sources)
    sources = f"{n} source{'' if n == 1 else 's'}, " if n else ""  # several-source format
    print(
        f"{shown(args.dataset)}: OK — {sources}{len(ds.actors)} actors, {len(ds.places)} places, "
        f"{len(ds.events)} events, {len(ds.quotes)} quotes, {len(ds.claims)} claims, "
        f"{evidence_count(ds)} evidence spans resolved"
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
        result = import_acled(args.file, args.data_dir, shown=str(shown(args.file)))
    except AcledImportError as exc:
        for problem in exc.problems:
            print(one_line(str(problem)), file=sys.stderr)
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
        print(one_line(str(problem)), file=sys.stderr)
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
            f"usmx {args.command}: error: {one_line(f'{type(exc).__name__}: {exc}')}",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
