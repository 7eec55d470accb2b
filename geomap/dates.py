"""Dates of events, worked out from the sentence and the document's publication date.

When the sentence gives no date of its own, the event is dated "on or before" the day it was reported
(a "said Friday" in the sentence, else the publication date).

Handles what news sentences say most: weekday names ("on Friday": the last Friday on or before the
publication date, or the next one for future events), "today"/"yesterday"/"last night", and explicit
month-day dates ("October 25", "25 October", with an optional year). dateutil does the calendar
arithmetic; the phrase patterns are ours because dateutil's fuzzy parser would take "March" in
"the March offensive" and fills missing parts with today's date rather than the document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta, weekdays

from geomap.records import DatePrecision

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b(?:,?\s+(\d{{4}}))?")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_RELATIVE = re.compile(r"\b(today|yesterday|last night|overnight|this morning|tonight)\b", re.IGNORECASE)
_REPORTING = re.compile(r"\b(said|says|reported|reports|told|announced|stated|added|wrote)\s+(on\s+)?$")
_FUTURE = re.compile(r"\b(will|expected to|as early as|next|planned|plans to|is to|are to|could|may)\b")


@dataclass(frozen=True, slots=True)
class EventDate:
    start: date | None
    end: date | None
    precision: DatePrecision


def date_sentence(sentence: str, published: date | None) -> EventDate:
    """The date a sentence gives its event, relative to the publication date."""
    explicit = _explicit_date(sentence, published)
    if explicit is not None:
        return EventDate(explicit, explicit, DatePrecision.DAY)
    if published is None:
        return EventDate(None, None, DatePrecision.UNKNOWN)
    weekday_day, is_report_day = _weekday_date(sentence, published)
    if weekday_day is not None and not is_report_day:
        return EventDate(weekday_day, weekday_day, DatePrecision.DAY)
    relative = _RELATIVE.search(sentence)
    if relative:
        word = relative.group(1).lower()
        day = published - timedelta(days=1) if word in ("yesterday", "last night", "overnight") else published
        return EventDate(day, day, DatePrecision.DAY)
    bound = weekday_day or published  # the day it was reported: the event happened then or before
    return EventDate(bound, bound, DatePrecision.ON_OR_BEFORE)


def _weekday_date(sentence: str, published: date) -> tuple[date | None, bool]:
    """The first weekday that dates the event, and whether it only dates the report.

    "said Friday" dates the statement, not the event; it is used only when no other weekday is given.
    A weekday after a future cue ("expected to ... as early as Sunday") is the next such day; any other
    is the last such day on or before publication.
    """
    future = _FUTURE.search(sentence)
    report_day = None
    for match in _WEEKDAY.finditer(sentence):
        index = WEEKDAYS.index(match.group(1).lower())
        if _REPORTING.search(sentence, 0, match.start()):
            report_day = report_day or published + relativedelta(weekday=weekdays[index](-1))
            continue
        ahead = future is not None and future.start() < match.start()
        return published + relativedelta(weekday=weekdays[index](+1 if ahead else -1)), False
    return report_day, report_day is not None


def _explicit_date(sentence: str, published: date | None) -> date | None:
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        match = pattern.search(sentence)
        if not match:
            continue
        month = _month_number(match.group(month_group))
        day = int(match.group(day_group))
        year_text = match.group(3)
        if year_text:
            year = int(year_text)
        elif published is not None:
            year = published.year
        else:
            continue
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if not year_text and published is not None and found > published + timedelta(days=7):
            try:  # "December 30" in a January article is last year's
                found = found.replace(year=year - 1)
            except ValueError:  # February 29 has no previous-year twin
                continue
        return found
    return None


def _month_number(text: str) -> int:
    prefix = text.lower().rstrip(".")[:3]
    return next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(prefix))
