"""Cold-start baseline for bench/run.py: the smallest Streamlit app, which writes one line."""

import streamlit as st

st.write("bare app")
