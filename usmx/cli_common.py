"""What every `usmx` subcommand shares: the --dataset option, loading the dataset, output.

Paths are shown as the user wrote them (relative to the working directory when inside it), so
a problem names the file the way the user typed it; JSON goes to standard output as bytes,
identical to the file export; a message is one line, so problems can be counted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.model import Dataset

STDOUT = "-"  # `--out -`: standard output


def shown(path: Path | str) -> Path:
    """The path as the user would write it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def add_dataset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset",
        type=Path,
        default=DEFAULT_DATASET,
        metavar="PATH",
        help="the curated dataset file (default: data/dataset.yaml)",
    )


def load_shown(path: Path | str) -> Dataset:
    # Load through the shown path so problems name the file the way the user wrote it.
    return load_dataset(shown(path))


def write_stdout(data: bytes) -> None:
    # Bytes, not text: the output is identical to the file export whatever the locale says.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def evidence_count(ds: Dataset) -> int:
    """Evidence spans of every record, the source's included (validate and stats show it)."""
    records: list[Any] = [ds.source, *ds.actors, *ds.places, *ds.events, *ds.quotes, *ds.claims]
    return sum(len(r.evidence) for r in records)


def one_line(text: str) -> str:
    """`text` with its line breaks folded, so each message is one line of stderr."""
    return " ".join(str(text).split())
