"""Load a dataset of several sources, whose records may live in one file per source.

A several-source dataset file has `sources:` (and/or `include:`) instead of the single-source
`source:`; `usmx.dataset.parse_dataset` hands such a file here, so `load_dataset` and
`usmx validate` read both formats. The shape (README, "The dataset"):

    sources:                      # every source: a text kept byte-exact, and what it is
      - id: zh_report_2026_01_16
        path: sources/zh_report_2026_01_16.txt      # relative to this file
        sha256: …                                   # of the file's bytes
        language: zh-Hant                           # zh-Hant, zh-Hans, en, es
        published: 2026-01-16
        outlet: null                                # required; null: the text names none
        relays: {outlet: The New York Times, outlet_id: nyt, published: 2026-01-15}
    include: [records/ap_2026_01_13.yaml]           # files with more sources and records
    actors: […]                                     # tables as in a single-source file
    events:
      - id: …
        evidence:
          - exact: 當地時間1月12日                    # default source (see below)
          - {source: ap_2026_01_13, exact: spoke by phone on Monday}
        disputes:                                   # where sources disagree on a value
          - field: date
            reason: why the preferred reading is preferred
            readings:
              - {value: 2026-01-12, preferred: true, evidence: [{exact: 1月12日}]}
              - {value: 2026-01-11, evidence: [{source: wire_x, exact: on Sunday}]}

A selector without `source:` is in the first source declared in its own file, else in the
dataset's first source. Problems name the file (an included one where it is there), record and
field, all of them at once, as for a single-source file; the loaded `Dataset` has every
selector's `source`, `start` and `end` filled in, `sources` in declaration order (the main
file's first), `source` as the single-source app reads the first one, and every text attached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from usmx.corpus_spans import resolve, resolve_source
from usmx.dataset import (
    _FIRST_LINE_DATE,
    TABLES,
    _parse_yaml,
    _read_text,
)
from usmx.model import Dataset, SourceDoc
from usmx.problems import Checker, DatasetError, Problem, kind_of
from usmx.sources import source_view

TOP_KEYS = ("sources", "include", *TABLES)


def is_corpus(raw: dict[str, Any]) -> bool:
    """Whether a parsed dataset file is in the several-source format."""
    return "sources" in raw or "include" in raw


Input = tuple[Path, str, str | None]


@dataclass
class _File:
    path: Path
    raw: dict[str, Any]
    check: Checker
    default_source: str | None = None


@dataclass
class _Row:
    file: _File
    table: str
    index: int
    raw: Any
    model: Any  # None when the record is invalid


@dataclass
class _State:
    files: list[_File] = field(default_factory=list)
    docs: list[tuple[_File, int, Any, SourceDoc]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    declared: list[str] = field(default_factory=list)  # valid source ids, in order
    broken: set[str] = field(default_factory=set)  # sources whose text could not be used
    # Every file read: path, sha256 of the bytes read, and the source id for a source's text
    # (for the compiled cache, usmx.corpus_cache).
    inputs: list[Input] = field(default_factory=list)
    overrides: dict[str, str] = field(default_factory=dict)

    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.check.problems]


def parse_corpus(raw: dict[str, Any], text: str, path: Path) -> Dataset:
    """The several-source dataset whose main file `path` holds `text` (parsed as `raw`)."""
    return parse_corpus_with_inputs(raw, text, path)[0]


def load_with_overrides(path: Path, overrides: dict[Path, str]) -> Dataset:
    """The dataset at `path` as it would load if the files in `overrides` held those texts
    (a review checks its edits this way before writing any of them)."""
    texts = {_key(p): t for p, t in overrides.items()}
    text = texts.get(_key(path))
    text = _read_text(path) if text is None else text
    raw = _parse_yaml(path, text)
    if not is_corpus(raw):
        raise DatasetError([Problem(str(path), None, None, "not a several-source dataset")])
    return parse_corpus_with_inputs(raw, text, path, texts)[0]


def parse_corpus_with_inputs(
    raw: dict[str, Any], text: str, path: Path, overrides: dict[str, str] | None = None
) -> tuple[Dataset, list[Input]]:
    """Like `parse_corpus`, also returning every file read (includes and source texts) with
    the sha256 of the bytes that were read, and for a source's text the source's id.
    `overrides` (resolved path -> text) stand in for included files on disk."""
    state = _State(inputs=[(path, _sha(text), None)], overrides=overrides or {})
    _read_files(state, path, text, raw, seen={_key(path)})
    for f in state.files:
        _read_sources(state, f)
    rows = [row for f in state.files for row in _rows(f)]
    _check_ids(state, rows)
    _check_references(state, rows)
    main_default = state.declared[0] if state.declared else None
    for f in state.files:
        f.default_source = f.default_source or main_default
    if main_default is None and not state.broken:
        state.files[0].check.add("", 0, None, "sources", "the dataset declares no source")
    resolved = {id(r): resolve(state, r) for r in rows if r.model is not None}
    if state.problems():
        raise DatasetError(state.problems())

    def valid(table: str) -> list[Any]:
        return [resolved[id(r)] for r in rows if r.table == table]

    docs = [
        resolve_source(state, _Row(f, "sources", i, item, doc)) for f, i, item, doc in state.docs
    ]
    if state.problems():
        raise DatasetError(state.problems())
    primary = docs[0]
    dataset = Dataset(
        source=source_view(primary, state.texts[primary.id]),
        sources=docs,
        **{table: valid(table) for table in TABLES},
    )
    dataset.attach_article(state.texts[primary.id])
    dataset.attach_texts(state.texts)
    return dataset, state.inputs


def _sha(text: str) -> str:
    # A file read as UTF-8 text re-encodes to the very bytes read: this is the file's hash.
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, ValueError):
        return str(path)


def _read_files(state: _State, path: Path, text: str, raw: dict[str, Any], seen: set[str]) -> None:
    """This file and, depth first, every file it includes (each once; cycles are errors)."""
    f = _File(path, raw, Checker(path, text))
    state.files.append(f)
    for key in raw:
        if key not in TOP_KEYS:
            hint = (
                " (a several-source file has `sources:`, not `source:`)" if key == "source" else ""
            )
            f.check.add("", 0, None, str(key), f"unknown top-level key{hint}")
    includes = raw.get("include") or []
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        f.check.add("", 0, None, "include", "must be a list of file paths")
        return
    for k, rel in enumerate(includes):
        child = path.parent / rel
        if _key(child) in seen:
            f.check.add("", 0, None, f"include[{k}]", f"{rel} is included more than once")
            continue
        seen.add(_key(child))
        try:
            child_text = state.overrides.get(_key(child)) or _read_text(child)
            child_raw = _parse_yaml(child, child_text)
        except DatasetError as exc:
            f.check.add("", 0, None, f"include[{k}]", "; ".join(p.message for p in exc.problems))
            continue
        state.inputs.append((child, _sha(child_text), None))
        _read_files(state, child, child_text, child_raw, seen)


def _read_sources(state: _State, f: _File) -> None:
    items = f.raw.get("sources", [])
    if not isinstance(items, list):
        f.check.add("", 0, None, "sources", f"must be a list of sources, not {kind_of(items)}")
        return
    known = {doc.id: (g, i) for g, i, _, doc in state.docs}
    for i, item in enumerate(items):
        doc = f.check.validate("sources", i, item, SourceDoc)
        if doc is None:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                state.broken.add(item["id"])  # told once, not again for each selector in it
                f.default_source = f.default_source or item["id"]
                state.declared.append(item["id"])
            continue
        if doc.id in known:
            g, j = known[doc.id]
            f.check.add(
                "sources", i, item, "id", f"duplicate source id (first in {g.path}, sources[{j}])"
            )
            continue
        known[doc.id] = (f, i)
        # The default even when its text is unusable: its selectors are then not resolved
        # (one problem, on the source) rather than looked for in another source.
        f.default_source = f.default_source or doc.id
        state.declared.append(doc.id)
        text = _source_text(state, f, i, item, doc)
        if text is None:
            state.broken.add(doc.id)
            continue
        state.texts[doc.id] = text
        state.docs.append((f, i, item, doc))


def _source_text(state: _State, f: _File, i: int, item: Any, doc: SourceDoc) -> str | None:
    text_path = f.path.parent / doc.path
    try:
        data = text_path.resolve().read_bytes()
    except (OSError, ValueError):  # ValueError: a NUL character in the path
        f.check.add("sources", i, item, "path", f"text not found at {text_path}")
        return None
    digest = hashlib.sha256(data).hexdigest()
    state.inputs.append((text_path, digest, doc.id))
    if digest != doc.sha256:
        f.check.add(
            "sources",
            i,
            item,
            "sha256",
            f"the text's hash is {digest}, not {doc.sha256}: the text changed or the hash is "
            "wrong; offsets would point at the wrong words",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        f.check.add("sources", i, item, "path", "the text is not UTF-8")
        return None
    m = _FIRST_LINE_DATE.search(text.splitlines()[0] if text else "")
    if m and dt.date.fromisoformat(m[1]) != doc.published:
        f.check.add(
            "sources",
            i,
            item,
            "published",
            f"the text's first line dates it {m[1]}, not {doc.published}",
        )
    if doc.relays and doc.relays.published and doc.relays.published > doc.published:
        f.check.add(
            "sources",
            i,
            item,
            "relays.published",
            f"a relay cannot predate what it relays ({doc.relays.published} > {doc.published})",
        )
    return text


def _rows(f: _File) -> list[_Row]:
    out = []
    for table, model in TABLES.items():
        items = f.raw.get(table)
        if table in f.raw and not isinstance(items, list):
            f.check.add("", 0, None, table, f"must be a list of records, not {kind_of(items)}")
            continue
        for i, item in enumerate(items or []):
            out.append(_Row(f, table, i, item, f.check.validate(table, i, item, model)))
    return out


def _check_ids(state: _State, rows: list[_Row]) -> None:
    seen: dict[tuple[str, str], _Row] = {}
    for row in rows:
        if row.model is None:
            continue
        first = seen.setdefault((row.table, row.model.id), row)
        if first is not row:
            where = "" if first.file is row.file else f"{first.file.path}, "
            row.file.check.add(
                row.table,
                row.index,
                row.raw,
                "id",
                f"duplicate id (first used by {where}{row.table}[{first.index}])",
            )


def _known_ids(rows: list[_Row], table: str) -> set[str]:
    # Ids of invalid records count as known: one bad record gives one message, not a cascade.
    return {
        r.raw["id"]
        for r in rows
        if r.table == table and isinstance(r.raw, dict) and isinstance(r.raw.get("id"), str)
    }


def _check_references(state: _State, rows: list[_Row]) -> None:
    known = {t: _known_ids(rows, t) for t in ("actors", "places", "events")}
    refs = {
        "actors": [("parent_id", "actors")],
        "events": [("actors[].actor_id", "actors"), ("place_ids[]", "places")],
        "quotes": [("speaker_id", "actors"), ("event_id", "events")],
        "claims": [("claimant_id", "actors"), ("event_id", "events"), ("place_ids[]", "places")],
    }
    for row in rows:
        if row.model is None:
            continue
        for spec, table in refs.get(row.table, []):
            for where, value in _values(row.model, spec):
                if value is not None and value not in known[table]:
                    row.file.check.add(
                        row.table, row.index, row.raw, where, f"unknown {table[:-1]} id {value!r}"
                    )
        if row.table == "actors" and row.model.parent_id == row.model.id:
            row.file.check.add(
                row.table, row.index, row.raw, "parent_id", "an actor cannot be its own parent"
            )
    actors = known["actors"]
    for f, i, item, doc in state.docs:
        for where, value in (
            ("outlet_id", doc.outlet_id),
            ("relays.outlet_id", doc.relays and doc.relays.outlet_id),
        ):
            if value and value not in actors:
                f.check.add("sources", i, item, where, f"unknown actor id {value!r}")


def _values(model: Any, spec: str) -> list[tuple[str, Any]]:
    """("actors[].actor_id") -> [("actors[0].actor_id", value), …]; ("speaker_id") -> one."""
    if spec.endswith("[]"):
        name = spec[:-2]
        return [(f"{name}[{k}]", v) for k, v in enumerate(getattr(model, name))]
    if "[]." in spec:
        name, attr = spec.split("[].")
        return [
            (f"{name}[{k}].{attr}", getattr(v, attr)) for k, v in enumerate(getattr(model, name))
        ]
    return [(spec, getattr(model, spec))]
