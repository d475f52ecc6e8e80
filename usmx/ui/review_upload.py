"""The Review page's upload: a report (.txt) with its publication date, outlet, language and
what it relays, checked by usmx.intake, then stored and run through the extraction assistant.

The size is capped twice: by the widget (the browser refuses a larger file) and by our own
check (`usmx.intake.check_text`), which does not rely on the widget. Every problem is one
message in the reviewer's language; on any problem nothing is written. The form keeps what
the reviewer typed, so a refused upload is fixed, not retyped.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import streamlit as st

from usmx import intake
from usmx.i18n import count
from usmx.ui.context import PageContext
from usmx.ui.text import escape_markdown

SOURCE_KEY = "review_source"  # the source selector (usmx.ui.review_page), set after an add
DONE = "_usmx_review_done"  # the last action's message, shown after the rerun
# The widget's cap, in Streamlit's MB (2**20 bytes): no smaller than ours, which decides.
MAX_MEGABYTES = math.ceil(intake.MAX_SOURCE_BYTES / 2**20)
_LANGUAGE_NAMES = {"zh-Hant": "繁體中文", "zh-Hans": "简体中文", "en": "English", "es": "Español"}


def _option_label(ctx: PageContext, field: str) -> str:
    return ctx.t(f"review.field.{field}")


def _show(ctx: PageContext, problems: list[intake.IntakeProblem]) -> None:
    st.error(ctx.t("review.refused_upload"), icon=":material/block:")
    for problem in problems:
        text = problem.text(ctx.lang, _option_label(ctx, problem.field))
        # The text quotes the file's name and the reviewer's values: never read as markdown.
        st.error(escape_markdown(text))


def upload(ctx: PageContext, dataset: Path, expanded: bool) -> None:
    """The add-a-source form; on success the new source is selected and the page reruns."""
    with (
        st.expander(ctx.t("review.add_header"), expanded=expanded, icon=":material/upload_file:"),
        st.form("review_add", border=False),
    ):
        file = st.file_uploader(
            ctx.t("review.file", mb=intake.MAX_SOURCE_BYTES // 1_000_000),
            type=["txt"],
            max_upload_size=MAX_MEGABYTES,
            key="review_file",
        )
        left, right = st.columns(2)
        today = dt.date.today()
        published = left.date_input(
            ctx.t("review.field.published"),
            value=None,
            max_value=today,
            format="YYYY-MM-DD",
            key="review_published",
        )
        outlet = right.text_input(ctx.t("review.field.outlet"), key="review_outlet")
        language = left.selectbox(
            ctx.t("review.field.lang"),
            ["", *intake.LANGUAGES],
            format_func=lambda v: _LANGUAGE_NAMES.get(v) or ctx.t("review.lang_auto"),
            key="review_lang",
        )
        url = right.text_input(ctx.t("review.field.url"), key="review_url")
        relays = left.text_input(ctx.t("review.field.relays"), key="review_relays")
        relays_date = right.date_input(
            ctx.t("review.relays_date"),
            value=None,
            max_value=today,
            format="YYYY-MM-DD",
            key="review_relays_date",
        )
        submitted = st.form_submit_button(
            ctx.t("review.add"), type="primary", icon=":material/smart_toy:", key="review_add_go"
        )
    if not submitted:
        return
    relay = relays.strip()
    if relays_date is not None:
        relay = f"{relay}@{relays_date}"
    day = str(published) if published else ""
    lang, relay_or_none, url_or_none = language or None, relay or None, url.strip() or None
    if file is None:
        _, problems = intake.check_options(day, outlet, lang, relay_or_none, url_or_none, today)
        st.error(ctx.t("review.no_file"), icon=":material/block:")
        if problems:
            _show(ctx, problems)
        return
    try:
        with st.spinner():
            added = intake.add_source_data(
                dataset,
                file.name,
                file.getvalue(),
                published=day,
                outlet=outlet,
                language=lang,
                relays=relay_or_none,
                url=url_or_none,
            )
    except intake.IntakeError as exc:
        _show(ctx, exc.problems)
        return
    st.session_state[SOURCE_KEY] = added.source_id
    candidates = count("candidates", added.candidates, ctx.lang)
    st.session_state[DONE] = ctx.t("review.added", source=added.source_id, candidates=candidates)
    st.rerun()
