"""Review: accept, edit, merge as corroboration or reject what the assistant proposed for a source.

Every action runs as one transaction on the dataset folder:

1. a lock (`filelock`, `.usmx-review.lock` beside the dataset) so two reviewers' writes never
   interleave, and, when the caller passes the `digest` it listed from, a compare-and-swap: if
   any file the action would change differs from what the reviewer saw, the action stops with
   `ConflictError` ("the dataset changed since you listed it") and nothing is written;
2. the edits are made in memory (`usmx.yaml_edit`, which keeps every other byte of the
   hand-edited files): a new record goes into the source's own file `records/<id>.yaml`
   (created with the source entry on the first accept, and added to the main file's
   `include:`); corroboration adds the span as evidence, naming the source, to the existing
   record wherever it lives; an accepted alias joins its actor's `aliases`;
3. the edited dataset is loaded from memory and must validate (schema, spans, references,
   disputes) and add no coding-rule problem (usmx.coding_rules);
4. only then each changed file is written atomically (temporary file, os.replace), the
   records file before the `include:` that makes it part of the dataset, and the review state
   last: a crash at any point leaves every file either its last good version or its new one,
   and the dataset as it was or with the new record.

Rejections are remembered in the review state; `refresh` reruns the assistant with what the
dataset now knows and drops every candidate already decided.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from usmx.coding_rules import check_coding_rules
from usmx.corpus import load_with_overrides
from usmx.dataset import _parse_yaml, _read_text, load_dataset
from usmx.extract.candidates import Candidates, read_candidates, write_candidates
from usmx.extract.pipeline import extract
from usmx.model import Dataset
from usmx.problems import DatasetError
from usmx.review_records import ReviewError, evidence_for, record_for, today_stamp
from usmx.review_state import (
    Decision,
    ReviewState,
    dump_state,
    read_state,
    state_paths,
    write_atomic,
)
from usmx.yaml_edit import EditError, append_record_item, append_top_item, record_ids

LOCK_NAME = ".usmx-review.lock"
LOCK_TIMEOUT_S = 30.0
RECORDS_DIR = "records"
TABLES = ("actors", "places", "events", "quotes", "claims")


class ConflictError(ReviewError):
    """Someone else changed the dataset since the reviewer listed it; nothing was written."""


@dataclass
class Session:
    """One source under review: its state, candidates and text, and the dataset's files."""

    dataset: Path
    state: ReviewState
    candidates: Candidates
    text: str
    files: dict[Path, str]  # the main file and every file it includes, as text

    @property
    def source_id(self) -> str:
        return self.state.source.id

    @property
    def records_path(self) -> Path:
        return self.dataset.parent / RECORDS_DIR / f"{self.source_id}.yaml"


def _included(dataset: Path) -> dict[Path, str]:
    """The main file and, depth first, every file it includes (by `include:`), as text."""
    out: dict[Path, str] = {}
    todo = [dataset]
    while todo:
        path = todo.pop(0)
        if path in out:
            continue
        out[path] = _read_text(path)
        raw = _parse_yaml(path, out[path])
        todo += [path.parent / rel for rel in raw.get("include") or [] if isinstance(rel, str)]
    return out


def digest(dataset: Path, source_id: str) -> str:
    """What a reviewer saw: the hash of every dataset file and of the source's review files."""
    h = hashlib.sha256()
    files = list(_included(dataset))
    records = dataset.parent / RECORDS_DIR / f"{source_id}.yaml"
    for path in sorted({*files, records, *state_paths(dataset, source_id)}):
        h.update(str(path.name).encode() + b"\0")
        h.update(path.read_bytes() if path.is_file() else b"<none>")
    return h.hexdigest()[:16]


def open_session(dataset: Path, source_id: str) -> Session:
    candidates_path, state_path = state_paths(dataset, source_id)
    if not state_path.is_file():
        raise ReviewError(f"no source {source_id!r} under review (add it with usmx add-source)")
    state = read_state(state_path)
    text_path = (dataset.parent / RECORDS_DIR / state.source.path).resolve()
    data = text_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != state.source.sha256:
        raise ReviewError(f"{text_path}: the stored text changed since it was added")
    text = data.decode("utf-8")
    candidates = read_candidates(candidates_path, text)  # nonsense edits: CandidatesError
    return Session(dataset, state, candidates, text, _included(dataset))


def list_candidates(session: Session, everything: bool = False) -> list[tuple[Any, str]]:
    """(candidate, status) in text order; decided ones only with `everything`."""
    rows = [(c, session.state.status(c.id)) for c in session.candidates.candidates]
    return [r for r in rows if everything or r[1] == "pending"]


def _candidate(session: Session, candidate_id: str) -> Any:
    c = session.candidates.by_id().get(candidate_id)
    if c is None:
        raise ReviewError(f"no candidate {candidate_id!r} for source {session.source_id}")
    status = session.state.status(candidate_id)
    if status != "pending":
        raise ReviewError(f"{candidate_id} was {status} already")
    return c


def _where(session: Session, table: str, record_id: str) -> Path:
    for path, text in session.files.items():
        if record_id in record_ids(text, table):
            return path
    raise ReviewError(f"no {table[:-1]} {record_id!r} in the dataset")


def _table_of(session: Session, record_id: str) -> str:
    for table in TABLES:
        if any(record_id in record_ids(text, table) for text in session.files.values()):
            return table
    raise ReviewError(f"no record {record_id!r} in the dataset")


def _join(session: Session, edits: dict[Path, str]) -> None:
    """The source's records file (with its entry) and its place in the main file's include."""
    path = session.records_path
    if path not in session.files and path not in edits:
        header = f"# Records from source {session.source_id}, accepted in review (usmx review).\n"
        entry = session.state.source.model_dump(mode="json", exclude_none=True)
        if not entry.get("evidence"):
            entry.pop("evidence", None)
        edits[path] = append_top_item(header, "sources", entry)
        main = session.dataset
        rel = path.relative_to(main.parent).as_posix()
        edits[main] = append_top_item(edits.get(main, session.files[main]), "include", rel)


def _text(session: Session, edits: dict[Path, str], path: Path) -> str:
    return edits.get(path, session.files.get(path, ""))


def _validate(session: Session, edits: dict[Path, str]) -> Dataset:
    before = load_dataset(session.dataset)
    after = load_with_overrides(session.dataset, edits)
    old = {(_rid(p.record), p.field, p.message) for p in check_coding_rules(before)}
    new = [p for p in check_coding_rules(after) if (_rid(p.record), p.field, p.message) not in old]
    if new:
        raise DatasetError(new)
    return after


def _rid(label: str | None) -> str | None:
    return label.rsplit("(", 1)[-1].rstrip(")") if label and "(" in label else label


def _commit(session: Session, edits: dict[Path, str], decision: tuple[str, Decision]) -> Dataset:
    ds = _validate(session, edits)
    state = session.state.model_copy(deep=True)
    state.decisions[decision[0]] = decision[1]
    state.joined = state.joined or session.records_path in edits
    # The records file first: until the main file includes it, it is not part of the dataset.
    for path in sorted(edits, key=lambda p: p != session.records_path):
        write_atomic(path, edits[path])
    write_atomic(state_paths(session.dataset, session.source_id)[1], dump_state(state))
    session.state = state
    return ds


def _locked(dataset: Path) -> FileLock:
    return FileLock(str(dataset.parent / LOCK_NAME), timeout=LOCK_TIMEOUT_S)


def run(dataset: Path, source_id: str, action: str, expect: str | None = None, **kw: Any) -> str:
    """Run one review action (accept, merge, reject) under the lock; returns what was done."""
    if not state_paths(dataset, source_id)[1].is_file():  # before taking a lock beside it
        raise ReviewError(f"no source {source_id!r} under review (add it with usmx add-source)")
    try:
        with _locked(dataset):
            if expect is not None and digest(dataset, source_id) != expect:
                raise ConflictError(
                    f"the dataset changed since you listed it (expected {expect}, now "
                    f"{digest(dataset, source_id)}): list the candidates again and redo your edit"
                )
            session = open_session(dataset, source_id)
            try:
                actions: dict[str, Callable[..., str]] = {
                    "accept": _accept,
                    "merge": _merge,
                    "reject": _reject,
                }
                return actions[action](session, **kw)
            except EditError as exc:
                raise ReviewError(f"cannot edit the dataset file: {exc}") from None
    except Timeout:
        raise ConflictError(
            f"another review is writing to {dataset.parent} (lock held over "
            f"{LOCK_TIMEOUT_S:.0f} s); try again"
        ) from None


def _accept(
    session: Session,
    candidate_id: str,
    record_id: str | None = None,
    edits: dict[str, Any] | None = None,
) -> str:
    c = _candidate(session, candidate_id)
    if c.kind == "new_alias":
        path = _where(session, "actors", c.actor_id)
        changes: dict[Path, str] = {}
        changes[path] = append_record_item(
            session.files[path], "actors", c.actor_id, "aliases", c.alias
        )
        stamp = Decision(action="accepted", table="actors", record=c.actor_id, at=today_stamp())
        _commit(session, changes, (c.id, stamp))
        return f"alias {c.alias!r} added to actor {c.actor_id} in {path.name}"
    ds = load_dataset(session.dataset)
    table, raw = record_for(
        c, session.candidates, session.state.source, session.text, ds, record_id, edits or {}
    )
    changes = {}
    _join(session, changes)
    path = session.records_path
    changes[path] = append_top_item(_text(session, changes, path), table, raw)
    stamp = Decision(action="accepted", table=table, record=raw["id"], at=today_stamp())
    after = _commit(session, changes, (c.id, stamp))
    return f"{c.id} accepted as {table[:-1]} {raw['id']} in {path.name}; the dataset validates ({len(after.sources)} sources)"


def _merge(session: Session, candidate_id: str, into: str | None = None) -> str:
    c = _candidate(session, candidate_id)
    target = into or getattr(c, "corroborates", None)
    if not target:
        raise ReviewError(f"{c.id}: say which record it corroborates: --into RECORD_ID")
    table = _table_of(session, target)
    path = _where(session, table, target)
    changes: dict[Path, str] = {}
    _join(session, changes)
    evidence = evidence_for(session.state.source, session.text, c.start, c.end)
    changes[path] = append_record_item(
        _text(session, changes, path), table, target, "evidence", evidence
    )
    stamp = Decision(action="merged", table=table, record=target, at=today_stamp())
    after = _commit(session, changes, (c.id, stamp))
    record = next(r for r in getattr(after, table) if r.id == target)
    n = len({ev.source for ev in record.evidence})
    return f"{c.id} merged into {table[:-1]} {target} as corroboration; it now has {n} sources"


def _reject(session: Session, candidate_id: str, reason: str | None = None) -> str:
    c = _candidate(session, candidate_id)
    state = session.state.model_copy(deep=True)
    state.decisions[c.id] = Decision(action="rejected", reason=reason, at=today_stamp())
    write_atomic(state_paths(session.dataset, session.source_id)[1], dump_state(state))
    return f"{c.id} rejected; it will not be proposed again"


def refresh(dataset: Path, source_id: str) -> int:
    """Rerun the assistant on the source with what the dataset now knows; drop decided
    candidates. Returns how many candidates are pending."""
    with _locked(dataset):
        session = open_session(dataset, source_id)
        doc = session.state.source
        ds = load_dataset(dataset)
        fresh = extract(
            session.text, published=doc.published, language=doc.language.value, dataset=ds
        )
        fresh.candidates = [c for c in fresh.candidates if c.id not in session.state.decisions]
        write_candidates(fresh, state_paths(dataset, source_id)[0])
        return len(fresh.candidates)
