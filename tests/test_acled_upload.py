"""usmx.acled_upload and usmx.settings: an app upload imports like the CLI, leaves no spooled
file behind, refuses an oversized file before writing it; uploads are off unless turned on."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from usmx import acled_upload
from usmx.acled_import import AcledImportError, layer_path
from usmx.settings import uploads_allowed

FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "made_up_acled.csv"


@pytest.mark.parametrize(
    ("value", "allowed"),
    [(None, False), ("", False), ("0", False), ("no", False), ("2", False), ("1", True),
     ("true", True), (" YES ", True), ("on", True)],
)  # fmt: skip
def test_uploads_are_off_unless_turned_on(value, allowed):
    environ = {} if value is None else {"USMX_ALLOW_UPLOADS": value}
    assert uploads_allowed(environ) is allowed


def test_upload_imports_and_leaves_only_the_layer(tmp_path: Path):
    data = FIXTURE.read_bytes()
    result = acled_upload.import_upload("mine.csv", len(data), io.BytesIO(data), tmp_path)
    assert result.rows == 10
    assert layer_path(tmp_path).is_file()
    assert sorted(p.name for p in (tmp_path / "acled").iterdir()) == [
        ".import.lock",
        "acled.parquet",
    ]


def test_problems_name_the_uploaded_file_not_the_spooled_one(tmp_path: Path):
    data = b"not,an,acled,file\n1,2,3,4\n"
    with pytest.raises(AcledImportError) as caught:
        acled_upload.import_upload("mine.csv", len(data), io.BytesIO(data), tmp_path)
    assert all(p.file == "mine.csv" for p in caught.value.problems)
    assert not list((tmp_path / "acled").glob(".upload.*"))
    assert not layer_path(tmp_path).exists()


def test_an_oversized_upload_is_refused_before_a_byte_is_written(tmp_path: Path):
    class Unreadable(io.RawIOBase):
        def read(self, *_args):
            raise AssertionError("the stream must not be read")

    size = acled_upload.MAX_BYTES + 1
    with pytest.raises(AcledImportError, match="at most 256 MB"):
        acled_upload.import_upload("huge.csv", size, Unreadable(), tmp_path)
    assert not (tmp_path / "acled").exists()
