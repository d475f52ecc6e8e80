"""The Review page's decision on one candidate: its card, the reviewer's edits, and accept,
merge as corroboration, or reject.

Every action goes through `usmx.review.run` under its lock, with the digest of the files this
page was drawn from: if anyone changed them since, nothing is written and the page says so,
and the reviewer's edit stays in the form (the widgets keep their values; nothing is cleared
until an action succeeds). Widget keys carry the candidate's id, so each candidate keeps its
own edits while the reviewer moves between them.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from usmx import review, review_view
from usmx.i18n import label, name, title
from usmx.locale import join
from usmx.problems import DatasetError
from usmx.review import ConflictError, ReviewError, Session
from usmx.review_records import proposed_id
from usmx.review_state import read_state, state_paths
from usmx.ui.context import PageContext
from usmx.ui.review_upload import DONE
from usmx.ui.text import escape_markdown
from usmx.vocabulary import ActorKind, EventType, PlaceKind, Precision, QuoteKind, Role, Status

NEXT = "_usmx_review_next"  # the candidate to select after a decision


def candidate_key(source_id: str) -> str:
    return f"review_cand_{source_id}"


def pick(ctx: PageContext, source_id: str, listed: list[Any], numbers: dict[str, int]) -> Any:
    """The candidate selector; after a decision it moves on to the next one."""
    key = candidate_key(source_id)
    ids = [c.id for c in listed]
    if (wanted := st.session_state.pop(NEXT, None)) in ids:
        st.session_state[key] = wanted
    by_id = {c.id: c for c in listed}
    chosen = st.selectbox(
        ctx.t("review.candidate"),
        ids,
        format_func=lambda cid: review_view.candidate_label(by_id[cid], numbers[cid], ctx.lang),
        key=key,
    )
    return by_id.get(chosen)


def _options(
    ctx: PageContext, field: str, values: list[str], fmt: Any, default: Any, cid: str
) -> Any:
    return st.selectbox(
        ctx.t(f"review.field.{field}"),
        values,
        index=values.index(default) if default in values else None,
        format_func=fmt,
        placeholder=ctx.t("review.choose"),
        key=f"rv_{field}_{cid}",
    )


def _text(ctx: PageContext, field: str, default: Any, cid: str, area: bool = False) -> str:
    widget = st.text_area if area else st.text_input
    return widget(ctx.t(f"review.field.{field}"), value=default or "", key=f"rv_{field}_{cid}")


def _event_form(ctx: PageContext, d: dict[str, Any], cid: str) -> dict[str, Any]:
    ds, lang = ctx.ds, ctx.lang
    form: dict[str, Any] = {}
    left, right = st.columns(2)
    with left:
        form["title_zh"] = _text(ctx, "title_zh", d["title_zh"], cid)
    with right:
        form["title_en"] = _text(ctx, "title_en", d["title_en"], cid)
    form["summary_en"] = _text(ctx, "summary_en", d["summary_en"], cid, area=True)
    left, right = st.columns(2)
    with left:
        types = [e.value for e in EventType]
        form["event_type"] = _options(
            ctx, "event_type", types, lambda v: label("event_type", v, lang), d["event_type"], cid
        )
        form["date"] = _text(ctx, "date", d["date"], cid)
    with right:
        statuses = [s.value for s in Status]
        form["status"] = _options(
            ctx, "status", statuses, lambda v: label("status", v, lang), d["status"], cid
        )
        form["date_text"] = _text(ctx, "date_text", d["date_text"], cid)
    actor_ids = [a.id for a in ds.actors]
    chosen = st.multiselect(
        ctx.t("review.field.actors"),
        actor_ids,
        default=[a for a in d["actors"] if a in actor_ids],
        format_func=lambda a: name(ds.actors_by_id[a], lang),
        placeholder=ctx.t("review.choose"),
        key=f"rv_actors_{cid}",
    )
    roles = [r.value for r in Role]
    form["actors"] = {}
    columns = st.columns(2) if chosen else []
    for i, actor_id in enumerate(chosen):
        with columns[i % 2]:
            form["actors"][actor_id] = st.selectbox(
                ctx.t("review.field.role", actor=name(ds.actors_by_id[actor_id], lang)),
                roles,
                index=roles.index(d["actors"].get(actor_id, "participant")),
                format_func=lambda r: label("role", r, lang),
                key=f"rv_role_{cid}_{actor_id}",
            )
    place_ids = [p.id for p in ds.places]
    form["place_ids"] = st.multiselect(
        ctx.t("review.field.place_ids"),
        place_ids,
        default=[p for p in d["place_ids"] if p in place_ids],
        format_func=lambda p: name(ds.places_by_id[p], lang),
        placeholder=ctx.t("review.choose"),
        key=f"rv_place_ids_{cid}",
    )
    form["note"] = _text(ctx, "note", d["note"], cid)
    return form


def _quote_form(ctx: PageContext, d: dict[str, Any], cid: str) -> dict[str, Any]:
    ds, lang = ctx.ds, ctx.lang
    kinds = [k.value for k in QuoteKind]
    actors = [a.id for a in ds.actors]
    events = [e.id for e in ds.events]
    return {
        "quote_kind": _options(
            ctx, "quote_kind", kinds, lambda v: label("quote_kind", v, lang), d["quote_kind"], cid
        ),
        "speaker_id": _options(
            ctx,
            "speaker_id",
            actors,
            lambda a: name(ds.actors_by_id[a], lang),
            d["speaker_id"],
            cid,
        ),
        "attribution_note": _text(ctx, "attribution_note", d["attribution_note"], cid),
        "text_en": _text(ctx, "text_en", d["text_en"], cid, area=True),
        "event_id": _options(
            ctx, "event_id", events, lambda e: title(ds.events_by_id[e], lang), None, cid
        ),
    }


def _actor_form(ctx: PageContext, d: dict[str, Any], cid: str) -> dict[str, Any]:
    kinds = [k.value for k in ActorKind]
    return {
        "name_zh": _text(ctx, "name_zh", d["name_zh"], cid),
        "name_en": _text(ctx, "name_en", d["name_en"], cid),
        "actor_kind": _options(
            ctx, "actor_kind", kinds, lambda v: label("kind", v, ctx.lang), d["actor_kind"], cid
        ),
    }


def _place_form(ctx: PageContext, d: dict[str, Any], cid: str) -> dict[str, Any]:
    lang = ctx.lang
    left, right = st.columns(2)
    form: dict[str, Any] = {}
    with left:
        form["name_zh"] = _text(ctx, "name_zh", d["name_zh"], cid)
        kinds = [k.value for k in PlaceKind]
        form["place_kind"] = _options(
            ctx, "place_kind", kinds, lambda v: label("place_kind", v, lang), d["place_kind"], cid
        )
        form["lat"] = st.number_input(
            ctx.t("review.field.lat"), -90.0, 90.0, d["lat"], format="%.4f", key=f"rv_lat_{cid}"
        )
    with right:
        form["name_en"] = _text(ctx, "name_en", d["name_en"], cid)
        levels = [p.value for p in Precision]
        form["precision"] = _options(
            ctx, "precision", levels, lambda v: label("precision", v, lang), d["precision"], cid
        )
        form["lon"] = st.number_input(
            ctx.t("review.field.lon"), -180.0, 180.0, d["lon"], format="%.4f", key=f"rv_lon_{cid}"
        )
    return form


FORMS = {
    "event": _event_form,
    "quote": _quote_form,
    "new_actor": _actor_form,
    "place": _place_form,
}


def _act(ctx: PageContext, session: Session, seen: str, c: Any, number: int, **kw: Any) -> None:
    """Run one review action; on success remember what was done and rerun, else say why."""
    try:
        review.run(session.dataset, session.source_id, expect=seen, candidate_id=c.id, **kw)
    except ConflictError as exc:
        st.error(ctx.t("review.conflict"), icon=":material/sync_problem:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    except DatasetError as exc:
        st.error(ctx.t("review.invalid"), icon=":material/error:")
        st.code("\n".join(str(p) for p in exc.problems), language=None, wrap_lines=True)
        return
    except ReviewError as exc:
        st.error(ctx.t("review.refused"), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    done = read_state(state_paths(session.dataset, session.source_id)[1]).decisions[c.id]
    st.session_state[DONE] = ctx.t(
        f"review.did.{done.action}",
        kind=ctx.t(f"review.kind.{c.kind}"),
        number=number,
        record=done.record or "",
    )
    st.rerun()


def decide(ctx: PageContext, session: Session, seen: str, c: Any, numbers: dict[str, int]) -> None:
    """The card of candidate `c` and the reviewer's three ways to decide on it."""
    doc = session.state.source
    text_lang = doc.language.value
    number = numbers[c.id]
    st.html(review_view.card_html(c, number, session.candidates, ctx.ds, ctx.lang, text_lang))
    merge_first = review_view.corroborates(c, ctx.ds) is not None
    if merge_first:
        _merge(ctx, session, seen, c, number)
    if review_view.is_proposal(c):
        if names := review_view.new_actors_named(c, session.candidates, numbers, ctx.ds):
            # Candidate text: escaped, never read as markdown.
            names_text = escape_markdown(join(names, ctx.lang))
            st.info(ctx.t("review.new_actor_first", names=names_text), icon=":material/person_add:")
        _accept(ctx, session, seen, c, number)
    if not merge_first:
        _merge(ctx, session, seen, c, number)
    with st.container(border=True, key=f"rv_reject_box_{c.id}"):
        st.markdown(f"**{ctx.t('review.reject_header')}**")
        reason = st.text_input(ctx.t("review.reason"), key=f"rv_reason_{c.id}")
        if st.button(ctx.t("review.reject"), key=f"rv_reject_{c.id}", icon=":material/close:"):
            _act(ctx, session, seen, c, number, action="reject", reason=reason.strip() or None)


def _accept(ctx: PageContext, session: Session, seen: str, c: Any, number: int) -> None:
    with st.container(border=True, key=f"rv_accept_box_{c.id}"):
        st.markdown(f"**{ctx.t('review.accept_header')}**")
        doc = session.state.source
        defaults = review_view.form_defaults(c, session.candidates, doc, ctx.ds)
        form = FORMS[c.kind](ctx, defaults, c.id) if c.kind in FORMS else {}
        if c.kind == "new_alias":
            st.caption(ctx.t("review.accept_alias"))
        record_id = ""
        if c.kind != "new_alias":
            record_id = st.text_input(
                ctx.t("review.field.record_id"),
                placeholder=proposed_id(c, doc),
                key=f"rv_record_id_{c.id}",
            )
        if not st.button(
            ctx.t("review.accept"),
            type="primary",
            key=f"rv_accept_{c.id}",
            icon=":material/check:",
        ):
            return
        if gaps := review_view.missing(c.kind, form):
            fields = join((ctx.t(f"review.field.{f}") for f in gaps), ctx.lang)
            st.error(ctx.t("review.missing", fields=fields), icon=":material/edit:")
            return
        edits = review_view.edits_for(c.kind, form, defaults)
        _act(
            ctx,
            session,
            seen,
            c,
            number,
            action="accept",
            record_id=record_id.strip() or None,
            edits=edits,
        )


def _merge(ctx: PageContext, session: Session, seen: str, c: Any, number: int) -> None:
    with st.container(border=True, key=f"rv_merge_box_{c.id}"):
        st.markdown(f"**{ctx.t('review.merge_header')}**")
        ids, labels, index = review_view.merge_choices(c, ctx.ds, ctx.lang)
        if not ids:
            st.caption(ctx.t("review.merge_none"))
            return
        into = st.selectbox(
            ctx.t("review.merge_into"),
            ids,
            index=index,
            format_func=labels.__getitem__,
            key=f"rv_into_{c.id}",
        )
        if st.button(ctx.t("review.merge"), key=f"rv_merge_{c.id}", icon=":material/merge:"):
            _act(ctx, session, seen, c, number, action="merge", into=into)
