"""Candidates: what the extraction assistant proposes, typed, serialisable and re-checkable.

A candidate is a proposal a person accepts, edits or rejects; nothing here enters the dataset.
Every candidate carries exact code-point offsets (`start`, `end`, end exclusive) into its source
text, a W3C TextQuoteSelector (`exact`, `prefix`, `suffix`) like the dataset's evidence, a
`kind`, a `confidence` in [0, 1], a `rule` naming how it was found, and a stable `id`: a hash
of kind and span (offsets and exact text), so a review step can remember a rejection and the
assistant, run again on the same text, proposes the same id.

Files: one per source, YAML (``.yaml``/``.yml``) or JSON (``.json``), written atomically.
`read_candidates` rejects a file edited into nonsense with one message per problem naming the
file, the record (``candidates[3] (quote-1a2b…)``) and the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from usmx.dates import parse_edtf
from usmx.problems import DatasetError, Problem
from usmx.vocabulary import ActorKind, EventType, QuoteKind, Role

FORMAT_VERSION = 1
MAX_FILE_BYTES = 20_000_000

CandidateKind = Literal[
    "actor_mention", "new_alias", "new_actor", "date", "quote", "place", "event"
]


def candidate_id(kind: str, start: int, end: int, exact: str) -> str:
    """The stable id of a candidate: its kind and a hash of kind and span."""
    digest = hashlib.sha256(f"{kind}\x00{start}\x00{end}\x00{exact}".encode()).hexdigest()
    return f"{kind}-{digest[:12]}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Selector(_Strict):
    exact: str = Field(min_length=1)
    prefix: str | None = None
    suffix: str | None = None


class _Base(_Strict):
    id: str
    kind: CandidateKind
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    selector: Selector
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str = Field(min_length=1, description="how it was found, e.g. 'name', 'gloss'")

    @model_validator(mode="after")
    def _span(self) -> _Base:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be after start ({self.start})")
        if len(self.selector.exact) != self.end - self.start:
            raise ValueError("selector.exact is not as long as the span start..end")
        if self.id != candidate_id(self.kind, self.start, self.end, self.selector.exact):
            raise ValueError("id does not match kind and span (the span was edited by hand?)")
        return self


class ActorMention(_Base):
    kind: Literal["actor_mention"] = "actor_mention"
    actor_id: str
    name: str = Field(description="the dictionary name or alias that matched")


class NewAlias(_Base):
    """A name the dataset does not have for a known actor (a transliteration, an acronym)."""

    kind: Literal["new_alias"] = "new_alias"
    actor_id: str
    alias: str = Field(min_length=1)
    linked_by: str = Field(description="the known name that ties the alias to the actor")


class NewActor(_Base):
    """A person or body the dataset does not know, introduced with a bracketed name."""

    kind: Literal["new_actor"] = "new_actor"
    proposed_id: str = Field(pattern=r"^new:[a-z0-9_]+$", description="mentions point at it")
    name_zh: str | None = None
    name_latin: str | None = None
    aliases: list[str] = Field(default_factory=list)
    actor_kind: ActorKind
    role_text: str | None = Field(default=None, description="title before the name, e.g. 部長")


class DateMention(_Base):
    kind: Literal["date"] = "date"
    edtf: str
    anchor: Literal["absolute", "published", "dateline", "relayed", "occasion"]
    anchor_date: dt.date | None = None
    approximate: bool = False

    @field_validator("edtf")
    @classmethod
    def _edtf(cls, value: str) -> str:
        parse_edtf(value)
        return value


class QuoteCandidate(_Base):
    """A quotation; the span is the quoted words without their quotation marks."""

    kind: Literal["quote"] = "quote"
    quote_kind: QuoteKind
    marks: str = Field(description="「」, “”, \"\" or 'block' (a paragraph after 表示：)")
    speaker_id: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    cue: str | None = Field(default=None, description="the speech verb, e.g. 表示, said")


class PlaceMention(_Base):
    kind: Literal["place"] = "place"
    place_id: str = Field(description="gazetteer id (MX-SIN, geonames:…) or a dataset place id")
    dataset_place_id: str | None = None
    name: str
    place_kind: Literal["country", "state", "city", "border", "sea_port", "place"]
    country: str | None = None
    iso_3166: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    precision: Literal["exact", "region", "country", "unknown"]
    point_basis: str | None = None


class EventActorCandidate(_Strict):
    actor_id: str
    role: Role | None = None
    mention_id: str


class EventCandidate(_Base):
    """One sentence with an actor and an action; the span is the sentence (the evidence)."""

    kind: Literal["event"] = "event"
    event_type: EventType
    action: str = Field(description="the action word that made this an event, e.g. 襲擊")
    actors: list[EventActorCandidate] = Field(min_length=1)
    date: str | None = None
    date_id: str | None = None
    place_ids: list[str] = Field(default_factory=list)
    corroborates: str | None = Field(
        default=None, description="id of an existing event this sentence supports, if any"
    )

    @field_validator("date")
    @classmethod
    def _edtf(cls, value: str | None) -> str | None:
        if value is not None:
            parse_edtf(value)
        return value


Candidate = Annotated[
    ActorMention
    | NewAlias
    | NewActor
    | DateMention
    | QuoteCandidate
    | PlaceMention
    | EventCandidate,
    Field(discriminator="kind"),
]


class SourceInfo(_Strict):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    language: str
    published: dt.date
    dateline: dt.date | None = None
    relays: str | None = Field(default=None, description="actor id of an outlet it relays")
    relays_date: dt.date | None = None


class Candidates(_Strict):
    format: Literal[1] = 1  # FORMAT_VERSION
    extractor: str
    source: SourceInfo
    candidates: list[Candidate] = Field(default_factory=list)

    def of_kind(self, kind: str) -> list[Any]:
        return [c for c in self.candidates if c.kind == kind]

    def by_id(self) -> dict[str, Any]:
        return {c.id: c for c in self.candidates}


def make(cls: type[Any], text: str, start: int, end: int, **fields: Any) -> Any:
    """Build a candidate of class `cls` for text[start:end] with its id and selector."""
    from usmx.extract.text import selector

    exact, prefix, suffix = selector(text, start, end)
    kind = cls.model_fields["kind"].default
    return cls(
        id=candidate_id(kind, start, end, exact),
        start=start,
        end=end,
        selector=Selector(exact=exact, prefix=prefix or None, suffix=suffix or None),
        **fields,
    )


class CandidatesError(DatasetError):
    """A candidates file cannot be used; `problems` names file, record and field."""


def _dump(doc: Candidates, path: Path) -> str:
    data = doc.model_dump(mode="json", exclude_none=True)
    if path.suffix == ".json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_candidates(doc: Candidates, path: Path | str) -> Path:
    """Write `doc` to `path` (YAML, or JSON for a .json name) atomically."""
    path = Path(path)
    text = _dump(doc, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _problem(path: Path, record: str | None, field: str | None, message: str) -> Problem:
    return Problem(str(path), record, field, message)


def _parse(path: Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CandidatesError([_problem(path, None, None, f"cannot read: {exc}")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise CandidatesError([_problem(path, None, None, "file too large for candidates")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CandidatesError([_problem(path, None, None, f"not UTF-8: {exc}")]) from None
    try:
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=_Loader)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        detail = str(exc).replace("\n", " ")
        raise CandidatesError([_problem(path, None, None, f"syntax error: {detail}")]) from None
    except RecursionError:
        raise CandidatesError([_problem(path, None, None, "nested too deeply")]) from None


class _Loader(yaml.SafeLoader):
    """Dates stay strings here too; pydantic parses them."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _field(loc: tuple[Any, ...]) -> str | None:
    # Drop the discriminator tag pydantic inserts ("quote") from the location.
    parts = [p for p in loc if not (isinstance(p, str) and p in _KIND_TAGS)]
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or None


_KIND_TAGS = set(CandidateKind.__args__)  # type: ignore[attr-defined]


def read_candidates(path: Path | str, text: str | None = None) -> Candidates:
    """Read a candidates file; with the source `text`, also check every span against it."""
    path = Path(path)
    raw = _parse(path)
    if not isinstance(raw, dict):
        raise CandidatesError([_problem(path, None, None, "the file must hold a mapping")])
    problems: list[Problem] = []
    items = raw.get("candidates")
    if not isinstance(items, list):
        problems.append(_problem(path, None, "candidates", "must be a list of candidates"))
        items = []
    header = {k: v for k, v in raw.items() if k != "candidates"}
    try:
        doc = Candidates.model_validate({**header, "candidates": []})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            problems.append(_problem(path, None, _field(tuple(err["loc"])), err["msg"]))
        doc = None
    good = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        label = f"candidates[{i}]"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label += f" ({item['id']})"
        if not isinstance(item, dict):
            problems.append(_problem(path, label, None, "a candidate must be a mapping"))
            continue
        try:
            cand = _CANDIDATE.validate_python(item)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                msg = err["msg"].removeprefix("Value error, ")
                problems.append(_problem(path, label, _field(tuple(err["loc"])), msg))
            continue
        if cand.id in seen:
            problems.append(
                _problem(path, label, "id", f"duplicate of candidates[{seen[cand.id]}]")
            )
            continue
        seen[cand.id] = i
        if text is not None and text[cand.start : cand.end] != cand.selector.exact:
            problems.append(
                _problem(path, label, "selector.exact", "does not match the source at start..end")
            )
            continue
        good.append(cand)
    if problems or doc is None:
        raise CandidatesError(problems)
    doc.candidates = good
    return doc


_CANDIDATE: TypeAdapter[Any] = TypeAdapter(Candidate)
