"""Tests for usmx.csv_cells: which cells a spreadsheet would run, and how they are neutralised."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from usmx.csv_cells import FORMULA_PREFIXES, is_formula_like, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1+2", "'+1+2"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-99.13", "-99.13"),
        ("+1.5e3", "+1.5e3"),
        ("特朗普", "特朗普"),
        ("a=b", "a=b"),
        ("", ""),
        (-99.13, -99.13),
        (None, None),
        (3, 3),
    ],
)
def test_safe_cell(value: Any, expected: Any) -> None:
    assert safe_cell(value) == expected


@given(st.text())
def test_safe_cell_never_leaves_a_formula(text: str) -> None:
    out = safe_cell(text)
    assert not is_formula_like(out)
    assert out in (text, "'" + text)
    if not text.startswith(FORMULA_PREFIXES):
        assert out == text
