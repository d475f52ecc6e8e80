"""AppTest of the ACLED page: the terms note, uploads off unless an editor turns them on, an
upload of the made-up fixture accepted and summarised, bad uploads refused with one message per
problem and nothing half-imported, and our filtered events as an ACLED CSV.

Imports go to a temporary USMX_DATA_DIR; the fixture is made up (tests/fixtures/acled/).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from usmx import acled_upload
from usmx.acled_import import layer_path
from usmx.i18n import t

FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "made_up_acled.csv"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USMX_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def editor(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USMX_ALLOW_UPLOADS", "1")
    return data_dir


def acled_page(**query: str | list[str]) -> AppTest:
    at = run_app("pages/acled.py", **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="acled_upload").set_value((name, data, "text/csv")).run()
    at.button(key="acled_import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def broken_fixture() -> bytes:
    """The fixture with latitude 200 in one row and a formula in another's notes."""
    rows = list(csv.DictReader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))
    rows[2]["latitude"] = "200"
    rows[4]["notes"] = '=HYPERLINK("http://example.invalid","x")'
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def files_in(folder: Path) -> list[str]:
    acled = folder / "acled"
    return sorted(p.name for p in acled.iterdir()) if acled.exists() else []


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_readers_see_the_terms_and_no_upload(data_dir: Path, monkeypatch, lang):
    monkeypatch.delenv("USMX_ALLOW_UPLOADS", raising=False)
    at = acled_page(lang=lang)
    assert at.title[0].value == t("acled.title", lang)
    assert any(t("acled.terms", lang) == i.value for i in at.info)
    assert not at.get("file_uploader")
    assert any("USMX\\_ALLOW\\_UPLOADS" in c.value or "USMX_ALLOW" in c.value for c in at.caption)
    assert str(data_dir) not in "".join(c.value for c in at.caption)  # not for every reader
    assert {"dl_acled_csv", "dl_acled_skipped"} <= {b.key for b in at.get("download_button")}


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_an_editor_uploads_the_fixture_and_sees_its_summary(editor: Path, lang):
    at = upload(acled_page(lang=lang), "made_up_acled.csv", FIXTURE.read_bytes())
    assert layer_path(editor).is_file()
    assert files_in(editor) == [".import.lock", "acled.parquet"]  # no upload left behind
    assert at.success, "the import says what it did"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("acled.rows", lang)] == "10"
    assert metrics[t("acled.states", lang)] == "5"
    assert metrics[t("acled.file", lang)] == "made_up_acled.csv"
    assert "2025-11-03" in metrics[t("acled.span", lang)]
    states, actors, ours = (d.value for d in at.dataframe)
    assert states.iloc[0].tolist()[:2] == ["Sinaloa", 5]
    assert len(actors) == 9
    # Our actors that the file names the ACLED way (Sinaloa Cartel, Mexico's military...).
    assert len(ours) >= 2


def test_the_sidebar_filter_counts_matching_rows(editor: Path):
    upload(acled_page(lang="en"), "made_up_acled.csv", FIXTURE.read_bytes())
    at = acled_page(lang="en", actor="sinaloa_cartel")
    assert any("4 rows" in c.value for c in at.caption), [c.value for c in at.caption]


def test_a_broken_upload_is_refused_one_message_per_problem(editor: Path):
    at = upload(acled_page(lang="en"), "broken.csv", broken_fixture())
    assert any("broken\\.csv" in e.value for e in at.error)  # the name, escaped
    [problems] = [c.value for c in at.code]
    lines = problems.splitlines()
    assert len(lines) == 2, lines
    assert any("column latitude" in line and "row 4" in line for line in lines)
    assert any("column notes" in line and "row 6" in line for line in lines)
    assert not layer_path(editor).exists()
    assert files_in(editor) in ([], [".import.lock"])  # nothing half-imported


def test_a_refused_upload_keeps_the_stored_layer(editor: Path):
    at = upload(acled_page(lang="en"), "made_up_acled.csv", FIXTURE.read_bytes())
    before = layer_path(editor).read_bytes()
    at = upload(at, "not-a-csv.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert at.error
    assert layer_path(editor).read_bytes() == before
    assert {m.label: m.value for m in at.metric}[t("acled.rows", "en")] == "10"


def test_a_file_over_the_limit_is_refused_before_it_is_written(editor: Path, monkeypatch):
    monkeypatch.setattr(acled_upload, "MAX_BYTES", 100)
    at = acled_page(lang="en")
    at.file_uploader(key="acled_upload").set_value(("big.csv", FIXTURE.read_bytes(), "text/csv"))
    at.run()
    assert any("big\\.csv" in e.value and "too big" in e.value for e in at.error)
    assert not at.get("button") or not any(b.key == "acled_import" for b in at.button)
    assert files_in(editor) == []


def test_uploads_stay_off_for_other_values(data_dir: Path, monkeypatch):
    monkeypatch.setenv("USMX_ALLOW_UPLOADS", "0")
    assert not acled_page(lang="en").get("file_uploader")
