"""The Map: where the filtered events happened, drawn offline with pydeck from our own boundaries.

Pure (pydeck and pandas, no Streamlit): the page, the CLI, the benchmark and the tests build the
same map. One module per concept:

- `points`: `PlacePoint`, one per place with filtered events, sized by their number; grid cells
  past MAX_POINTS places.
- `arcs`: `Arc`, an action across a border, from the initiator's country to the event's place.
- `labels`: place and state names that never overlap (placed in Python, tested with boxes).
- `boundaries`: the land and its outlines, served once as static files (static/geo/).
- `deck`: the pydeck Deck of the Map page (`build_deck`) and the layers it is made of.
- `event_map`: one event on a small map (`event_deck`), for a story step.
- `selection`: what a click picked (`Pick`) and the events there.
- `legend`, `places_table`: the map in words, the places as a table and as downloads.
- `style`, `inputs`: how it looks; what it reads.

The names below are the package's public face; import them from `usmx.maps`.
"""

from usmx.maps.arcs import Arc, arc_slots, arc_width, cross_border_arcs, place_country
from usmx.maps.deck import build_deck
from usmx.maps.event_map import event_deck, fit_view
from usmx.maps.inputs import format_date
from usmx.maps.labels import declutter, visible_bounds
from usmx.maps.legend import alt_text, legend_html
from usmx.maps.places_table import places_csv_bytes, places_geojson_bytes, places_table_html
from usmx.maps.points import (
    MAX_POINTS,
    PlacePoint,
    aggregate_points,
    aggregation_cell,
    place_points,
    point_radius,
    point_slots,
)
from usmx.maps.selection import Pick, Picked, describe, pick_from_selection
from usmx.maps.style import VIEWS

__all__ = [
    "MAX_POINTS",
    "VIEWS",
    "Arc",
    "Pick",
    "Picked",
    "PlacePoint",
    "aggregate_points",
    "aggregation_cell",
    "alt_text",
    "arc_slots",
    "arc_width",
    "build_deck",
    "cross_border_arcs",
    "declutter",
    "describe",
    "event_deck",
    "fit_view",
    "format_date",
    "legend_html",
    "pick_from_selection",
    "place_country",
    "place_points",
    "places_csv_bytes",
    "places_geojson_bytes",
    "places_table_html",
    "point_radius",
    "point_slots",
    "visible_bounds",
]
