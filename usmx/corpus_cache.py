"""A compiled cache of a several-source dataset, keyed on the hash of every file it reads.

Parsing and checking 500 sources and 20,000 records from YAML takes seconds; a server start
should not pay that when nothing changed. `load_cached(path)` keeps, per dataset file, a
manifest (every input file with its sha256: the main file, the files it includes, each
source's text; and a version of the loading code) and the loaded `Dataset` as JSON. On the next
start it re-hashes the inputs (cheap: a few MB) and, if every hash and the code version are
the same, loads the JSON (pydantic's Rust JSON parser) instead of the YAML; any change (an
edited record, a new include, a touched text, a new version of the loader) is a miss and the
dataset is loaded and checked in full, then the cache rewritten.

JSON rather than pickle: a cache file is data, never code, so a stale or tampered one can at
worst be refused (it is re-validated on load, and any error is a miss). Writes are atomic
(temporary file in the cache folder, then os.replace), so concurrent servers never read half a
file; an unwritable cache folder only means no cache. A single-source file is small and loads
without the cache. The cache lives in $USMX_CACHE_DIR, else $XDG_CACHE_HOME/usmx, else
~/.cache/usmx.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from usmx.corpus import Input, is_corpus, parse_corpus_with_inputs
from usmx.dataset import _parse_yaml, _read_text, parse_dataset
from usmx.model import Dataset

# The modules whose code decides what a loaded dataset holds: a change to any is a miss.
CODE = (
    "model.py",
    "dates.py",
    "dataset.py",
    "corpus.py",
    "corpus_spans.py",
    "sources.py",
    "corpus_cache.py",
)


def default_cache_dir() -> Path:
    if os.environ.get("USMX_CACHE_DIR"):
        return Path(os.environ["USMX_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "usmx"


@functools.cache
def code_version() -> str:
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in CODE:
        h.update((here / name).read_bytes())
    return h.hexdigest()


def _manifest_path(cache_dir: Path, path: Path) -> Path:
    key = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
    return cache_dir / f"{key}.manifest.json"


def _digest(inputs: list[Input]) -> str:
    h = hashlib.sha256(code_version().encode())
    for path, sha, source_id in inputs:
        h.update(f"{path}\0{sha}\0{source_id}\n".encode())
    return h.hexdigest()


def _from_cache(path: Path, cache_dir: Path) -> Dataset | None:
    """The cached dataset if every input still has its recorded hash, else None."""
    try:
        manifest = json.loads(_manifest_path(cache_dir, path).read_text(encoding="utf-8"))
        if manifest.get("version") != code_version():
            return None
        texts: dict[str, str] = {}
        for name, sha, source_id in manifest["inputs"]:
            data = Path(name).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                return None
            if source_id is not None:
                texts[source_id] = data.decode("utf-8")
        blob = (cache_dir / manifest["data"]).read_bytes()
        ds = Dataset.model_validate_json(blob)
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None  # no cache, a changed or removed input, or a cache we cannot use
    if not ds.sources or any(s.id not in texts for s in ds.sources):
        return None
    ds.attach_article(texts[ds.sources[0].id])
    ds.attach_texts(texts)
    return ds


def _write_atomic(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _to_cache(path: Path, cache_dir: Path, ds: Dataset, inputs: list[Input]) -> None:
    manifest_path = _manifest_path(cache_dir, path)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        old: dict[str, Any] = {}
        if manifest_path.exists():
            old = json.loads(manifest_path.read_text(encoding="utf-8"))
        data_name = f"{_digest(inputs)}.json"
        _write_atomic(cache_dir / data_name, ds.model_dump_json().encode("utf-8"))
        manifest = {
            "dataset": str(path.resolve()),
            "version": code_version(),
            "inputs": [[str(p.resolve()), sha, sid] for p, sha, sid in inputs],
            "data": data_name,
        }
        _write_atomic(manifest_path, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
        if old.get("data") and old["data"] != data_name:
            (cache_dir / old["data"]).unlink(missing_ok=True)
    except (OSError, ValueError):
        return  # an unwritable or odd cache folder: no cache, the load itself succeeded


def load_cached(path: Path | str, cache_dir: Path | None = None) -> Dataset:
    """The dataset at `path`, from the compiled cache when no input changed (see above).

    Raises `DatasetError` exactly as `usmx.dataset.load_dataset` does."""
    path = Path(path)
    cache_dir = default_cache_dir() if cache_dir is None else Path(cache_dir)
    cached = _from_cache(path, cache_dir)
    if cached is not None:
        return cached
    text = _read_text(path)
    raw = _parse_yaml(path, text)
    if not is_corpus(raw):
        return parse_dataset(text, path)
    ds, inputs = parse_corpus_with_inputs(raw, text, path)
    _to_cache(path, cache_dir, ds, inputs)
    return ds


def input_files(path: Path | str, cache_dir: Path | None = None) -> list[Path]:
    """The files the cached load of `path` last read (for a server's change detection)."""
    cache_dir = default_cache_dir() if cache_dir is None else Path(cache_dir)
    try:
        manifest = json.loads(_manifest_path(cache_dir, Path(path)).read_text(encoding="utf-8"))
        return [Path(name) for name, _, _ in manifest["inputs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return [Path(path)]
