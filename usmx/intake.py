"""Adding a source: check that a file is a text we can keep, store it byte-exact, propose records.

`add_source` is `usmx add-source FILE --published DATE --outlet NAME [--lang] [--relays] [--url]`:

1. checks the file and the options, each failure one `IntakeError` with one clear message and
   nothing written: not a file, empty, too large (over 2 MB: a news report is ~10–100 KB),
   binary, UTF-16, not UTF-8 or mixed encodings (valid UTF-8 up to a point, then not), text
   already converted with losses (U+FFFD), control characters, a publication date that is
   not a date or lies in the future, a relay dated after the source, a text already in the
   corpus or awaiting review (same sha256), a single-source dataset (migrate it first);
2. stores the text byte for byte as `sources/<id>.<language>.txt` beside the dataset;
3. runs the extraction assistant with what the dataset knows and writes its candidates
   (`candidates/<id>.yaml`) and the review state (`candidates/<id>.review.yaml`: the source
   entry that joins the dataset with the first accepted record, and every decision).

Nothing enters the dataset here: `usmx.review` does that, record by record, once a person
accepts. The language, when not given, is guessed from the script (CJK share, Traditional or
Simplified by OpenCC) and, for Latin script, from common Spanish and English words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from usmx.dataset import DatasetError, load_dataset
from usmx.extract.actors import slug
from usmx.extract.candidates import write_candidates
from usmx.extract.pipeline import extract
from usmx.extract.text import has_cjk
from usmx.model import Dataset, Relay, SourceDoc, SourceLanguage
from usmx.review_state import ReviewState, pending_states, state_paths, write_state
from usmx.sources import normalise_outlet

MAX_SOURCE_BYTES = 2_000_000
LANGUAGES = tuple(lang.value for lang in SourceLanguage)
_ALLOWED_CONTROLS = set("\t\n\r\f")
_ES_WORDS = re.compile(
    r"\b(?:el|la|los|las|de|del|que|y|en|por|para|con|una|según)\b", re.IGNORECASE
)
_EN_WORDS = re.compile(
    r"\b(?:the|of|and|to|in|that|is|was|for|with|said|according)\b", re.IGNORECASE
)


class IntakeError(Exception):
    """The source cannot be added; the message says why. Nothing was written."""


def _where(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"line {line}, character {index - text.rfind(chr(10), 0, index)}"


def read_text_file(path: Path, max_bytes: int = MAX_SOURCE_BYTES) -> tuple[bytes, str]:
    """The file's bytes and its text, or IntakeError saying why it is not a text we keep."""
    if not path.is_file():
        raise IntakeError(f"{path}: not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise IntakeError(
            f"{path}: {size / 1e6:.1f} MB is too large for one source (at most "
            f"{max_bytes / 1e6:.0f} MB; a news report is 10–100 KB)"
        )
    data = path.read_bytes()
    if not data.strip():
        raise IntakeError(f"{path}: empty (no text)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IntakeError(f"{path}: UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise IntakeError(f"{path}: a binary file (it holds NUL bytes), not a text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        where = _where(good, len(good))
        mixed = any(ord(ch) > 127 for ch in good)
        what = (
            "mixed encodings: valid UTF-8 up to"
            if mixed
            else "not UTF-8 (perhaps Big5, GB18030 or Latin-1): the first bad byte is at"
        )
        raise IntakeError(
            f"{path}: {what} {where} (byte 0x{data[exc.start]:02x}); convert the whole file to "
            "UTF-8"
        ) from None
    if "\ufffd" in text:
        where = _where(text, text.index("\ufffd"))
        raise IntakeError(
            f"{path}: holds U+FFFD (�) at {where}: it was converted from another encoding with "
            "losses; use the original"
        )
    bad = next(
        (ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS),
        None,
    )
    if bad is not None:
        where = _where(text, text.index(bad))
        raise IntakeError(f"{path}: control character U+{ord(bad):04X} at {where}: not plain text")
    return data, text


def detect_language(text: str) -> str:
    """zh-Hant, zh-Hans, es or en, from the script and common words."""
    letters = [ch for ch in text if ch.isalpha()]
    cjk = sum(has_cjk(ch) for ch in letters)
    if letters and cjk / len(letters) > 0.2:
        import opencc  # only needed for Chinese

        t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
        chars = [ch for ch in letters if has_cjk(ch)]
        traditional = sum(t2s.convert(ch) != ch for ch in chars)
        simplified = sum(s2t.convert(ch) != ch for ch in chars)
        return "zh-Hans" if simplified > traditional else "zh-Hant"
    return "es" if len(_ES_WORDS.findall(text)) > len(_EN_WORDS.findall(text)) else "en"


def parse_published(value: str, today: dt.date) -> dt.date:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise IntakeError(f"--published {value!r}: not a date (write YYYY-MM-DD)") from None
    if day > today:
        raise IntakeError(f"--published {day}: in the future (today is {today})")
    return day


def parse_relays(value: str | None, ds: Dataset, published: dt.date) -> Relay | None:
    """ "The New York Times@2026-01-15" (the date optional) as a Relay, linked to a media actor
    of the dataset by name when there is one."""
    if not value:
        return None
    outlet, _, date_text = value.partition("@")
    if not outlet.strip():
        raise IntakeError(f"--relays {value!r}: name the outlet it relays (OUTLET[@YYYY-MM-DD])")
    day = None
    if date_text:
        try:
            day = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            raise IntakeError(
                f"--relays {value!r}: {date_text!r} is not a date (YYYY-MM-DD)"
            ) from None
        if day > published:
            raise IntakeError(
                f"--relays {value!r}: a relay cannot predate what it relays ({day} > {published})"
            )
    key = normalise_outlet(outlet)
    actor = next(
        (
            a.id
            for a in ds.actors
            if a.kind == "media" and key in {normalise_outlet(n) for n in a.all_names()}
        ),
        None,
    )
    return Relay(outlet=outlet.strip(), outlet_id=actor, published=day)


@dataclass(frozen=True)
class Added:
    source_id: str
    text_path: Path
    candidates_path: Path
    state_path: Path
    candidates: int
    language: str


def _corpus(dataset: Path) -> Dataset:
    try:
        ds = load_dataset(dataset)
    except DatasetError as exc:
        raise IntakeError(f"{dataset} does not load; fix it first:\n{exc}") from None
    if not ds.sources:
        raise IntakeError(
            f"{dataset} is a single-source file: convert it with scripts/migrate_sources.py first"
        )
    return ds


def _new_id(outlet: str, published: dt.date, taken: set[str]) -> str:
    base = f"{slug(outlet) or 'source'}_{published:%Y_%m_%d}"
    base = base if base[0].isalpha() else f"s_{base}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def add_source(
    dataset: Path,
    file: Path,
    *,
    published: str,
    outlet: str,
    language: str | None = None,
    relays: str | None = None,
    url: str | None = None,
    today: dt.date | None = None,
) -> Added:
    """Check, store and run the assistant on one new source (see the module docstring)."""
    today = today or dt.date.today()
    day = parse_published(published, today)
    if not outlet.strip():
        raise IntakeError("--outlet: name the outlet that published the text")
    if language is not None and language not in LANGUAGES:
        raise IntakeError(f"--lang {language!r}: one of {', '.join(LANGUAGES)}")
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        raise IntakeError(f"--url {url!r}: an http(s) address")
    data, text = read_text_file(file)
    ds = _corpus(dataset)
    sha = hashlib.sha256(data).hexdigest()
    pending = pending_states(dataset)
    for s in ds.sources:
        if s.sha256 == sha:
            raise IntakeError(f"{file}: already in the corpus as source {s.id} (same sha256)")
    for state in pending:
        if state.source.sha256 == sha:
            raise IntakeError(f"{file}: already added, awaiting review as {state.source.id}")
    lang = language or detect_language(text)
    relay = parse_relays(relays, ds, day)
    source_id = _new_id(outlet, day, {s.id for s in ds.sources} | {p.source.id for p in pending})
    text_path = dataset.parent / "sources" / f"{source_id}.{lang}.txt"
    if text_path.exists():
        raise IntakeError(f"{text_path} exists already; nothing was written")
    doc = SourceDoc(
        id=source_id,
        path=f"../sources/{text_path.name}",  # as the records file records/<id>.yaml sees it
        sha256=sha,
        language=SourceLanguage(lang),
        published=day,
        outlet=outlet.strip(),
        url=url,
        relays=relay,
    )
    cands = extract(text, published=day, language=lang, dataset=ds)
    candidates_path, state_path = state_paths(dataset, source_id)
    written: list[Path] = []
    try:
        text_path.parent.mkdir(parents=True, exist_ok=True)
        with text_path.open("xb") as fh:  # byte for byte; never over another file
            fh.write(data)
        written.append(text_path)
        written.append(write_candidates(cands, candidates_path))
        written.append(write_state(ReviewState(source=doc), state_path))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return Added(source_id, text_path, candidates_path, state_path, len(cands.candidates), lang)
