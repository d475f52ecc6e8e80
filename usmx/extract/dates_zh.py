"""Chinese date expressions: the rule table `find_dates` runs for zh-Hant and zh-Hans text.

Patterns are written in Simplified Chinese because they run on the folded text (Traditional
folded to Simplified one character at a time, so 上週 and 上周 both read 上周 and offsets
hold). Each rule is (name, pattern, resolver); the resolver returns a `Found` or None.
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
    interval,
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

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
NUM = r"(?:\d{1,4}|[〇零一二两三四五六七八九十百]{1,5})"
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def number(text: str) -> int:
    """An Arabic or Chinese numeral: 30, 三十, 二〇二四, 十二, 一百."""
    if text.isdigit():
        return int(text)
    if all(ch in _DIGITS for ch in text):  # 二〇二四: digit by digit
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current


def _found(m: re.Match[str], edtf: str, ctx: Context, rule: str, **kw: object) -> Found:
    return Found(m.start(), m.end(), edtf, kw.pop("anchor", ctx.anchor_kind), rule, **kw)  # type: ignore[arg-type]


def _full_date(m: re.Match[str], ctx: Context) -> Found | None:
    year_text, month_text, day_text, part = m.group("y"), m.group("m"), m.group("d"), m.group("p")
    month = number(month_text)
    if not 1 <= month <= 12:
        return None
    day = number(day_text) if day_text else None
    year = number(year_text) if year_text else infer_year(month, day, ctx.anchor)
    anchor = "absolute" if year_text else ctx.anchor_kind
    if day is not None:
        return _found(m, iso(D(year, month, day)), ctx, "zh-date", anchor=anchor, extendable=True)
    edtf = part_of_month(year, month, part, ctx.anchor) if part else month_edtf(year, month)
    return _found(m, edtf, ctx, "zh-month", anchor=anchor, extendable=True)


def _year(m: re.Match[str], ctx: Context) -> Found | None:
    year = number(m.group("y"))
    if not 1000 <= year <= 2200:
        return None
    if m.group("decade"):
        return _found(m, f"{year:04d}/{year + 9:04d}", ctx, "zh-decade", anchor="absolute")
    part = m.group("p")
    edtf = part_of_year(year, part, ctx.anchor) if part else f"{year:04d}"
    return _found(m, edtf, ctx, "zh-year", anchor="absolute", extendable=True)


def _day_only(m: re.Match[str], ctx: Context) -> Found | None:
    day = number(m.group("d"))
    anchor = ctx.anchor
    year, month = anchor.year, anchor.month
    if day > anchor.day:
        year, month = add_months(year, month, -1)
    if not 1 <= day <= last_day(year, month):
        return None
    return _found(m, iso(D(year, month, day)), ctx, "zh-day", extendable=True)


_RELATIVE_DAYS = {"今": 0, "昨": -1, "前": -2, "明": 1, "后": 2}


def _week(m: re.Match[str], ctx: Context) -> Found:
    shift = {"上": -7, "本": 0, "这": 0, "下": 7}[m.group("w")]
    monday, sunday = week_of(ctx.anchor + dt.timedelta(days=shift))
    if m.group("wd"):
        day = monday + dt.timedelta(days=WEEKDAYS[m.group("wd")])
        return _found(m, iso(day), ctx, "zh-week-day", extendable=True)
    if m.group("end"):
        return _found(m, f"{iso(sunday - dt.timedelta(days=1))}/{iso(sunday)}", ctx, "zh-weekend")
    return _found(m, f"{iso(monday)}/{iso(sunday)}", ctx, "zh-week", extendable=True)


def _weekday(m: re.Match[str], ctx: Context) -> Found:
    day = nearest_weekday(ctx.anchor, WEEKDAYS[m.group("wd")])
    return _found(m, iso(day), ctx, "zh-weekday", extendable=True)


_FUTURE_AFTER = re.compile(r"^(?:内|里|底前|中)?(?:将|会|要|计划|预计|拟|可能)")


def _month(m: re.Match[str], ctx: Context) -> Found:
    shift = {"上": -1, "本": 0, "这": 0, "当": 0, "下": 1}[m.group("w")]
    year, month = add_months(ctx.anchor.year, ctx.anchor.month, shift)
    part = m.group("p")
    if shift == 0 and not part and not _FUTURE_AFTER.match(m.string[m.end() : m.end() + 6]):
        # 本月 told of the past: the month so far ("now" is re-anchored when relayed).
        return _found(m, month_so_far(ctx.anchor), ctx, "zh-this-month", present=True)
    edtf = part_of_month(year, month, part, ctx.anchor) if part else month_edtf(year, month)
    return _found(m, edtf, ctx, "zh-relative-month", extendable=True)


def _relative_year(m: re.Match[str], ctx: Context) -> Found:
    year = ctx.anchor.year + {"去": -1, "今": 0, "明": 1, "前": -2}[m.group("w")]
    part = m.group("p")
    edtf = part_of_year(year, part, ctx.anchor) if part else f"{year:04d}"
    return _found(m, edtf, ctx, "zh-relative-year", extendable=True)


def _past_span(m: re.Match[str], ctx: Context) -> Found | None:
    n = number(m.group("n"))
    unit = m.group("u")
    if n <= 0:
        return None
    if unit == "年" and is_round_years(n):
        return _found(m, f"../{iso(ctx.anchor)}", ctx, "zh-past-span-round", approximate=True)
    if unit == "年":
        edtf = years_back(ctx.anchor, n)
    elif unit in ("个月", "月"):
        edtf = months_back(ctx.anchor, n)
    elif unit in ("周", "个星期", "星期"):
        edtf = days_back(ctx.anchor, 7 * n)
    else:
        edtf = days_back(ctx.anchor, n)
    return _found(m, edtf, ctx, "zh-past-span")


def _ago(m: re.Match[str], ctx: Context) -> Found | None:
    n = number(m.group("n"))
    unit = m.group("u")
    a = ctx.anchor
    if unit == "年":
        return _found(m, f"{a.year - n:04d}", ctx, "zh-ago")
    if unit in ("个月", "月"):
        return _found(m, month_edtf(*add_months(a.year, a.month, -n)), ctx, "zh-ago")
    if unit in ("周", "个星期", "星期"):
        monday, sunday = week_of(a - dt.timedelta(days=7 * n))
        return _found(m, f"{iso(monday)}/{iso(sunday)}", ctx, "zh-ago")
    return _found(m, iso(a - dt.timedelta(days=n)), ctx, "zh-ago", extendable=True)


# Approximate: how far back each word reaches (days before the anchor, last day offset).
_APPROXIMATE = {
    "日前": (14, 1),
    "近日": (14, 0),
    "不久前": (60, 1),
    "近期": (60, 0),
    "最近": (60, 0),
    "早前": (90, 1),
}


def _approximate(m: re.Match[str], ctx: Context) -> Found:
    back, last = _APPROXIMATE[m.group()]
    a = ctx.anchor
    edtf = interval(iso(a - dt.timedelta(days=back)), iso(a - dt.timedelta(days=last)))
    return _found(m, edtf, ctx, "zh-approximate", approximate=True)


def _present(m: re.Match[str], ctx: Context) -> Found:
    return _found(m, f"../{iso(ctx.anchor)}", ctx, "zh-present", present=True)


def _historical(m: re.Match[str], ctx: Context) -> Found:
    return _found(m, f"../{iso(ctx.anchor)}", ctx, "zh-historical", approximate=True)


def _iso_date(m: re.Match[str], ctx: Context) -> Found:
    day = D(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return _found(m, iso(day), ctx, "iso-date", anchor="absolute", extendable=True)


def _relative_day_any(m: re.Match[str], ctx: Context) -> Found:
    key = m.group("w") or ("前" if m.group("w2") == "前" else "后")
    day = ctx.anchor + dt.timedelta(days=_RELATIVE_DAYS[key])
    return _found(m, iso(day), ctx, "zh-relative-day", extendable=True)


def _past_span_any(m: re.Match[str], ctx: Context) -> Found | None:
    if m.group("n2"):
        n, unit = number(m.group("n2")), m.group("u2")
        if unit == "年" and is_round_years(n):
            edtf = f"../{iso(ctx.anchor)}"
            return _found(m, edtf, ctx, "zh-past-span-round", approximate=True)
        edtf = years_back(ctx.anchor, n) if unit == "年" else months_back(ctx.anchor, n)
        return _found(m, edtf, ctx, "zh-past-span")
    return _past_span(m, ctx)


MONTH_PART = r"(?P<p>初|上旬|中旬|下旬|底|末|中|晚些时候|稍后|早些时候|稍早)?"
RULES: list[Rule] = [
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), _iso_date),
    (
        "date",
        re.compile(
            rf"(?:当地时间)?(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?"
            rf"(?P<m>{NUM})月(?:(?P<d>{NUM})[日号])?(?(d)|{MONTH_PART})"
        ),
        _full_date,
    ),
    (
        "year",
        re.compile(
            r"(?<!\d)(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年(?!\d|[一二三四五六七八九十]+月)"
            r"(?:(?P<decade>代)|(?P<p>初|底|末|中|晚些时候|早些时候))?"
        ),
        _year,
    ),
    (
        "day",
        re.compile(
            rf"(?<![\d月〇零一二三四五六七八九十])(?P<d>{NUM})日"
            r"(?=电|晚|早|上午|下午|凌晨|傍晚|中午|夜|，|,|表示|宣布|称|说|发表|当天)"
        ),
        _day_only,
    ),
    (
        "relative-day",
        re.compile(r"(?P<w>[今昨明])(?:天|日|晨|早|晚)|(?P<w2>前|后)天"),
        _relative_day_any,
    ),
    (
        "week",
        re.compile(
            r"(?P<w>[上本这下])(?:个)?(?:周|星期|礼拜)(?:(?P<wd>[一二三四五六日天])|(?P<end>末))?"
        ),
        _week,
    ),
    (
        "weekday",
        re.compile(r"(?<![上本这下个])(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"),
        _weekday,
    ),
    ("month", re.compile(r"(?P<w>[上本这当下])(?:个)?月" + MONTH_PART), _month),
    (
        "relative-year",
        re.compile(r"(?P<w>[去今明前])年(?P<p>初|底|年底|年初|中|年中)?"),
        _relative_year,
    ),
    (
        "past-span",
        re.compile(
            rf"(?:过去|近|最近|这)(?P<n>{NUM})(?:多)?(?P<u>年|个月|周|个星期|天|日)(?:里|来|中|间|内)?"
            rf"|(?P<n2>{NUM})(?:多)?(?P<u2>年|个月)(?:来|以来)"
        ),
        _past_span_any,
    ),
    ("ago", re.compile(rf"(?P<n>{NUM})(?P<u>年|个月|周|个星期|天|日)(?:之)?前"), _ago),
    ("approximate", re.compile("|".join(_APPROXIMATE)), _approximate),
    ("present", re.compile(r"目前|当前|现在|眼下|如今|当下|现时"), _present),
    ("historical", re.compile(r"历史上|史上"), _historical),
]


_DATELINE = re.compile(r"(?P<d>\d{1,2})日(?:电|专电|讯)")


def dateline(text: str, folded: str, published: D) -> D | None:
    """The day of a wire dateline (「法新社巴沙迪納3日電」) near the start of the text."""
    m = _DATELINE.search(folded, 0, min(len(folded), 200))
    if not m:
        return None
    day = int(m.group("d"))
    year, month = published.year, published.month
    if day > published.day:
        year, month = add_months(year, month, -1)
    return D(year, month, day) if day <= last_day(year, month) else None
