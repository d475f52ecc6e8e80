"""The quote browser's logic: narrowing quotes by search, speaker and kind, the order they are
read in, one quote's card and the compact table of quoted terms.

Pure Python; `usmx.ui.quote_card` shows what `quote_card_html` and `terms_html` return and
the Quotes page wires the widgets to `select_quotes`. Search is `usmx.search.find_quotes`, so
川普, Trump, 特朗普 and 特朗普's Simplified form all find the same speaker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from usmx import export_csv, export_json
from usmx.i18n import label, localized, name, t, title
from usmx.locale import join
from usmx.model import Dataset, Quote
from usmx.render import render
from usmx.search import find_quotes
from usmx.vocabulary import QuoteKind

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


@dataclass(frozen=True)
class Arranged:
    """Quotes in reading order: `cards` are direct quotations (named speakers first, newest
    first), `terms` the quoted terms, newest first, shown as one compact group."""

    cards: list[Quote]
    terms: list[Quote]


def _newest_first(quote: Quote) -> tuple:
    iv = quote.interval
    # Latest end first; among equal ends a known start is more precise than an open one.
    return (-iv.end.toordinal(), -(iv.start or dt.date.min).toordinal())


def arrange(quotes: Iterable[Quote]) -> Arranged:
    """What the quote browser shows first: what was said and by whom, then the quoted terms
    (one-word terms without a speaker would otherwise open the page)."""
    quotes = list(quotes)
    direct = [q for q in quotes if q.kind != QuoteKind.term]
    direct.sort(key=lambda q: (q.speaker_id is None, *_newest_first(q)))  # stable: file order
    terms = sorted((q for q in quotes if q.kind == QuoteKind.term), key=_newest_first)
    return Arranged(direct, terms)


def _who(quote: Quote, ds: Dataset, lang: str) -> tuple[str, str]:
    """The speaker's name and (office, country), or "not attributed" and nothing."""
    actor = ds.actors_by_id.get(quote.speaker_id) if quote.speaker_id else None
    if actor is None:
        return t("word.unattributed", lang), ""
    role = localized(actor, "role", lang) or ""
    country = label("country", actor.country, lang) if actor.country else ""
    return name(actor, lang), join([x for x in (role, country) if x], lang)


def _event_title(quote: Quote, ds: Dataset, lang: str, event_url: str | None) -> str:
    event = ds.events_by_id.get(quote.event_id or "") if event_url else None
    return title(event, lang) if event is not None else ""


def quote_card_html(
    quote: Quote, ds: Dataset, *, lang: str, source_url: str, event_url: str | None = None
) -> str:
    """One quote as an HTML card (template quote_card.html.j2).

    Speaker (name, office, country), date as stated and as EDTF, occasion, kind, the original
    text next to its translation, the attribution note, and a link to the words in the source.
    """
    who, role = _who(quote, ds, lang)
    return render(
        "quote_card.html.j2",
        quote=quote,
        who=who,
        role=role,
        event_title=_event_title(quote, ds, lang, event_url),
        event_url=event_url or "",
        source_url=source_url,
        lang=lang,
    )


@dataclass(frozen=True)
class TermRow:
    quote: Quote
    who: str
    source_url: str
    event_url: str
    event_title: str


def terms_html(
    terms: Sequence[Quote],
    ds: Dataset,
    *,
    lang: str,
    source_url: Callable[[Quote], str],
    event_url: Callable[[Quote], str | None],
) -> str:
    """The quoted terms as one compact table (template quote_terms.html.j2)."""
    rows = []
    for q in terms:
        url = event_url(q)
        rows.append(
            TermRow(
                q, _who(q, ds, lang)[0], source_url(q), url or "", _event_title(q, ds, lang, url)
            )
        )
    return render("quote_terms.html.j2", rows=rows, lang=lang)


def quotes_csv(quotes: Sequence[Quote], ds: Dataset) -> bytes:
    """The shown quotes as CSV (export_csv.QUOTE_COLUMNS; header even when none are shown)."""
    return export_csv.rows_to_csv_bytes(
        export_csv.quotes_to_rows(quotes, ds), export_csv.QUOTE_COLUMNS
    )


def quotes_json(quotes: Sequence[Quote]) -> bytes:
    """The shown quotes as JSON: whole records with their resolved evidence and date bounds."""
    return export_json.to_json_bytes(export_json.records_to_json(quotes))
