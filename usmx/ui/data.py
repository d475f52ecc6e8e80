"""The one place that caches data for the app, keyed on the content of the files read.

A changed dataset file (or article) gives a new key, so an edit on disk is picked up on the
next rerun; a broken edit keeps the last good version on screen with the validation message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from usmx.dataset import DEFAULT_DATASET, DatasetError, Problem, load_dataset
from usmx.filters import Choices
from usmx.model import Dataset
from usmx.tables import Tables, build_tables


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    tables: Tables
    choices: Choices
    digest: str
    problems: tuple[Problem, ...] = ()  # set when a newer, broken version was refused


def content_digest(path: Path) -> str:
    """sha256 over the dataset file and every file it points at (the article)."""
    h = hashlib.sha256()
    for p in (path, path.parent / "source" / "article.zh-Hant.txt"):
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()


@st.cache_data(show_spinner=False, max_entries=4)
def _load(path: str, digest: str) -> tuple[Dataset, Tables, Choices]:
    # `digest` is only the cache key: the same content is parsed once per server.
    ds = load_dataset(path)
    return ds, build_tables(ds), Choices.from_dataset(ds)


@st.cache_resource
def _last_good() -> dict[str, Loaded]:
    """Per dataset path, the last version that validated; shared by all sessions."""
    return {}


def get_data(path: Path = DEFAULT_DATASET) -> Loaded | tuple[Problem, ...]:
    """The dataset, or its problems when no good version has been seen yet."""
    digest = content_digest(path)
    try:
        ds, tables, choices = _load(str(path), digest)
    except DatasetError as exc:
        last = _last_good().get(str(path))
        if last is None:
            return tuple(exc.problems)
        return Loaded(last.dataset, last.tables, last.choices, last.digest, tuple(exc.problems))
    loaded = Loaded(ds, tables, choices, digest)
    _last_good()[str(path)] = loaded
    return loaded
