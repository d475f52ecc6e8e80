"""The made-up review corpus (tests/fixtures/review) with its made-up report added for review:
the starting point of the review tests (usmx.review and the Review page's pure parts)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from usmx.intake import add_source

FIXTURE = Path(__file__).parent / "fixtures" / "review"
SOURCE = "made_up_post_2026_02_06"  # the id add_source gives the made-up report


def corpus_with_report(tmp_path: Path) -> Path:
    """A copy of the one-source made-up corpus under `tmp_path`, the made-up report added (its
    candidates written); the copy's dataset.yaml."""
    shutil.copytree(FIXTURE, tmp_path / "corpus")
    dataset = tmp_path / "corpus" / "dataset.yaml"
    add_source(
        dataset,
        dataset.parent / "new_report.en.txt",
        published="2026-02-06",
        outlet="Made-up Post",
        today=dt.date(2026, 2, 10),
    )
    return dataset
