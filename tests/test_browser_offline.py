"""Offline and private: no page sends a request to any host but the app's own (issue 8, bug 2).

Every path the app names (the page registry, `/` and `/overview`) is opened in both languages
in a fresh browser session; every request the page sends (`request` events of its context, so
images, scripts, fonts, the favicon and anything a chart or the map loads) and every WebSocket
it opens is recorded until the page is fully drawn (every plotly chart's SVG, the map's canvas,
every image) and the network is idle. Any host other than the server's fails the test, naming
the URL. The basemap, which does fetch tiles, stays off unless the user turns it on.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser import WAIT_MS, app_errors, named_paths, wait_drawn

pytestmark = pytest.mark.browser

LANGS = {"zh-Hant": "", "en": "lang=en"}  # zh-Hant is the default: no parameter
# URLs that name no host: inline data, objects made in the page, blank frames.
HOSTLESS = {"data", "blob", "about"}
# What each page must have drawn before its requests are judged: the elements whose renderers
# would fetch something (plotly's fonts, deck.gl's tiles) must have run.
DRAWS = {
    "timeline": '[data-testid="stPlotlyChart"] .main-svg',
    "map": '[data-testid="stDeckGlJsonChart"] canvas',
}


def foreign(urls: list[str], own: str) -> list[str]:
    """The URLs of `urls` that go anywhere but `own` (host:port)."""
    out = []
    for url in urls:
        parts = urlparse(url)
        if parts.scheme in HOSTLESS:
            continue
        if parts.netloc != own:
            out.append(url)
    return out


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("http://127.0.0.1:8501/static/x.js", "ws://127.0.0.1:8501/_stcore/stream", []),
        ("data:image/svg+xml,<svg/>", "blob:http://127.0.0.1:8501/1", []),
        ("https://fonts.gstatic.com/s/i/x/24px.svg", "http://127.0.0.1:9999/", ["fonts", "9999"]),
    ],
)
def test_foreign_names_other_hosts_only(a, b, expected):
    found = foreign([a, b], "127.0.0.1:8501")
    assert len(found) == len(expected)
    assert all(part in url for part, url in zip(expected, found, strict=True))


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("path", named_paths())
def test_page_sends_no_request_beyond_the_app(browser, server, path, lang):
    own = urlparse(server.url).netloc
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    sent: list[str] = []
    context.on("request", lambda request: sent.append(request.url))
    try:
        page = context.new_page()
        page.on("websocket", lambda ws: sent.append(ws.url))
        query = LANGS[lang]
        page.goto(f"{server.url}/{path}{'?' + query if query else ''}")
        if path in DRAWS:  # the app's own signal that the chart or map was drawn
            page.locator(DRAWS[path]).first.wait_for(state="attached", timeout=WAIT_MS)
        wait_drawn(page)
        page.wait_for_load_state("networkidle")
        assert app_errors(page) == []
        assert any(urlparse(url).path.startswith("/_stcore/stream") for url in sent), sent
        beyond = foreign(sent, own)
        assert beyond == [], f"/{path} ({lang}) sent requests beyond {own}: {beyond}"
    finally:
        context.close()
