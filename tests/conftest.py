"""Shared fixtures: the shipped dataset, loaded once per test session."""

from __future__ import annotations

import pytest

from usmx.dataset import load_dataset
from usmx.model import Dataset
from usmx.tables import Tables, build_tables


@pytest.fixture(scope="session")
def ds() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def tables(ds: Dataset) -> Tables:
    return build_tables(ds)
