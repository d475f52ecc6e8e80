"""An ACLED export uploaded in the app, imported like `usmx import-acled` does it.

The upload is copied in chunks to a temporary file beside the layer (same folder, so nothing
lands elsewhere on the server), imported by `usmx.acled_import.import_acled` — every check,
one message per problem, the layer replaced atomically or not at all — and the temporary file
is removed whatever happens. Its size is checked first, before a byte is written: a file over
`MAX_BYTES` is refused at once.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from usmx.acled_import import (
    MAX_BYTES,
    AcledImportError,
    ImportProblem,
    ImportResult,
    import_acled,
    layer_path,
)

MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)
CHUNK = 1024 * 1024


def too_big(size: int) -> bool:
    return size > MAX_BYTES


def import_upload(
    name: str, size: int, stream: BinaryIO, directory: Path | None = None
) -> ImportResult:
    """Import the uploaded file `name` (read from `stream`); raise AcledImportError if not."""
    if too_big(size):
        megabytes = size / (1024 * 1024)
        message = f"the file is {megabytes:,.0f} MB; at most {MAX_MEGABYTES} MB can be imported"
        raise AcledImportError([ImportProblem(name, message)])
    folder = layer_path(directory).parent
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=folder, prefix=".upload.", suffix=".csv", delete=False
    ) as handle:
        spooled = Path(handle.name)
        try:
            shutil.copyfileobj(stream, handle, CHUNK)
        except BaseException:
            spooled.unlink(missing_ok=True)
            raise
    try:
        return import_acled(spooled, directory, shown=name)
    finally:
        spooled.unlink(missing_ok=True)
