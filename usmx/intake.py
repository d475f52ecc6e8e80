"""Adding a source: check that a file is a text we can keep, store it byte-exact, propose records.

`add_source` is `usmx add-source FILE --published DATE --outlet NAME [--lang] [--relays] [--url]`;
`add_source_data` does the same for text in memory (the Review page's upload):

1. checks the file and the options: every problem is one `IntakeProblem` (one clear message,
   a catalog key of usmx.i18n, so the Review page says it in the reviewer's language), all of
   them raised together in one `IntakeError`, and nothing is written: not a file, empty, too large (over 2 MB: a news report is ~10–100 KB),
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
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from usmx.dataset import load_dataset
from usmx.extract.actors import slug
from usmx.extract.candidates import write_candidates
from usmx.extract.pipeline import extract
from usmx.extract.text import has_cjk
from usmx.i18n import t
from usmx.model import Dataset, Relay, SourceDoc
from usmx.problems import DatasetError
from usmx.review_state import ReviewState, pending_states, state_paths, write_state
from usmx.sources import normalise_outlet
from usmx.vocabulary import SourceLanguage

MAX_SOURCE_BYTES = 2_000_000
LANGUAGES = tuple(lang.value for lang in SourceLanguage)
_ALLOWED_CONTROLS = set("\t\n\r\f")
_ES_WORDS = re.compile(
    r"\b(?:el|la|los|las|de|del|que|y|en|por|para|con|una|según)\b", re.IGNORECASE
)
_EN_WORDS = re.compile(
    r"\b(?:the|of|and|to|in|that|is|was|for|with|said|according)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class IntakeProblem:
    """One reason a source cannot be added: a catalog key (`intake.<key>` in usmx.i18n), the
    option or "file" it is about, and the values of its message. English on the command line
    (`str`), the reviewer's language on the Review page (`text`)."""

    key: str
    field: str  # "file", "dataset", or an option: published, outlet, lang, relays, url
    values: dict[str, Any] = dataclass_field(default_factory=dict)

    def text(self, lang: str = "en", option: str | None = None) -> str:
        """The message in `lang`; `option` names the field (default: its command-line flag)."""
        return t(f"intake.{self.key}", lang, option=option or f"--{self.field}", **self.values)

    def __str__(self) -> str:
        return self.text()


class IntakeError(Exception):
    """The source cannot be added: one problem per reason, each one line. Nothing was written."""

    def __init__(self, problems: list[IntakeProblem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _where(text: str, index: int) -> dict[str, int]:
    return {
        "line": text.count("\n", 0, index) + 1,
        "char": index - text.rfind(chr(10), 0, index),
    }


def check_text(data: bytes, file: str) -> tuple[str | None, IntakeProblem | None]:
    """The text of `data` (named `file` in messages), or the problem that makes it not a text
    we keep: too large, empty, UTF-16, binary, not UTF-8 or mixed, lossy, control characters."""
    if len(data) > MAX_SOURCE_BYTES:
        return None, _too_large(file, len(data))
    if not data.strip():
        return None, IntakeProblem("empty", "file", {"file": file})
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, IntakeProblem("utf16", "file", {"file": file})
    if b"\x00" in data:
        return None, IntakeProblem("binary", "file", {"file": file})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        mixed = any(ord(ch) > 127 for ch in good)
        values = {"file": file, "byte": f"0x{data[exc.start]:02x}", **_where(good, len(good))}
        return None, IntakeProblem("mixed" if mixed else "not_utf8", "file", values)
    if "\ufffd" in text:
        return None, IntakeProblem(
            "lossy", "file", {"file": file, **_where(text, text.index("\ufffd"))}
        )
    bad = next(
        (ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS),
        None,
    )
    if bad is not None:
        where = _where(text, text.index(bad))
        return None, IntakeProblem(
            "control", "file", {"file": file, "code": f"U+{ord(bad):04X}", **where}
        )
    return text, None


def _too_large(file: str, size: int) -> IntakeProblem:
    values = {"file": file, "mb": f"{size / 1e6:.1f}", "max": f"{MAX_SOURCE_BYTES / 1e6:.0f}"}
    return IntakeProblem("too_large", "file", values)


def read_text_file(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its text, or IntakeError saying why it is not a text we keep."""
    if not path.is_file():
        raise IntakeError([IntakeProblem("not_a_file", "file", {"file": str(path)})])
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:  # before reading: a 50 MB file is never read
        raise IntakeError([_too_large(str(path), size)])
    data = path.read_bytes()
    text, problem = check_text(data, str(path))
    if problem is not None:
        raise IntakeError([problem])
    assert text is not None
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
    if not value.strip():
        raise IntakeError([IntakeProblem("no_published", "published")])
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise IntakeError(
            [IntakeProblem("not_a_date", "published", {"value": repr(value)})]
        ) from None
    if day > today:
        values = {"value": str(day), "today": str(today)}
        raise IntakeError([IntakeProblem("future", "published", values)])
    return day


def _relay_parts(value: str, published: dt.date | None) -> tuple[str, dt.date | None]:
    """ "The New York Times@2026-01-15" (the date optional) as (outlet, date), checked."""
    outlet, _, date_text = value.partition("@")
    if not outlet.strip():
        raise IntakeError([IntakeProblem("relay_outlet", "relays", {"value": repr(value)})])
    day = None
    if date_text:
        try:
            day = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            values = {"value": repr(value), "date": repr(date_text)}
            raise IntakeError([IntakeProblem("relay_date", "relays", values)]) from None
        if published is not None and day > published:
            values = {"value": repr(value), "date": str(day), "published": str(published)}
            raise IntakeError([IntakeProblem("relay_after", "relays", values)])
    return outlet.strip(), day


def parse_relays(value: str | None, ds: Dataset, published: dt.date) -> Relay | None:
    """ "The New York Times@2026-01-15" (the date optional) as a Relay, linked to a media actor
    of the dataset by name when there is one."""
    if not value:
        return None
    outlet, day = _relay_parts(value, published)
    key = normalise_outlet(outlet)
    actor = next(
        (
            a.id
            for a in ds.actors
            if a.kind == "media" and key in {normalise_outlet(n) for n in a.all_names()}
        ),
        None,
    )
    return Relay(outlet=outlet, outlet_id=actor, published=day)


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
        values = {"dataset": str(dataset), "detail": str(exc)}
        raise IntakeError([IntakeProblem("dataset_broken", "dataset", values)]) from None
    if not ds.sources:
        values = {"dataset": str(dataset)}
        raise IntakeError([IntakeProblem("single_source", "dataset", values)])
    return ds


def _new_id(outlet: str, published: dt.date, taken: set[str]) -> str:
    base = f"{slug(outlet) or 'source'}_{published:%Y_%m_%d}"
    base = base if base[0].isalpha() else f"s_{base}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def check_options(
    published: str,
    outlet: str,
    language: str | None,
    relays: str | None,
    url: str | None,
    today: dt.date,
) -> tuple[dt.date | None, list[IntakeProblem]]:
    """The publication date and every problem with the options (all of them, not the first)."""
    problems: list[IntakeProblem] = []
    day = None
    try:
        day = parse_published(published, today)
    except IntakeError as exc:
        problems += exc.problems
    if not outlet.strip():
        problems.append(IntakeProblem("no_outlet", "outlet"))
    if language is not None and language not in LANGUAGES:
        values = {"value": repr(language), "languages": ", ".join(LANGUAGES)}
        problems.append(IntakeProblem("bad_lang", "lang", values))
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        problems.append(IntakeProblem("bad_url", "url", {"value": repr(url)}))
    if relays:
        try:
            _relay_parts(relays, day)
        except IntakeError as exc:
            problems += exc.problems
    return day, problems


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
    day, problems = check_options(
        published, outlet, language, relays, url, today or dt.date.today()
    )
    try:
        data, text = read_text_file(file)
    except IntakeError as exc:
        problems += exc.problems
    if problems:
        raise IntakeError(problems)
    assert day is not None
    return _add(dataset, str(file), data, text, day, outlet, language, relays, url)


def add_source_data(
    dataset: Path,
    name: str,
    data: bytes,
    *,
    published: str,
    outlet: str,
    language: str | None = None,
    relays: str | None = None,
    url: str | None = None,
    today: dt.date | None = None,
) -> Added:
    """`add_source` for text already in memory (an upload named `name`): the same checks."""
    day, problems = check_options(
        published, outlet, language, relays, url, today or dt.date.today()
    )
    text, problem = check_text(data, name)
    if problem is not None:
        problems.append(problem)
    if problems:
        raise IntakeError(problems)
    assert day is not None
    assert text is not None
    return _add(dataset, name, data, text, day, outlet, language, relays, url)


def _add(
    dataset: Path,
    file: str,
    data: bytes,
    text: str,
    day: dt.date,
    outlet: str,
    language: str | None,
    relays: str | None,
    url: str | None,
) -> Added:
    ds = _corpus(dataset)
    sha = hashlib.sha256(data).hexdigest()
    pending = pending_states(dataset)
    for s in ds.sources:
        if s.sha256 == sha:
            values = {"file": file, "source": s.id}
            raise IntakeError([IntakeProblem("in_corpus", "file", values)])
    for state in pending:
        if state.source.sha256 == sha:
            values = {"file": file, "source": state.source.id}
            raise IntakeError([IntakeProblem("awaiting_review", "file", values)])
    lang = language or detect_language(text)
    relay = parse_relays(relays, ds, day)
    source_id = _new_id(outlet, day, {s.id for s in ds.sources} | {p.source.id for p in pending})
    text_path = dataset.parent / "sources" / f"{source_id}.{lang}.txt"
    if text_path.exists():
        raise IntakeError([IntakeProblem("exists", "file", {"path": str(text_path)})])
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
