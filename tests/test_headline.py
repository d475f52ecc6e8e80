"""usmx.headline: the overview's headline numbers as escaped HTML."""

from __future__ import annotations

import pytest

from usmx.headline import headline_html


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([("Events", 40)], ["<dt>Events</dt><dd>40</dd>"]),
        ([("事件", 100000)], ["<dt>事件</dt><dd>100,000</dd>"]),
        ([("<b>x</b>", 1), ("y", 0)], ["<dt>&lt;b&gt;x&lt;/b&gt;</dt><dd>1</dd>", "<dd>0</dd>"]),
    ],
)
def test_headline_html(items, expected):
    out = headline_html(items).replace("\n", "")  # the template's line breaks aside
    assert out.count("<dt>") == len(items)
    for fragment in expected:
        assert fragment in out
    assert "<b>" not in out
