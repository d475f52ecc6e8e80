"""Date expressions: found in the text and normalised to EDTF (the subset `usmx.dates` reads).

The conventions are the curated dataset's (README, "Dates"):

- a day, month or year the text names: ``2026-01-12``, ``2026-01``, ``2025``; a month or year
  without its year takes the publication's, or the year before when that would put it more
  than two months after publication;
- relative phrases resolve against the publication date, or against a wire dateline
  (「3日電」, "MEXICO CITY, Jan. 3 (Reuters) -") for 今天/昨天/today/yesterday;
- 上週 / "last week" is the Monday–Sunday week before the anchor's week
  (``2026-01-05/2026-01-11``); 本月初 the 1st–10th, 中旬 the 11th–20th, 下旬/底 the 21st–end;
  本月晚些時候 / "later this month" from the anchor day itself (a future phrase in a report may
  include the publication day, docs/coding-rules.md section 2) to the month's end;
- 本月 / "this month" alone, told of the past, is the month so far: from its first day to the
  as-of day (``2026-01-01/2026-01-15`` in a relayed report of 15 January); told of the future
  (本月將, "will … this month") the whole month;
- 過去三年 / "the past three years" runs from that many years back to the anchor's month
  (``2023/2026-01``); a round number (過去三十年, "the past three decades") is not a firm date:
  an open start, approximate (``../2026-01-16``, coding rules section 2);
- 目前 / "currently" holds "already by that day": an open start (``../2026-01-16``); in a
  sentence relayed from another outlet's report (據《紐約時報》1月15日報道) it is as of the
  report's date, and inside a quotation as of when the words were said (the date the
  paragraph gives the occasion);
- 日前 / 近日 / "recently" are approximate intervals before publication (``approximate``);
- "since" / "after" a dated thing (2024年上台以來) extends to the anchor as an interval.

Every result is checked with `usmx.dates.parse_edtf`; offsets are the original text's (the
rules run on the folded text, which has the same length).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from usmx.dates import parse_edtf
from usmx.extract.candidates import DateMention, make
from usmx.extract.text import Span, fold, paragraphs, sentences, span_of

D = dt.date


def iso(d: D) -> str:
    return d.isoformat()


def month_edtf(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def week_of(day: D) -> tuple[D, D]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def interval(start: str, end: str) -> str:
    return start if start == end else f"{start}/{end}"


def part_of_month(year: int, month: int, part: str, anchor: D) -> str:
    """初 / 上旬 / 中旬 / 下旬 / 底 / 晚些時候 / 早些時候 (and English early/mid/late) of a month."""
    end = last_day(year, month)
    first, last = D(year, month, 1), D(year, month, end)
    if part in ("初", "上旬", "early", "beginning", "start"):
        return interval(iso(first), iso(D(year, month, 10)))
    if part in ("中旬", "中", "mid", "middle"):
        return interval(iso(D(year, month, 11)), iso(D(year, month, 20)))
    if part in ("下旬", "底", "末", "late", "end"):
        return interval(iso(D(year, month, 21)), iso(last))
    if part in ("晚些时候", "稍后", "later"):
        start = max(first, anchor)
        return interval(iso(start), iso(last)) if start <= last else month_edtf(year, month)
    if part in ("早些时候", "稍早", "earlier"):
        end_day = min(last, anchor - dt.timedelta(days=1))
        return interval(iso(first), iso(end_day)) if end_day >= first else month_edtf(year, month)
    return month_edtf(year, month)


def part_of_year(year: int, part: str, anchor: D) -> str:
    if part in ("初", "年初", "early", "beginning", "start"):
        return f"{year:04d}-01/{year:04d}-03"
    if part in ("中", "年中", "mid", "middle"):
        return f"{year:04d}-05/{year:04d}-08"
    if part in ("底", "年底", "末", "年末", "late", "end"):
        return f"{year:04d}-10/{year:04d}-12"
    if part in ("晚些时候", "稍后", "later") and anchor.year == year:
        return interval(iso(anchor), iso(D(year, 12, 31)))
    if part in ("早些时候", "稍早", "earlier") and anchor.year == year:
        return interval(iso(D(year, 1, 1)), iso(anchor - dt.timedelta(days=1)))
    return f"{year:04d}"


def infer_year(month: int, day: int | None, anchor: D) -> int:
    """A month (and day) without a year: the anchor's year, unless that is >2 months ahead."""
    year = anchor.year
    probe = D(year, month, min(day or 1, last_day(year, month)))
    return year - 1 if (probe - anchor).days > 62 else year


def nearest_weekday(anchor: D, weekday: int, strictly_before: bool = False) -> D:
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - dt.timedelta(days=back)


def years_back(anchor: D, years: int) -> str:
    return f"{anchor.year - years:04d}/{month_edtf(anchor.year, anchor.month)}"


def is_round_years(years: int) -> bool:
    """Thirty, fifty, a hundred years: a round figure, not a firm start (coding rules, 2)."""
    return years >= 10 and years % 10 == 0


def month_so_far(anchor: D) -> str:
    """This month up to the anchor: an interval ending on "now" (re-anchored when relayed)."""
    return interval(iso(D(anchor.year, anchor.month, 1)), iso(anchor))


def months_back(anchor: D, months: int) -> str:
    y, m = add_months(anchor.year, anchor.month, -months)
    return f"{month_edtf(y, m)}/{month_edtf(anchor.year, anchor.month)}"


def days_back(anchor: D, days: int) -> str:
    return f"{iso(anchor - dt.timedelta(days=days))}/{iso(anchor)}"


@dataclass(frozen=True)
class Found:
    """One rule's reading of a span: its EDTF and how it was anchored."""

    start: int
    end: int
    edtf: str
    anchor: str  # absolute, published, dateline
    rule: str
    approximate: bool = False
    # Ends "now" (目前 ../day; 本月 first-of-month/day): re-anchored in relayed sentences;
    # with an open start, inside a quotation, as of the occasion.
    present: bool = False
    extendable: bool = False  # a dated thing that "since"/"after" can extend


@dataclass
class Context:
    """What a rule needs: the anchor date and what "now" means at an offset."""

    published: D
    dateline: D | None = None
    as_of: Callable[[int], D] | None = None

    @property
    def anchor(self) -> D:
        return self.dateline or self.published

    @property
    def anchor_kind(self) -> str:
        return "dateline" if self.dateline else "published"


Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str], Context], "Found | None"]]


@dataclass
class DateFindings:
    dates: list[DateMention] = field(default_factory=list)
    dateline: D | None = None


def _run_rules(folded: str, rules: list[Rule], ctx: Context) -> list[Found]:
    found = []
    for _name, pattern, resolve in rules:
        for m in pattern.finditer(folded):
            try:
                result = resolve(m, ctx)
            except ValueError:  # an impossible date (2月30日): not a date expression
                continue
            if result is not None:
                parse_edtf(result.edtf)
                found.append(result)
    return found


def _longest(found: list[Found]) -> list[Found]:
    chosen: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not any(f.start < c.end and c.start < f.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _start_of(edtf: str) -> str:
    return edtf.split("/")[0]


def _extensions(folded: str, found: list[Found], ctx: Context, language: str) -> list[Found]:
    """ "Since X" / "after X" where X is dated: from X's start to the as-of day."""
    out = []
    for f in found:
        if not f.extendable:
            continue
        as_of = (ctx.as_of or (lambda _o: ctx.anchor))(f.start)
        if as_of < parse_edtf(f.edtf).end:
            continue
        if language.startswith("zh"):
            m = re.compile(
                r"[^，。；：,;:！？「」]{0,12}?(以来|至今|之后|以后|(?<![随然最此其今])后(?![来方者]))"
            ).match(folded, f.end)
            if m:
                end = iso(as_of)
                out.append(
                    Found(f.start, m.end(), f"{_start_of(f.edtf)}/{end}", f.anchor, "zh-since")
                )
        else:
            window = folded[max(0, f.start - 80) : f.start]
            m = re.search(r"\b(since|after)\b[^,;.:]*$", window)
            if m and len(m.group().split()) <= 10:
                start = f.start - len(window) + m.start()
                end = iso(as_of)
                out.append(Found(start, f.end, f"{_start_of(f.edtf)}/{end}", f.anchor, "en-since"))
    return out


def _in_quotes(found: list[Found], quoted: list[Span], text: str) -> list[Found]:
    """ "Now" inside a quotation: as of the occasion the paragraph dates before the quote."""
    paras = paragraphs(text)
    out = []
    for f in found:
        q = span_of(quoted, f.start)
        if not (f.present and f.edtf.startswith("..") and q):
            out.append(f)
            continue
        para = span_of(paras, q[0]) or (0, len(text))
        before = [
            g
            for g in found
            if para[0] <= g.start < q[0] and not g.present and span_of(quoted, g.start) is None
        ]
        if not before:
            out.append(f)
            continue
        occasion = before[-1]
        out.append(Found(f.start, f.end, occasion.edtf, "occasion", f.rule + "+quote-occasion"))
    return out


def find_dates(
    text: str,
    *,
    published: D,
    language: str,
    as_of: Callable[[int], D] | None = None,
    quoted: list[Span] | None = None,
) -> DateFindings:
    """Every date expression in `text` as a `DateMention` (sorted by offset)."""
    from usmx.extract import dates_en, dates_zh

    folded = fold(text)
    zh = language.startswith("zh")
    module = dates_zh if zh else dates_en
    dateline = module.dateline(text, folded, published)
    ctx = Context(published, dateline, as_of)
    found = _longest(_run_rules(folded, module.RULES, ctx))
    found = [_re_anchor_present(f, ctx) for f in found]
    found = _in_quotes(found, sorted(quoted or []), text)
    found += _extensions(folded, found, ctx, language)
    sentence_spans = sentences(text)
    out = []
    for f in found:
        parse_edtf(f.edtf)
        confidence = 0.6 if f.approximate or f.rule.endswith("since") else 0.9
        if f.present and f.edtf.startswith(".."):
            confidence = 0.5
        if span_of(sentence_spans, f.start) is None:
            confidence -= 0.1
        out.append(
            make(
                DateMention,
                text,
                f.start,
                f.end,
                edtf=f.edtf,
                anchor=f.anchor,
                anchor_date=None if f.anchor == "absolute" else _anchor_date(f, ctx),
                approximate=f.approximate,
                confidence=round(max(confidence, 0.1), 2),
                rule=f.rule,
            )
        )
    return DateFindings(sorted(out, key=lambda c: (c.start, c.end)), dateline)


def _anchor_date(f: Found, ctx: Context) -> D | None:
    if f.anchor == "dateline":
        return ctx.dateline
    if f.anchor == "published":
        return ctx.published
    if f.anchor == "relayed" and ctx.as_of is not None:
        return ctx.as_of(f.start)
    return None


def _re_anchor_present(f: Found, ctx: Context) -> Found:
    """目前 / currently (and 本月, the month so far) in a relayed sentence: as of the relayed
    report's date."""
    if not f.present or ctx.as_of is None:
        return f
    day = ctx.as_of(f.start)
    start = f.edtf.split("/")[0]
    if day == ctx.anchor or (start != ".." and D.fromisoformat(start) > day):
        return f
    edtf = f"{start}/{iso(day)}" if start != iso(day) else start
    return Found(f.start, f.end, edtf, "relayed", f.rule + "+relayed", f.approximate, True)
