"""The Source page's HTML: the article with its evidence highlighted, who cites a span, the
facts about the source. Thin: the segments come from `usmx.highlight`, the markup from the
templates `source_article`, `cited_by`, `about_source` and `scroll_to_span` (autoescaped, so
whatever the files hold renders as text, never as markup).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from usmx.article import Paragraph, paragraphs
from usmx.highlight import Highlighter, Segment, anchor_id, focus_paragraph
from usmx.i18n import name, t
from usmx.model import Dataset
from usmx.palette import RECORD_COLORS
from usmx.render import render
from usmx.spans import RECORD_TYPES, Span, shorten

CITED_TEXT_CHARS = 60  # the span's words in the cited-by box's heading


@dataclass(frozen=True)
class ShownParagraph:
    index: int
    segments: list[Segment]
    english: str = ""


@dataclass(frozen=True)
class CitingRecord:
    record_type: str
    record_id: str
    label: str
    url: str | None = None


@dataclass(frozen=True)
class CitedBy:
    """The box listing the records that cite a span, shown under its paragraph."""

    text: str  # the span's words, shortened
    records: tuple[CitingRecord, ...]


def cited_by(
    article: str,
    focus: tuple[int, int],
    cited: Iterable[tuple[str, str, str]],
    urls: Mapping[tuple[str, str], str],
) -> CitedBy:
    """The box for `focus`: each (type, id, label) record, linked when `urls` has its page."""
    return CitedBy(
        text=shorten(article[focus[0] : focus[1]], CITED_TEXT_CHARS),
        records=tuple(
            CitingRecord(rt, rid, label, urls.get((rt, rid))) for rt, rid, label in cited
        ),
    )


def cited_by_html(box: CitedBy, *, lang: str) -> str:
    return render("cited_by.html.j2", cited=box, lang=lang)


def _render(
    article: str,
    all_spans: Iterable[Span],
    *,
    lang: str,
    english: list[str] | None,
    paragraph_range: tuple[int, int] | None,
    focus: tuple[int, int] | None,
    selected_record_types: Iterable[str] | None,
    labels: Mapping[tuple[str, str], str] | None,
    legend: bool,
    cited: CitedBy | None,
) -> str:
    types = None if selected_record_types is None else list(selected_record_types)
    shown = list(all_spans) if types is None else [s for s in all_spans if s.record_type in types]
    hl = Highlighter(article, shown, lang, focus, labels)
    paras = paragraphs(article)
    chosen: list[Paragraph] = paras
    if paragraph_range is not None:
        lo, hi = paragraph_range
        chosen = [p for p in paras if lo <= p.index < hi]
    legend_types = [rt for rt in (RECORD_TYPES if types is None else types) if rt in RECORD_COLORS]
    return render(
        "source_article.html.j2",
        paragraphs=[
            ShownParagraph(
                p.index,
                hl.paragraph(p),
                english[p.index] if english is not None and p.index < len(english) else "",
            )
            for p in chosen
        ],
        english=english is not None,
        legend_types=legend_types if legend else [],
        cited=cited,
        note_at=focus_paragraph(paras, hl.focus) if cited is not None else None,
        lang=lang,
    )


def render_article_html(
    article: str,
    all_spans: Iterable[Span],
    *,
    lang: str,
    paragraph_range: tuple[int, int] | None = None,
    focus: tuple[int, int] | None = None,
    selected_record_types: Iterable[str] | None = None,
    labels: Mapping[tuple[str, str], str] | None = None,
    legend: bool = True,
    cited: CitedBy | None = None,
) -> str:
    """The article (or paragraphs `lo <= index < hi` of it) as a self-contained HTML fragment.

    `selected_record_types` limits which record types are highlighted (None: all); `focus`
    (start, end) is outlined; `labels` maps (record type, id) to the name used in tooltips;
    `cited` is shown under the focus's paragraph.
    """
    return _render(
        article,
        all_spans,
        lang=lang,
        english=None,
        paragraph_range=paragraph_range,
        focus=focus,
        selected_record_types=selected_record_types,
        labels=labels,
        legend=legend,
        cited=cited,
    )


def render_side_by_side_html(
    article: str,
    all_spans: Iterable[Span],
    english: list[str],
    *,
    lang: str,
    focus: tuple[int, int] | None = None,
    selected_record_types: Iterable[str] | None = None,
    labels: Mapping[tuple[str, str], str] | None = None,
    cited: CitedBy | None = None,
) -> str:
    """Each paragraph in two columns: the highlighted Chinese and `english[index]`.

    Arguments as for `render_article_html`; `cited` spans both columns.
    """
    return _render(
        article,
        all_spans,
        lang=lang,
        english=english,
        paragraph_range=None,
        focus=focus,
        selected_record_types=selected_record_types,
        labels=labels,
        legend=True,
        cited=cited,
    )


def scroll_script(focus: tuple[int, int]) -> str:
    """A script that scrolls the focus span's anchor into view.

    The id is built from two integers (int() refuses anything else), so no text from a URL
    reaches the script.
    """
    return render("scroll_to_span.html.j2", target=anchor_id((int(focus[0]), int(focus[1]))))


def about_html(ds: Dataset, lang: str) -> str:
    """The facts about the source: date, language, what it reports, hash, our translation."""
    src = ds.source
    outlet = ds.actors_by_id.get(src.reports_outlet_id or "")
    reports = src.reports
    if outlet is not None and src.reports_date:
        reports = t("source.reports_value", lang, outlet=name(outlet, lang), date=src.reports_date)
    facts = [
        ("source.published", src.published.isoformat()),
        ("source.language", src.language),
        ("source.reports", reports),
        ("source.sha", src.sha256),
        ("source.translation", t("source.own_translation", lang)),
    ]
    return render("about_source.html.j2", facts=[(t(k, lang), v) for k, v in facts])
