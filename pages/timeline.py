"""Timeline page: the filtered events, labelled, for a window of days under an overview strip
of all time; one event's card; two breakdowns."""

from __future__ import annotations

import streamlit as st

from usmx.charts.timeline import LANES
from usmx.export_csv import EVENT_COLUMNS, events_to_rows, rows_to_csv_bytes
from usmx.export_json import records_to_json, to_json_bytes
from usmx.filenames import export_filename
from usmx.ui import acled_overlay, context
from usmx.ui.charts import show_count_chart, subset_for
from usmx.ui.event_card import event_picker
from usmx.ui.timeline import focus_control, show_timeline

ctx = context.current()
ds, lang, f = ctx.ds, ctx.lang, ctx.filters
st.title(ctx.t("page.timeline"))
events = f.events(ds)
context.filter_caption(ctx, len(events))
tables = subset_for(ctx, (e.id for e in events))

controls = st.container(horizontal=True, vertical_alignment="bottom", key="timeline_controls")
lanes = controls.segmented_control(
    ctx.t("timeline.lanes"),
    LANES,
    format_func=lambda v: ctx.t(f"timeline.lanes.{v}"),
    default="country",
    required=True,
    key="timeline_lanes",
)
focus = focus_control(ctx, tables, controls)
layer = acled_overlay.toggle(ctx, "timeline_acled", controls)
band = acled_overlay.timeline_band(ctx, layer, focus) if layer else None
show_timeline(ctx, tables, lanes=lanes, focus=focus, below=band)

event_picker(ctx, tables, key="timeline_event")

left, right = st.columns(2)
with left:
    show_count_chart("events_by_type", ctx, tables, key="events_by_type_chart")
with right:
    show_count_chart("actor_involvement", ctx, tables, key="actor_involvement_chart")

st.subheader(ctx.t("timeline.data_header"))
row = st.container(horizontal=True, key="timeline_downloads")
for fmt, data, mime in (
    ("csv", lambda: rows_to_csv_bytes(events_to_rows(events, ds), EVENT_COLUMNS), "text/csv"),
    ("json", lambda: to_json_bytes(records_to_json(events)), "application/json"),
):
    row.download_button(
        ctx.t(f"timeline.download_{fmt}"),
        data=data,
        file_name=export_filename("events", f, lang, fmt),
        mime=mime,
        key=f"dl_events_{fmt}",
        on_click="ignore",
        icon=":material/download:",
    )
