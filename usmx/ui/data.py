"""The one place that caches data for the app, keyed on the content of the files read.

A changed dataset file (or article) gives a new key, so an edit on disk is picked up on the
next rerun; a broken edit keeps the last good version on screen with the validation message.

Both caches are cheap on a rerun, measured by bench/run.py on a generated 100k-event file: the
content hash is recomputed only when a file's size or modification time changes (hashing
65 MB took 0.36 s per rerun), and the loaded data is a shared resource, not a per-call copy
(`st.cache_data` unpickles its value on every read: 2.6 s per rerun at 10k events). The
dataset, tables and choices are therefore shared by all sessions and must never be modified.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from usmx.dataset import DEFAULT_DATASET, DatasetError, Problem, decode_dataset, parse_dataset
from usmx.filters import Choices
from usmx.model import Dataset

if TYPE_CHECKING:
    from usmx.tables import Tables


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    choices: Choices
    digest: str
    problems: tuple[Problem, ...] = ()  # set when a newer, broken version was refused

    @property
    def tables(self) -> Tables:
        """The dataset as pandas frames, built on first use (the overview never needs them)."""
        return _tables_for(self.digest, self.dataset)


@st.cache_resource(show_spinner=False, max_entries=4)
def _tables_for(digest: str, _dataset: Dataset) -> Tables:
    # Imported here: pandas (1.3 s to import) stays off the overview's path, so a new server
    # draws its first page sooner. `digest` is the key; `_dataset` is the content it names.
    from usmx.tables import build_tables

    return build_tables(_dataset)


def _files(path: Path) -> tuple[Path, Path]:
    return path, path.parent / "source" / "article.zh-Hant.txt"


def _contents(path: Path) -> tuple[bytes | None, ...]:
    contents = []
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


def content_digest(path: Path) -> str:
    """sha256 over the dataset file and every file it points at (the article)."""
    return _digest(_contents(path))


def _stamp(path: Path) -> tuple[tuple[int, int] | None, ...]:
    """Size and modification time (ns) of each file `content_digest` reads."""
    stamps = []
    for p in _files(path):
        try:
            st_ = p.stat()
            stamps.append((st_.st_size, st_.st_mtime_ns))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


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
    try:
        ds = parse_dataset(decode_dataset(Path(path), contents[0]), Path(path))
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
        return Loaded(last.dataset, last.choices, last.digest, problems)
    ds, choices = result
    loaded = Loaded(ds, choices, digest)
    _last_good()[str(path)] = loaded
    return loaded
