"""Streamlit pieces of the Map page that are more than one call: the legend."""

from __future__ import annotations

import streamlit as st

from usmx import maps


def legend(lang: str) -> None:
    """The map's legend: point colours and sizes, arcs, the border line and Sinaloa."""
    st.html(maps.legend_html(lang))
