"""The built-in sections of `make bench`, in the order they are measured and reported.

A section is a module with `NAME` (what `--sections` calls it), `measure(bench)` (stores its
numbers in `bench.results[NAME]`) and `render(bench) -> Rendered` (its markdown lines and its
`Goal`s for the table at the top of bench/results.md). Sections that need the browser use
`bench.browser`, started once and shared. Scripts that write their own markdown are not
sections here: see bench/script_sections.py.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Export before scale: scale is the part most likely to hit its caps.
ORDER = ("env", "cold", "imports", "interaction", "memory", "export", "load", "scale")


def section(name: str) -> ModuleType:
    return importlib.import_module(f"bench.sections.{name}")
