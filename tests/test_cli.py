"""Tests for usmx.cli: the `usmx` command's subcommands, exit statuses and messages."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from usmx import cli, cli_common, cli_stats
from usmx.dataset import DEFAULT_DATASET
from usmx.export_csv import CSV_TABLES
from usmx.export_geojson import places_geojson
from usmx.export_json import dataset_to_json
from usmx.model import Dataset

REPO = DEFAULT_DATASET.parent.parent
ARTICLE_PATH = DEFAULT_DATASET.parent / "source" / "article.zh-Hant.txt"
# `ds`, the shipped dataset, is the session fixture in conftest.py.


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


def copy_dataset(tmp_path: Path, edit: Any = None) -> Path:
    """data/dataset.yaml and its article in tmp_path, the data passed through `edit`."""
    (tmp_path / "source").mkdir()
    shutil.copy(ARTICLE_PATH, tmp_path / "source" / ARTICLE_PATH.name)
    data = yaml.safe_load(DEFAULT_DATASET.read_text(encoding="utf-8"))
    if edit:
        edit(data)
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def drop_title(data: dict[str, Any]) -> None:
    del data["events"][3]["title_en"]


# --- validate -----------------------------------------------------------------------------------


def test_validate_ok(in_repo: Path, ds: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == 1
    spans = sum(
        len(r.evidence)
        for r in [ds.source, *ds.actors, *ds.places, *ds.events, *ds.quotes, *ds.claims]
    )
    assert lines[0] == (
        f"data/dataset.yaml: OK — {len(ds.actors)} actors, {len(ds.places)} places, "
        f"{len(ds.events)} events, {len(ds.quotes)} quotes, {len(ds.claims)} claims, "
        f"{spans} evidence spans resolved"
    )


def test_validate_explicit_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy_dataset(tmp_path)
    assert cli.main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: OK — ")


def test_validate_broken_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy_dataset(tmp_path, drop_title)
    assert cli.main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(str(path))
    assert "events[3] (" in lines[0]
    assert "field title_en" in lines[0]
    assert lines[1] == "1 problem(s)"
    assert "Traceback" not in err


def test_validate_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def damage(data: dict[str, Any]) -> None:
        data["events"][0]["date"] = "2026-02-30"
        data["places"][0]["lat"] = 200
        data["events"][5]["actors"][0]["actor_id"] = "nobody_known"

    path = copy_dataset(tmp_path, damage)
    assert cli.main(["validate", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == "3 problem(s)"
    assert len(lines) == 4
    assert any("field date" in line and "impossible date" in line for line in lines)
    assert any("places[0] (mexico)" in line and "field lat" in line for line in lines)
    assert any("unknown actor id 'nobody_known'" in line for line in lines)


def test_validate_fails_on_a_coding_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 「並沒有同意」 (did not agree) is not a refusal: the loader accepts the file, the coding
    # rules (docs/coding-rules.md) do not.
    def refuse(data: dict[str, Any]) -> None:
        event = next(e for e in data["events"] if "並沒有同意" in e["evidence"][0]["exact"])
        event["status"] = "refused"

    path = copy_dataset(tmp_path, refuse)
    assert cli.main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[-1] == "1 problem(s)"
    assert lines[0].startswith(f"{path}: events[")
    assert "field status: refused, but the evidence has none of 拒絕" in lines[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "file not found"),
        ("", "must hold a mapping, not nothing"),
        ("events: [\n", "YAML syntax error"),
        ("- 1\n- 2\n", "must hold a mapping, not a list"),
        (b"\xff\xfe bad bytes", "cannot read as UTF-8"),
    ],
)
def test_validate_unusable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, message: str
) -> None:
    path = tmp_path / "dataset.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == "1 problem(s)"
    assert lines[0].startswith(str(path))
    assert message in lines[0]


def test_unexpected_error_is_one_line_and_exit_2(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(path: Any) -> Dataset:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(cli_common, "load_dataset", boom)
    assert cli.main(["validate"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "usmx validate: error: RuntimeError: disk on fire second line\n"
    with pytest.raises(RuntimeError, match="disk on fire"):
        cli.main(["--traceback", "validate"])


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        ([], 2),
        (["nonsense"], 2),
        (["export-data"], 2),
        (["export-data", "--format", "xml", "--out", "x"], 2),
        (["stats", "--bogus"], 2),
        (["--help"], 0),
        (["validate", "--help"], 0),
    ],
)
def test_usage(argv: list[str], status: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == status
    out, err = capsys.readouterr()
    assert "usage: usmx" in (out if status == 0 else err)
    assert "Traceback" not in out + err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in cli.COMMANDS:
        assert command.name in out
        assert command.run.__doc__.splitlines()[0] in " ".join(out.split())


# --- the command registry -----------------------------------------------------------------------


def test_commands_are_registered_once() -> None:
    names = [c.name for c in cli.COMMANDS]
    assert len(names) == len(set(names))
    assert {"validate", "export-data", "stats"} <= set(names)
    assert all(c.run.__doc__ for c in cli.COMMANDS)


def test_a_new_command_needs_only_a_registry_entry(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def add(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--times", type=int, default=1)

    def run(args: argparse.Namespace) -> int:
        """Say hello."""
        print("hello " * args.times)
        return 7

    monkeypatch.setattr(cli, "COMMANDS", [*cli.COMMANDS, cli.Command("hello", add, run)])
    assert cli.main(["hello", "--times", "2"]) == 7
    assert capsys.readouterr().out == "hello hello \n"


# --- export-data --------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("json", "usmx.json"), ("geojson", "places.geojson")])
def test_export_data_file(
    ds: Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> None:
    out = tmp_path / name
    assert cli.main(["export-data", "--format", fmt, "--out", str(out)]) == 0
    expected = dataset_to_json(ds) if fmt == "json" else places_geojson(ds)
    assert json.loads(out.read_text(encoding="utf-8")) == expected
    stdout, err = capsys.readouterr()
    assert stdout == ""
    assert err.startswith(f"wrote {out} (")


def test_export_data_csv(ds: Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tables"
    assert cli.main(["export-data", "--format", "csv", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(CSV_TABLES)
    err = capsys.readouterr().err
    assert len(err.splitlines()) == len(CSV_TABLES)
    events = (out / "events.csv").read_text(encoding="utf-8-sig").splitlines()
    assert ds.events[0].title_zh in events[1]


@pytest.mark.parametrize("fmt", ["json", "geojson"])
def test_export_data_to_stdout(ds: Dataset, capsys: pytest.CaptureFixture[str], fmt: str):
    assert cli.main(["export-data", "--format", fmt, "--out", "-"]) == 0
    out, err = capsys.readouterr()
    expected = dataset_to_json(ds) if fmt == "json" else places_geojson(ds)
    assert json.loads(out) == expected
    assert "特朗普" in out or fmt == "geojson"
    assert "standard output" in err


def test_export_data_csv_refuses_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export-data", "--format", "csv", "--out", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "directory" in err


def test_export_data_from_other_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    def keep_three(data: dict[str, Any]) -> None:
        data["claims"] = data["claims"][:3]

    path = copy_dataset(tmp_path, keep_three)
    out = tmp_path / "out.json"
    argv = ["export-data", "--format", "json", "--out", str(out), "--dataset", str(path)]
    assert cli.main(argv) == 0
    assert len(json.loads(out.read_bytes())["claims"]) == 3


def test_export_data_broken_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy_dataset(tmp_path, drop_title)
    out = tmp_path / "out.json"
    argv = ["export-data", "--format", "json", "--out", str(out), "--dataset", str(path)]
    assert cli.main(argv) == 1
    assert not out.exists()
    assert capsys.readouterr().err.splitlines()[-1] == "1 problem(s)"


def test_export_data_unwritable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory")
    argv = ["export-data", "--format", "json", "--out", str(blocker / "out.json")]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith("usmx export-data: error: ")
    assert "Traceback" not in err


# --- stats --------------------------------------------------------------------------------------


def _counts(ds: Dataset, actor_id: str) -> tuple[int, int, int]:
    return (
        sum(any(a.actor_id == actor_id for a in e.actors) for e in ds.events),
        sum(q.speaker_id == actor_id for q in ds.quotes),
        sum(c.claimant_id == actor_id for c in ds.claims),
    )


def test_stats_text(ds: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats"]) == 0
    out = capsys.readouterr().out
    rows = {}
    for line in out.splitlines():
        m = re.fullmatch(r"(\w+)\s+(.+?)\s+(\d+)\s+(\d+)\s+(\d+)", line)
        if m:
            rows[m[1]] = (int(m[3]), int(m[4]), int(m[5]))
    assert set(rows) == {a.id for a in ds.actors}
    for actor_id in ("trump", "sheinbaum", "garcia_harfuch"):
        assert rows[actor_id] == _counts(ds, actor_id)
    assert rows["trump"][0] > 0
    assert rows["sheinbaum"][0] > 0
    events = [r[0] for r in rows.values()]  # dicts keep the printed order
    assert events == sorted(events, reverse=True)
    assert re.search(rf"^events\s+{len(ds.events)}$", out, re.MULTILINE)
    assert re.search(r"^security_cooperation\s+\d+$", out, re.MULTILINE)
    assert re.search(r"^refused\s+\d+$", out, re.MULTILINE)


def test_stats_json(ds: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["tables"]["events"] == len(ds.events)
    assert stats["tables"]["actors"] == len(ds.actors)
    assert sum(stats["event_types"].values()) == len(ds.events)
    assert sum(stats["statuses"].values()) == len(ds.events)
    by_id = {r["id"]: r for r in stats["actors"]}
    assert (by_id["trump"]["events"], by_id["trump"]["quotes"], by_id["trump"]["claims"]) == (
        _counts(ds, "trump")
    )
    counts = list(stats["event_types"].values())
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    ("headers", "rows", "expected"),
    [
        (["a", "n"], [["x", 1], ["long", 100]], "a       n\nx       1\nlong  100"),
        (["name", "zh"], [["t", "特朗普"]], "name  zh\nt     特朗普"),
        (["id", "mixed"], [["a", 1], ["b", "x"]], "id  mixed\na   1\nb   x"),
    ],
)
def test_format_table(headers: list[str], rows: list[list[Any]], expected: str) -> None:
    assert cli_stats.format_table(headers, rows) == expected


# --- ACLED out and in --------------------------------------------------------------------------

ACLED_FIXTURE = REPO / "tests" / "fixtures" / "acled" / "made_up_acled.csv"


def test_export_data_acled(ds: Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from usmx.acled_export import acled_rows

    out = tmp_path / "ours.csv"
    assert cli.main(["export-data", "--format", "acled", "--out", str(out)]) == 0
    rows, skipped = acled_rows(ds)
    err = capsys.readouterr().err
    assert f"({len(rows)} events in ACLED's layout)" in err
    assert f"({len(skipped)} events ACLED would not record, with reasons)" in err
    assert out.is_file()
    assert (tmp_path / "ours.skipped.csv").is_file()


def test_export_data_acled_refuses_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export-data", "--format", "acled", "--out", "-"]) == 2
    assert "acled writes a CSV and a report" in capsys.readouterr().err


def test_import_acled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["import-acled", str(ACLED_FIXTURE), "--data-dir", str(tmp_path)])
    assert code == 0
    err = capsys.readouterr().err
    rows = ACLED_FIXTURE.read_text(encoding="utf-8").count("\n") - 1
    assert f"imported {rows:,} rows" in err
    assert (tmp_path / "acled" / "acled.parquet").is_file()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"\x00\x01binary", "binary file"),
        ("latitude", "column latitude: '200' is not a latitude"),
        ("hyperlink", "column notes: '=HYPERLINK"),
    ],
)
def test_import_acled_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, expected: str
) -> None:
    path = tmp_path / "in.csv"
    text = ACLED_FIXTURE.read_text(encoding="utf-8")
    if content == "latitude":
        path.write_text(text.replace(",24.8091,", ",200,", 1), encoding="utf-8")
    elif content == "hyperlink":
        lines = text.splitlines()
        lines[2] = lines[2].replace("MADE-UP TEST FIXTURE — not a real report. ", '=HYPERLINK("x")')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    assert cli.main(["import-acled", str(path), "--data-dir", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert err.strip().endswith("nothing was imported")
    assert "Traceback" not in err
    assert not (tmp_path / "d" / "acled" / "acled.parquet").exists()


# --- the installed console script ---------------------------------------------------------------


def test_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("usmx")
    ok = subprocess.run(
        [script, "validate"], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("data/dataset.yaml: OK — ")
    broken = copy_dataset(tmp_path, drop_title)
    bad = subprocess.run(
        [script, "validate", str(broken)], capture_output=True, text=True, timeout=120, check=False
    )
    assert bad.returncode == 1
    assert "field title_en" in bad.stderr
    assert "Traceback" not in bad.stderr
