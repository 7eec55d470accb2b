"""The date phrases news uses, one pattern and one rule per shape ("on Friday", "early October",
"between early and mid-October", "by December", "last week" ...), tried in order by `dates.find_dates`.

Each rule takes the match, the anchor (the publication or statement date) and whether the clause speaks
of the future, and returns (start, end, precision) or None. A new case is a row in RULES (with its guard:
a cheap substring test that skips the pattern for sentences that cannot match it).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta, weekdays

from geomap.records import DatePrecision

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_PART = r"(?:early|mid|late|the (?:start|beginning|middle|end) of)"
# The year after a day or month: any four digits, so that a year outside the years dates are read in
# ("1 January 0001") is seen and the phrase refused (dates.find_dates) rather than dated in the
# publication's year; not a time of day ("October 25 1430 GMT").
_YEAR = r"(?:,?\s+(?P<year>\d{4})(?!\d)(?!\s*(?:GMT|UTC|[AaPp]\.?[Mm]\b|[Hh](?:ou)?rs\b)))?"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a few": 3, "several": 3, "a couple of": 2}
HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ON_THE_DAY = re.compile(r"on the \d")


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

def _explicit_day(m: re.Match, anchor: date, future: bool) -> tuple[date, date, DatePrecision] | None:
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


def _iso_day(m: re.Match, anchor: date, future: bool):
    try:
        day = date.fromisoformat(m.group(0))
    except ValueError:
        return None
    return day, day, DatePrecision.DAY


def _weekday(m: re.Match, anchor: date, future: bool):
    index = WEEKDAYS.index(m.group("weekday").lower())
    qualifier = (m.group("next") or "").strip().lower()
    ahead = qualifier == "next" or (future and qualifier != "last")
    if ahead:
        day = (anchor + timedelta(days=1)) + relativedelta(weekday=weekdays[index](+1))
    else:
        day = anchor + relativedelta(weekday=weekdays[index](-1))
    return day, day, DatePrecision.DAY


def _between_weekdays(m: re.Match, anchor: date, future: bool):
    second = anchor + relativedelta(weekday=weekdays[WEEKDAYS.index(m.group("w2").lower())](-1))
    first = second + relativedelta(weekday=weekdays[WEEKDAYS.index(m.group("w1").lower())](-1))
    return first, second, DatePrecision.RANGE


def _relative_day(m: re.Match, anchor: date, future: bool):
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


def _days_ago(m: re.Match, anchor: date, future: bool):
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


def _between_parts(m: re.Match, anchor: date, future: bool):
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, future)
    first = _month_number(m.group("m1")) if m.group("m1") else month  # "between late May and early June"
    first_year = year if first <= month else year - 1
    start, _ = _part_of_month(m.group("p1").replace("-", ""), first_year, first)
    _, end = _part_of_month(m.group("p2").replace("-", ""), year, month)
    return start, end, DatePrecision.RANGE


def _between_months(m: re.Match, anchor: date, future: bool):
    m1, m2 = _month_number(m.group("m1")), _month_number(m.group("m2"))
    y2 = _month_year(m2, m.group("year"), anchor, future)
    y1 = y2 if m1 <= m2 else y2 - 1
    return date(y1, m1, 1), _month_end(y2, m2), DatePrecision.RANGE


def _part_month(m: re.Match, anchor: date, future: bool):
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, future)
    start, end = _part_of_month(m.group("part").rstrip("-").strip(), year, month)
    if m.group("since"):
        return start, anchor, DatePrecision.RANGE
    return start, end, DatePrecision.RANGE


def _by_month(m: re.Match, anchor: date, future: bool):
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, True)
    return anchor, _month_end(year, month), DatePrecision.RANGE


def _since_month(m: re.Match, anchor: date, future: bool):
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, False)
    return date(year, month, 1), anchor, DatePrecision.RANGE


def _month(m: re.Match, anchor: date, future: bool):
    month = _month_number(m.group("month"))
    year = _month_year(month, m.group("year"), anchor, future)
    return date(year, month, 1), _month_end(year, month), DatePrecision.MONTH


def _relative_month(m: re.Match, anchor: date, future: bool):
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


def _part_of_year(m: re.Match, anchor: date, future: bool):
    """ "late 2023": its last four months; "early 2024": its first four; "mid-2024": May to August."""
    year = int(m.group("y"))
    first = {"early": 1, "mid": 5, "late": 9}[m.group("part").lower()]
    return date(year, first, 1), _month_end(year, first + 3), DatePrecision.RANGE


def _named_month(m: re.Match, anchor: date, future: bool):
    """ "last November": the latest November before this month; "next March": the first after it."""
    month = _month_number(m.group("month"))
    which = m.group("which").lower()
    year = anchor.year
    if which == "next":
        year += month <= anchor.month
    elif which != "this":
        year -= month >= anchor.month
    return date(year, month, 1), _month_end(year, month), DatePrecision.MONTH


def _day_of_month(m: re.Match, anchor: date, future: bool):
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


def _relative_week(m: re.Match, anchor: date, future: bool):
    which = m.group("which").lower()
    monday = anchor - timedelta(days=anchor.weekday())
    if which == "last":
        monday -= timedelta(days=7)
    elif which == "next":
        monday += timedelta(days=7)
    elif which in ("this", "earlier this"):
        return monday, anchor, DatePrecision.WEEK
    return monday, monday + timedelta(days=6), DatePrecision.WEEK


def _year(m: re.Match, anchor: date, future: bool):
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


def _season(m: re.Match, anchor: date, future: bool):
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


def _weekend(m: re.Match, anchor: date, future: bool):
    which = (m.group("which") or "").lower()
    ahead = which == "next" or (future and "past" not in which)
    saturday = anchor + relativedelta(weekday=weekdays[5](+1 if ahead else -1))
    if which == "last" and saturday + timedelta(days=1) >= anchor:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), DatePrecision.RANGE


def _past_span(m: re.Match, anchor: date, future: bool):
    unit = m.group("unit").lower()
    n = m.group("n")
    count = int(n) if n and n.isdigit() else _NUMBER_WORDS.get((n or "").lower(), 1)
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit.rstrip("s")] * count
    return anchor - timedelta(days=days), anchor, DatePrecision.RANGE


def _end_of(m: re.Match, anchor: date, future: bool):
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


def _coming(m: re.Match, anchor: date, future: bool):
    unit = m.group("unit").lower()
    days = {"days": 7, "weeks": 28, "months": 90}[unit]
    return anchor, anchor + timedelta(days=days), DatePrecision.RANGE


_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new year's eve": (12, 31), "new year’s eve": (12, 31), "new year's day": (1, 1),
             "new year’s day": (1, 1)}


def _holiday(m: re.Match, anchor: date, future: bool):
    month, day = _HOLIDAYS[m.group("holiday").lower()]
    found = date(anchor.year, month, day)
    if future and found < anchor:
        found = date(anchor.year + 1, month, day)
    elif not future and found > anchor:
        found = date(anchor.year - 1, month, day)
    return found, found, DatePrecision.DAY


def _earlier_in_week(m: re.Match, anchor: date, future: bool):
    monday = anchor - timedelta(days=anchor.weekday())
    return monday, max(monday, anchor - timedelta(days=1)), DatePrecision.RANGE


def _earlier(m: re.Match, anchor: date, future: bool):
    return anchor - timedelta(days=6), anchor, DatePrecision.ON_OR_BEFORE


_Rule = Callable[[re.Match, date, bool], tuple | None]
_MONTH_STEM = re.compile("|".join(name[:3] for name in MONTHS))
_DIGIT = re.compile(r"\d")
# Cheap tests on the lowercased sentence: a rule whose guard fails cannot match and is not run.
GUARDS: dict[_Rule, Callable[[str], bool]] = {}


def _has_month(lower: str) -> bool:
    return _MONTH_STEM.search(lower) is not None


# (pattern, rule, on lowercased text), tried in this order; a span once taken is not matched again by a later
# rule. Case-insensitive rules are compiled in lowercase and run on the lowercased sentence (faster than
# IGNORECASE); the others need the capital of a month or weekday name.
RULES: tuple[tuple[re.Pattern[str], _Rule, bool], ...] = tuple(
    (re.compile(p.lower().replace("(?p<", "(?P<") if flags else p), rule, bool(flags)) for p, rule, flags in (
    (rf"\bbetween (?P<p1>early|mid|late)(?:-| |\s)(?:(?P<m1>{_FULL_MONTH})\s+)?and (?P<p2>early|mid|late)[- ]"
     rf"(?P<month>{_FULL_MONTH}){_YEAR}", _between_parts, re.IGNORECASE),
    (rf"\bbetween (?P<m1>{_FULL_MONTH}) and (?P<m2>{_FULL_MONTH}){_YEAR}", _between_months, 0),
    (r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b", _iso_day, 0),
    (rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b{_YEAR}", _explicit_day, 0),
    (rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z]){_YEAR}", _explicit_day, 0),
    (rf"\b(?P<since>since |from )?(?P<part>{_PART})[- ]?(?:(?:in|of)\s+)?(?P<month>{_FULL_MONTH}){_YEAR}",
     _part_month, re.IGNORECASE),
    (rf"\b(?:by|before|until|no later than) (?:the end of )?(?P<month>{_FULL_MONTH}){_YEAR}", _by_month, 0),
    (rf"\bsince (?P<month>{_FULL_MONTH}){_YEAR}", _since_month, 0),
    (r"\bbetween (?P<w1>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) and (?P<w2>Monday|Tuesday|"
     r"Wednesday|Thursday|Friday|Saturday|Sunday)\b", _between_weekdays, 0),
    (r"\b(?P<next>next |last |this |on |late on |early on |late |early )?(?P<weekday>Monday|Tuesday|Wednesday|"
     r"Thursday|Friday|Saturday|Sunday)\b", _weekday, 0),
    (r"\b(?:earlier today|today|tomorrow|yesterday|last night|overnight|this morning|this afternoon|"
     r"this evening|tonight)\b", _relative_day, re.IGNORECASE),
    (r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a couple of) "
     r"(?P<unit>days?|weeks?) ago\b", _days_ago, re.IGNORECASE),
    (r"\b(?:by|before|until) (?:the )?end of (?P<which>the|this|next) (?P<what>week|month|year)\b", _end_of,
     re.IGNORECASE),
    (r"\b(?:in|over|during) the (?:past|last) (?:(?P<n>\d+|two|three|four|five|six|several|few) )?"
     r"(?P<unit>days?|weeks?|months?|year)\b", _past_span, re.IGNORECASE),
    (r"\b(?:in|over|during|within) the (?:coming|next) (?P<unit>days|weeks|months)\b", _coming, re.IGNORECASE),
    (r"\b(?:(?:over|during|at) )?(?P<which>the|this past|this|last|next|past) weekend\b", _weekend, re.IGNORECASE),
    (rf"\b(?P<which>last|next|this|this past) (?P<month>{_FULL_MONTH})\b(?! \d)", _named_month, re.IGNORECASE),
    (r"\b(?P<part>early|mid|late)[- ](?P<y>(?:19|20)\d\d)\b", _part_of_year, re.IGNORECASE),
    (r"\bon the (?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b", _day_of_month, re.IGNORECASE),
    (r"\b(?P<which>last|next|this|this past) (?P<season>spring|summer|autumn|fall|winter)"
     r"(?: (?:of )?(?P<year>(?:19|20)\d\d))?\b", _season, re.IGNORECASE),
    (r"\b(?:in|during|over|through|throughout|since) (?:the )?(?P<which>last |next |this |early |late )?"
     r"(?P<season>spring|summer|autumn|fall|winter)(?: (?:of )?(?P<year>(?:19|20)\d\d))?\b", _season,
     re.IGNORECASE),
    (r"\b(?P<which>last|next|earlier this|this) month\b", _relative_month, re.IGNORECASE),
    (r"\b(?P<which>last|next|earlier this|this) week\b", _relative_week, re.IGNORECASE),
    (rf"\b(?:in|during|since|from|of|throughout|until) (?:the month of )?(?P<month>{_FULL_MONTH})(?: (?P<year>"
     rf"(?:19|20)\d\d))?\b(?! \d)", _month, 0),
    (rf"\b(?P<month>{_FULL_MONTH}) (?P<year>(?:19|20)\d\d)\b", _month, 0),
    (r"\b(?:in|during|since|throughout) (?P<y>(?:19|20)\d\d)\b|\b(?:last|next|earlier this|this) year\b",
     _year, re.IGNORECASE),
    (r"\b(?:recently|in recent days|this past week|in the past week)\b", _earlier, re.IGNORECASE),
    (r"\bearlier in the week\b", _earlier_in_week, re.IGNORECASE),
    (r"\b(?P<holiday>christmas eve|christmas day|christmas|new year's eve|new year’s eve|new year's day|"
     r"new year’s day)\b", _holiday, re.IGNORECASE),
    (r"\b(?:a|the|its|their|his|her) (?P<y>(?:19|20)\d\d)\b(?! (?:\d|percent|per cent))", _year, 0),
))


GUARDS.update({
    _between_parts: lambda s: "between" in s,
    _between_months: lambda s: "between" in s,
    _iso_day: lambda s: "-" in s,
    _explicit_day: _has_month,
    _part_month: _has_month,
    _by_month: _has_month,
    _since_month: lambda s: "since" in s,
    _weekday: lambda s: "day" in s,
    _between_weekdays: lambda s: "between" in s,
    _relative_day: lambda s: any(w in s for w in ("day", "tomorrow", "night", "morning", "afternoon", "evening")),
    _days_ago: lambda s: " ago" in s,
    _relative_month: lambda s: "month" in s,
    _relative_week: lambda s: "week" in s,
    _month: _has_month,
    _year: lambda s: "year" in s or HAS_YEAR.search(s) is not None,
    _earlier: lambda s: "recent" in s or "past week" in s,
    _earlier_in_week: lambda s: "earlier in the week" in s,
    _holiday: lambda s: "christmas" in s or "new year" in s,
    _season: lambda s: any(w in s for w in ("spring", "summer", "autumn", "fall", "winter")),
    _weekend: lambda s: "weekend" in s,
    _named_month: _has_month,
    _part_of_year: lambda s: HAS_YEAR.search(s) is not None,
    _day_of_month: lambda s: "on the " in s and _ON_THE_DAY.search(s) is not None,
    _past_span: lambda s: "past" in s or "last" in s,
    _end_of: lambda s: "end of" in s,
    _coming: lambda s: "coming" in s or "next" in s,
})
