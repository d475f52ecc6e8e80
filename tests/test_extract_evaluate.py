"""The honest measurement on the real article: goals met, reference read from the dataset."""

from __future__ import annotations

import pytest

from usmx.dataset import DATA_DIR
from usmx.extract.evaluate import GOALS, Report, evaluate
from usmx.extract.reference import fair_dataset, gold_dates, gold_quotes
from usmx.model import Dataset

TRANSLATION = DATA_DIR / "source" / "article.en.json"


@pytest.fixture(scope="module")
def report(ds: Dataset) -> Report:
    return evaluate(ds, TRANSLATION)


@pytest.mark.parametrize("goal", sorted(GOALS))
def test_article_meets_the_goals(report: Report, goal: str) -> None:
    score = report.zh.figures[goal]
    assert score.rate >= GOALS[goal], (goal, score, report.zh.misses)


# The English translation is scored per paragraph against the Chinese curated records; its
# actor figure stays under the goal for reasons listed in bench/extraction.md (the translation
# writes "Mexico" for 墨方, "Mexican civilian police" for 墨西哥民警). These floors catch
# regressions without pretending the goal is met.
EN_FLOORS = {**GOALS, "actor_recall": 0.9}


@pytest.mark.parametrize("goal", sorted(EN_FLOORS))
def test_translation_holds_its_level(report: Report, goal: str) -> None:
    assert report.en is not None
    assert report.en.figures[goal].rate >= EN_FLOORS[goal], report.en.misses


def test_the_fair_actor_list_has_no_alias_from_the_article(ds: Dataset) -> None:
    fair = fair_dataset(ds, ds.article)
    for actor in fair.actors:
        for alias in actor.aliases:
            assert alias not in ds.article
        original = ds.actor(actor.id)
        assert (actor.name_zh, actor.name_en) == (original.name_zh, original.name_en)
    assert fair.events == [] and fair.quotes == [] and fair.places == []  # noqa: PT018


def test_reference_is_computed_from_the_dataset(ds: Dataset) -> None:
    assert len(gold_quotes(ds)) == len(ds.quotes)
    quote = ds.quotes[0]
    changed = ds.model_copy(
        update={"quotes": [quote.model_copy(update={"speaker_id": "cia"}), *ds.quotes[1:]]}
    )
    assert gold_quotes(changed)[0].speaker_id == "cia"
    assert (
        evaluate(changed).zh.figures["quote_speakers"].hit
        < evaluate(ds).zh.figures["quote_speakers"].hit
    )
    # Every curated dated record whose date_text is a date expression is in the reference.
    expressions = {g.text for g in gold_dates(ds) if g.is_expression}
    assert {"上週", "去年", "本月晚些時候", "過去三十年裏"} <= expressions
