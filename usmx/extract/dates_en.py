"""English date expressions: the rule table `find_dates` runs for English text.

Patterns run on the folded text (lower case, accents dropped, same length as the original).
"""

from __future__ import annotations

import datetime as dt
import re

from usmx.extract.dates import (
    Context,
    D,
    Found,
    Rule,
    add_months,
    days_back,
    infer_year,
    is_round_years,
    iso,
    last_day,
    month_edtf,
    month_so_far,
    months_back,
    nearest_weekday,
    part_of_month,
    part_of_year,
    week_of,
    years_back,
)

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9}
_ABBR |= {"sept": 9, "oct": 10, "nov": 11, "dec": 12}
MONTH = r"(?P<month>" + "|".join([*MONTHS, *(rf"{a}\.?" for a in _ABBR)]) + r")"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "several": 3,
}
NUM = r"(?P<n>\d{1,3}|" + "|".join(WORD_NUMBERS) + r")"


def month_number(text: str) -> int:
    key = text.rstrip(".")
    return MONTHS.get(key) or _ABBR[key]


def number(text: str) -> int:
    return int(text) if text.isdigit() else WORD_NUMBERS[text]


def _found(m: re.Match[str], edtf: str, ctx: Context, rule: str, **kw: object) -> Found:
    anchor = kw.pop("anchor", ctx.anchor_kind)
    return Found(m.start(), m.end(), edtf, anchor, rule, **kw)  # type: ignore[arg-type]


def _month_day(m: re.Match[str], ctx: Context) -> Found | None:
    month = month_number(m.group("month"))
    day = int(m.group("day"))
    year_text = m.group("year")
    year = int(year_text) if year_text else infer_year(month, day, ctx.anchor)
    anchor = "absolute" if year_text else ctx.anchor_kind
    return _found(m, iso(D(year, month, day)), ctx, "en-date", anchor=anchor, extendable=True)


def _month_year(m: re.Match[str], ctx: Context) -> Found | None:
    month = month_number(m.group("month"))
    year_text = m.group("year")
    year = int(year_text) if year_text else infer_year(month, None, ctx.anchor)
    part = m.group("part")
    edtf = part_of_month(year, month, part, ctx.anchor) if part else month_edtf(year, month)
    anchor = "absolute" if year_text else ctx.anchor_kind
    return _found(m, edtf, ctx, "en-month", anchor=anchor, extendable=True)


def _year(m: re.Match[str], ctx: Context) -> Found | None:
    year = int(m.group("year"))
    if m.group("decade"):
        return _found(m, f"{year:04d}/{year + 9:04d}", ctx, "en-decade", anchor="absolute")
    part = m.group("part")
    edtf = part_of_year(year, part, ctx.anchor) if part else f"{year:04d}"
    return _found(m, edtf, ctx, "en-year", anchor="absolute", extendable=True)


def _relative_day(m: re.Match[str], ctx: Context) -> Found:
    word = m.group("w")
    shift = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0
    return _found(
        m, iso(ctx.anchor + dt.timedelta(days=shift)), ctx, "en-relative-day", extendable=True
    )


def _weekday(m: re.Match[str], ctx: Context) -> Found:
    weekday = WEEKDAYS.index(m.group("wd"))
    which = m.group("which")
    if which == "next":
        day = ctx.anchor + dt.timedelta(days=(weekday - ctx.anchor.weekday()) % 7 or 7)
    else:
        day = nearest_weekday(ctx.anchor, weekday, strictly_before=which == "last")
    return _found(m, iso(day), ctx, "en-weekday", extendable=True)


# "will … this month", "plans to … this month": the whole month, not the month so far.
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|is to|are to|plans? to|planned|scheduled|expected|due|until|later)\b"
    r"[^.;!?]*$"
)


def _relative_unit(m: re.Match[str], ctx: Context) -> Found:
    which, unit, part = m.group("which"), m.group("unit"), m.group("part")
    shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}[which]
    a = ctx.anchor
    if unit == "week":
        monday, sunday = week_of(a + dt.timedelta(days=7 * shift))
        return _found(m, f"{iso(monday)}/{iso(sunday)}", ctx, "en-week", extendable=True)
    if (
        unit == "month"
        and shift == 0
        and not part
        and not _FUTURE_BEFORE.search(m.string[max(0, m.start() - 60) : m.start()])
    ):
        # "this month" told of the past: the month so far ("now" re-anchored when relayed).
        return _found(m, month_so_far(a), ctx, "en-this-month", present=True)
    if unit == "month":
        year, month = add_months(a.year, a.month, shift)
        edtf = part_of_month(year, month, part, a) if part else month_edtf(year, month)
        return _found(m, edtf, ctx, "en-month-relative", extendable=True)
    year = a.year + shift
    edtf = part_of_year(year, part, a) if part else f"{year:04d}"
    return _found(m, edtf, ctx, "en-year-relative", extendable=True)


def _past_span(m: re.Match[str], ctx: Context) -> Found | None:
    n = number(m.group("n"))
    unit = m.group("unit")
    years = 10 * n if unit.startswith("decade") else n if unit.startswith("year") else 0
    if is_round_years(years):
        return _found(m, f"../{iso(ctx.anchor)}", ctx, "en-past-span-round", approximate=True)
    if unit.startswith("decade"):
        return _found(m, years_back(ctx.anchor, 10 * n), ctx, "en-past-span")
    if unit.startswith("year"):
        return _found(m, years_back(ctx.anchor, n), ctx, "en-past-span")
    if unit.startswith("month"):
        return _found(m, months_back(ctx.anchor, n), ctx, "en-past-span")
    days = 7 * n if unit.startswith("week") else n
    return _found(m, days_back(ctx.anchor, days), ctx, "en-past-span")


def _ago(m: re.Match[str], ctx: Context) -> Found | None:
    n = number(m.group("n"))
    unit = m.group("unit")
    a = ctx.anchor
    if unit.startswith("year"):
        return _found(m, f"{a.year - n:04d}", ctx, "en-ago")
    if unit.startswith("month"):
        return _found(m, month_edtf(*add_months(a.year, a.month, -n)), ctx, "en-ago")
    if unit.startswith("week"):
        monday, sunday = week_of(a - dt.timedelta(days=7 * n))
        return _found(m, f"{iso(monday)}/{iso(sunday)}", ctx, "en-ago")
    return _found(m, iso(a - dt.timedelta(days=n)), ctx, "en-ago", extendable=True)


def _recent(m: re.Match[str], ctx: Context) -> Found:
    a = ctx.anchor
    back = 14 if "days" in m.group() else 60
    edtf = f"{iso(a - dt.timedelta(days=back))}/{iso(a)}"
    return _found(m, edtf, ctx, "en-approximate", approximate=True)


def _present(m: re.Match[str], ctx: Context) -> Found:
    return _found(m, f"../{iso(ctx.anchor)}", ctx, "en-present", present=True)


def _historical(m: re.Match[str], ctx: Context) -> Found:
    return _found(m, f"../{iso(ctx.anchor)}", ctx, "en-historical", approximate=True)


def _iso_date(m: re.Match[str], ctx: Context) -> Found:
    day = D(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return _found(m, iso(day), ctx, "iso-date", anchor="absolute", extendable=True)


PART = r"(?:(?P<part>early|mid|late|earlier|later)[- ](?:in[- ])?)?"
RULES: list[Rule] = [
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), _iso_date),
    (
        "month-day",
        re.compile(
            rf"\b{MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d%])(?:,?\s+(?P<year>\d{{4}}))?"
            r"(?:\s+local\s+time)?\b"
        ),
        _month_day,
    ),
    (
        "day-month",
        re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+{MONTH}(?:\s+(?P<year>\d{{4}}))?\b"),
        _month_day,
    ),
    (
        "month-year",
        re.compile(rf"\b{PART}{MONTH}(?:\s+(?:of\s+)?(?P<year>\d{{4}}))?\b(?!\s+[0-3]?\d)"),
        _month_year,
    ),
    (
        "year",
        re.compile(
            rf"\b{PART}(?P<year>1[89]\d\d|20\d\d)(?P<decade>s)?\b(?![%\d,.]\d|\s*(?:%|percent)|-[a-z])"
        ),
        _year,
    ),
    (
        "relative-day",
        re.compile(r"\b(?P<w>today|yesterday|tomorrow|tonight|last night|this morning)\b"),
        _relative_day,
    ),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<which>on|last|this|next)\s+)?(?P<wd>{'|'.join(WEEKDAYS)})\b"),
        _weekday,
    ),
    (
        "relative-unit",
        re.compile(
            r"\b(?:(?P<part>early|earlier|late|later|the end of|the start of|the beginning of)"
            r"\s+)?(?P<which>last|past|previous|this|next)\s+(?P<unit>week|month|year)\b"
        ),
        _relative_unit,
    ),
    (
        "past-span",
        re.compile(
            rf"\b(?:(?:over|in|during|for)\s+)?the\s+(?:past|last)\s+{NUM}\s+"
            r"(?P<unit>decades?|years?|months?|weeks?|days?)\b"
        ),
        _past_span,
    ),
    (
        "ago",
        re.compile(rf"\b{NUM}\s+(?P<unit>years?|months?|weeks?|days?)\s+ago\b"),
        _ago,
    ),
    ("recent", re.compile(r"\b(?:recently|in recent (?:days|weeks|months))\b"), _recent),
    ("present", re.compile(r"\b(?:currently|at present|at the moment|now)\b"), _present),
    (
        "historical",
        re.compile(r"\b(?:historically|in (?:its|their|the country's) history)\b"),
        _historical,
    ),
]

_DATELINE = re.compile(rf"^[a-z .,'-]{{2,40}},\s+{MONTH}\s+(?P<day>[0-3]?\d)\s*(?:\(|[-–—])")


def dateline(text: str, folded: str, published: D) -> D | None:
    """The day of a wire dateline ("MEXICO CITY, Jan. 3 (Reuters) -") at a paragraph start."""
    for line in folded.splitlines()[:3]:
        m = _DATELINE.match(line.strip())
        if m:
            month, day = month_number(m.group("month")), int(m.group("day"))
            year = infer_year(month, day, published)
            if day <= last_day(year, month):
                return D(year, month, day)
    return None
