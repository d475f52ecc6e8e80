"""Cold-start baseline for `python -m bench` (section cold): the smallest Streamlit app, one line."""

import streamlit as st

st.write("bare app")
