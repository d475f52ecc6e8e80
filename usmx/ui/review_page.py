"""The Review page: off unless the server turns it on; add a source; review its candidates
beside its text.

Reviewing writes the dataset, so the page does nothing, and reads no review file, unless
`usmx.settings.review_enabled()` (USMX_REVIEW=1); otherwise its address only says that
reviewing is off. It reviews the dataset the app serves (`usmx.ui.context.dataset_path`,
USMX_DATASET). The decision on one candidate is usmx/ui/review_form.py; the upload is
usmx/ui/review_upload.py.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from usmx import review, review_view, settings
from usmx.problems import DatasetError
from usmx.review import ReviewError
from usmx.review_state import ReviewState, pending_states
from usmx.ui import context, review_form, review_upload
from usmx.ui.context import PageContext
from usmx.ui.review_upload import DONE, SOURCE_KEY
from usmx.ui.text import escape_markdown

SEEN = "_usmx_review_seen"  # per source, the digest of the files the page was last drawn from
MENTIONS_KEY = "review_mentions"
LONG_TEXT = 2500  # characters: a longer source scrolls in its own box beside the candidates
TEXT_HEIGHT = 720


def render(ctx: PageContext) -> None:
    if not settings.review_enabled():
        st.info(ctx.t("review.off"), icon=":material/lock:")
        return
    if not ctx.ds.sources:
        st.info(ctx.t("review.single_source"), icon=":material/info:")
        return
    dataset = context.dataset_path()
    st.caption(ctx.t("review.intro"))
    st.caption(ctx.t("review.writes_to", path=escape_markdown(str(dataset))))
    try:
        states = pending_states(dataset)
    except DatasetError as exc:
        _problems(ctx.t("review.state_broken"), exc)
        return
    review_upload.upload(ctx, dataset, expanded=not states)
    if message := st.session_state.pop(DONE, None):
        st.success(message, icon=":material/check_circle:")
    if not states:
        st.caption(ctx.t("review.none"))
        return
    source_id = _pick_source(ctx, states)
    seen = _seen(dataset, source_id)
    try:
        session = review.open_session(dataset, source_id)
    except DatasetError as exc:
        _problems(ctx.t("review.session_broken"), exc)
        return
    except ReviewError as exc:
        st.error(ctx.t("review.session_broken"), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    _review(ctx, session, seen)


def _problems(header: str, exc: DatasetError) -> None:
    st.error(header, icon=":material/error:")
    st.code("\n".join(str(p) for p in exc.problems), language=None, wrap_lines=True)


def _pick_source(ctx: PageContext, states: list[ReviewState]) -> str:
    by_id = {s.source.id: s.source for s in states}
    if st.session_state.get(SOURCE_KEY) not in by_id:
        st.session_state.pop(SOURCE_KEY, None)
    return st.selectbox(
        ctx.t("review.source"),
        list(by_id),
        format_func=lambda sid: f"{by_id[sid].outlet} · {by_id[sid].published} · {sid}",
        key=SOURCE_KEY,
    )


def _seen(dataset: Path, source_id: str) -> str:
    """The digest this page was drawn from last time (what the reviewer saw when they pressed
    a button), then remember the current one for the next press."""
    now = review.digest(dataset, source_id)
    seen = st.session_state.setdefault(SEEN, {})
    before = seen.get(source_id, now)
    seen[source_id] = now
    return before


def _review(ctx: PageContext, session: review.Session, seen: str) -> None:
    """The source's text with its candidates marked, beside the candidate under review."""
    rows = review.list_candidates(session, everything=True)
    mentions = st.toggle(ctx.t("review.mentions"), key=MENTIONS_KEY)
    listed = review_view.shown(rows, mentions)
    # Numbers over every candidate in text order: they stay put as candidates are decided.
    numbers = {c.id: i for i, (c, _) in enumerate(rows, 1)}
    text_lang = session.state.source.language.value
    left, right = st.columns(2, gap="large")
    selected = None
    with right:
        if not listed:
            st.success(ctx.t("review.all_decided"), icon=":material/task_alt:")
        else:
            c = review_form.pick(ctx, session.source_id, listed, numbers)
            if c is not None:
                selected = c.id
                review_form.decide(ctx, session, seen, c, numbers)
    with left:
        box = (
            st.container(height=TEXT_HEIGHT, key="review_text")
            if len(session.text) > LONG_TEXT
            else st.container(key="review_text")
        )
        with box:
            st.caption(ctx.t("review.text_caption"))
            # st.html sanitises (DOMPurify); the source's text is escaped by the template.
            st.html(
                review_view.source_html(
                    session.text, listed, numbers, selected, ctx.lang, text_lang
                )
            )
    if any(status != "pending" for _, status in rows):
        st.subheader(ctx.t("review.decided"))
        st.html(review_view.decided_html(rows, session.state.decisions, ctx.lang, text_lang))
