"""AppTest of the Claims page: the cards of the filtered claims, the page's own search,
claimant, figure and sort controls, and the downloads, in both languages."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from usmx import claims as C
from usmx.dataset import load_dataset
from usmx.i18n import t

DS = load_dataset()
ALL = len(DS.claims)


def claims_page(**query: str | list[str]) -> AppTest:
    at = run_app("pages/claims.py", **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_ids(at: AppTest) -> list[str]:
    cards = "".join(h.value for h in at.get("html") if 'class="usmx-claims"' in h.value)
    return re.findall(r'id="claim-([a-z0-9_]+)"', cards)


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_every_claim_as_a_card_with_its_words_and_context(lang):
    at = claims_page(lang=lang)
    assert at.title[0].value == t("claims.title", lang)
    assert sorted(shown_ids(at)) == sorted(c.id for c in DS.claims)
    assert any(t("claims.caption", lang, shown=ALL, total=ALL) == c.value for c in at.caption)
    [cards] = [h.value for h in at.get("html") if 'class="usmx-claims"' in h.value]
    assert t("claims.context", lang) in cards
    # The 97% claim is shown with what the article says against it, linked to the source.
    sea = cards[cards.index('id="claim-c_97_percent_sea_drugs"') :]
    sea = sea[: sea.index("</li>")]
    assert "<mark>我們已經清除了97%通過水路運輸的毒品</mark>" in sea
    assert "<mark>大多數毒品實際上是通過美墨邊境走私進入美國</mark>" in sea
    assert "profile=trump" in sea
    assert "event=trump_warns_mexico" in sea
    assert sea.count("span=") == 2
    assert {"dl_claims_csv", "dl_claims_json"} <= {b.key for b in at.get("download_button")}


def test_sidebar_filter_applies():
    at = claims_page(lang="en", actor="trump")
    assert sorted(shown_ids(at)) == ["c_97_percent_sea_drugs", "c_trump_land_strikes"]


@pytest.mark.parametrize(
    ("control", "value", "expected"),
    [
        ("claims_q", "水路", {"c_97_percent_sea_drugs", "c_most_drugs_via_border"}),
        ("claims_q", "no such words", set()),
        ("claims_claimants", ["garcia_harfuch"], None),
        ("claims_claimants", [C.UNATTRIBUTED], None),
        ("claims_figure", True, None),
    ],
)
def test_page_controls_narrow_the_cards(control, value, expected):
    at = claims_page(lang="en")
    rows = C.claim_rows(DS)
    if control == "claims_q":
        at.text_input(key=control).input(value).run()
    elif control == "claims_claimants":
        at.multiselect(key=control).set_value(value).run()
        expected = {r.id for r in C.filter_rows(rows, claimants=value)}
    else:
        at.toggle(key=control).set_value(value).run()
        expected = {r.id for r in rows if r.value is not None or r.value_text}
    assert set(shown_ids(at)) == expected
    assert 0 < len(expected) < ALL or not expected
    if not expected:
        assert any(t("empty.no_match", "en") in i.value for i in at.info)


def test_sort_by_figure_descending():
    at = claims_page(lang="zh-Hant")
    at.selectbox(key="claims_sort").set_value("value").run()
    at.toggle(key="claims_desc").set_value(True).run()
    values = {r.id: r.value for r in C.claim_rows(DS)}
    shown = [values[i] for i in shown_ids(at)]
    numbers = [v for v in shown if v is not None]
    assert numbers == sorted(numbers, reverse=True)
    assert shown[: len(numbers)] == numbers  # claims without a figure come last
