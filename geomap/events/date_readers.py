"""How each date phrase is dated: one reader per phrase shape, called by `dates.find_dates` with the match
of its pattern (`date_rules.RULES`), the anchor (the publication or statement date) and whether the clause
speaks of the future; it returns (start, end, precision), or None when the words are no date after all
("February 30"). The calendar arithmetic they share is here too: months named without a year, parts of
months ("early", "mid", "late").
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta, weekdays

from geomap.records import DatePrecision

Reading = tuple[date, date, DatePrecision]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a few": 3, "several": 3, "a couple of": 2}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_number(text: str) -> int:
    prefix = text.lower().rstrip(".")[:3]
    return next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(prefix))


def _month_year(month: int, year_text: str | None, anchor: date, future: bool) -> int:
    """The year of a month named without one: the latest not after the anchor's month, or the next
    occurrence when the clause speaks of the future ("by December")."""
    if year_text:
        return int(year_text)
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _part_of_month(part: str, year: int, month: int) -> tuple[date, date]:
    part = part.lower()
    last = calendar.monthrange(year, month)[1]
    if part in ("early", "the start of", "the beginning of"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("mid", "the middle of"):
        return date(year, month, 11), date(year, month, 20)
    return date(year, month, 21), date(year, month, last)  # late, the end of


# --- one function per phrase shape: (match, anchor, future) -> (start, end, precision) or None ----------


def explicit_day(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    text = m.group(0).replace(".", " ")
    try:
        parsed = date_parser.parse(text, default=datetime(anchor.year, 1, 1)).date()
    except (ValueError, OverflowError):
        return None
    if not m.group("year"):
        if future and parsed < anchor - timedelta(days=2):
            parsed = _replace_year(parsed, parsed.year + 1)
        elif not future and parsed > anchor + timedelta(days=7):  # "December 30" in a January article
            parsed = _replace_year(parsed, parsed.year - 1)
    if parsed is None:
        return None
    return parsed, parsed, DatePrecision.DAY


def _replace_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # February 29
        return None


def iso_day(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    try:
        day = date.fromisoformat(m.group(0))
    except ValueError:
        return None
    return day, day, DatePrecision.DAY


def on_weekday(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    index = WEEKDAYS.index(m.group("weekday").lower())
    qualifier = (m.group("next") or "").strip().lower()
    ahead = qualifier == "next" or (future and qualifier != "last")
    if ahead:
        day = (anchor + timedelta(days=1)) + relativedelta(weekday=weekdays[index](+1))
    else:
        day = anchor + relativedelta(weekday=weekdays[index](-1))
    return day, day, DatePrecision.DAY


def between_weekdays(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    second = anchor + relativedelta(weekday=weekdays[WEEKDAYS.index(m.group("w2").lower())](-1))
    first = second + relativedelta(weekday=weekdays[WEEKDAYS.index(m.group("w1").lower())](-1))
    return first, second, DatePrecision.RANGE


def relative_day(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    word = m.group(0).lower()
    if word in ("today", "this morning", "this afternoon", "this evening", "tonight", "earlier today"):
        return anchor, anchor, DatePrecision.DAY
    if word == "tomorrow":
        day = anchor + timedelta(days=1)
        return day, day, DatePrecision.DAY
    if word == "overnight":
        return anchor - timedelta(days=1), anchor, DatePrecision.RANGE
    day = anchor - timedelta(days=1)  # yesterday, last night
    return day, day, DatePrecision.DAY


def days_ago(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
    if not n:
        return None
    unit = m.group("unit").lower()
    if unit.startswith("day"):
        day = anchor - timedelta(days=n)
        return day, day, DatePrecision.DAY
    end = anchor - timedelta(weeks=n)
    return end - timedelta(days=6), end, DatePrecision.WEEK


def between_parts(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, future)
    first = _month_number(m.group("m1")) if m.group("m1") else month  # "between late May and early June"
    first_year = year if first <= month else year - 1
    start, _ = _part_of_month(m.group("p1").replace("-", ""), first_year, first)
    _, end = _part_of_month(m.group("p2").replace("-", ""), year, month)
    return start, end, DatePrecision.RANGE


def between_months(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    m1, m2 = _month_number(m.group("m1")), _month_number(m.group("m2"))
    y2 = _month_year(m2, m.group("year"), anchor, future)
    y1 = y2 if m1 <= m2 else y2 - 1
    return date(y1, m1, 1), _month_end(y2, m2), DatePrecision.RANGE


def part_month(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, future)
    start, end = _part_of_month(m.group("part").rstrip("-").strip(), year, month)
    if m.group("since"):
        return start, anchor, DatePrecision.RANGE
    return start, end, DatePrecision.RANGE


def by_month(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, True)
    return anchor, _month_end(year, month), DatePrecision.RANGE


def since_month(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, False)
    return date(year, month, 1), anchor, DatePrecision.RANGE


def whole_month(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, future)
    return date(year, month, 1), _month_end(year, month), DatePrecision.MONTH


def relative_month(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    which = m.group("which").lower()
    first = anchor.replace(day=1)
    if which == "last":
        first = first - relativedelta(months=1)
    elif which == "next":
        first = first + relativedelta(months=1)
    end = _month_end(first.year, first.month)
    if which in ("this", "earlier this"):
        return first, anchor, DatePrecision.RANGE if which == "earlier this" else DatePrecision.MONTH
    return first, end, DatePrecision.MONTH


def part_of_year(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    """ "late 2023": its last four months; "early 2024": its first four; "mid-2024": May to August."""
    year = int(m.group("y"))
    first = {"early": 1, "mid": 5, "late": 9}[m.group("part").lower()]
    return date(year, first, 1), _month_end(year, first + 3), DatePrecision.RANGE


def named_month(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    """ "last November": the latest November before this month; "next March": the first after it."""
    month = _month_number(m.group("month"))
    which = m.group("which").lower()
    year = anchor.year
    if which == "next":
        year += month <= anchor.month
    elif which != "this":
        year -= month >= anchor.month
    return date(year, month, 1), _month_end(year, month), DatePrecision.MONTH


def day_of_month(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    """ "on the 14th": that day of this month, or of the last one when it is still to come."""
    day = int(m.group("d"))
    first = anchor.replace(day=1)
    if day > anchor.day and not future:
        first -= relativedelta(months=1)
    elif day < anchor.day and future:
        first += relativedelta(months=1)
    if day > _month_end(first.year, first.month).day:
        return None
    return first.replace(day=day), first.replace(day=day), DatePrecision.DAY


def relative_week(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    which = m.group("which").lower()
    monday = anchor - timedelta(days=anchor.weekday())
    if which == "last":
        monday -= timedelta(days=7)
    elif which == "next":
        monday += timedelta(days=7)
    elif which in ("this", "earlier this"):
        return monday, anchor, DatePrecision.WEEK
    return monday, monday + timedelta(days=6), DatePrecision.WEEK


def whole_year(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    text = m.group(0).lower()
    if "last year" in text:
        year = anchor.year - 1
    elif "next year" in text:
        year = anchor.year + 1
    elif "this year" in text or "earlier this year" in text:
        return date(anchor.year, 1, 1), anchor, DatePrecision.YEAR
    else:
        year = int(m.group("y"))
    return date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def season(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    first, last = _SEASONS[m.group("season").lower()]

    def span(year: int) -> tuple[date, date]:  # the season that starts in `year` (winter runs into the next)
        return date(year, first, 1), _month_end(year + 1 if first > last else year, last)

    if m.group("year"):
        start, end = span(int(m.group("year")))
    else:
        which = (m.group("which") or "").strip().lower()
        seasons = [span(year) for year in range(anchor.year - 2, anchor.year + 2)]
        if which == "next" or (future and which != "last"):
            start, end = next(s for s in seasons if s[0] > anchor)
        elif which == "last":
            start, end = [s for s in seasons if s[1] < anchor][-1]
        else:  # the latest that has begun, perhaps still running
            start, end = [s for s in seasons if s[0] <= anchor][-1]
    return start, end, DatePrecision.RANGE


def weekend(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    which = (m.group("which") or "").lower()
    ahead = which == "next" or (future and "past" not in which)
    saturday = anchor + relativedelta(weekday=weekdays[5](+1 if ahead else -1))
    if which == "last" and saturday + timedelta(days=1) >= anchor:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), DatePrecision.RANGE


def past_span(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    unit = m.group("unit").lower()
    n = m.group("n")
    count = int(n) if n and n.isdigit() else _NUMBER_WORDS.get((n or "").lower(), 1)
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit.rstrip("s")] * count
    return anchor - timedelta(days=days), anchor, DatePrecision.RANGE


def end_of(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    what = m.group("what").lower()
    which = (m.group("which") or "the").lower()
    if what == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=7 if which == "next" else 0)
        return anchor, monday + timedelta(days=6), DatePrecision.RANGE
    if what == "month":
        first = anchor.replace(day=1) + relativedelta(months=1 if which == "next" else 0)
        return anchor, _month_end(first.year, first.month), DatePrecision.RANGE
    year = anchor.year + (1 if which == "next" else 0)
    return anchor, date(year, 12, 31), DatePrecision.RANGE


def coming(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    unit = m.group("unit").lower()
    days = {"days": 7, "weeks": 28, "months": 90}[unit]
    return anchor, anchor + timedelta(days=days), DatePrecision.RANGE


_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new year's eve": (12, 31), "new year’s eve": (12, 31), "new year's day": (1, 1),
             "new year’s day": (1, 1)}


def holiday(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    month, day = _HOLIDAYS[m.group("holiday").lower()]
    found = date(anchor.year, month, day)
    if future and found < anchor:
        found = date(anchor.year + 1, month, day)
    elif not future and found > anchor:
        found = date(anchor.year - 1, month, day)
    return found, found, DatePrecision.DAY


def earlier_in_week(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    monday = anchor - timedelta(days=anchor.weekday())
    return monday, max(monday, anchor - timedelta(days=1)), DatePrecision.RANGE


def earlier(m: re.Match[str], anchor: date, future: bool) -> Reading | None:
    return anchor - timedelta(days=6), anchor, DatePrecision.ON_OR_BEFORE
