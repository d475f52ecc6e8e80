"""Deployment settings read from the environment: what this server lets its visitors do.

A dashboard shared with readers must not let every visitor write, so editor actions are off
unless the person starting the server turns them on:

    USMX_ALLOW_UPLOADS=1    the ACLED page offers an upload that replaces the stored layer
                            (1, true, yes or on; anything else, or unset, means off)

Other environment variables the app reads: USMX_DATASET (which dataset file to serve) and
USMX_DATA_DIR (where imported data is kept, `usmx.acled_import.data_dir`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

ALLOW_UPLOADS = "USMX_ALLOW_UPLOADS"
_TRUE = frozenset({"1", "true", "yes", "on"})


def uploads_allowed(environ: Mapping[str, str] | None = None) -> bool:
    """Whether editor uploads are on (read on every call: no restart needed in tests)."""
    value = (os.environ if environ is None else environ).get(ALLOW_UPLOADS, "")
    return value.strip().lower() in _TRUE
