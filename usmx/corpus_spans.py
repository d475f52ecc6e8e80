"""Evidence resolved in the source it names, and disputes checked: the record half of
`usmx.corpus` (which reads the files and the sources, then calls `resolve` per record).

A selector is looked for in its `source` (default: its file's first source, else the dataset's
first); a record's date words must be in one of the texts its evidence cites; a dispute is about
a field the record has, its readings are valid values of that field, distinct, and exactly one
is preferred, the one the record itself holds. Problems go to the record's own file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from usmx.dataset import find_span
from usmx.model import Dispute, Evidence, Reading, SourceDoc

if TYPE_CHECKING:
    from usmx.corpus import _Row, _State

# Fields a dispute may not be about: what identifies or grounds the record, or explains it.
UNDISPUTABLE = frozenset({"id", "evidence", "context", "disputes", "note", "date_basis"})
SPAN_FIELDS = ("evidence", "context")


def _resolve_one(
    state: _State, row: _Row, where: str, ev: Evidence, default: str | None = None
) -> Evidence:
    sid = ev.source or default or row.file.default_source
    if sid is None or sid in state.broken:
        return ev  # told already: no usable source
    text = state.texts.get(sid)
    if text is None:
        row.file.check.add(
            row.table, row.index, row.raw, f"{where}.source", f"unknown source {sid!r}"
        )
        return ev
    starts = find_span(text, ev)
    if len(starts) == 1:
        return ev.model_copy(
            update={"source": sid, "start": starts[0], "end": starts[0] + len(ev.exact)}
        )
    if not starts:
        what = "text" if text.find(ev.exact) == -1 else "text with this prefix/suffix"
        message = f"{what} not in source {sid}: {ev.exact!r}"
    else:
        message = (
            f"{ev.exact!r} occurs {len(starts)} times in source {sid}; add a prefix or suffix "
            "to say which"
        )
    row.file.check.add(row.table, row.index, row.raw, f"{where}.exact", message)
    return ev


def resolve_source(state: _State, row: _Row) -> SourceDoc:
    """A source's own evidence (its dateline, what it relays): in its own text by default."""
    doc: SourceDoc = row.model
    if not doc.evidence:
        return doc
    spans = [
        _resolve_one(state, row, f"evidence[{k}]", ev, default=doc.id)
        for k, ev in enumerate(doc.evidence)
    ]
    return doc.model_copy(update={"evidence": spans})


def resolve(state: _State, row: _Row) -> Any:
    """The record with every selector resolved in its source; problems go to its file."""
    model = row.model
    update: dict[str, Any] = {}
    for name in SPAN_FIELDS:
        spans = getattr(model, name, None)
        if spans:
            update[name] = [
                _resolve_one(state, row, f"{name}[{k}]", ev) for k, ev in enumerate(spans)
            ]
    disputes = getattr(model, "disputes", None) or []
    if disputes:
        update["disputes"] = [_resolve_dispute(state, row, k, d) for k, d in enumerate(disputes)]
    resolved = model.model_copy(update=update) if update else model
    _check_texts(state, row, resolved)
    return resolved


def _resolve_dispute(state: _State, row: _Row, k: int, dispute: Dispute) -> Dispute:
    readings = [
        r.model_copy(
            update={
                "evidence": [
                    _resolve_one(state, row, f"disputes[{k}].readings[{j}].evidence[{e}]", ev)
                    for e, ev in enumerate(r.evidence)
                ]
            }
        )
        for j, r in enumerate(dispute.readings)
    ]
    _check_dispute(row, k, dispute, readings)
    return dispute.model_copy(update={"readings": readings})


def _check_dispute(row: _Row, k: int, dispute: Dispute, readings: list[Reading]) -> None:
    record, fname = row.model, dispute.field
    where = f"disputes[{k}]"

    def add(sub: str, message: str) -> None:
        row.file.check.add(row.table, row.index, row.raw, f"{where}.{sub}", message)

    if fname not in type(record).model_fields or fname in UNDISPUTABLE:
        add("field", f"{fname!r} is not a field this record's sources can disagree on")
        return
    preferred = [j for j, r in enumerate(readings) if r.preferred]
    if len(preferred) != 1:
        add("readings", f"mark exactly one reading `preferred: true` (found {len(preferred)})")
    values = []
    for j, reading in enumerate(readings):
        value = _checked_value(type(record), row.raw, fname, reading.value)
        if isinstance(value, str) and value.startswith("\0"):
            add(f"readings[{j}].value", value[1:])
            return
        if value in values:
            add(f"readings[{j}].value", "the same value twice: a dispute needs different values")
        values.append(value)
    if len(preferred) == 1:
        held = _checked_value(type(record), row.raw, fname, getattr(record, fname))
        if values[preferred[0]] != held:
            add(
                f"readings[{preferred[0]}].value",
                f"the preferred value must be the record's own {fname} ({getattr(record, fname)!r})",
            )


def _checked_value(model: type[BaseModel], raw: Any, fname: str, value: Any) -> Any:
    """`value` as the record's field would hold it (JSON form), or "\\0" + why it cannot be."""
    try:
        record = model.model_validate({**raw, "disputes": [], fname: value})
    except ValidationError as exc:
        errors = [e for e in exc.errors(include_url=False) if e["loc"][:1] == (fname,)]
        msg = (errors or exc.errors(include_url=False))[0]["msg"].removeprefix("Value error, ")
        return f"\0not a valid {fname}: {msg}"
    return record.model_dump(mode="json")[fname]


def _check_texts(state: _State, row: _Row, record: Any) -> None:
    """date_text in one of the record's sources; a quote's text inside its evidence."""
    date_text = getattr(record, "date_text", None)
    if date_text:
        ids = [ev.source for ev in record.evidence]
        usable = all(i in state.texts for i in ids)  # else its evidence was told already
        texts = [state.texts[i] for i in ids if i in state.texts]
        for part in date_text.split("…"):
            if usable and not any(part in t for t in texts):
                row.file.check.add(
                    row.table,
                    row.index,
                    row.raw,
                    "date_text",
                    f"{part!r} is not in the record's sources",
                )
    text_zh = getattr(record, "text_zh", None)
    if text_zh is not None and not any(text_zh in ev.exact for ev in record.evidence):
        row.file.check.add(
            row.table,
            row.index,
            row.raw,
            "text_zh",
            "the quote's text is not inside its evidence span",
        )
