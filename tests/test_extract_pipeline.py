"""End to end on the made-up fixtures (tests/fixtures/extract_zh.txt, extract_en.txt)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.fixtures.extract_actors import made_up_dataset
from usmx.dataset import find_span
from usmx.extract import extract
from usmx.model import Dataset, Evidence

FIXTURES = Path(__file__).parent / "fixtures"
PUBLISHED = dt.date(2026, 2, 4)


@pytest.fixture(scope="module", params=[("extract_zh.txt", "zh-Hant"), ("extract_en.txt", "en")])
def run(request: pytest.FixtureRequest, ds: Dataset):
    name, language = request.param
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert "MADE-UP TEST FIXTURE" in text.splitlines()[0]
    return (
        text,
        language,
        extract(text, published=PUBLISHED, language=language, dataset=made_up_dataset(ds)),
    )


def test_every_selector_resolves_to_its_span(run) -> None:
    text, _, doc = run
    for c in doc.candidates:
        sel = c.selector
        starts = find_span(text, Evidence(exact=sel.exact, prefix=sel.prefix, suffix=sel.suffix))
        assert starts == [c.start], c


def test_dateline_anchors_the_relative_dates(run) -> None:
    _, _, doc = run
    assert doc.source.dateline == dt.date(2026, 2, 3)
    relative = {d.selector.exact.lower(): d.edtf for d in doc.of_kind("date")}
    assert relative.get("今天", relative.get("today")) == "2026-02-03"
    assert relative.get("昨天", relative.get("yesterday")) == "2026-02-02"
    assert relative.get("上週", relative.get("last week")) == "2026-01-26/2026-02-01"


def test_fixture_findings(run) -> None:
    _, language, doc = run
    places = {p.place_id: p.precision for p in doc.of_kind("place")}
    assert places["geonames:4012176"] == "exact"  # Culiacán
    quotes = [(q.quote_kind.value, q.speaker_id) for q in doc.of_kind("quote")]
    actors = {m.actor_id for m in doc.of_kind("actor_mention")}
    assert {"ruiz", "harbor_cartel", "state_police", "mexico_government", "us_military"} <= actors
    if language == "zh-Hant":
        assert quotes == [
            ("direct", "new:rodrigo_alvarez"),
            ("term", "ruiz"),
            ("direct", "ruiz"),
        ]
        assert {(a.alias, a.actor_id) for a in doc.of_kind("new_alias")} == {
            ("盧伊斯", "ruiz"),
            ("路易斯", "ruiz"),
        }
        [new] = doc.of_kind("new_actor")
        assert (new.name_zh, new.name_latin, new.role_text) == (
            "阿爾瓦雷斯",
            "Rodrigo Álvarez",
            "部長",
        )
        assert places["US-TX"] == "region"  # 德州
    else:
        # Álvarez is introduced without a gloss: nobody to attribute the first quote to.
        assert quotes == [("direct", None), ("term", "ruiz"), ("direct", "ruiz")]
        assert places["US-TX"] == "region"
        assert (
            sum(p.place_id == "geonames:4738214" for p in doc.of_kind("place")) == 1
        )  # Tyler, Texas only


def test_extract_rejects_an_unknown_language(ds: Dataset) -> None:
    with pytest.raises(ValueError, match="language must be one of"):
        extract("text", published=PUBLISHED, language="fr", dataset=ds)
