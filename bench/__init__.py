"""The benchmark behind `make bench` (`python -m bench`): the real app, measured.

A real `streamlit run` server on 127.0.0.1 and headless Debian Chromium through Playwright
(both from harness/). Built-in sections live in bench/sections/ (one module per measurement:
it measures, then renders its part of bench/results.md and its goals); scripts that write a
markdown section of their own (bench/extraction.py …) are listed in bench/script_sections.py.
See bench/README.md for what is measured and how to add a section.
"""
