"""The claims tracker's cards: each claim with who, when, its words, figure and context.

`claims_html(rows, ds, lang, ...)` renders `usmx.claims.ClaimRow`s through
`usmx/templates/claims.html.j2`: the claimant (linking to the actor's profile) or the article's
attribution note, the date of the claim's event as the article states it, the figure (the
article's words for it and the unit), the exact words and the context spans each in their
sentence (linking to the Source page), the English statement, the event (linking to its card
on the Timeline) and every source that carries the claim with its stance. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from usmx.claims import ClaimRow, ClaimSource, Span
from usmx.evidence import MarkedSentence, marked_sentences
from usmx.i18n import label, name, stated_date, t, title
from usmx.locale import number
from usmx.model import Dataset
from usmx.render import render


@dataclass(frozen=True)
class ClaimItem:
    id: str
    claimant: str
    claimant_url: str | None
    note: str | None  # the article's attribution note, when no actor makes the claim
    when: str
    figure: str | None
    unit: str | None
    statement_en: str
    words: tuple[MarkedSentence, ...]
    context: tuple[MarkedSentence, ...]
    event_title: str | None
    event_url: str | None
    sources: tuple[str, ...]  # each source with its stance, in the UI language


def _sentences(article: str, spans: Iterable[Span]) -> tuple[MarkedSentence, ...]:
    located = [(s.start, s.end) for s in spans if s.start is not None and s.end is not None]
    return tuple(marked_sentences(article, located))


def _source_text(source: ClaimSource, ds: Dataset, lang: str) -> str:
    """ "The New York Times of 2026-01-15 (relayed 2026-01-16) · states it", in `lang`."""
    src = ds.source
    outlet = ds.actors_by_id.get(src.reports_outlet_id or "")
    if source.source_id == "article" and outlet is not None and src.reports_date:
        text = t(
            "claims.article_source",
            lang,
            outlet=name(outlet, lang),
            date=src.reports_date.isoformat(),
            published=src.published.isoformat(),
        )
    else:
        text = source.label
    return f"{text} · {label('stance', source.stance, lang)}"


def figure_text(row: ClaimRow, lang: str) -> str | None:
    """The figure as the article words it (97%, 四倍), else the number; None without one."""
    if row.value_text:
        return row.value_text
    return number(row.value, lang) if row.value is not None else None


def claim_item(
    row: ClaimRow,
    ds: Dataset,
    lang: str,
    *,
    profile_url: Callable[[str], str],
    timeline_url: Callable[[str], str],
) -> ClaimItem:
    event = ds.events_by_id.get(row.event_id) if row.event_id else None
    return ClaimItem(
        id=row.id,
        claimant=row.claimant(lang) if row.claimant_id else t("word.unattributed", lang),
        claimant_url=profile_url(row.claimant_id) if row.claimant_id else None,
        note=row.attribution_note,
        when=stated_date(event, lang) if event else t("claims.no_date", lang),
        figure=figure_text(row, lang),
        unit=row.unit,
        statement_en=row.statement_en,
        words=_sentences(ds.article, row.exact_words),
        context=_sentences(ds.article, row.context),
        event_title=title(event, lang) if event else None,
        event_url=timeline_url(event.id) if event else None,
        sources=tuple(_source_text(s, ds, lang) for s in row.sources),
    )


def claims_html(
    rows: Sequence[ClaimRow],
    ds: Dataset,
    lang: str,
    *,
    profile_url: Callable[[str], str],
    timeline_url: Callable[[str], str],
    source_url: Callable[[int, int], str],
) -> str:
    """Every row as a card, in the order given."""
    items = [
        claim_item(r, ds, lang, profile_url=profile_url, timeline_url=timeline_url) for r in rows
    ]
    return render("claims.html.j2", items=items, lang=lang, source_url=source_url)
