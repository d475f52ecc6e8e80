"""Story page: the filtered events one step at a time, in date order (← → to move)."""

from __future__ import annotations

import streamlit as st

from usmx import story
from usmx.article import TranslationError
from usmx.i18n import title
from usmx.render import render
from usmx.ui import context, map_view, url
from usmx.ui.event_card import show_event_card
from usmx.ui.quote_card import quote_card

STEP_KEY = "story_step"

ctx = context.current()
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("story.title"))
st.caption(ctx.t("story.intro"))
events = ctx.filters.events(ds)
context.filter_caption(ctx, len(events))
steps = story.steps(events)
if not steps:
    st.info(ctx.t("empty.no_match"))
    st.stop()
ids = [e.id for e in steps]
if ctx.view.event and ctx.view.event not in ids:
    st.info(ctx.t("story.filtered_out"), icon=":material/info:")
url.seed(STEP_KEY, "event", ctx.view.event if ctx.view.event in ids else None)
if st.session_state.get(STEP_KEY) not in ids:
    st.session_state[STEP_KEY] = ids[0]  # first visit, or the filter dropped the step


def go(event_id: str | None) -> None:
    if event_id:
        st.session_state[STEP_KEY] = event_id


step = story.step_of(steps, st.session_state[STEP_KEY])
assert step is not None  # steps is not empty
nav = st.container(horizontal=True, vertical_alignment="center", key="story_nav")
nav.button(
    ctx.t("story.previous"),
    key="story_previous",
    icon=":material/arrow_back:",
    shortcut="Left",
    disabled=step.previous_id is None,
    on_click=go,
    args=(step.previous_id,),
)
nav.button(
    ctx.t("story.next"),
    key="story_next",
    icon=":material/arrow_forward:",
    icon_position="right",
    shortcut="Right",
    type="primary",
    disabled=step.next_id is None,
    on_click=go,
    args=(step.next_id,),
)
nav.markdown(ctx.t("story.step", n=step.number, total=step.total))
titles = {e.id: f"{e.date} · {title(e, lang)}" for e in steps}
st.selectbox(ctx.t("story.jump"), ids, format_func=titles.__getitem__, key=STEP_KEY, width=700)
url.update(event=step.event.id)
event = step.event

st.subheader(ctx.t("story.where"))
alt = ctx.t("story.strip_alt", n=step.number, total=step.total, title=title(event, lang))
st.html(story.strip_html(steps, event.id, [titles[i] for i in ids], alt))

left, right = st.columns([3, 2], gap="large")
with left:
    show_event_card(event.id, ctx)
    st.subheader(ctx.t("story.article"))
    spans = [(ev.start, ev.end) for ev in event.evidence if ev.start is not None]
    english = None
    if lang != "zh-Hant" and ds.source.translation_path:
        try:
            english = ctx.loaded.english()  # read once per version of the files
        except TranslationError:
            english = None  # the Source page says what is wrong with the file
    st.html(
        render(
            "story_article.html.j2",
            passages=story.passages(ds.article, spans, english),
            show_english=english is not None,
        )
    )
    quotes = [q for q in ds.quotes if q.event_id == event.id]
    if quotes:
        st.subheader(ctx.t("story.quotes"))
        for quote in quotes:
            quote_card(quote, ctx)
with right:
    st.subheader(ctx.t("story.place"))
    if not map_view.event_map(ctx, event, key="story_map", height=360):
        st.caption(ctx.t("story.no_places"))
    links = st.container(horizontal=True, key="story_links")
    links.link_button(
        ctx.t("story.open_timeline"),
        ctx.url("timeline", event=event.id),
        icon=":material/timeline:",
    )
