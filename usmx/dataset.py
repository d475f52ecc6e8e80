"""Load the curated dataset file, check it against the article, and resolve its evidence.

`load_dataset(path)` returns a `Dataset` whose every evidence span carries `start`/`end` code
point offsets into the article, or raises `DatasetError` listing each problem as file, record,
field and what is wrong. Whatever the file holds, nothing else escapes: a broken edit must give
a message a journalist can act on, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from usmx.model import Actor, Claim, Dataset, Event, EventActor, Evidence, Place, Quote, Source

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_DATASET = DATA_DIR / "dataset.yaml"

TABLES: dict[str, type[BaseModel]] = {
    "actors": Actor,
    "places": Place,
    "events": Event,
    "quotes": Quote,
    "claims": Claim,
}
# Record fields holding lists of TextQuoteSelectors that the loader resolves to offsets.
SPAN_FIELDS = ("evidence", "context")
MAX_FILE_BYTES = 5_000_000  # a curated file is ~60 KB; anything this big is not ours
_FIRST_LINE_DATE = re.compile(r"date (\d{4}-\d{2}-\d{2})")
# Every field name a record may hold at any depth, for "did you mean" hints.
_FIELD_NAMES = sorted(
    {f for m in (Source, Evidence, EventActor, *TABLES.values()) for f in m.model_fields}
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


# libyaml's C parser is ~5x faster than the pure-Python one; both are safe loaders.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):
    """SafeLoader that keeps dates as the strings written: EDTF and ISO are parsed by us."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_numbers(text: str) -> dict[tuple[str, int], int]:
    """1-based line of each record ("events", 3) in the YAML text, for messages."""
    try:
        root = yaml.compose(text, Loader=_Loader)
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


def find_span(article: str, ev: Evidence) -> list[int]:
    """Start offsets where the selector's exact text occurs with its prefix and suffix."""
    starts = []
    pos = article.find(ev.exact)
    while pos != -1:
        end = pos + len(ev.exact)
        ok_prefix = not ev.prefix or article[max(0, pos - len(ev.prefix)) : pos] == ev.prefix
        ok_suffix = not ev.suffix or article[end : end + len(ev.suffix)] == ev.suffix
        if ok_prefix and ok_suffix:
            starts.append(pos)
        pos = article.find(ev.exact, pos + 1)
    return starts


class _Checker:
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
            self.add(table, index, raw, None, f"a record must be a mapping, not {_kind(raw)}")
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


def _kind(value: Any) -> str:
    return "nothing" if value is None else f"a {type(value).__name__}"


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise DatasetError([Problem(str(path), None, None, "file not found")])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DatasetError([Problem(str(path), None, None, "file too large for a dataset")])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError([Problem(str(path), None, None, f"cannot read: {exc}")]) from None
    return decode_dataset(path, data)


def decode_dataset(path: Path, data: bytes | None) -> str:
    """The text of dataset file `path` from its bytes (None: missing), or DatasetError."""
    if data is None:
        raise DatasetError([Problem(str(path), None, None, "file not found")])
    if len(data) > MAX_FILE_BYTES:
        raise DatasetError([Problem(str(path), None, None, "file too large for a dataset")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(
            [Problem(str(path), None, None, f"cannot read as UTF-8: {exc}")]
        ) from None


def _parse_yaml(path: Path, text: str) -> dict[str, Any]:
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        detail = getattr(exc, "problem", None) or str(exc)
        where = f" (line {line}, column {mark.column + 1})" if mark else ""
        raise DatasetError(
            [Problem(str(path), None, None, f"YAML syntax error{where}: {detail}", line)]
        ) from None
    except RecursionError:
        raise DatasetError([Problem(str(path), None, None, "YAML nested too deeply")]) from None
    if not isinstance(raw, dict):
        raise DatasetError(
            [Problem(str(path), None, None, f"the file must hold a mapping, not {_kind(raw)}")]
        )
    return raw


def load_dataset(path: Path | str = DEFAULT_DATASET) -> Dataset:
    """Load, validate and resolve the dataset at `path`; raise DatasetError on any problem."""
    path = Path(path)
    text = _read_text(path)
    return parse_dataset(text, path)


def parse_dataset(text: str, path: Path) -> Dataset:
    """Like `load_dataset` for text already read; `path` locates the article and messages."""
    raw = _parse_yaml(path, text)
    if "sources" in raw or "include" in raw:
        # The several-source format (issue 11): sources, includes, evidence naming its source.
        from usmx.corpus import parse_corpus

        return parse_corpus(raw, text, path)
    check = _Checker(path, text)
    expected = {"source", *TABLES}
    for key in raw:
        if key not in expected:
            check.add("", 0, None, str(key), "unknown top-level key")
    for key in sorted(expected - raw.keys()):
        check.add("", 0, None, key, "missing top-level key")

    source = check.validate("source", 0, raw.get("source", {}), Source) if "source" in raw else None
    tables: dict[str, list[tuple[int, Any, Any]]] = {}
    for table, model in TABLES.items():
        items = raw.get(table)
        if table in raw and not isinstance(items, list):
            check.add("", 0, None, table, f"must be a list of records, not {_kind(items)}")
            items = []
        tables[table] = [
            (i, item, check.validate(table, i, item, model)) for i, item in enumerate(items or [])
        ]

    article = _check_source(check, path, source) if source else None
    _check_ids(check, tables)
    _check_references(check, tables)
    if article is not None:
        _resolve_evidence(check, article, source, tables)
    if check.problems:
        raise DatasetError(check.problems)

    def valid(table: str) -> list[Any]:
        return [model for _, _, model in tables[table]]

    dataset = Dataset(
        source=source,
        actors=valid("actors"),
        places=valid("places"),
        events=valid("events"),
        quotes=valid("quotes"),
        claims=valid("claims"),
    )
    dataset.attach_article(article)
    return dataset


def _check_source(check: _Checker, path: Path, source: Source) -> str | None:
    raw = {"id": "source"}
    article_path = path.parent / source.path
    try:
        article_path = article_path.resolve()
        data = article_path.read_bytes()
    except (OSError, ValueError):  # ValueError: a NUL character in the path
        check.add("source", 0, raw, "path", f"article not found at {article_path}")
        return None
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        check.add(
            "source",
            0,
            raw,
            "sha256",
            f"the article's hash is {digest}, not {source.sha256}: the article changed or the "
            "hash is wrong; offsets would point at the wrong words",
        )
        return None
    try:
        article = data.decode("utf-8")
    except UnicodeDecodeError:
        check.add("source", 0, raw, "path", "the article is not UTF-8")
        return None
    m = _FIRST_LINE_DATE.search(article.splitlines()[0] if article else "")
    if m and dt.date.fromisoformat(m[1]) != source.published:
        check.add(
            "source",
            0,
            raw,
            "published",
            f"the article's first line dates it {m[1]}, not {source.published}",
        )
    return article


def _check_ids(check: _Checker, tables: dict[str, list[tuple[int, Any, Any]]]) -> None:
    for table, rows in tables.items():
        seen: dict[str, int] = {}
        for i, raw, model in rows:
            if model is None:
                continue
            if model.id in seen:
                check.add(
                    table, i, raw, "id", f"duplicate id (first used by {table}[{seen[model.id]}])"
                )
            else:
                seen[model.id] = i


def _ids(rows: list[tuple[int, Any, Any]]) -> set[str]:
    # Ids of invalid records count as known, so one bad record gives one message, not a cascade.
    return {
        raw["id"] for _, raw, _ in rows if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    }


def _check_references(check: _Checker, tables: dict[str, list[tuple[int, Any, Any]]]) -> None:
    actors, places = _ids(tables["actors"]), _ids(tables["places"])
    events = _ids(tables["events"])

    def ref(
        table: str, i: int, raw: Any, field: str, value: str | None, known: set[str], what: str
    ):
        if value is not None and value not in known:
            check.add(table, i, raw, field, f"unknown {what} id {value!r}")

    for i, raw, actor in tables["actors"]:
        if actor:
            ref("actors", i, raw, "parent_id", actor.parent_id, actors, "actor")
            if actor.parent_id == actor.id:
                check.add("actors", i, raw, "parent_id", "an actor cannot be its own parent")
    for i, raw, event in tables["events"]:
        if event:
            for k, ea in enumerate(event.actors):
                ref("events", i, raw, f"actors[{k}].actor_id", ea.actor_id, actors, "actor")
            for k, pid in enumerate(event.place_ids):
                ref("events", i, raw, f"place_ids[{k}]", pid, places, "place")
    for i, raw, quote in tables["quotes"]:
        if quote:
            ref("quotes", i, raw, "speaker_id", quote.speaker_id, actors, "actor")
            ref("quotes", i, raw, "event_id", quote.event_id, events, "event")
    for i, raw, claim in tables["claims"]:
        if claim:
            ref("claims", i, raw, "claimant_id", claim.claimant_id, actors, "actor")
            ref("claims", i, raw, "event_id", claim.event_id, events, "event")
            for k, pid in enumerate(claim.place_ids):
                ref("claims", i, raw, f"place_ids[{k}]", pid, places, "place")


def _evidence_of(
    tables: dict[str, list[tuple[int, Any, Any]]], source: Source
) -> Iterator[tuple[str, int, Any, Any]]:
    yield "source", 0, {"id": "source"}, source
    for table, rows in tables.items():
        for i, raw, model in rows:
            if model is not None:
                yield table, i, raw, model


def _resolve_span(
    check: _Checker, article: str, where: tuple[str, int, Any], field: str, ev: Evidence
) -> Evidence:
    """`ev` resolved (a copy with `start`/`end`), or `ev` as is after reporting why the selector
    does not pick one place."""
    starts = find_span(article, ev)
    if not starts:
        what = "text" if article.find(ev.exact) == -1 else "text with this prefix/suffix"
        check.add(*where, field, f"{what} not in the article: {ev.exact!r}")
    elif len(starts) > 1:
        check.add(
            *where,
            field,
            f"{ev.exact!r} occurs {len(starts)} times in the article; add a prefix or "
            "suffix to say which",
        )
    else:
        return ev.model_copy(update={"start": starts[0], "end": starts[0] + len(ev.exact)})
    return ev


def _resolve_evidence(
    check: _Checker, article: str, source: Source, tables: dict[str, list[tuple[int, Any, Any]]]
) -> None:
    for table, i, raw, model in _evidence_of(tables, source):
        # A claim's `context` spans are selectors like its evidence, resolved the same way.
        for field in SPAN_FIELDS:
            selectors = getattr(model, field, None) or []
            for k, ev in enumerate(selectors):
                # Records are frozen: the list holds the resolved copy from now on.
                selectors[k] = _resolve_span(
                    check, article, (table, i, raw), f"{field}[{k}].exact", ev
                )
        date_text = getattr(model, "date_text", None)
        if date_text:
            for part in date_text.split("…"):
                if part not in article:
                    check.add(table, i, raw, "date_text", f"{part!r} is not in the article")
        text_zh = getattr(model, "text_zh", None)
        if text_zh is not None and not any(text_zh in ev.exact for ev in model.evidence):
            check.add(table, i, raw, "text_zh", "the quote's text is not inside its evidence span")
