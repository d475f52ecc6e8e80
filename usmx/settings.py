"""Deployment settings read from the environment: what this server lets its visitors do.

A dashboard shared with readers must not let every visitor write, so editor actions are off
unless the person starting the server turns them on:

    USMX_ALLOW_UPLOADS=1    the ACLED page offers an upload that replaces the stored layer
    USMX_REVIEW=1           the Review page is in the menu: upload a source (a .txt report),
                            then accept, edit, merge or reject what the extraction assistant
                            proposes; accepted records are written to the dataset on disk

(1, true, yes or on; anything else, or unset, means off.) With USMX_REVIEW off the Review page
is not in the menu and its address only says that reviewing is off on this server.

Other environment variables the app reads: USMX_DATASET (which dataset file to serve, and so
the one a review writes to) and USMX_DATA_DIR (where imported data is kept,
`usmx.acled_import.data_dir`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

ALLOW_UPLOADS = "USMX_ALLOW_UPLOADS"
REVIEW = "USMX_REVIEW"
_TRUE = frozenset({"1", "true", "yes", "on"})


def _on(name: str, environ: Mapping[str, str] | None) -> bool:
    # Read on every call: no restart needed in tests.
    value = (os.environ if environ is None else environ).get(name, "")
    return value.strip().lower() in _TRUE


def uploads_allowed(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the ACLED page's upload is on."""
    return _on(ALLOW_UPLOADS, environ)


def review_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the Review page (source upload and writes to the dataset) is on."""
    return _on(REVIEW, environ)
