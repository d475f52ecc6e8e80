"""Tests for the ACLED layer: import (usmx.acled_import), matching (usmx.acled_match) and every
query (usmx.acled_query), on the made-up fixture and on malformed variants of it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from usmx.acled_codebook import COLUMNS
from usmx.acled_export import write_acled
from usmx.acled_import import MAX_BYTES, AcledImportError, import_acled, layer_path
from usmx.acled_match import acled_key, all_actor_keys, keys_for
from usmx.acled_query import AcledFilter, AcledLayer
from usmx.model import Dataset

FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "made_up_acled.csv"


def fixture_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[dict[str, str]], columns=None) -> Path:
    columns = list(columns or rows[0].keys())
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def leftovers(directory: Path) -> list[str]:
    folder = directory / "acled"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def layer(tmp_path: Path):
    import_acled(FIXTURE, tmp_path / "data")
    opened = AcledLayer.open(tmp_path / "data")
    yield opened
    opened.close()


# --- a good file ------------------------------------------------------------------------------


def test_import_the_fixture(tmp_path: Path):
    result = import_acled(FIXTURE, tmp_path)
    rows = fixture_rows()
    assert result.rows == len(rows)
    assert result.path == layer_path(tmp_path)
    assert result.first_day == min(dt.date.fromisoformat(r["event_date"]) for r in rows)
    assert result.last_day == max(dt.date.fromisoformat(r["event_date"]) for r in rows)
    assert leftovers(tmp_path) == [".import.lock", "acled.parquet"]


def test_data_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("USMX_DATA_DIR", str(tmp_path / "here"))
    import_acled(FIXTURE)
    assert (tmp_path / "here" / "acled" / "acled.parquet").is_file()
    monkeypatch.delenv("USMX_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert layer_path() == tmp_path / "xdg" / "usmx" / "acled" / "acled.parquet"


@pytest.mark.parametrize(
    "variant",
    ["upper-case header", "older layout", "text inter codes", "day month year dates", "extra"],
)
def test_import_accepts_other_spellings_of_the_layout(tmp_path: Path, variant: str):
    rows = fixture_rows()
    columns = list(COLUMNS)
    if variant == "upper-case header":
        rows = [{k.upper(): v for k, v in r.items()} for r in rows]
        columns = [c.upper() for c in columns]
    elif variant == "older layout":
        columns = [c for c in columns if c not in ("disorder_type", "tags", "timestamp")]
    elif variant == "text inter codes":
        labels = {"1": "State forces", "3": "Political militia", "7": "Civilians", "0": ""}
        for r in rows:
            r["inter1"] = labels.get(r["inter1"], r["inter1"])
            r["inter2"] = labels.get(r["inter2"], r["inter2"])
    elif variant == "day month year dates":
        for r in rows:
            r["event_date"] = dt.date.fromisoformat(r["event_date"]).strftime("%d %B %Y")
    else:
        columns.append("civilian_targeting")
        columns.append("population_best")
    path = write_rows(tmp_path / "in.csv", rows, columns)
    result = import_acled(path, tmp_path / "data")
    assert result.rows == len(rows)
    if variant == "extra":
        assert result.ignored_columns == ("population_best",)
    layer = AcledLayer(result.path)
    try:
        assert layer.count(AcledFilter(event_types=("Battles",))) == sum(
            1 for r in fixture_rows() if r["event_type"] == "Battles"
        )
        assert int(layer.page(limit=1000)["inter1"].min()) >= 1
    finally:
        layer.close()


# --- malformed files: one clear message each, nothing imported ------------------------------


def _edit(
    column: str, value: str, row: int = 3, **also: str
) -> Callable[[list[dict[str, str]]], None]:
    def edit(rows: list[dict[str, str]]) -> None:
        rows[row - 2][column] = value  # spreadsheet row numbers: the header is row 1
        rows[row - 2].update(also)

    return edit


MALFORMED = [
    # (case, edit of the fixture rows, column, row, words in the message)
    ("latitude 200", _edit("latitude", "200"), "latitude", 3, "is not a latitude"),
    ("longitude text", _edit("longitude", "west", 5), "longitude", 5, "is not a longitude"),
    ("bad date", _edit("event_date", "2026-13-45"), "event_date", 3, "is not a date"),
    ("date far away", _edit("event_date", "1066-10-14", 4, year="1066"), "event_date", 4, "outside"),
    ("year differs", _edit("year", "1999"), "year", 3, "does not match"),
    ("empty actor", _edit("actor1", ""), "actor1", 3, "is empty"),
    ("time precision 4", _edit("time_precision", "4"), "time_precision", 3, "precision code"),
    ("geo precision 0", _edit("geo_precision", "0"), "geo_precision", 3, "precision code"),
    ("negative deaths", _edit("fatalities", "-1"), "fatalities", 3, "number of deaths"),
    ("unknown type", _edit("event_type", "Skirmish"), "event_type", 3, "not an ACLED event type"),
    ("sub type of another", _edit("sub_event_type", "Grenade"), "sub_event_type", 3, "sub-event"),
    ("actor type 9", _edit("inter1", "9"), "inter1", 3, "actor type"),
    ("hyperlink in notes", _edit("notes", '=HYPERLINK("http://x.example","open")', 6), "notes", 6,
     "spreadsheet formula"),
    ("plus formula in actor", _edit("actor2", "+cmd|' /C calc'!A0"), "actor2", 3, "formula"),
    ("duplicate id", _edit("event_id_cnty", "MEX90001", 4), "event_id_cnty", 4, "earlier row"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "edit", "column", "row", "words"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_rows_are_named_by_row_and_column(tmp_path, case, edit, column, row, words):
    rows = fixture_rows()
    edit(rows)
    path = write_rows(tmp_path / "bad.csv", rows)
    with pytest.raises(AcledImportError) as caught:
        import_acled(path, tmp_path / "data", shown="bad.csv")
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.column, problem.row) == (column, row)
    assert words in problem.message
    assert str(problem).startswith(f"bad.csv: row {row}: column {column}: ")
    assert leftovers(tmp_path / "data") == []


def _whole_file(kind: str, path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    if kind == "missing column":
        rows = fixture_rows()
        write_rows(path, rows, [c for c in COLUMNS if c != "latitude"])
    elif kind == "misspelt column":
        path.write_text(text.replace("event_date", "event_dat", 1), encoding="utf-8")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif kind == "not a csv":
        path.write_text("Dear reader,\nthis is a letter, not a table.\n", encoding="utf-8")
    elif kind == "one word":
        path.write_text("hello\nworld\n", encoding="utf-8")
    elif kind == "not utf-8":
        path.write_bytes(text.replace("—", "-").replace("Culiacan", "Culiacán").encode("latin-1"))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "header only":
        path.write_text(text.splitlines()[0] + "\n", encoding="utf-8")
    elif kind == "ragged row":
        lines = text.splitlines()
        lines[3] += ",one too many"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == "too big":
        with path.open("wb") as handle:  # sparse: 1 GB on paper, nothing on disk
            handle.truncate(1024**3)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("missing column", "missing column(s) latitude"),
        ("misspelt column", "did you mean 'event_dat'?"),
        ("binary", "binary file"),
        ("not a csv", "not an ACLED CSV: the first line has none of ACLED's columns"),
        ("one word", "not a CSV: the first line is not a comma-separated header"),
        ("not utf-8", "not UTF-8"),
        ("empty", "the file is empty"),
        ("header only", "no rows"),
        ("ragged row", "not a well-formed CSV"),
        ("too big", f"the limit is {MAX_BYTES // 2**20:,} MB"),
    ],
)
def test_malformed_files_get_one_message(tmp_path: Path, kind: str, words: str):
    path = tmp_path / "in.csv"
    _whole_file(kind, path)
    with pytest.raises(AcledImportError) as caught:
        import_acled(path, tmp_path / "data")
    assert len(caught.value.problems) == 1, caught.value.problems
    assert words in str(caught.value.problems[0])
    assert str(path) in str(caught.value.problems[0])
    assert leftovers(tmp_path / "data") == []


def test_a_failed_import_keeps_the_previous_layer(tmp_path: Path):
    good = import_acled(FIXTURE, tmp_path)
    before = good.path.read_bytes()
    rows = fixture_rows()
    rows[0]["latitude"] = "200"
    with pytest.raises(AcledImportError):
        import_acled(write_rows(tmp_path / "bad.csv", rows), tmp_path)
    assert good.path.read_bytes() == before
    assert leftovers(tmp_path) == [".import.lock", "acled.parquet"]


def test_a_missing_file(tmp_path: Path):
    with pytest.raises(AcledImportError, match="no such file"):
        import_acled(tmp_path / "nope.csv", tmp_path)


def test_several_kinds_of_problem_are_all_listed(tmp_path: Path):
    rows = fixture_rows()
    rows[0]["latitude"] = "200"
    rows[1]["latitude"] = "-95"
    rows[2]["event_date"] = "soon"
    with pytest.raises(AcledImportError) as caught:
        import_acled(write_rows(tmp_path / "bad.csv", rows), tmp_path)
    by_column = {p.column: p for p in caught.value.problems}
    assert set(by_column) == {"latitude", "event_date"}
    assert (by_column["latitude"].row, by_column["latitude"].count) == (2, 2)
    assert "2 rows like this" in str(by_column["latitude"])


# --- our own events: export, then import ------------------------------------------------------


def test_round_trip_of_our_events(ds: Dataset, tmp_path: Path):
    csv_path, _ = write_acled(ds, tmp_path / "ours.csv")
    exported = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert exported
    result = import_acled(csv_path, tmp_path / "data")
    assert result.rows == len(exported)
    layer = AcledLayer(result.path)
    try:
        page = layer.page(limit=1000)
        assert sorted(page["event_id_cnty"]) == sorted(r["event_id_cnty"] for r in exported)
        got = {r.event_id_cnty: r for r in page.itertuples()}
        for row in exported:
            back = got[row["event_id_cnty"]]
            assert back.event_date.isoformat()[:10] == row["event_date"]
            assert back.notes == row["notes"]
            assert int(back.interaction) == int(row["interaction"])
        matched = layer.matched_actors(all_actor_keys(ds))
        actor1 = {r["actor1"] for r in exported}
        for actor in ds.actors:
            if actor.name_en in actor1:
                assert matched.get(actor.id), actor.id
    finally:
        layer.close()


# --- matching and queries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Military Forces of Mexico (2024-)", "military forces of mexico"),
        ("Sinaloa Cartel", "sinaloa cartel"),
        ("Civilians (Mexico)", "civilians"),
        ("  Gulf Cartel ", "gulf cartel"),
    ],
)
def test_acled_key(name: str, key: str):
    assert acled_key(name) == key


@pytest.mark.parametrize(
    ("actor_id", "key"),
    [
        ("sinaloa_cartel", "sinaloa cartel"),
        ("mexican_military", "military forces of mexico"),
        ("mexican_police", "police forces of mexico"),
        ("mexico_government", "government of mexico"),
        ("us_military", "military forces of the united states"),
    ],
)
def test_our_actors_get_acled_names(ds: Dataset, actor_id: str, key: str):
    assert key in keys_for(ds, [actor_id])


def test_choosing_a_body_includes_those_under_it(ds: Dataset):
    assert set(keys_for(ds, ["mexican_military"])) <= set(keys_for(ds, ["mexico_government"]))


def _expected(rows, keep) -> list[dict[str, str]]:
    return [r for r in rows if keep(r)]


def _names(r):
    return {acled_key(n) for n in [r["actor1"], r["actor2"]] if n}


@pytest.mark.parametrize(
    ("filt", "keep"),
    [
        (AcledFilter(), lambda r: True),
        (AcledFilter(date_from=dt.date(2026, 1, 1)), lambda r: r["event_date"] >= "2026-01-01"),
        (AcledFilter(date_to=dt.date(2025, 11, 30)), lambda r: r["event_date"] <= "2025-11-30"),
        (AcledFilter(admin1=("Sinaloa",)), lambda r: r["admin1"] == "Sinaloa"),
        (AcledFilter(event_types=("Battles",)), lambda r: r["event_type"] == "Battles"),
        (AcledFilter(actor_keys=("sinaloa cartel",)), lambda r: "sinaloa cartel" in _names(r)),
        (AcledFilter(bbox=(-108.0, 24.0, -107.0, 25.0)),
         lambda r: -108 <= float(r["longitude"]) <= -107 and 24 <= float(r["latitude"]) <= 25),
        (AcledFilter(actor_keys=("'; DROP TABLE acled; --",)), lambda r: False),
    ],
)  # fmt: skip
def test_filters(layer: AcledLayer, filt: AcledFilter, keep):
    rows = fixture_rows()
    expected = _expected(rows, keep)
    assert layer.count(filt) == len(expected)
    page = layer.page(filt, limit=100)
    assert sorted(page["event_id_cnty"]) == sorted(r["event_id_cnty"] for r in expected)
    assert layer.count() == len(rows)  # the hostile key dropped nothing


def test_sinaloa_cartel_matches_our_actor(ds: Dataset, layer: AcledLayer):
    rows = fixture_rows()
    f = AcledFilter(actor_keys=keys_for(ds, ["sinaloa_cartel"]))
    assert layer.count(f) == sum(1 for r in rows if "sinaloa cartel" in _names(r))
    matched = layer.matched_actors(all_actor_keys(ds))
    assert matched["sinaloa_cartel"] == layer.count(f)


@pytest.mark.parametrize("unit", ["day", "week", "month", "year"])
def test_counts_by_period(layer: AcledLayer, unit: str):
    frame = layer.counts_by_period(unit=unit)
    assert int(frame["events"].sum()) == len(fixture_rows())
    assert int(frame["fatalities"].sum()) == sum(int(r["fatalities"]) for r in fixture_rows())
    assert list(frame["period"]) == sorted(frame["period"])


@pytest.mark.parametrize("column", ["admin1", "event_type", "sub_event_type", "country"])
def test_counts_by_column(layer: AcledLayer, column: str):
    frame = layer.counts_by(column)
    rows = fixture_rows()
    expected = {v: sum(1 for r in rows if r[column] == v) for v in {r[column] for r in rows}}
    assert dict(zip(frame["value"], frame["events"].astype(int), strict=True)) == expected


def test_counts_by_refuses_other_columns(layer: AcledLayer):
    with pytest.raises(ValueError, match="cannot group by"):
        layer.counts_by("notes; DROP TABLE acled")
    with pytest.raises(ValueError, match="unknown unit"):
        layer.counts_by_period(unit="fortnight")


@pytest.mark.parametrize("size_km", [10.0, 50.0, 400.0])
def test_hex_bins_count_every_event_once(layer: AcledLayer, size_km: float):
    frame = layer.hex_bins(size_km=size_km)
    assert int(frame["events"].sum()) == len(fixture_rows())
    assert frame[["hex_q", "hex_r"]].duplicated().sum() == 0
    # Every hexagon's centre is within one hexagon size of the events it holds.
    for r in fixture_rows():
        nearest = (
            (frame["longitude"] - float(r["longitude"])) ** 2 * 111**2 * 0.84
            + (frame["latitude"] - float(r["latitude"])) ** 2 * 110.6**2
        ) ** 0.5
        assert nearest.min() <= size_km * 1.01  # fmt: skip


def test_points_and_metadata(layer: AcledLayer):
    points = layer.points(limit=3)
    assert len(points) == 3
    assert list(points["event_date"]) == sorted(points["event_date"], reverse=True)
    assert layer.metadata()["source_file"] == FIXTURE.name
    assert "Sinaloa" in layer.admin1_values()
    assert layer.date_range()[0] == min(
        dt.date.fromisoformat(r["event_date"]) for r in fixture_rows()
    )


def test_open_without_an_import(tmp_path: Path):
    assert AcledLayer.open(tmp_path) is None
