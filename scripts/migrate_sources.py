"""Convert a single-source dataset file (`source:`) to the several-source format (`sources:`).

    .venv/bin/python scripts/migrate_sources.py [DATASET] [--id ID] [--outlet NAME]
                                                [--keep-paths] [--dry-run]

Only the `source:` block is rewritten, as text: every other line of the file (records,
comments, layout) stays byte for byte, and selectors without `source:` keep pointing at the
first source, which the migrated one is. The old `reports`/`reports_outlet_id`/`reports_date`
become `relays:`; `outlet:` is what `--outlet` says, else null (the old format never said which
outlet published the text). Unless `--keep-paths`, the text (and its translation) move to
`sources/<id>.<old suffixes>` beside the dataset, as issue 11 keeps them.

Nothing is changed unless the migrated dataset loads to the same records as the old one (same
evidence offsets, same first source as `ds.source`): the new file is written to a temporary file,
loaded and compared, and only then put in place (os.replace); texts are copied before and the
old copies removed after. `--dry-run` prints the new `sources:` block and changes nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from usmx.dataset import DEFAULT_DATASET, load_dataset
from usmx.model import Dataset
from usmx.problems import DatasetError
from usmx.sources import legacy_source

DEFAULT_ID = "article"
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:")
_SUB_KEY = re.compile(r"^  (?P<key>[A-Za-z_]\w*):")
RELAY_KEYS = ("reports", "reports_outlet_id", "reports_date")


class MigrationError(Exception):
    """The file cannot be migrated; the message says why (nothing was changed)."""


def source_block(lines: list[str]) -> tuple[int, int]:
    """Line range [start, end) of the top-level `source:` block (trailing comments excluded)."""
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "source:"), None)
    if start is None:
        raise MigrationError("no top-level `source:` block: not a single-source file")
    end = start + 1
    while end < len(lines) and not _TOP_KEY.match(lines[end]):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return start, end


def _chunks(body: list[str]) -> dict[str, list[str]]:
    """The block's fields, each as its key line and continuation lines (indent 2 removed)."""
    chunks: dict[str, list[str]] = {}
    current = None
    for line in body:
        m = _SUB_KEY.match(line)
        if m:
            current = m["key"]
            chunks[current] = []
        if current is None:
            raise MigrationError(f"unexpected line in the source block: {line!r}")
        chunks[current].append(line.removeprefix("  "))
    return chunks


def new_block(
    old: list[str], ds: Dataset, source_id: str, outlet: str | None, paths: dict[str, str]
) -> list[str]:
    """The `sources:` block for the old `source:` block's lines."""
    chunks = _chunks(old[1:])
    doc = legacy_source(ds.source, source_id)
    out = ["sources:\n", f"  - id: {source_id}\n"]
    for key, lines in chunks.items():
        if key in RELAY_KEYS:
            if key == "reports" and doc.relays is not None:
                out.append("    relays:\n")
                out.append(f"      outlet: {_scalar(doc.relays.outlet)}\n")
                if doc.relays.outlet_id:
                    out.append(f"      outlet_id: {doc.relays.outlet_id}\n")
                if doc.relays.published:
                    out.append(f"      published: {doc.relays.published}\n")
            continue
        if key in paths:
            lines = [f"{key}: {paths[key]}\n"]
        out += ["    " + line if line.strip() else line for line in lines]
        if key == "published":
            note = "" if outlet else "  # the text does not say which outlet published it"
            out.append(f"    outlet: {_scalar(outlet) if outlet else 'null'}{note}\n")
    return out


def _scalar(text: str) -> str:
    """A YAML plain scalar when safe, else a double-quoted one."""
    if re.fullmatch(r"[\w][\w .,&'’()-]*", text) and not text.endswith(":"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comparable(ds: Dataset) -> dict[str, object]:
    """What must not change: every record with resolved offsets, and the first source's view."""
    dump = ds.model_dump(mode="json", exclude={"sources"})
    for table in ("actors", "places", "events", "quotes", "claims"):
        for record in dump[table]:
            for name in ("evidence", "context"):
                for ev in record.get(name) or []:
                    ev.pop("source", None)
    dump["source"].pop("path")
    dump["source"].pop("translation_path")
    for ev in dump["source"]["evidence"]:
        ev.pop("source", None)
    return dump


def migrate(
    dataset: Path,
    source_id: str = DEFAULT_ID,
    outlet: str | None = None,
    keep_paths: bool = False,
    dry_run: bool = False,
) -> str:
    """Migrate `dataset` in place; returns the new `sources:` block. Raises MigrationError."""
    try:
        before = load_dataset(dataset)
    except DatasetError as exc:
        raise MigrationError(f"the file does not load as it is:\n{exc}") from None
    if before.sources:
        raise MigrationError("already in the several-source format (it has `sources:`)")
    text = dataset.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start, end = source_block(lines)
    moves: dict[Path, Path] = {}
    paths: dict[str, str] = {}
    if not keep_paths:
        for key in ("path", "translation_path"):
            old = getattr(before.source, key)
            if old:
                # sources/article.zh-Hant.txt, sources/article.en.json: the id, then the old
                # name's suffixes (language and format).
                paths[key] = f"sources/{source_id}{''.join(Path(old).suffixes)}"
                moves[dataset.parent / old] = dataset.parent / paths[key]
    block = new_block(lines[start:end], before, source_id, outlet, paths)
    new_text = "".join([*lines[:start], *block, *lines[end:]])
    if dry_run:
        return "".join(block)
    for target in moves.values():
        if target.exists():
            raise MigrationError(f"{target} exists already; nothing was changed")
    copied = []
    try:
        for old_path, new_path in moves.items():
            new_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(old_path, new_path)
            copied.append(new_path)
        fd, tmp = tempfile.mkstemp(prefix=".migrate-", suffix=".yaml", dir=dataset.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(new_text)
        try:
            after = load_dataset(Path(tmp))
            if _comparable(after) != _comparable(before):
                raise MigrationError("the migrated file loads to different records; not written")
            Path(tmp).replace(dataset)
        except DatasetError as exc:
            raise MigrationError(f"the migrated file does not load:\n{exc}") from None
        finally:
            Path(tmp).unlink(missing_ok=True)  # gone already when it replaced the dataset
    except BaseException:
        for path in copied:
            path.unlink(missing_ok=True)
        raise
    for old_path in moves:
        old_path.unlink()
        if old_path.parent != dataset.parent and not any(old_path.parent.iterdir()):
            old_path.parent.rmdir()  # the old source/ folder, now empty
    return "".join(block)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--id", default=DEFAULT_ID, help=f"the source's id (default {DEFAULT_ID})")
    parser.add_argument("--outlet", help="the outlet that published the text, if known")
    parser.add_argument("--keep-paths", action="store_true", help="leave the texts where they are")
    parser.add_argument("--dry-run", action="store_true", help="print the new block only")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", args.id):
        print("--id: lower-case letters, digits and _ , starting with a letter", file=sys.stderr)
        return 2
    try:
        block = migrate(args.dataset, args.id, args.outlet, args.keep_paths, args.dry_run)
    except MigrationError as exc:
        print(f"{args.dataset}: {exc}", file=sys.stderr)
        return 1
    print(block if args.dry_run else f"{args.dataset}: migrated to `sources:`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
