"""Date expressions in news text, resolved against the document's publication date.

`find_dates(text, published)` returns every date expression with its interval and precision:
explicit days ("October 25", "25 Oct 2024", "Oct. 3", "2024-10-25"), weekdays ("on Friday": the last Friday
on or before the anchor; "as early as Sunday": the next one when the clause speaks of the future), relative
days ("yesterday", "overnight", "three days ago"), parts of months ("early/mid/late August", "between early
and mid-October"), bounds ("by December", "since early August"), months ("in September", "last month",
"earlier this month"), weeks ("last week") and years ("in 2023", "last year").

dateutil does the calendar arithmetic and reads explicit dates (`parser.parse` with the publication date as
default, so missing parts come from the document, not from today). Finding the phrases is ours: dateutil's
fuzzy mode and dateparser's `search_dates` take "March" in "the March offensive" or "May" in "may strike",
cannot say "between early and mid-October" or "by December", and dateparser costs milliseconds per
sentence, more than the whole rest of the pipeline. Each phrase shape is a row of `date_rules` (its pattern,
its guard and its reader in `date_readers`); a new case is a row there.

Dates are read between FIRST_YEAR and LAST_YEAR. A phrase that names a year outside them ("1 January 0001",
"December 31, 9999"), or whose arithmetic leaves them, is refused on its own: its words are passed over (no
later rule reads part of them) and the sentence is dated as if it were not there; the rest of the document
is unaffected. A publication date outside them is refused at ingest (`text.documents.checked_date`); given
one anyway, only dates that carry their year are read, as without a publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from geomap.events.date_rules import HAS_YEAR, RULES, DateRule, Guard
from geomap.records import FIRST_YEAR, LAST_YEAR, DatePrecision

_FIRST_DAY = date(FIRST_YEAR, 1, 1)
_LAST_DAY = date(LAST_YEAR, 12, 31)
REPORTING = re.compile(r"\b(said|says|reported|reports|told \w+|announced|stated|added|wrote|confirmed|noted|"
                       r"claimed|warned|estimated|debrief\w*|statement|briefing)\s+(?:\w+\s+)?(?:on\s+|late\s+|"
                       r"early\s+)?$", re.IGNORECASE)
FUTURE = re.compile(r"\b(will|would|expected|expects|anticipat\w+|as early as|next|plans?|planned|planning|"
                    r"intends?|set to|due to|could|may|might|poised to|preparing to|scheduled|upcoming|coming)\b")


@dataclass(frozen=True, slots=True)
class EventDate:
    start: date | None
    end: date | None
    precision: DatePrecision
    text: str = ""


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: EventDate
    reporting: bool  # "said Friday": dates the report, not the event


def unknown() -> EventDate:
    return EventDate(None, None, DatePrecision.UNKNOWN)


def report_window(day: date | None) -> EventDate:
    """The date of an event that gives none: the week up to the day it was reported."""
    if day is None or not _FIRST_DAY <= day <= _LAST_DAY:
        return unknown()
    return EventDate(day - timedelta(days=6), day, DatePrecision.ON_OR_BEFORE)


def find_dates(text: str, published: date | None, anchor: date | None = None) -> list[DateMention]:
    """Every date expression in `text`, in text order.

    `anchor` (default: the publication date) is the "now" of relative expressions; a sentence that reports
    a statement ("Zelensky said Friday that ... as early as Sunday") anchors its future on the statement.
    """
    anchor = anchor or published
    if anchor is not None and not _FIRST_DAY <= anchor <= _LAST_DAY:
        anchor = None
    scope = _Scope(text, anchor or date(2000, 1, 1), dated_only=anchor is None)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    lower = text.lower()
    admitted: dict[Guard, bool] = {}  # rules sharing a guard (month names) test the sentence once
    for rule in RULES:
        verdict = admitted.get(rule.guard)
        if verdict is None:
            verdict = admitted[rule.guard] = rule.guard.admits(lower)
        if not verdict:
            continue
        for m in rule.pattern.finditer(lower if rule.on_lower else text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            took, mention = _read(m, rule, scope)
            if took:
                taken.append((m.start(), m.end()))
            if mention is not None:
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


@dataclass(frozen=True, slots=True)
class _Scope:
    """What every rule reads a sentence with: its text, the anchor, and whether only dates that carry their
    year count (without a publication date)."""

    text: str
    anchor: date
    dated_only: bool


def _read(m: re.Match[str], rule: DateRule, scope: _Scope) -> tuple[bool, DateMention | None]:
    """Whether the phrase's words are taken (no later rule reads them), and the date it gives if any."""
    text = scope.text
    if scope.dated_only and not HAS_YEAR.search(m.group(0)):
        return False, None
    if _names_other_year(m):  # refused, and its words are not read again by a later rule
        return True, None
    reporting = bool(REPORTING.search(text, max(0, m.start() - 60), m.start()))
    segment = max(text.rfind(",", 0, m.start()), text.rfind(";", 0, m.start()), 0)  # its clause
    future = not reporting and bool(FUTURE.search(text, segment, m.start()))
    try:
        answer = rule.reader(m, scope.anchor, future)
    except (ValueError, OverflowError):  # arithmetic that leaves the calendar: refused likewise
        return True, None
    if answer is None:
        return False, None
    start, end, precision = answer
    if start < _FIRST_DAY or end > _LAST_DAY:
        return True, None
    said = text[m.start():m.end()].strip()
    return True, DateMention(m.start(), m.end(), EventDate(start, end, precision, said), reporting)


def _names_other_year(m: re.Match) -> bool:
    """Whether the phrase names a year outside FIRST_YEAR..LAST_YEAR ("1 January 0001")."""
    year = m.groupdict().get("year") or m.groupdict().get("y")
    return year is not None and not FIRST_YEAR <= int(year) <= LAST_YEAR
