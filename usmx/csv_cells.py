"""Spreadsheet-safe CSV cells: text that a spreadsheet would run as a formula is neutralised.

A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (`=HYPERLINK("http://…","click")` runs when the
file is opened: "CSV injection", OWASP). Every CSV this project writes passes its cells
through `safe_cell`, which prefixes such text with an apostrophe, the prefix spreadsheets
themselves use to mean "this is text". Numbers are left alone, so `-99.13` stays a number; a
*string* that is a plain number (`"-3"`, `"+1.5e3"`) is also left alone, because it cannot
run anything and a reader would not expect it quoted.

`is_formula_like` is the same test, for importers that refuse such cells instead.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula (see the module docstring)."""
    return text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(text)


def safe_cell(value: Any) -> Any:
    """`value` unchanged, unless it is text a spreadsheet would run: then `'` + text."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value
