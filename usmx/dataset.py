"""Load the curated dataset file, check it against the article, and resolve its evidence.

`load_dataset(path)` returns a `Dataset` whose every evidence span carries `start`/`end` code
point offsets into the article, or raises `DatasetError` listing each problem as file, record,
field and what is wrong (`usmx.problems` words and locates them). Whatever the file holds,
nothing else escapes: a broken edit must give a message a journalist can act on, never a
traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from usmx.model import Actor, Claim, Dataset, Event, Evidence, Place, Quote, Source
from usmx.problems import Checker, DatasetError, Problem, kind_of

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

# libyaml's C parser is ~5x faster than the pure-Python one; both are safe loaders.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[valid-type,misc]  # chosen at import time
    """SafeLoader that keeps dates as the strings written: EDTF and ISO are parsed by us."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
            [Problem(str(path), None, None, f"the file must hold a mapping, not {kind_of(raw)}")]
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
    check = Checker(path, text)
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
            check.add("", 0, None, table, f"must be a list of records, not {kind_of(items)}")
            items = []
        tables[table] = [
            (i, item, check.validate(table, i, item, model)) for i, item in enumerate(items or [])
        ]

    article = _check_source(check, path, source) if source else None
    _check_ids(check, tables)
    _check_references(check, tables)
    if article is not None and source is not None:
        _resolve_evidence(check, article, source, tables)
    if check.problems or source is None or article is None:
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


def _check_source(check: Checker, path: Path, source: Source) -> str | None:
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


def _check_ids(check: Checker, tables: dict[str, list[tuple[int, Any, Any]]]) -> None:
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


def _check_references(check: Checker, tables: dict[str, list[tuple[int, Any, Any]]]) -> None:
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
    check: Checker, article: str, where: tuple[str, int, Any], field: str, ev: Evidence
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
    check: Checker, article: str, source: Source, tables: dict[str, list[tuple[int, Any, Any]]]
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
