"""Putting text that is not ours (dataset strings, URL values) into Streamlit's markdown."""

from __future__ import annotations

import re

# Everything CommonMark, GitHub markdown and Streamlit's extensions ($…$ LaTeX, :colour[…],
# :material/…: icons) give a meaning to.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^])")


def escape_markdown(text: str) -> str:
    """`text` shown literally by st.markdown / st.caption / st.warning."""
    return _MARKDOWN.sub(r"\\\1", text)
