"""The date phrases news uses: one row per phrase shape ("on Friday", "early October", "between early and
mid-October", "by December", "last week" ...), tried in order by `dates.find_dates`.

A row holds the shape's pattern, its reader (`date_readers`: the match, the anchor and whether the clause
speaks of the future -> (start, end, precision) or None) and its guard: a cheap test on the lowercased
sentence that skips the pattern for sentences that cannot match it. A new case is a row here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from geomap.events import date_readers as read
from geomap.events.date_readers import MONTHS, Reading

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_PART = r"(?:early|mid|late|the (?:start|beginning|middle|end) of)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# The year after a day or month: any four digits, so that a year outside the years dates are read in
# ("1 January 0001") is seen and the phrase refused (dates.find_dates) rather than dated in the
# publication's year; not a time of day ("October 25 1430 GMT").
_YEAR = r"(?:,?\s+(?P<year>\d{4})(?!\d)(?!\s*(?:GMT|UTC|[AaPp]\.?[Mm]\b|[Hh](?:ou)?rs\b)))?"
HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

Reader = Callable[[re.Match[str], date, bool], Reading | None]


@dataclass(frozen=True, slots=True, eq=False)
class Guard:
    """A cheap test on the lowercased sentence: one that holds none of `words` and no match of `pattern`
    cannot match the rule's pattern. Rules sharing a guard (one object: `eq=False` hashes by identity, which
    is cheap, where hashing the fields cost a tenth of the date stage) test a sentence once."""

    words: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None

    def admits(self, lower: str) -> bool:
        if any(w in lower for w in self.words):
            return True
        return self.pattern is not None and self.pattern.search(lower) is not None


@dataclass(frozen=True, slots=True)
class DateRule:
    """One phrase shape. `on_lower`: the pattern is compiled in lowercase and run on the lowercased sentence
    (faster than IGNORECASE); otherwise it needs the capital of a month or weekday name."""

    pattern: re.Pattern[str]
    reader: Reader
    guard: Guard
    on_lower: bool


def _cased(pattern: str, reader: Reader, guard: Guard) -> DateRule:
    return DateRule(re.compile(pattern), reader, guard, on_lower=False)


def _caseless(pattern: str, reader: Reader, guard: Guard) -> DateRule:
    return DateRule(re.compile(pattern.lower().replace("(?p<", "(?P<")), reader, guard, on_lower=True)


def _any(*words: str) -> Guard:
    return Guard(words)


_BETWEEN = _any("between")
_MONTH_NAME = Guard(pattern=re.compile("|".join(name[:3] for name in MONTHS)))
_SEASON = _any("spring", "summer", "autumn", "fall", "winter")
_YEAR_WORD = Guard(("year",), HAS_YEAR)

# Tried in this order; a span once taken is not matched again by a later rule.
RULES: tuple[DateRule, ...] = (
    _caseless(rf"\bbetween (?P<p1>early|mid|late)(?:-| |\s)(?:(?P<m1>{_FULL_MONTH})\s+)?and "
              rf"(?P<p2>early|mid|late)[- ](?P<month>{_FULL_MONTH}){_YEAR}", read.between_parts, _BETWEEN),
    _cased(rf"\bbetween (?P<m1>{_FULL_MONTH}) and (?P<m2>{_FULL_MONTH}){_YEAR}", read.between_months, _BETWEEN),
    _cased(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b", read.iso_day, _any("-")),
    _cased(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b{_YEAR}", read.explicit_day, _MONTH_NAME),
    _cased(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z]){_YEAR}", read.explicit_day, _MONTH_NAME),
    _caseless(rf"\b(?P<since>since |from )?(?P<part>{_PART})[- ]?(?:(?:in|of)\s+)?(?P<month>{_FULL_MONTH}){_YEAR}",
              read.part_month, _MONTH_NAME),
    _cased(rf"\b(?:by|before|until|no later than) (?:the end of )?(?P<month>{_FULL_MONTH}){_YEAR}", read.by_month,
           _MONTH_NAME),
    _cased(rf"\bsince (?P<month>{_FULL_MONTH}){_YEAR}", read.since_month, _any("since")),
    _cased(rf"\bbetween (?P<w1>{_WEEKDAY}) and (?P<w2>{_WEEKDAY})\b", read.between_weekdays, _BETWEEN),
    _cased(rf"\b(?P<next>next |last |this |on |late on |early on |late |early )?(?P<weekday>{_WEEKDAY})\b",
           read.on_weekday, _any("day")),
    _caseless(r"\b(?:earlier today|today|tomorrow|yesterday|last night|overnight|this morning|this afternoon|"
              r"this evening|tonight)\b", read.relative_day,
              _any("day", "tomorrow", "night", "morning", "afternoon", "evening")),
    _caseless(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a couple of) "
              r"(?P<unit>days?|weeks?) ago\b", read.days_ago, _any(" ago")),
    _caseless(r"\b(?:by|before|until) (?:the )?end of (?P<which>the|this|next) (?P<what>week|month|year)\b",
              read.end_of, _any("end of")),
    _caseless(r"\b(?:in|over|during) the (?:past|last) (?:(?P<n>\d+|two|three|four|five|six|several|few) )?"
              r"(?P<unit>days?|weeks?|months?|year)\b", read.past_span, _any("past", "last")),
    _caseless(r"\b(?:in|over|during|within) the (?:coming|next) (?P<unit>days|weeks|months)\b", read.coming,
              _any("coming", "next")),
    _caseless(r"\b(?:(?:over|during|at) )?(?P<which>the|this past|this|last|next|past) weekend\b", read.weekend,
              _any("weekend")),
    _caseless(rf"\b(?P<which>last|next|this|this past) (?P<month>{_FULL_MONTH})\b(?! \d)", read.named_month,
              _MONTH_NAME),
    _caseless(r"\b(?P<part>early|mid|late)[- ](?P<y>(?:19|20)\d\d)\b", read.part_of_year, Guard(pattern=HAS_YEAR)),
    _caseless(r"\bon the (?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b", read.day_of_month,
              Guard(pattern=re.compile(r"on the \d"))),
    _caseless(r"\b(?P<which>last|next|this|this past) (?P<season>spring|summer|autumn|fall|winter)"
              r"(?: (?:of )?(?P<year>(?:19|20)\d\d))?\b", read.season, _SEASON),
    _caseless(r"\b(?:in|during|over|through|throughout|since) (?:the )?(?P<which>last |next |this |early |late )?"
              r"(?P<season>spring|summer|autumn|fall|winter)(?: (?:of )?(?P<year>(?:19|20)\d\d))?\b", read.season,
              _SEASON),
    _caseless(r"\b(?P<which>last|next|earlier this|this) month\b", read.relative_month, _any("month")),
    _caseless(r"\b(?P<which>last|next|earlier this|this) week\b", read.relative_week, _any("week")),
    _cased(rf"\b(?:in|during|since|from|of|throughout|until) (?:the month of )?(?P<month>{_FULL_MONTH})"
           rf"(?: (?P<year>(?:19|20)\d\d))?\b(?! \d)", read.whole_month, _MONTH_NAME),
    _cased(rf"\b(?P<month>{_FULL_MONTH}) (?P<year>(?:19|20)\d\d)\b", read.whole_month, _MONTH_NAME),
    _caseless(r"\b(?:in|during|since|throughout) (?P<y>(?:19|20)\d\d)\b|\b(?:last|next|earlier this|this) year\b",
              read.whole_year, _YEAR_WORD),
    _caseless(r"\b(?:recently|in recent days|this past week|in the past week)\b", read.earlier,
              _any("recent", "past week")),
    _caseless(r"\bearlier in the week\b", read.earlier_in_week, _any("earlier in the week")),
    _caseless(r"\b(?P<holiday>christmas eve|christmas day|christmas|new year's eve|new year’s eve|new year's day|"
              r"new year’s day)\b", read.holiday, _any("christmas", "new year")),
    _cased(r"\b(?:a|the|its|their|his|her) (?P<y>(?:19|20)\d\d)\b(?! (?:\d|percent|per cent))", read.whole_year,
           _YEAR_WORD),
)
