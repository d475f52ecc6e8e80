"""The user's ACLED layer on the Map: hexagons counted in SQL, and the rows themselves zoomed in.

Two modes, both drawn under the article's arcs and points, in greys (context, not news of
ours):

- **hexagons** (the map's views): `AcledLayer.hex_bins` counts the filtered rows per
  hexagon in SQL; here each hexagon becomes one polygon, darker the more events it holds
  (square-root scale), with a tooltip. Corners are computed in the same equirectangular projection
  as the bins (usmx.acled_query), so the hexagons tile exactly. One row per hexagon, never
  per event: 100,000 rows over Mexico are about 1,300 hexagons of 25 km.
- **points** (a click on a hexagon zooms in there, `Zoom`): `AcledLayer.locations` gives
  the places inside a box around the hexagon where ACLED puts events (it geocodes many to
  the same town, so one dot per event would hide all but one under the others), each with
  its events counted, sized by them, with the newest one in the tooltip; busiest first, at
  most MAX_MAP_POINTS. Tooltips are built column by column (pandas), not row by row.

Streamlit's deck reports clicks, not the zoom: so the server decides the mode (the reader's
click on a hexagon, or "back to hexagons"), and moves the map there itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk

from usmx.acled_query import KM_PER_DEG_LAT, KM_PER_DEG_LON
from usmx.i18n import count, t
from usmx.maps import style as S
from usmx.maps.deck import literal

HEX_LAYER, POINT_LAYER = "acled-hex", "acled-points"
HEX_KM = {"border": 25.0, "wide": 50.0}  # hexagon size (centre to corner) per map view
ZOOM = 7.5  # the zoomed-in view a click on a hexagon opens
BOX_HALF_DEG = (2.6, 1.6)  # half the box of points around it: a bit more than ~1000x620 px
MAX_MAP_POINTS = 5_000  # newest first; the caption says when more are in the box


@dataclass(frozen=True)
class Zoom:
    """The map zoomed in on a point (a clicked hexagon's centre): ACLED rows drawn as points."""

    lon: float
    lat: float

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the box whose rows are drawn."""
        dx, dy = BOX_HALF_DEG
        return (self.lon - dx, self.lat - dy, self.lon + dx, self.lat + dy)

    def view(self) -> dict[str, float]:
        return {"latitude": round(self.lat, 4), "longitude": round(self.lon, 4), "zoom": ZOOM}

    @classmethod
    def from_selection(cls, selection: Mapping[str, Any]) -> Zoom | None:
        """The hexagon a click picked (a pydeck selection state), or None."""
        objects = (selection.get("objects") or {}).get(HEX_LAYER) or []
        obj = objects[0] if objects and isinstance(objects[0], Mapping) else None
        try:
            return cls(float(obj["lon"]), float(obj["lat"])) if obj else None
        except (KeyError, TypeError, ValueError):
            return None


def hex_size(view: str) -> float:
    return HEX_KM.get(view, HEX_KM["border"])


def corner_offsets(size_km: float) -> np.ndarray:
    """The six corners of a pointy-top hexagon of `size_km`, as (dlon, dlat) degrees."""
    angles = np.radians(60 * np.arange(6) - 30)
    return np.column_stack(
        (size_km * np.cos(angles) / KM_PER_DEG_LON, size_km * np.sin(angles) / KM_PER_DEG_LAT)
    )


def shade(events: np.ndarray, most: int) -> list[list[int]]:
    """Fill colours from light (few events) to dark (`most`), by the square root of the
    share: a hexagon with a quarter of the most events is half as dark."""
    share = np.sqrt(events / max(most, 1))
    light, dark = np.array(S.ACLED_HEX_LIGHT), np.array(S.ACLED_HEX_DARK)
    colors = light + np.outer(share, dark - light)
    return np.rint(colors).astype(int).tolist()


def _dates(first: pd.Series, last: pd.Series) -> pd.Series:
    a = pd.to_datetime(first).dt.strftime("%Y-%m-%d")
    b = pd.to_datetime(last).dt.strftime("%Y-%m-%d")
    return a.where(a == b, a + " – " + b)


def _counted(values: pd.Series, noun: str, lang: str) -> pd.Series:
    """`count(noun, n)` for a column of counts: each distinct value formatted once."""
    ints = values.fillna(0).astype("int64")
    return ints.map({n: count(noun, int(n), lang) for n in ints.unique()})


def _tally(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Each row's tooltip lines of counts and dates: "12 events, 3 fatalities\n2025-01 – …"."""
    return (
        _counted(frame["events"], "events", lang)
        + ", "
        + _counted(frame["fatalities"], "fatalities", lang)
        + "\n"
        + _dates(frame["first_day"], frame["last_day"])
    )


def hex_rows(frame: pd.DataFrame, size_km: float, lang: str) -> list[dict[str, Any]]:
    """One polygon per hexagon of `AcledLayer.hex_bins`: corners, fill, centre and tooltip."""
    if frame.empty:
        return []
    lon, lat = frame["longitude"].to_numpy(), frame["latitude"].to_numpy()
    corners = corner_offsets(size_km)
    polygons = np.round(np.stack((lon, lat), axis=1)[:, None, :] + corners[None, :, :], 4)
    events = frame["events"].to_numpy()
    head = t("map.acled.tooltip", lang)
    tips = head + "\n" + _tally(frame, lang) + "\n" + t("map.acled.zoom_hint", lang)
    out = pd.DataFrame(
        {
            "polygon": polygons.tolist(),
            "fill": shade(events, int(events.max())),
            "lon": np.round(lon, 4),
            "lat": np.round(lat, 4),
            "tooltip": tips,
        }
    )
    return out.to_dict("records")


def point_rows(frame: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """One dot per row of `AcledLayer.locations`, sized by its events, with a tooltip."""
    if frame.empty:
        return []
    text = frame[["location", "admin1", "newest_type", "newest_actors"]].fillna("").astype(str)
    where = text["location"].where(text["admin1"] == "", text["location"] + ", " + text["admin1"])
    tips = (
        t("map.acled.tooltip", lang)
        + "\n"
        + where
        + "\n"
        + _tally(frame, lang)
        + "\n"
        + t("map.acled.newest", lang)
        + pd.to_datetime(frame["newest_day"]).dt.strftime("%Y-%m-%d")
        + "  "
        + text["newest_type"]
        + "\n"
        + text["newest_actors"]
    )
    events = frame["events"].to_numpy()
    radius = S.ACLED_POINT_PX + np.sqrt(events / max(int(events.max()), 1)) * S.ACLED_POINT_GROW_PX
    out = pd.DataFrame(
        {
            "lon": frame["longitude"].round(4),
            "lat": frame["latitude"].round(4),
            "radius": np.round(radius, 1),
            "tooltip": tips,
        }
    )
    return out.to_dict("records")


def hex_layer(rows: list[dict[str, Any]]) -> pdk.Layer:
    # Unstroked: outlines are drawn as paths, which software WebGL draws slowly (bench/map.md).
    return pdk.Layer(
        "PolygonLayer",
        id=HEX_LAYER,
        data=rows,
        get_polygon="polygon",
        get_fill_color="fill",
        stroked=False,
        filled=True,
        pickable=True,
    )


def point_layer(rows: list[dict[str, Any]]) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        id=POINT_LAYER,
        data=rows,
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units=literal("pixels"),
        get_fill_color=S.ACLED_POINT_FILL,
        get_line_color=S.ACLED_POINT_LINE,
        stroked=True,
        line_width_units=literal("pixels"),
        get_line_width=1,
        pickable=True,
    )
