"""The one place that caches data for the app, keyed on the content of the files read.

A changed dataset file (or article) gives a new key, so an edit on disk is picked up on the
next rerun; a broken edit keeps the last good version on screen with the validation message.
A several-source dataset (usmx.corpus) is read through its compiled cache
(usmx.corpus_cache.load_cached), and the key covers every file its last load read: included
record files and source texts, so a review that writes only a source's own records file is
seen at once.

Both caches are cheap on a rerun, measured by bench/run.py on a generated 100k-event file: the
content hash is recomputed only when a file's size or modification time changes (hashing
65 MB took 0.36 s per rerun), and the loaded data is a shared resource, not a per-call copy
(`st.cache_data` unpickles its value on every read: 2.6 s per rerun at 10k events). The
dataset, tables and choices are therefore shared by all sessions: the records are frozen
(usmx.model), and the tables and choices must never be modified.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st
import yaml

from usmx import heap
from usmx.article import TranslationError, english_for
from usmx.corpus_cache import input_files, load_cached
from usmx.dataset import DEFAULT_DATASET, decode_dataset, parse_dataset
from usmx.filters import Choices
from usmx.model import Dataset
from usmx.problems import DatasetError, Problem

if TYPE_CHECKING:
    from usmx.tables import Tables


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    choices: Choices
    digest: str
    problems: tuple[Problem, ...] = ()  # set when a newer, broken version was refused
    path: Path = DEFAULT_DATASET  # the dataset file; the files it names are beside it

    @property
    def tables(self) -> Tables:
        """The dataset as pandas frames, built on first use (the overview never needs them)."""
        return _tables_for(self.digest, self.dataset)

    def english(self) -> list[str]:
        """The project's English of each article paragraph (the source's translation_path),
        read once per version of the files; TranslationError says what is wrong with it."""
        found = _english_for(self.digest, self.path, self.dataset)
        if isinstance(found, TranslationError):
            raise found
        return found


@st.cache_resource(show_spinner=False, max_entries=4)
def _tables_for(digest: str, _dataset: Dataset) -> Tables:
    # Imported here: pandas (1.3 s to import) stays off the overview's path, so a new server
    # draws its first page sooner. `digest` is the key; `_dataset` is the content it names.
    from usmx.tables import build_tables

    heap.note_long_lived()
    return build_tables(_dataset)


@st.cache_resource(show_spinner=False, max_entries=4)
def _english_for(digest: str, path: Path, _dataset: Dataset) -> list[str] | TranslationError:
    # `digest` covers the translation file (see `_files`): an edit gives a new key.
    relative = _dataset.source.translation_path
    if not relative:
        return TranslationError(f"{path}: the source names no translation_path")
    try:
        return english_for(path.parent / relative, _dataset.article)
    except TranslationError as exc:
        return exc


SOURCE_FILES = ("path", "translation_path")  # the source's fields that name a file


def source_files(text: str) -> list[str]:
    """The files a dataset's `source` mapping names (article, translation), relative to it.

    A streaming YAML parse that stops at the end of the `source` mapping (first in the file),
    so a 60 MB generated file is not parsed to find two paths. Broken YAML names no file (the
    loader reports it).
    """
    found: dict[str, str] = {}
    try:
        events = yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        depth, in_source = 0, False
        key: str | None = None
        for ev in events:
            if isinstance(ev, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                in_source = in_source or (depth == 2 and key == "source")
                key = None
            elif isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
                if in_source and depth == 1:
                    break
            elif isinstance(ev, yaml.ScalarEvent):
                if in_source and depth == 2 and key is not None and key in SOURCE_FILES:
                    found[key] = ev.value
                if depth in (1, 2):
                    key = ev.value if key is None else None
    except yaml.YAMLError:
        pass
    return [found[k] for k in SOURCE_FILES if k in found]


@functools.lru_cache(maxsize=16)
def _named_files(path: Path, stamp: Any) -> tuple[Path, ...]:
    # `stamp` (the dataset file's size and mtime) is only the cache key.
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    return tuple(path.parent / name for name in source_files(text))


# Per dataset path, the other files its last load read (a corpus's includes and source texts).
_READ_LAST: dict[str, tuple[Path, ...]] = {}
# A several-source file has a top-level `sources:` or `include:` key (block YAML, column 0).
_CORPUS_KEY = re.compile(r"^(sources|include):", re.MULTILINE)


def _files(path: Path) -> tuple[Path, ...]:
    """The dataset file and every file it names or last read: what the cache key is made of."""
    named = _named_files(path, _stat(path))
    extra = tuple(p for p in _READ_LAST.get(str(path), ()) if p != path and p not in named)
    return (path, *named, *extra)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st_ = path.stat()
    except OSError:
        return None
    return st_.st_size, st_.st_mtime_ns


def _contents(path: Path) -> tuple[bytes | None, ...]:
    contents: list[bytes | None] = []
    for p in _files(path):
        try:
            contents.append(p.read_bytes())
        except OSError:
            contents.append(None)
    return tuple(contents)


def _digest(contents: tuple[bytes | None, ...]) -> str:
    h = hashlib.sha256()
    for data in contents:
        h.update(b"<missing>" if data is None else data)
    return h.hexdigest()


def ids_key(event_ids: Iterable[str]) -> str:
    """A short key naming a set of shown events (in their order): what the per-view caches
    (charts, timeline, map, network, event picker) are keyed on beside the dataset's digest."""
    return hashlib.sha256("\n".join(event_ids).encode()).hexdigest()


def events_key(tables: Tables) -> str:
    """`ids_key` of the events of `tables`."""
    return ids_key(tables.events["id"])


def content_digest(path: Path) -> str:
    """sha256 over the dataset file and every file it names (article, translation)."""
    return _digest(_contents(path))


def _stamp(path: Path) -> tuple[tuple[int, int] | None, ...]:
    """Size and modification time (ns) of each file `content_digest` reads."""
    return tuple(_stat(p) for p in _files(path))


@functools.lru_cache(maxsize=16)
def _digest_for(path: Path, stamp: tuple[tuple[int, int] | None, ...]) -> str:
    # `stamp` is only the cache key: a file is hashed again when its size or mtime changes.
    return content_digest(path)


class _ChangedWhileReading(Exception):
    """The files changed between hashing and reading them: nothing is cached under the key."""


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, digest: str) -> tuple[Dataset, Choices] | tuple[Problem, ...]:
    """The parsed content whose digest is `digest`, or its problems (cached too, so a broken
    file is parsed once, not on every rerun). A resource, not cache_data: no copy per call
    (see the module docstring); callers only read it."""
    contents = _contents(Path(path))
    if _digest(contents) != digest:
        raise _ChangedWhileReading(path)
    heap.note_long_lived()
    try:
        text = decode_dataset(Path(path), contents[0])
        if _CORPUS_KEY.search(text):
            ds = load_cached(Path(path))
            _READ_LAST[path] = tuple(input_files(Path(path)))
        else:
            ds = parse_dataset(text, Path(path))
    except DatasetError as exc:
        return tuple(exc.problems)
    return ds, Choices.from_dataset(ds)


@st.cache_resource
def _last_good() -> dict[str, Loaded]:
    """Per dataset path, the last version that validated; shared by all sessions."""
    return {}


def get_data(path: Path = DEFAULT_DATASET) -> Loaded | tuple[Problem, ...]:
    """The dataset, or its problems when no good version has been seen yet."""
    for _attempt in range(3):
        digest = _digest_for(path, _stamp(path))
        try:
            result = _load(str(path), digest)
            break
        except _ChangedWhileReading:
            _digest_for.cache_clear()  # a write landed between stat and read: hash again
    else:
        msg = "the file kept changing while it was read; it is read again on the next rerun"
        result = (Problem(str(path), None, None, msg),)
    if not result or isinstance(result[0], Problem):
        problems = tuple(result)
        last = _last_good().get(str(path))
        if last is None:
            return problems
        return Loaded(last.dataset, last.choices, last.digest, problems, path)
    ds, choices = result
    loaded = Loaded(ds, choices, digest, path=path)
    _last_good()[str(path)] = loaded
    return loaded
