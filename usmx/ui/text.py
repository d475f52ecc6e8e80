"""Putting text that is not ours (dataset strings, URL values) into Streamlit's markdown."""

from __future__ import annotations

import re

# Everything CommonMark, GitHub markdown and Streamlit's extensions ($…$ LaTeX, :colour[…],
# :material/…: icons) give a meaning to.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^])")


def escape_markdown(text: str) -> str:
    """`text` shown literally by st.markdown / st.caption / st.warning."""
    return _MARKDOWN.sub(r"\\\1", text)


def code_span(text: str) -> str:
    """`text` as an inline code span: shown literally, never linked (GFM autolinks URLs in
    plain text even when escaped)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
