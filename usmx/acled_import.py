"""Import a user's own ACLED export: check it, then store it as one Parquet file, atomically.

`import_acled(csv_path)` reads an ACLED CSV (the layout of `usmx.acled_codebook`; column names
in any case, older exports without disorder_type/tags/timestamp accepted, extra columns
ignored) and writes `<data dir>/acled/acled.parquet` — outside the repository, never committed:
ACLED's terms do not allow passing its data on. The data directory is `$USMX_DATA_DIR`, else
`$XDG_DATA_HOME/usmx`, else `~/.local/share/usmx`.

Nothing is read into Python objects per row: DuckDB parses the file as text, every check is
one SQL query that counts the offending rows and names the first, and the typed, sorted table
is written by DuckDB straight to Parquet. A problem is reported once per kind, as
`file: row N: column C: what is wrong (K rows like this)`, where row N is the row a
spreadsheet shows (the header is row 1). Checks, in order: the file's size (refused before
reading past MAX_BYTES), that it is UTF-8 text and not binary, the header (missing columns,
with a close match suggested), well-formed CSV, then per column: empty required values,
dates, numbers and ranges (latitude -90..90, longitude -180..180, precision codes 1-3,
fatalities >= 0), ACLED's vocabularies (event and sub-event types, inter codes), duplicate
event ids, and text a spreadsheet would run as a formula (`=HYPERLINK(...)` in notes).

Atomic: the Parquet file is written to a temporary name in the same folder and moved over the
old layer with `os.replace` only when complete, under a file lock; on any failure the
temporary file is removed and the previous layer, if any, stays as it was.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from usmx.acled_codebook import (
    COLUMNS,
    EVENT_TYPES,
    INTER_LABELS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    SUB_EVENT_ALIASES,
    TEXT_COLUMNS,
)

MAX_BYTES = 256 * 1024 * 1024  # ~300,000 rows of a real export; a 1 GB file is refused
SNIFF_BYTES = 64 * 1024
LAYER_NAME = "acled.parquet"
FIRST_DAY, LAST_DAY = dt.date(1990, 1, 1), dt.date(2100, 12, 31)
NON_EMPTY = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "latitude",
    "longitude",
)
_DATE_SQL = (
    "COALESCE(TRY_STRPTIME({c}, '%Y-%m-%d'), TRY_STRPTIME({c}, '%d %B %Y'), "
    "TRY_STRPTIME({c}, '%d-%m-%Y'), TRY_STRPTIME({c}, '%d/%m/%Y'))::DATE"
)
_FORMULA_SQL = (
    "regexp_matches({c}, '^[=+\\-@\\t\\r]') AND NOT "
    "regexp_matches({c}, '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$')"
)


def data_dir() -> Path:
    """Where imported layers live (see the module docstring); created when first written."""
    if os.environ.get("USMX_DATA_DIR"):
        return Path(os.environ["USMX_DATA_DIR"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "usmx"


def layer_path(directory: Path | None = None) -> Path:
    return (directory or data_dir()) / "acled" / LAYER_NAME


@dataclass(frozen=True)
class ImportProblem:
    file: str
    message: str
    row: int | None = None  # as a spreadsheet shows it: the header is row 1
    column: str | None = None
    count: int = 1

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        more = f" ({self.count:,} rows like this; the first is shown)" if self.count > 1 else ""
        return ": ".join(parts) + f": {self.message}{more}"


class AcledImportError(Exception):
    """The file cannot be imported; `problems` says why, one entry per kind of problem."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class ImportResult:
    path: Path
    rows: int
    seconds: float
    first_day: dt.date | None
    last_day: dt.date | None
    ignored_columns: tuple[str, ...] = field(default=())


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- before DuckDB: size, bytes, header ------------------------------------------------------


def _header(path: Path, shown: str) -> list[str]:
    """The header's column names; raises for files that are not UTF-8 CSV text."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise AcledImportError(
            [
                ImportProblem(
                    shown,
                    f"the file is {size / 2**20:,.0f} MB; the limit is {MAX_BYTES / 2**20:,.0f} "
                    "MB. Export a smaller period or region from ACLED and import it instead",
                )
            ]
        )
    if size == 0:
        raise AcledImportError([ImportProblem(shown, "the file is empty")])
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if b"\x00" in head:
        raise AcledImportError([ImportProblem(shown, "this is a binary file, not a CSV text file")])
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=size <= SNIFF_BYTES)
    except UnicodeDecodeError as exc:
        raise AcledImportError(
            [ImportProblem(shown, f"not UTF-8 text (byte {exc.start + 1}); save the CSV as UTF-8")]
        ) from None
    first = text.splitlines()[0] if text else ""
    names = next(csv.reader([first]), [])
    if len(names) < 2:
        raise AcledImportError(
            [ImportProblem(shown, "not a CSV: the first line is not a comma-separated header")]
        )
    return names


def _check_columns(names: list[str], shown: str) -> dict[str, str]:
    """Lower-case ACLED column -> the header's own spelling; raises when some are missing."""
    by_lower: dict[str, str] = {}
    problems = []
    for name in names:
        key = name.strip().lower()
        if key in by_lower:
            problems.append(ImportProblem(shown, f"the header names {key!r} twice", row=1))
        by_lower.setdefault(key, name)
    missing = [c for c in REQUIRED_COLUMNS if c not in by_lower]
    if len(missing) == len(REQUIRED_COLUMNS):
        raise AcledImportError(
            [
                ImportProblem(
                    shown,
                    "not an ACLED CSV: the first line has none of ACLED's columns "
                    f"({', '.join(REQUIRED_COLUMNS[:3])}, …)",
                    row=1,
                )
            ]
        )
    if missing:
        hints = []
        for column in missing:
            close = difflib.get_close_matches(column, list(by_lower), n=1, cutoff=0.75)
            hints.append(f"{column} (did you mean {by_lower[close[0]]!r}?)" if close else column)
        problems.append(
            ImportProblem(
                shown,
                "not an ACLED export: missing column(s) " + ", ".join(hints),
                row=1,
            )
        )
    if problems:
        raise AcledImportError(problems)
    return by_lower


# --- in DuckDB: parse, check, write ----------------------------------------------------------


def _read(con, path: Path, shown: str, columns: dict[str, str]) -> None:
    import duckdb

    wanted = [c for c in (*COLUMNS, "civilian_targeting") if c in columns]
    select = ", ".join(f"NULLIF(TRIM({_q(columns[c])}), '') AS {c}" for c in wanted)
    absent = ", ".join(f"NULL::VARCHAR AS {c}" for c in OPTIONAL_COLUMNS if c not in columns)
    try:
        con.execute(
            f"CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS _row, {select}"
            f"{', ' + absent if absent else ''} FROM read_csv({_lit(str(path))}, header=true, "
            "all_varchar=true, delim=',', quote='\"', escape='\"', strict_mode=true, "
            "null_padding=false, auto_detect=false, columns={"
            + ", ".join(f"{_lit(c)}: 'VARCHAR'" for c in columns.values())
            + "})"
        )
    except duckdb.Error as exc:
        detail = " ".join(str(exc).split())[:300]
        raise AcledImportError([ImportProblem(shown, f"not a well-formed CSV: {detail}")]) from None


def _inter_sql(column: str) -> str:
    cases = " ".join(f"WHEN {_lit(label)} THEN {code}" for label, code in INTER_LABELS.items())
    return f"COALESCE(TRY_CAST({column} AS INTEGER), CASE lower({column}) {cases} ELSE NULL END)"


def _sub_event_sql(column: str) -> str:
    cases = " ".join(f"WHEN {_lit(a)} THEN {_lit(b)}" for a, b in SUB_EVENT_ALIASES.items())
    return f"CASE {column} {cases} ELSE {column} END"


def _checks() -> Iterable[tuple[str, str, str]]:
    """(column, SQL condition true for a bad row, message) for every per-row check."""
    for column in NON_EMPTY:
        yield column, f"{column} IS NULL", "is empty; ACLED always fills it"
    date = _DATE_SQL.format(c="event_date")
    yield (
        "event_date",
        f"event_date IS NOT NULL AND {date} IS NULL",
        ("is not a date (YYYY-MM-DD, or like 15 January 2026)"),
    )
    yield (
        "event_date",
        f"{date} NOT BETWEEN DATE '{FIRST_DAY}' AND DATE '{LAST_DAY}'",
        (f"is outside {FIRST_DAY.year}–{LAST_DAY.year}"),
    )
    yield (
        "year",
        f"{date} IS NOT NULL AND TRY_CAST(year AS INTEGER) IS DISTINCT FROM year({date})",
        ("does not match the year of event_date"),
    )
    for column, lo, hi in (("latitude", -90, 90), ("longitude", -180, 180)):
        value = f"TRY_CAST({column} AS DOUBLE)"
        yield (
            column,
            (
                f"{column} IS NOT NULL AND ({value} IS NULL OR isnan({value}) "
                f"OR {value} NOT BETWEEN {lo} AND {hi})"
            ),
            f"is not a {column} ({lo} to {hi})",
        )
    for column in ("time_precision", "geo_precision"):
        code = f"TRY_CAST({column} AS INTEGER)"
        bad = f"{code} IS NULL OR {code} NOT IN (1, 2, 3)"
        yield column, bad, "is not an ACLED precision code (1, 2 or 3)"
    deaths = "TRY_CAST(fatalities AS INTEGER)"
    yield "fatalities", f"{deaths} IS NULL OR {deaths} < 0", "is not a number of deaths (0 or more)"
    yield "iso", "TRY_CAST(iso AS INTEGER) IS NULL", "is not an ISO 3166 numeric country code"
    yield (
        "timestamp",
        "timestamp IS NOT NULL AND TRY_CAST(timestamp AS BIGINT) IS NULL",
        ("is not a Unix timestamp"),
    )
    types = ", ".join(_lit(t) for t in EVENT_TYPES)
    yield (
        "event_type",
        f"event_type IS NOT NULL AND event_type NOT IN ({types})",
        (f"is not an ACLED event type ({', '.join(EVENT_TYPES)})"),
    )
    pairs = ", ".join(f"({_lit(e)}, {_lit(s)})" for e, subs in EVENT_TYPES.items() for s in subs)
    yield (
        "sub_event_type",
        (
            f"event_type IN ({types}) AND sub_event_type IS NOT NULL AND "
            f"(event_type, {_sub_event_sql('sub_event_type')}) NOT IN (VALUES {pairs})"
        ),
        "is not a sub-event type of the row's event_type in ACLED's codebook",
    )
    inter1, inter2 = _inter_sql("inter1"), _inter_sql("inter2")
    yield (
        "inter1",
        f"{inter1} IS NULL OR {inter1} NOT BETWEEN 1 AND 8",
        ("is not an ACLED actor type (1-8 or its name, e.g. State forces)"),
    )
    yield (
        "inter2",
        f"inter2 IS NOT NULL AND ({inter2} IS NULL OR {inter2} NOT BETWEEN 0 AND 8)",
        ("is not an ACLED actor type (0-8 or its name)"),
    )
    for column in TEXT_COLUMNS:
        yield (
            column,
            _FORMULA_SQL.format(c=column),
            (
                "starts like a spreadsheet formula (=, +, -, @); such text is refused because it "
                "could run when the file is opened in a spreadsheet"
            ),
        )


def _problems(con, shown: str) -> list[ImportProblem]:
    problems = []
    present = {r[0] for r in con.execute("DESCRIBE raw").fetchall()}
    for column, bad, message in _checks():
        if column not in present:
            continue
        count, first, value = con.execute(
            f"SELECT count(*), min(_row), arg_min({column}, _row) FROM raw WHERE {bad}"
        ).fetchone()
        if count:
            shown_value = f"{value!r} " if value is not None else ""
            problems.append(
                ImportProblem(shown, f"{shown_value}{message}".strip(), first, column, count)
            )
    dup = con.execute(
        "SELECT count(*), min(second), arg_min(event_id_cnty, second) FROM ("
        "SELECT event_id_cnty, list_sort(list(_row))[2] AS second FROM raw "
        "WHERE event_id_cnty IS NOT NULL GROUP BY event_id_cnty HAVING count(*) > 1)"
    ).fetchone()
    if dup[0]:
        problems.append(
            ImportProblem(
                shown, f"{dup[2]!r} is used by an earlier row too", dup[1], "event_id_cnty", dup[0]
            )
        )
    if not con.execute("SELECT count(*) FROM raw").fetchone()[0]:
        problems.append(ImportProblem(shown, "the file has a header but no rows"))
    return problems


_ACTOR_KEYS_SQL = (
    "list_filter(list_transform(list_concat([actor1, actor2], "
    "string_split(coalesce(assoc_actor_1, ''), ';'), string_split(coalesce(assoc_actor_2, ''), "
    "';')), lambda x: lower(trim(regexp_replace(coalesce(x, ''), '\\s*\\([^()]*\\)\\s*$', '')))),"
    " lambda x: x <> '')"
)


def _typed_select() -> str:
    date = _DATE_SQL.format(c="event_date")
    inter1, inter2 = _inter_sql("inter1"), f"COALESCE({_inter_sql('inter2')}, 0)"
    return f"""
        SELECT event_id_cnty, {date} AS event_date, year({date})::SMALLINT AS year,
          time_precision::TINYINT AS time_precision, disorder_type, event_type,
          {_sub_event_sql("sub_event_type")} AS sub_event_type,
          actor1, assoc_actor_1, {inter1}::TINYINT AS inter1,
          actor2, assoc_actor_2, {inter2}::TINYINT AS inter2,
          (CASE WHEN {inter2} = 0 THEN {inter1} * 10
                ELSE least({inter1}, {inter2}) * 10 + greatest({inter1}, {inter2}) END
          )::SMALLINT AS interaction,
          iso::SMALLINT AS iso, region, country, admin1, admin2, admin3, location,
          latitude::DOUBLE AS latitude, longitude::DOUBLE AS longitude,
          geo_precision::TINYINT AS geo_precision, source, source_scale, notes,
          fatalities::INTEGER AS fatalities, tags, TRY_CAST(timestamp AS BIGINT) AS timestamp,
          civilian_targeting, {_ACTOR_KEYS_SQL} AS actor_keys
        FROM raw ORDER BY event_date, _row
    """


def import_acled(
    csv_path: Path | str, directory: Path | None = None, *, shown: str | None = None
) -> ImportResult:
    """Check `csv_path` and store it as the ACLED layer; raise AcledImportError if unusable."""
    import duckdb
    from filelock import FileLock

    started = time.perf_counter()
    path = Path(csv_path)
    shown = shown or str(csv_path)
    if not path.is_file():
        raise AcledImportError([ImportProblem(shown, "no such file")])
    names = _header(path, shown)
    columns = _check_columns(names, shown)
    ignored = tuple(n for k, n in columns.items() if k not in (*COLUMNS, "civilian_targeting"))
    target = layer_path(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = true")
        _read(con, path, shown, columns)
        problems = _problems(con, shown)
        if problems:
            raise AcledImportError(problems)
        with FileLock(str(target.with_name(".import.lock")), timeout=60):
            con.execute(
                f"COPY ({_typed_select()}) TO {_lit(str(tmp))} "
                f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 20000, KV_METADATA "
                f"{{source_file: {_lit(Path(shown).name)}, imported_at: "
                f"{_lit(dt.datetime.now(dt.UTC).isoformat(timespec='seconds'))}}})"
            )
            rows, first, last = con.execute(
                f"SELECT count(*), min(event_date), max(event_date) FROM read_parquet("
                f"{_lit(str(tmp))})"
            ).fetchone()
            tmp.replace(target)  # atomic on one file system (same folder)
    finally:
        con.close()
        tmp.unlink(missing_ok=True)
    return ImportResult(target, rows, time.perf_counter() - started, first, last, ignored)
