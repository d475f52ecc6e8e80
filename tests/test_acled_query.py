"""usmx.acled_query beyond the import's tests (tests/test_acled_import.py): the place filter,
the sidebar's filter as the layer's (`filter_for`), answers cached per layer and filter, and
events grouped by location for a zoomed-in map. On the made-up fixture."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from usmx.acled_import import import_acled
from usmx.acled_places import names_for
from usmx.acled_query import CACHE_ENTRIES, NO_MATCH, AcledFilter, AcledLayer, filter_for
from usmx.filters import Filters
from usmx.model import Dataset

FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "made_up_acled.csv"
ROWS = list(csv.DictReader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))


def rows_where(keep) -> int:
    return sum(1 for r in ROWS if keep(r))


@pytest.mark.parametrize(
    ("filt", "keep"),
    [
        (AcledFilter(place_admin1=names_for("MX-SIN")), lambda r: r["admin1"] == "Sinaloa"),
        # Our gazetteer writes Michoacán; the file writes Michoacan: folded, they match.
        (AcledFilter(place_admin1=names_for("MX-MIC")), lambda r: r["admin1"] == "Michoacan"),
        (AcledFilter(place_admin1=names_for("MX-DIF")), lambda r: r["admin1"] == "Mexico City"),
        (AcledFilter(place_countries=names_for("MX")), lambda r: r["country"] == "Mexico"),
        (AcledFilter(place_countries=names_for("US")), lambda r: False),
        # A state OR a country: the rows of either.
        (AcledFilter(place_admin1=names_for("US-TX"), place_countries=names_for("MX")),
         lambda r: r["country"] == "Mexico"),
        (AcledFilter(place_admin1=NO_MATCH), lambda r: False),
        (AcledFilter(place_admin1=names_for("MX-SIN"), date_from=dt.date(2026, 1, 1)),
         lambda r: r["admin1"] == "Sinaloa" and r["event_date"] >= "2026-01-01"),
    ],
)  # fmt: skip
def test_place_filters(acled_layer: AcledLayer, filt: AcledFilter, keep):
    assert acled_layer.count(filt) == rows_where(keep)
    page = acled_layer.page(filt, limit=100)
    assert "admin1_key" not in page.columns
    assert "country_key" not in page.columns


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        (Filters(), lambda r: True),
        (Filters(places=("sinaloa",)), lambda r: r["admin1"] == "Sinaloa"),
        (Filters(places=("sinaloa", "mexico")), lambda r: True),  # every fixture row is Mexico
        (Filters(places=("us_mexico_border",)), lambda r: False),  # no ACLED equivalent
        (Filters(actors=("sinaloa_cartel",)),
         lambda r: "Sinaloa Cartel" in (r["actor1"], r["actor2"])),
        (Filters(actors=("sinaloa_cartel",), places=("sinaloa",)),
         lambda r: "Sinaloa Cartel" in (r["actor1"], r["actor2"]) and r["admin1"] == "Sinaloa"),
        (Filters(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 12)),
         lambda r: "2026-01-01" <= r["event_date"] <= "2026-01-12"),
        # Event types and statuses are our taxonomy: they leave the layer as it is.
        (Filters(event_types=("diplomacy",), statuses=("refused",)), lambda r: True),
    ],
)  # fmt: skip
def test_filter_for(ds: Dataset, acled_layer: AcledLayer, filters: Filters, keep):
    assert acled_layer.count(filter_for(filters, ds)) == rows_where(keep)


def test_cached_answers_once_per_filter(acled_layer: AcledLayer, monkeypatch: pytest.MonkeyPatch):
    calls: list[AcledFilter] = []
    real = acled_layer.counts_by_period

    def counting(f: AcledFilter, unit: str = "month"):
        calls.append(f)
        return real(f, unit=unit)

    monkeypatch.setattr(acled_layer, "counts_by_period", counting)
    sinaloa = AcledFilter(place_admin1=("sinaloa",))
    first = acled_layer.cached("counts_by_period", sinaloa, unit="day")
    again = acled_layer.cached(
        "counts_by_period", AcledFilter(place_admin1=("sinaloa",)), unit="day"
    )
    assert again is first
    assert len(calls) == 1
    acled_layer.cached("counts_by_period", sinaloa, unit="week")  # other options: asked again
    acled_layer.cached("counts_by_period", AcledFilter(), unit="day")  # another filter: again
    assert len(calls) == 3
    assert int(first["events"].sum()) == rows_where(lambda r: r["admin1"] == "Sinaloa")


def test_cache_keeps_the_last_answers(acled_layer: AcledLayer):
    for day in range(CACHE_ENTRIES + 5):
        acled_layer.cached("count", AcledFilter(date_from=dt.date(2025, 1, 1) + dt.timedelta(day)))
    assert len(acled_layer._answers) == CACHE_ENTRIES


def test_each_import_is_a_new_version(tmp_path: Path):
    import_acled(FIXTURE, tmp_path)
    first = AcledLayer.open(tmp_path)
    import_acled(FIXTURE, tmp_path)
    second = AcledLayer.open(tmp_path)
    assert first is not None
    assert second is not None
    assert first.version != second.version  # a new file: caches keyed on it start afresh
    assert first.source_name == second.source_name == FIXTURE.name


def test_locations_group_events_by_place(acled_layer: AcledLayer):
    frame = acled_layer.locations()
    expected: dict[str, int] = {}
    for r in ROWS:
        expected[r["location"]] = expected.get(r["location"], 0) + 1
    assert dict(zip(frame["location"], frame["events"].astype(int), strict=True)) == expected
    assert list(frame["events"]) == sorted(frame["events"], reverse=True)
    assert int(frame["fatalities"].sum()) == sum(int(r["fatalities"]) for r in ROWS)
    newest = max((r for r in ROWS if r["location"] == "Culiacan"), key=lambda r: r["event_date"])
    culiacan = frame[frame["location"] == "Culiacan"].iloc[0]
    assert culiacan["newest_type"] == f"{newest['event_type']} / {newest['sub_event_type']}"
    actors = " — ".join(a for a in (newest["actor1"], newest["actor2"]) if a)
    assert culiacan["newest_actors"] == actors


def test_locations_in_a_box_and_capped(acled_layer: AcledLayer):
    box = AcledFilter(bbox=(-108.0, 24.0, -107.0, 25.0))
    frame = acled_layer.locations(box)
    assert frame["longitude"].between(-108, -107).all()
    assert frame["latitude"].between(24, 25).all()
    assert len(acled_layer.locations(limit=2)) == 2
