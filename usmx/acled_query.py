"""Every read of the imported ACLED layer goes through here: filters and aggregations in SQL.

`AcledLayer.open()` opens the Parquet file written by `usmx.acled_import` as a DuckDB view
(queried in place: opening takes milliseconds, and 100,000 rows answer as fast as from an
in-memory table, which held ~40 MB more per layer) and answers the questions the pages ask — how
many events, per day/week/month, per state, per event type, in hexagons for the map, the
points or their locations once zoomed in, a page of rows for a table — with the filtering and the
grouping done by DuckDB. Results are small pandas frames (one row per bin, never per event
unless a page of rows is asked for, capped by `limit`). Every value from a user reaches SQL as
a bound parameter, never as text in the query.

`AcledFilter` is the layer's side of the sidebar filter: a date range (an ACLED event has one
day, so it is kept when that day is in the range), actor keys (`usmx.acled_match.keys_for`
turns our actor ids into the names ACLED uses), places (`usmx.acled_places`: our places as
folded admin1 or country names; a row matches either), states (admin1, as written), event
types and a map box. `filter_for` builds it from the sidebar's `Filters`.

`AcledLayer.cached(method, filter, ...)` answers a query once per layer and arguments: the
layer object is opened once per version of its file (usmx.ui.acled_layer), so the cache is
per (layer version, filter) and a rerun with the same filter costs a dictionary look-up.

Hexagons (`hex_bins`) are computed in SQL: points are projected to kilometres (equirectangular
around latitude 23°N, the middle of Mexico), binned into pointy-top hexagons of the given
size with cube-coordinate rounding, and returned as their centres, so a deck.gl ColumnLayer
with six sides (or a PolygonLayer) draws them. No H3 library is needed offline.

On a shared engine: the same SQL runs unchanged on a DuckDB server process or MotherDuck, and
with standard SQL (PostgreSQL/PostGIS, Trino over the same Parquet in object storage) apart
from `list_has_any` (PostgreSQL: `actor_keys && ARRAY[...]`); see docs/acled.md.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from usmx.acled_import import layer_path
from usmx.acled_match import keys_for
from usmx.acled_places import place_keys
from usmx.filters import Filters
from usmx.model import Dataset

if TYPE_CHECKING:
    import duckdb

LAT0 = 23.0  # latitude of the equirectangular projection used for hexagons (middle of Mexico)
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320 * math.cos(math.radians(LAT0))
UNITS = ("day", "week", "month", "year")
MAX_POINTS = 20_000
MAX_PAGE = 1_000
CACHE_ENTRIES = 64  # answers kept per layer (`AcledLayer.cached`): a few filters x queries
NO_MATCH = ("\x00no ACLED name",)  # chosen actors or places ACLED has no name for: no row


@dataclass(frozen=True)
class AcledFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actor_keys: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    # Our places (usmx.acled_places): folded admin1 or country names; a row matches either.
    place_admin1: tuple[str, ...] = ()
    place_countries: tuple[str, ...] = ()

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters (TRUE when nothing is chosen)."""
        parts: list[str] = []
        params: list[Any] = []
        if self.date_from is not None:
            parts.append("event_date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            parts.append("event_date <= ?")
            params.append(self.date_to)
        if self.actor_keys:
            parts.append("list_has_any(actor_keys, ?::VARCHAR[])")
            params.append(list(self.actor_keys))
        if self.admin1:
            parts.append("list_contains(?::VARCHAR[], admin1)")
            params.append(list(self.admin1))
        if self.event_types:
            parts.append("list_contains(?::VARCHAR[], event_type)")
            params.append(list(self.event_types))
        if self.bbox is not None:
            west, south, east, north = self.bbox
            parts.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params += [west, east, south, north]
        if self.place_admin1 or self.place_countries:
            parts.append(
                "(list_contains(?::VARCHAR[], admin1_key) OR list_contains(?::VARCHAR[], "
                "country_key))"
            )
            params += [list(self.place_admin1), list(self.place_countries)]
        return (" AND ".join(parts) or "TRUE"), params


NO_FILTER = AcledFilter()


def filter_for(filters: Filters, ds: Dataset) -> AcledFilter:
    """The sidebar filter's share that applies to ACLED rows: its dates, its actors by the
    names ACLED uses for them (`usmx.acled_match`) and its places by their state or country
    (`usmx.acled_places`). Event types and statuses are our taxonomy, not ACLED's: they do
    not apply. Chosen actors or places ACLED has no name for match no row."""
    keys = keys_for(ds, filters.actors) if filters.actors else ()
    if filters.actors and not keys:
        keys = NO_MATCH
    places = place_keys(ds, filters.places)
    admin1, countries = places.admin1, places.countries
    if filters.places and not places.any:
        admin1 = NO_MATCH
    return AcledFilter(
        date_from=filters.date_from,
        date_to=filters.date_to,
        actor_keys=keys,
        place_admin1=admin1,
        place_countries=countries,
    )


@dataclass(frozen=True)
class LayerSummary:
    """What the ACLED page says about the stored layer."""

    rows: int
    first_day: dt.date | None
    last_day: dt.date | None
    states: int
    top_states: Any  # frame: value, events, fatalities
    top_actors: Any  # frame: value (actor1), events, fatalities
    source_file: str | None
    imported_at: str | None


class AcledLayer:
    """The imported layer, queried through DuckDB (thread-safe: one cursor per query)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        stat = self.path.stat()
        self.version = f"{stat.st_size}:{stat.st_mtime_ns}"  # which import this is: a cache key
        # Imported here, not at the top: the Timeline and Map import this module for their
        # layer toggle, and a server with no layer stored should not carry DuckDB (~20 MB).
        import duckdb

        self._con = duckdb.connect()
        self._con.execute("SET threads = 2")
        self._con.execute("SET enable_object_cache = true")  # the file's metadata, read once
        # A view takes no parameters: the path (the server's data folder, never a visitor's
        # input) is quoted as an SQL string. admin1 and country are folded for the place
        # filter (usmx.acled_places). A new import replaces the file (a new version, a new
        # AcledLayer): a run that began before it may read the new file for its last queries.
        quoted = str(self.path).replace("'", "''")
        self._con.execute(
            "CREATE VIEW acled AS SELECT *, lower(strip_accents(admin1)) AS admin1_key, "
            f"lower(strip_accents(country)) AS country_key FROM read_parquet('{quoted}')"
        )
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    @classmethod
    def open(cls, directory: Path | None = None) -> AcledLayer | None:
        """The layer in the data directory, or None when nothing has been imported."""
        path = layer_path(directory)
        return cls(path) if path.is_file() else None

    def close(self) -> None:
        self._con.close()

    def _run(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        with self._lock:
            cursor = self._con.cursor()
        return cursor.execute(sql, params or [])

    def _one(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...]:
        """The one row of an aggregate query."""
        row = self._run(sql, params).fetchone()
        assert row is not None  # an aggregate always gives one row
        return row

    def _frame(self, sql: str, params: list[Any]) -> Any:
        return self._run(sql, params).df()

    def cached(self, method: str, f: AcledFilter = NO_FILTER, **options: Any) -> Any:
        """`getattr(self, method)(f, **options)`, answered once per arguments (the last
        CACHE_ENTRIES kept). Shared by every session: a frame answered here must not be
        modified."""
        key = (method, f, tuple(sorted(options.items())))
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = getattr(self, method)(f, **options)  # two sessions may both compute it: fine
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > CACHE_ENTRIES:
                self._answers.popitem(last=False)
        return answer

    # --- facts about the layer ----------------------------------------------------------------

    def metadata(self) -> dict[str, str]:
        rows = self._run(
            "SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)", [str(self.path)]
        ).fetchall()
        return {k: v for k, v in rows}

    @cached_property
    def source_name(self) -> str:
        """The name of the file it was imported from ("" if not recorded)."""
        return self.metadata().get("source_file", "")

    def count(self, f: AcledFilter = NO_FILTER) -> int:
        where, params = f.where()
        return int(self._one(f"SELECT count(*) FROM acled WHERE {where}", params)[0])

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        first, last = self._one("SELECT min(event_date), max(event_date) FROM acled")
        return first, last

    def admin1_values(self) -> list[str]:
        rows = self._run(
            "SELECT admin1 FROM acled WHERE admin1 IS NOT NULL GROUP BY admin1 ORDER BY admin1"
        ).fetchall()
        return [r[0] for r in rows]

    def matched_actors(self, keys_by_actor: dict[str, tuple[str, ...]]) -> dict[str, int]:
        """For each of our actors (id -> its keys), how many rows name it; only those > 0."""
        pairs = [(actor_id, key) for actor_id, keys in keys_by_actor.items() for key in keys]
        if not pairs:
            return {}
        rows = self._run(
            "WITH ours(actor_id, key) AS (SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])) "
            "SELECT actor_id, count(DISTINCT a.event_id_cnty) FROM ours "
            "JOIN (SELECT event_id_cnty, unnest(actor_keys) AS key FROM acled) a USING (key) "
            "GROUP BY actor_id ORDER BY 2 DESC, 1",
            [[p[0] for p in pairs], [p[1] for p in pairs]],
        ).fetchall()
        return {actor_id: int(n) for actor_id, n in rows}

    def summary(self, top: int = 10) -> LayerSummary:
        """Rows, date span, number of states, the top states and actors, where it came from."""
        first, last = self.date_range()
        states = self._one("SELECT count(DISTINCT admin1) FROM acled")[0]
        meta = self.metadata()
        return LayerSummary(
            rows=self.count(),
            first_day=first,
            last_day=last,
            states=int(states),
            top_states=self.counts_by("admin1", limit=top),
            top_actors=self.counts_by("actor1", limit=top),
            source_file=meta.get("source_file"),
            imported_at=meta.get("imported_at"),
        )

    # --- aggregations -------------------------------------------------------------------------

    def counts_by_period(self, f: AcledFilter = NO_FILTER, unit: str = "month") -> Any:
        """Events and fatalities per day, week (from Monday), month or year: period, events,
        fatalities."""
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; choose one of {', '.join(UNITS)}")
        where, params = f.where()
        return self._frame(
            f"SELECT date_trunc('{unit}', event_date)::DATE AS period, count(*) AS events, "
            f"sum(fatalities)::BIGINT AS fatalities FROM acled WHERE {where} "
            "GROUP BY period ORDER BY period",
            params,
        )

    def counts_by(self, column: str, f: AcledFilter = NO_FILTER, limit: int = 50) -> Any:
        """Events and fatalities per value of `column` (admin1, event_type, sub_event_type,
        disorder_type, country, actor1), largest first."""
        allowed = ("admin1", "event_type", "sub_event_type", "disorder_type", "country", "actor1")
        if column not in allowed:
            raise ValueError(f"cannot group by {column!r}; choose one of {', '.join(allowed)}")
        where, params = f.where()
        return self._frame(
            f"SELECT {column} AS value, count(*) AS events, sum(fatalities)::BIGINT AS "
            f"fatalities FROM acled WHERE {where} GROUP BY {column} "
            "ORDER BY events DESC, value LIMIT ?",
            [*params, limit],
        )

    def hex_bins(self, f: AcledFilter = NO_FILTER, size_km: float = 25.0) -> Any:
        """Hexagons of `size_km` (centre to corner) with their events: hex_q, hex_r,
        longitude, latitude (the centre), events, fatalities, first_day, last_day."""
        if not size_km > 0:
            raise ValueError("size_km must be positive")
        where, params = f.where()
        s = float(size_km)
        sql = f"""
            WITH xy AS (
              SELECT longitude * {KM_PER_DEG_LON} AS x, latitude * {KM_PER_DEG_LAT} AS y,
                     fatalities, event_date
              FROM acled WHERE {where}),
            frac AS (
              SELECT (sqrt(3) / 3 * x - y / 3) / {s} AS q, (2.0 / 3 * y) / {s} AS r, *
              FROM xy),
            cube AS (
              SELECT q, r, -q - r AS c, round(q) AS rq, round(r) AS rr, round(-q - r) AS rc,
                     fatalities, event_date FROM frac),
            hexes AS (
              SELECT CASE WHEN abs(rq - q) > abs(rr - r) AND abs(rq - q) > abs(rc - c)
                          THEN -rr - rc ELSE rq END AS hq,
                     CASE WHEN abs(rq - q) > abs(rr - r) AND abs(rq - q) > abs(rc - c) THEN rr
                          WHEN abs(rr - r) > abs(rc - c) THEN -rq - rc ELSE rr END AS hr,
                     fatalities, event_date FROM cube)
            SELECT hq::INTEGER AS hex_q, hr::INTEGER AS hex_r,
                   {s} * sqrt(3) * (hq + hr / 2.0) / {KM_PER_DEG_LON} AS longitude,
                   {s} * 1.5 * hr / {KM_PER_DEG_LAT} AS latitude,
                   count(*) AS events, sum(fatalities)::BIGINT AS fatalities,
                   min(event_date) AS first_day, max(event_date) AS last_day
            FROM hexes GROUP BY hq, hr ORDER BY events DESC, hex_q, hex_r
        """
        return self._frame(sql, params)

    def points(self, f: AcledFilter = NO_FILTER, limit: int = MAX_POINTS) -> Any:
        """The events themselves (for a zoomed-in map), newest first, at most `limit`."""
        where, params = f.where()
        return self._frame(
            "SELECT event_id_cnty, event_date, event_type, sub_event_type, actor1, actor2, "
            "location, admin1, latitude, longitude, geo_precision, fatalities FROM acled "
            f"WHERE {where} ORDER BY event_date DESC, event_id_cnty LIMIT ?",
            [*params, min(int(limit), MAX_POINTS)],
        )

    def locations(self, f: AcledFilter = NO_FILTER, limit: int = MAX_POINTS) -> Any:
        """The events grouped by where ACLED puts them (one row per location and point: ACLED
        geocodes many events to the same town), busiest first, at most `limit`: location,
        admin1, longitude, latitude, events, fatalities, first_day, last_day, and the newest
        event's day, type and actors (newest_day, newest_type, newest_actors)."""
        where, params = f.where()
        return self._frame(
            "SELECT location, admin1, longitude, latitude, count(*) AS events, "
            "sum(fatalities)::BIGINT AS fatalities, min(event_date) AS first_day, "
            "max(event_date) AS last_day, max(event_date) AS newest_day, "
            "arg_max(concat_ws(' / ', event_type, sub_event_type), "
            "(event_date, event_id_cnty)) AS newest_type, "
            "arg_max(concat_ws(' — ', actor1, nullif(actor2, '')), "
            "(event_date, event_id_cnty)) AS newest_actors "
            f"FROM acled WHERE {where} GROUP BY location, admin1, longitude, latitude "
            "ORDER BY events DESC, location LIMIT ?",
            [*params, min(int(limit), MAX_POINTS)],
        )

    def page(self, f: AcledFilter = NO_FILTER, *, limit: int = 100, offset: int = 0) -> Any:
        """One page of whole rows for a table (without the internal key columns)."""
        where, params = f.where()
        return self._frame(
            f"SELECT * EXCLUDE (actor_keys, admin1_key, country_key) FROM acled WHERE {where} "
            "ORDER BY event_date DESC, event_id_cnty LIMIT ? OFFSET ?",
            [*params, min(int(limit), MAX_PAGE), max(int(offset), 0)],
        )
