"""HTML of the app: Jinja2 templates with autoescape, and the one stylesheet.

Every HTML fragment the app shows (cards, profile, legends, headline, tables, the article
view) is a template in `usmx/templates/`, rendered here with autoescape on: dataset text and
URL values are escaped by the template engine, never by hand. Templates get the i18n and
locale helpers as globals (`t`, `count`, `join`, `colon`, `number`), so the punctuation of
each language comes from one place. Styles live in one stylesheet, `usmx.css.j2`, which a
page injects once per run (`usmx.ui.context`); fragments carry no `<style>` of their own.

Pure: no Streamlit. Jinja2 is already installed with pydeck; it costs ~20 ms to import.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from usmx import locale
from usmx.i18n import count, label, name, t, title
from usmx.palette import RECORD_COLORS, STATUS_COLORS


def _bytecode_cache() -> BytecodeCache | None:
    # Compiling the overview's templates took ~20 ms of a new server's first page; Jinja's
    # own cache keeps the compiled code in the user's temp directory (private to the user,
    # written atomically, keyed on each template's source). Without a usable temp directory
    # templates are compiled in memory as before.
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("usmx", "templates"),
        bytecode_cache=_bytecode_cache(),
        # Every template, whatever its extension (.html.j2, .svg.j2), is escaped; the
        # stylesheet holds no dataset text and is rendered with autoescape off below.
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,  # a misspelt variable fails loudly in tests, not blank
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(
        t=t,
        count=count,
        label=label,
        name=name,
        title=title,
        join=locale.join,
        colon=locale.colon,
        parenthesized=locale.parenthesized,
        number=locale.number,
    )
    return env


def render(template: str, **values: Any) -> str:
    """The template `template` (a file name in usmx/templates) filled with `values`."""
    return environment().get_template(template).render(**values)


@cache
def stylesheet() -> str:
    """The app's one stylesheet, as a `<style>` element (built once per process)."""
    css = (
        environment()
        .get_template("usmx.css.j2")
        .render(
            record_colors=RECORD_COLORS,
            status_colors={status.value: color for status, color in STATUS_COLORS.items()},
        )
    )
    return f"<style>{css}</style>"
