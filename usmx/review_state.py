"""What review remembers per source: the source entry waiting to join, and every decision.

`candidates/<id>.review.yaml` beside the dataset holds a `ReviewState`: the `SourceDoc` that
enters the dataset with the first accepted record, and per candidate id what was decided
(accepted as a record, merged into one as corroboration, rejected, with a reason). Candidate ids
are stable (a hash of kind and span), so a rejection stays a rejection when the assistant runs
again on the same text. Files are written atomically; a file edited into nonsense gives one
message per problem naming the file and field.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Literal

import yaml
from pydantic import ConfigDict, Field, ValidationError

from usmx.model import SourceDoc, Strict
from usmx.problems import DatasetError, Problem

CANDIDATES_DIR = "candidates"


class Decision(Strict):
    action: Literal["accepted", "merged", "rejected"]
    table: str | None = None  # where the record is (accepted, merged)
    record: str | None = None  # its id
    reason: str | None = None  # why it was rejected, when the reviewer said
    at: dt.datetime


class ReviewState(Strict):
    # A working state the review updates in place, not a record of the dataset (those are
    # frozen, see usmx.model).
    model_config = ConfigDict(extra="forbid", frozen=False)

    source: SourceDoc
    joined: bool = False  # the source entry is in the dataset (first record accepted)
    decisions: dict[str, Decision] = Field(default_factory=dict)

    def status(self, candidate_id: str) -> str:
        decision = self.decisions.get(candidate_id)
        return decision.action if decision else "pending"


def state_paths(dataset: Path, source_id: str) -> tuple[Path, Path]:
    """The candidates file and the review state file of a source."""
    folder = dataset.parent / CANDIDATES_DIR
    return folder / f"{source_id}.yaml", folder / f"{source_id}.review.yaml"


def write_atomic(path: Path, text: str) -> Path:
    """Write `text` to `path` through a temporary file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def dump_state(state: ReviewState) -> str:
    data = state.model_dump(mode="json", exclude_none=True)
    header = "# Review state of one source (usmx review): its entry and every decision.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_state(state: ReviewState, path: Path) -> Path:
    return write_atomic(path, dump_state(state))


def read_state(path: Path) -> ReviewState:
    def fail(field: str | None, message: str) -> DatasetError:
        return DatasetError([Problem(str(path), None, field, message)])

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(None, f"cannot read: {exc}") from None
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise fail(None, f"not a review state file: {exc}") from None
    try:
        return ReviewState.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(str(path), None, ".".join(map(str, e["loc"])) or None, e["msg"])
            for e in exc.errors(include_url=False)
        ]
        raise DatasetError(problems) from None


def pending_states(dataset: Path) -> list[ReviewState]:
    """Every source added and under review (its state file), in id order."""
    folder = dataset.parent / CANDIDATES_DIR
    return [read_state(p) for p in sorted(folder.glob("*.review.yaml"))]
