"""The Streamlit layer: the only part of usmx (with dashboard.py and pages/) that imports it."""
