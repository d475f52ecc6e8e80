"""The ACLED page's sections: the stored layer, the editor's upload, our events in ACLED's layout.

The layer is opened once per version of its Parquet file (size and modification time are the
cache key), shared by sessions and only read. The upload is an editor action, shown only when
`usmx.settings.uploads_allowed()`; it goes through `usmx.acled_upload` (size first, then every
check of the import, the old layer kept unless the new one is complete). Problems are shown
as code: they quote the user's file, which must not be read as markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from usmx import acled_upload, settings
from usmx.acled_codebook import COLUMNS
from usmx.acled_export import SKIPPED_COLUMNS, acled_rows
from usmx.acled_import import AcledImportError, data_dir, layer_path
from usmx.acled_match import all_actor_keys
from usmx.acled_query import AcledLayer, filter_for
from usmx.export_csv import rows_to_csv_bytes
from usmx.filenames import export_filename
from usmx.i18n import count, name
from usmx.locale import join, number
from usmx.ui.context import PageContext
from usmx.ui.text import escape_markdown

_IMPORTED = "_usmx_acled_imported"  # the last import's message, shown after the rerun


@st.cache_resource(show_spinner=False, max_entries=1)
def _open(path: str, stamp: tuple[int, int]) -> AcledLayer:
    # `stamp` (size, mtime) is the key: a new import opens the new file; one entry, so the
    # previous layer's in-memory table is dropped.
    from pathlib import Path

    return AcledLayer(Path(path))


def current_layer() -> AcledLayer | None:
    """The stored layer, or None when nothing has been imported."""
    path = layer_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _open(str(path), (stat.st_size, stat.st_mtime_ns))


def terms_note(ctx: PageContext) -> None:
    st.info(ctx.t("acled.terms"), icon=":material/gavel:")


def _frame(frame: pd.DataFrame, ctx: PageContext) -> pd.DataFrame:
    return frame.rename(
        columns={c: ctx.t(f"acled.col.{c}") for c in ("value", "events", "fatalities")}
    )


def summary(ctx: PageContext, layer: AcledLayer | None) -> None:
    """Rows, dates, states, where it came from; top states and actors; our actors in it."""
    st.subheader(ctx.t("acled.stored"))
    if layer is None:
        st.caption(ctx.t("acled.none"))
        return
    facts = layer.summary()
    cols = st.columns(4)
    cols[0].metric(ctx.t("acled.rows"), number(facts.rows, ctx.lang))
    span = ctx.t("acled.span_value", first=facts.first_day, last=facts.last_day)
    cols[1].metric(ctx.t("acled.span"), span if facts.first_day else "—")
    cols[2].metric(ctx.t("acled.states"), number(facts.states, ctx.lang))
    cols[3].metric(ctx.t("acled.file"), facts.source_file or "—", help=facts.imported_at)
    matched = filter_for(ctx.filters, ctx.ds)
    rows = count("rows", layer.count(matched), ctx.lang)
    st.caption(escape_markdown(ctx.t("acled.filtered", rows=rows)))
    left, right = st.columns(2)
    left.markdown(f"**{ctx.t('acled.top_states')}**")
    left.dataframe(_frame(facts.top_states, ctx), hide_index=True, key="acled_top_states")
    right.markdown(f"**{ctx.t('acled.top_actors')}**")
    right.dataframe(_frame(facts.top_actors, ctx), hide_index=True, key="acled_top_actors")
    ours = layer.matched_actors(all_actor_keys(ctx.ds))
    st.markdown(f"**{ctx.t('acled.ours')}**")
    if not ours:
        st.caption(ctx.t("acled.ours_none"))
        return
    table = pd.DataFrame(
        {
            ctx.t("acled.col.actor"): [name(ctx.ds.actors_by_id[a], ctx.lang) for a in ours],
            ctx.t("acled.col.events"): list(ours.values()),
        }
    )
    st.dataframe(table, hide_index=True, key="acled_ours")


def upload(ctx: PageContext) -> None:
    """The editor's upload, or a note that uploads are off on this server."""
    st.subheader(ctx.t("acled.upload_header"))
    if message := st.session_state.pop(_IMPORTED, None):
        st.success(message, icon=":material/check_circle:")
    if not settings.uploads_allowed():
        st.caption(ctx.t("acled.uploads_off"))
        return
    # Where the layer lives is for the editor, not for every reader of a shared dashboard.
    st.caption(ctx.t("acled.stored_at", path=escape_markdown(str(data_dir() / "acled"))))
    mb = acled_upload.MAX_MEGABYTES
    file = st.file_uploader(
        ctx.t("acled.upload", mb=mb), type=["csv"], max_upload_size=mb, key="acled_upload"
    )
    if file is None:
        return
    shown_name = escape_markdown(file.name)
    if acled_upload.too_big(file.size):  # Streamlit enforces it too: ours does not depend on it
        size = number(round(file.size / 2**20), ctx.lang)
        st.error(ctx.t("acled.too_big", file=shown_name, mb=size, max=mb))
        return
    # Which file the button imports (a second upload replaces the first); the tests wait for
    # it too, since it shows only once the upload has reached the server.
    kb = number(max(1, round(file.size / 1024)), ctx.lang)
    st.caption(ctx.t("acled.ready", file=file.name.replace("`", "'"), kb=kb))
    if not st.button(ctx.t("acled.import"), key="acled_import", type="primary"):
        return
    try:
        with st.spinner():
            result = acled_upload.import_upload(file.name, file.size, file)
    except AcledImportError as exc:
        st.error(ctx.t("acled.refused", file=shown_name), icon=":material/error:")
        st.code("\n".join(str(p) for p in exc.problems), language=None, wrap_lines=True)
        return
    message = ctx.t(
        "acled.imported",
        file=shown_name,
        rows=count("rows", result.rows, ctx.lang),
        seconds=f"{result.seconds:.1f}",
    )
    if result.ignored_columns:
        columns = join((escape_markdown(c) for c in result.ignored_columns), ctx.lang)
        message += " " + ctx.t("acled.ignored_columns", columns=columns)
    st.session_state[_IMPORTED] = message
    st.rerun()  # the summary above shows the new layer


def export(ctx: PageContext) -> None:
    """Our filtered events in ACLED's layout, and the report of those ACLED would not record."""
    st.subheader(ctx.t("acled.export_header"))
    events = ctx.filters.events(ctx.ds)
    rows, skipped = acled_rows(ctx.ds, events)
    st.caption(
        ctx.t("acled.export_caption", rows=len(rows), total=len(events), skipped=len(skipped))
    )
    buttons = st.container(horizontal=True, key="acled_downloads")
    buttons.download_button(
        ctx.t("acled.dl_csv"),
        data=lambda: rows_to_csv_bytes(rows, COLUMNS),
        file_name=export_filename("acled", ctx.filters, ctx.lang, "csv"),
        mime="text/csv",
        key="dl_acled_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    buttons.download_button(
        ctx.t("acled.dl_report"),
        data=lambda: rows_to_csv_bytes([vars(s) for s in skipped], SKIPPED_COLUMNS),
        file_name=export_filename("acled-skipped", ctx.filters, ctx.lang, "csv"),
        mime="text/csv",
        key="dl_acled_skipped",
        on_click="ignore",
        icon=":material/download:",
    )
