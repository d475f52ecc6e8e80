"""The quote browser's logic: narrowing quotes by search, speaker and kind, and one quote's card.

Pure Python; `usmx.ui.quote_card` shows what `quote_card_html` returns and the Quotes page
wires the widgets to `select_quotes`. Search is `usmx.search.find_quotes`, so 川普, Trump,
特朗普 and 特朗普's Simplified form all find the same speaker.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from usmx import export
from usmx.i18n import label, name, t
from usmx.model import Dataset, Quote
from usmx.search import find_quotes

# Speaker filter value for quotes the article attributes to no actor of the dataset.
UNATTRIBUTED = "_unattributed"
KINDS = ("direct", "term")


def speaker_options(quotes: Iterable[Quote]) -> list[str]:
    """Speaker ids of `quotes` in first-seen order, UNATTRIBUTED last when some have none."""
    ids = [q.speaker_id or UNATTRIBUTED for q in quotes]
    unique = [i for i in dict.fromkeys(ids) if i != UNATTRIBUTED]
    return unique + ([UNATTRIBUTED] if UNATTRIBUTED in ids else [])


def select_quotes(
    quotes: Iterable[Quote],
    ds: Dataset,
    *,
    query: str = "",
    speakers: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> list[Quote]:
    """Quotes matching the search text and, when given, one of `speakers` and `kinds`."""
    chosen = list(quotes)
    if speakers:
        wanted = set(speakers)
        chosen = [q for q in chosen if (q.speaker_id or UNATTRIBUTED) in wanted]
    if kinds:
        chosen = [q for q in chosen if q.kind.value in set(kinds)]
    if query.strip():
        chosen = find_quotes(query, chosen, ds)
    return chosen


def speaker_label(speaker_id: str, ds: Dataset, lang: str) -> str:
    if speaker_id == UNATTRIBUTED:
        return t("quotes.unattributed", lang)
    actor = ds.actors_by_id.get(speaker_id)
    return name(actor, lang) if actor else speaker_id


def quote_card_html(
    quote: Quote, ds: Dataset, *, lang: str, source_url: str, event_url: str | None = None
) -> str:
    """One quote as an HTML card; every dataset string is escaped.

    Speaker (name, office, country), date as stated and as EDTF, occasion, kind, the original
    text next to its translation, the attribution note, and a link to the words in the source.
    """
    e = html.escape
    actor = ds.actors_by_id.get(quote.speaker_id) if quote.speaker_id else None
    if actor is not None:
        role = (actor.role_zh if lang == "zh-Hant" else actor.role_en) or ""
        country = label("country", actor.country, lang) if actor.country else ""
        who = f'<span class="who">{e(name(actor, lang))}</span>'
        sub = " · ".join(x for x in (role, country) if x)
        who += f' <span class="role">{e(sub)}</span>' if sub else ""
    else:
        who = f'<span class="who">{e(t("word.unattributed", lang))}</span>'
    date = f"<code>{e(quote.date)}</code>"
    if quote.date_text:
        date += f" ({e(t('word.as_stated', lang))}: {e(quote.date_text)})"
    meta = (
        f"<span>{e(t('word.date', lang))}: {date}</span>"
        f"<span>{e(t('word.occasion', lang))}: {e(label('occasion', quote.occasion.value, lang))}"
        "</span>"
    )
    if event_url and quote.event_id in ds.events_by_id:
        event = ds.events_by_id[quote.event_id]
        title = event.title_zh if lang == "zh-Hant" else event.title_en
        meta += (
            f"<span>{e(t('quotes.event', lang))}: "
            f'<a href="{e(event_url)}" target="_self">{e(title)}</a></span>'
        )
    note = (
        f'<p class="note">{e(t("quotes.attribution", lang))}: {e(quote.attribution_note)}</p>'
        if quote.attribution_note
        else ""
    )
    kind = e(label("quote_kind", quote.kind.value, lang))
    return (
        f'<div class="usmx-quote" id="quote-{e(quote.id)}">'
        f'<div>{who}<span class="kind">{kind}</span></div>'
        f'<div class="meta">{meta}</div>'
        '<div class="texts">'
        f'<blockquote lang="zh-Hant"><span class="lbl">{e(t("word.original", lang))}</span>'
        f"{e(quote.text_zh)}</blockquote>"
        f'<blockquote lang="en"><span class="lbl">{e(t("word.translation", lang))}</span>'
        f"{e(quote.text_en)}</blockquote></div>"
        f"{note}"
        f'<a href="{e(source_url)}" target="_self">{e(t("word.open_in_source", lang))} →</a>'
        "</div>"
    )


def quotes_csv(quotes: Sequence[Quote], ds: Dataset) -> bytes:
    """The shown quotes as CSV (export.QUOTE_COLUMNS; header even when none are shown)."""
    return export.rows_to_csv_bytes(export.quotes_to_rows(quotes, ds), export.QUOTE_COLUMNS)


def quotes_json(quotes: Sequence[Quote]) -> bytes:
    """The shown quotes as JSON: whole records with their resolved evidence and date bounds."""
    return export.to_json_bytes(export.records_to_json(quotes))
