"""The real app and a real browser, started the same way by the tests, the bench and scripts.

`harness.server`: `streamlit run dashboard.py` on a free loopback port, healthy before use,
stopped with its whole process group. `harness.browser`: Debian's Chromium through Playwright,
and waits on the app's own signals (script state, status widget, charts drawn), sized for a
loaded 2-core CI machine. Neither imports pytest: tests/browser.py adds the pytest parts.
"""
