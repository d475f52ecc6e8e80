"""How a broken dataset file is reported: each problem as file, line, record, field and why.

A `Problem` is one thing wrong, located as precisely as we can; `DatasetError` carries them
all, so one load reports every mistake at once rather than the first. `Checker` collects them
while the loader (`usmx.dataset`, `usmx.corpus`) walks the raw YAML: it validates a record
against its model and turns pydantic's errors into messages a journalist can act on (a field
path such as `evidence[0].exact`, the record's line in the file, "did you mean" for a
misspelt field name, a misspelt required field told once rather than as unknown plus missing).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from usmx.model import Actor, Claim, Event, EventActor, Evidence, Place, Quote, Source

# Every field name a record may hold at any depth, for "did you mean" hints.
_FIELD_NAMES = sorted(
    {
        f
        for m in (Source, Evidence, EventActor, Actor, Place, Event, Quote, Claim)
        for f in m.model_fields
    }
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the dataset file, located as precisely as we can."""

    file: str
    record: str | None  # e.g. "events[3] (us_strike_on_venezuela)"
    field: str | None  # e.g. "evidence[0].exact"
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(f"field {self.field}")
        return ": ".join(parts) + f": {self.message}"


class DatasetError(Exception):
    """The dataset file cannot be used; `problems` says why, one entry per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# libyaml's C parser when present, as the dataset loader uses.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_numbers(text: str) -> dict[tuple[str, int], int]:
    """1-based line of each record ("events", 3) in the YAML text, for messages."""
    try:
        # Only node positions are read, so the plain safe loader does: which tag a date gets
        # (the dataset loader keeps dates as strings) does not move a line.
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError:
        return {}
    lines: dict[tuple[str, int], int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(value, yaml.SequenceNode):
                for i, item in enumerate(value.value):
                    lines[(str(key.value), i)] = item.start_mark.line + 1
            elif str(key.value) == "source":
                lines[("source", 0)] = value.start_mark.line + 1
    return lines


def _field_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _record_label(table: str, index: int, raw: Any) -> str:
    if table == "source":
        return "source"
    rid = raw.get("id") if isinstance(raw, dict) else None
    return f"{table}[{index}]" + (f" ({rid})" if isinstance(rid, str) else "")


class Checker:
    """Collects problems while walking the raw YAML; one instance per load."""

    def __init__(self, path: Path, text: str):
        self.file = str(path)
        self.text = text
        self._lines: dict[tuple[str, int], int] | None = None
        self.problems: list[Problem] = []

    @property
    def lines(self) -> dict[tuple[str, int], int]:
        # Parsing again for line numbers costs as much as the load: only when reporting.
        if self._lines is None:
            self._lines = _line_numbers(self.text)
        return self._lines

    def add(self, table: str, index: int, raw: Any, field: str | None, message: str) -> None:
        self.problems.append(
            Problem(
                self.file,
                _record_label(table, index, raw) if table else None,
                field,
                message,
                self.lines.get((table, index)),
            )
        )

    def validate(self, table: str, index: int, raw: Any, model: type[BaseModel]) -> Any:
        if not isinstance(raw, dict):
            self.add(table, index, raw, None, f"a record must be a mapping, not {kind_of(raw)}")
            return None
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            misspelt = _misspellings(errors)
            for err in errors:
                loc = tuple(err["loc"])
                if err["type"] == "missing" and loc in misspelt.values():
                    continue  # told once, as the misspelling that stands for it
                msg = err["msg"].removeprefix("Value error, ")
                if err["type"] == "extra_forbidden":
                    msg = _unknown_field_message(loc, misspelt.get(loc))
                self.add(table, index, raw, _field_path(err["loc"]) or None, msg)
            return None


def _misspellings(errors: list[Any]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Pair unknown fields with the missing required field they likely misspell.

    A typo in a required field name ("titel_en") is one mistake; reported as an unknown field
    *and* a missing one it would read as two.
    """
    missing = [tuple(e["loc"]) for e in errors if e["type"] == "missing" and e["loc"]]
    pairs: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] != "extra_forbidden" or not loc or not isinstance(loc[-1], str):
            continue
        candidates = [
            m[-1]
            for m in missing
            if m[:-1] == loc[:-1] and isinstance(m[-1], str) and m not in pairs.values()
        ]
        match = difflib.get_close_matches(loc[-1], candidates, n=1, cutoff=0.7)
        if match:
            pairs[loc] = (*loc[:-1], match[0])
    return pairs


def _unknown_field_message(loc: tuple[Any, ...], missing: tuple[Any, ...] | None) -> str:
    if missing is not None:
        return f"unknown field; did you mean {missing[-1]!r}? (a required field)"
    name = loc[-1] if loc and isinstance(loc[-1], str) else ""
    match = difflib.get_close_matches(name, _FIELD_NAMES, n=1, cutoff=0.7)
    if match:
        return f"unknown field; did you mean {match[0]!r}?"
    return "unknown field (check its spelling against the schema in README.md)"


def kind_of(value: Any) -> str:
    """What a value is, for a message: `nothing`, `a list`, `a str`."""
    return "nothing" if value is None else f"a {type(value).__name__}"
