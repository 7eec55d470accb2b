"""geomap.events.dates: the dates a sentence names, relative to the publication date (table-driven)."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events.date_rules import RULES
from geomap.events.dates import EventDate, find_dates, report_window, unknown
from geomap.records import DatePrecision as P

SUNDAY = date(2024, 10, 27)  # the publication date of most rows: a Sunday
JAN = date(2025, 1, 3)  # a Friday early in January, for year rollover
D = date


def _own_dates(sentence: str, published: date | None, anchor: date | None = None) -> list[tuple]:
    """(start, end, precision) of each date the sentence gives its events (not those that date a report)."""
    return [(d.date.start, d.date.end, d.date.precision) for d in find_dates(sentence, published, anchor=anchor)
            if not d.reporting]


# (sentence, published, its date as (start, end, precision), or None when it names none)
CASES = [
    # weekdays: the last such day on or before publication, the next one when the clause looks ahead
    ("Drones hit Kyiv on Friday.", SUNDAY, (D(2024, 10, 25), D(2024, 10, 25), P.DAY)),
    ("Drones hit Kyiv Friday.", SUNDAY, (D(2024, 10, 25), D(2024, 10, 25), P.DAY)),
    ("Drones hit Kyiv late on Tuesday.", SUNDAY, (D(2024, 10, 22), D(2024, 10, 22), P.DAY)),
    ("Drones hit Kyiv on Sunday.", SUNDAY, (SUNDAY, SUNDAY, P.DAY)),
    ("Drones hit Kyiv last Monday.", SUNDAY, (D(2024, 10, 21), D(2024, 10, 21), P.DAY)),
    ("Troops are expected at the front as early as Monday.", SUNDAY, (D(2024, 10, 28), D(2024, 10, 28), P.DAY)),
    ("Talks will resume next Wednesday.", SUNDAY, (D(2024, 10, 30), D(2024, 10, 30), P.DAY)),
    ("After the raid on Tuesday, more troops will deploy.", SUNDAY, (D(2024, 10, 22), D(2024, 10, 22), P.DAY)),
    ("Drones hit Kyiv between Tuesday and Thursday.", SUNDAY, (D(2024, 10, 22), D(2024, 10, 24), P.RANGE)),
    # explicit days
    ("Drones hit Kyiv on October 25.", SUNDAY, (D(2024, 10, 25), D(2024, 10, 25), P.DAY)),
    ("Drones hit Kyiv on Oct. 25th.", SUNDAY, (D(2024, 10, 25), D(2024, 10, 25), P.DAY)),
    ("Drones hit Kyiv on 25 October.", SUNDAY, (D(2024, 10, 25), D(2024, 10, 25), P.DAY)),
    ("Drones hit Kyiv on Oct. 3.", SUNDAY, (D(2024, 10, 3), D(2024, 10, 3), P.DAY)),
    ("The bridge was first hit on 25 October 2023.", SUNDAY, (D(2023, 10, 25), D(2023, 10, 25), P.DAY)),
    ("The bridge was hit on March 3, 2022.", SUNDAY, (D(2022, 3, 3), D(2022, 3, 3), P.DAY)),
    ("The strike happened on 2024-10-20.", SUNDAY, (D(2024, 10, 20), D(2024, 10, 20), P.DAY)),
    ("Talks are set for October 30.", SUNDAY, (D(2024, 10, 30), D(2024, 10, 30), P.DAY)),
    ("Drones hit Kyiv on the 14th.", SUNDAY, (D(2024, 10, 14), D(2024, 10, 14), P.DAY)),
    ("Shops stayed closed on Christmas Day.", SUNDAY, (D(2023, 12, 25), D(2023, 12, 25), P.DAY)),
    # year rollover
    ("Drones hit Kyiv on December 28.", JAN, (D(2024, 12, 28), D(2024, 12, 28), P.DAY)),
    ("Protests began in late December.", JAN, (D(2024, 12, 21), D(2024, 12, 31), P.RANGE)),
    ("Shelling intensified in November.", JAN, (D(2024, 11, 1), D(2024, 11, 30), P.MONTH)),
    ("Drones hit Kyiv on Tuesday.", JAN, (D(2024, 12, 31), D(2024, 12, 31), P.DAY)),
    # relative days
    ("Drones hit Kyiv yesterday.", SUNDAY, (D(2024, 10, 26), D(2024, 10, 26), P.DAY)),
    ("Drones hit Kyiv last night.", SUNDAY, (D(2024, 10, 26), D(2024, 10, 26), P.DAY)),
    ("Drones hit Kyiv overnight.", SUNDAY, (D(2024, 10, 26), SUNDAY, P.RANGE)),
    ("Drones hit Kyiv today.", SUNDAY, (SUNDAY, SUNDAY, P.DAY)),
    ("Drones hit Kyiv this morning.", SUNDAY, (SUNDAY, SUNDAY, P.DAY)),
    ("The depot burned three days ago.", SUNDAY, (D(2024, 10, 24), D(2024, 10, 24), P.DAY)),
    ("Drones hit Kyiv over the weekend.", SUNDAY, (D(2024, 10, 26), SUNDAY, P.RANGE)),
    ("Drones hit Kyiv earlier in the week.", SUNDAY, (D(2024, 10, 21), D(2024, 10, 26), P.RANGE)),
    ("Drones hit Kyiv recently.", SUNDAY, (D(2024, 10, 21), SUNDAY, P.ON_OR_BEFORE)),
    # parts of months, ranges and bounds
    ("Troops moved in early August.", SUNDAY, (D(2024, 8, 1), D(2024, 8, 10), P.RANGE)),
    ("Troops moved in mid-August.", SUNDAY, (D(2024, 8, 11), D(2024, 8, 20), P.RANGE)),
    ("Troops moved in late August.", SUNDAY, (D(2024, 8, 21), D(2024, 8, 31), P.RANGE)),
    ("They moved troops between early and mid-October.", SUNDAY, (D(2024, 10, 1), D(2024, 10, 20), P.RANGE)),
    ("Fighting lasted between June and August.", SUNDAY, (D(2024, 6, 1), D(2024, 8, 31), P.RANGE)),
    ("About 10,000 are to be deployed by December.", SUNDAY, (SUNDAY, D(2024, 12, 31), P.RANGE)),
    ("Forces have fought there since early August.", SUNDAY, (D(2024, 8, 1), SUNDAY, P.RANGE)),
    ("Forces have fought there since August.", SUNDAY, (D(2024, 8, 1), SUNDAY, P.RANGE)),
    ("The talks must end by the end of the month.", SUNDAY, (SUNDAY, D(2024, 10, 31), P.RANGE)),
    ("Shelling intensified over the past three days.", SUNDAY, (D(2024, 10, 24), SUNDAY, P.RANGE)),
    ("More strikes are expected in the coming weeks.", SUNDAY, (SUNDAY, D(2024, 11, 24), P.RANGE)),
    # months, seasons, weeks, years
    ("Troops were sent in August.", SUNDAY, (D(2024, 8, 1), D(2024, 8, 31), P.MONTH)),
    ("The March 2024 offensive stalled near Kharkiv.", SUNDAY, (D(2024, 3, 1), D(2024, 3, 31), P.MONTH)),
    ("The offensive began last November.", SUNDAY, (D(2023, 11, 1), D(2023, 11, 30), P.MONTH)),
    ("Drones hit Kyiv last month.", SUNDAY, (D(2024, 9, 1), D(2024, 9, 30), P.MONTH)),
    ("Drones hit Kyiv earlier this month.", SUNDAY, (D(2024, 10, 1), SUNDAY, P.RANGE)),
    ("Fighting slowed last winter.", SUNDAY, (D(2023, 12, 1), D(2024, 2, 29), P.RANGE)),
    ("Troops advanced in the summer.", SUNDAY, (D(2024, 6, 1), D(2024, 8, 31), P.RANGE)),
    ("Drones hit Kyiv last week.", SUNDAY, (D(2024, 10, 14), D(2024, 10, 20), P.WEEK)),
    ("Drones hit Kyiv this week.", SUNDAY, (D(2024, 10, 21), SUNDAY, P.WEEK)),
    ("Elections will be held next month.", SUNDAY, (D(2024, 11, 1), D(2024, 11, 30), P.MONTH)),
    ("The base was built in 2019.", SUNDAY, (D(2019, 1, 1), D(2019, 12, 31), P.YEAR)),
    ("Troops withdrew in late 2023.", SUNDAY, (D(2023, 9, 1), D(2023, 12, 31), P.RANGE)),
    ("Analysts recalled the 2022 offensive.", SUNDAY, (D(2022, 1, 1), D(2022, 12, 31), P.YEAR)),
    ("Drones hit Kyiv last year.", SUNDAY, (D(2023, 1, 1), D(2023, 12, 31), P.YEAR)),
    # no date of its own ("March" and "may" are no dates here)
    ("Drones hit Kyiv.", SUNDAY, None),
    ("Analysts compared it with the March offensive near Kharkiv.", SUNDAY, None),
    ("Drones may strike Kyiv again.", SUNDAY, None),
    ("Drones hit Kyiv on February 30.", SUNDAY, None),
    # no publication date: only dates that carry their year
    ("Drones hit Kyiv.", None, None),
    ("Drones hit Kyiv on Friday.", None, None),
    ("The bridge was first hit on 25 October 2023.", None, (D(2023, 10, 25), D(2023, 10, 25), P.DAY)),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), CASES, ids=[f"{c[0][:48]}|{c[1]}" for c in CASES])
def test_sentence_date(sentence, published, expected):
    assert _own_dates(sentence, published) == ([expected] if expected else [])


# A weekday after a reporting verb dates the report; the sentence's own dates then count from the report's day
# (events.extract anchors them there). (sentence, the report's day, the sentence's own date or None)
REPORTED = [
    ("The governor said Friday that the bridge was damaged.", D(2024, 10, 25), None),
    ("Reuters reported on Thursday that a convoy arrived.", D(2024, 10, 24), None),
    ("Officials said Friday that drones hit Kyiv on Wednesday.", D(2024, 10, 25),
     (D(2024, 10, 23), D(2024, 10, 23), P.DAY)),
    ("Zelensky said Friday that troops are expected in combat as early as Sunday.", D(2024, 10, 25),
     (D(2024, 10, 27), D(2024, 10, 27), P.DAY)),
]


@pytest.mark.parametrize(("sentence", "report_day", "expected"), REPORTED, ids=[c[0][:48] for c in REPORTED])
def test_a_reported_statement_dates_the_report_and_anchors_the_sentence(sentence, report_day, expected):
    reports = [(d.date.start, d.date.end, d.date.precision) for d in find_dates(sentence, SUNDAY) if d.reporting]
    assert reports == [(report_day, report_day, P.DAY)]
    assert _own_dates(sentence, SUNDAY, anchor=report_day) == ([expected] if expected else [])


def test_an_event_without_a_date_gets_the_week_up_to_its_report():
    assert report_window(SUNDAY) == EventDate(D(2024, 10, 21), SUNDAY, P.ON_OR_BEFORE)
    assert report_window(None) == unknown()


def test_date_mentions_carry_their_text_and_offsets():
    sentence = "Officials said Friday that troops moved between early and mid-October."
    found = find_dates(sentence, SUNDAY)
    assert [(sentence[d.start:d.end], d.date.text, d.reporting) for d in found] == [
        ("Friday", "Friday", True),
        ("between early and mid-October", "between early and mid-October", False),
    ]


# A date outside 1900-2100 is refused on its own: the phrase is not used, the sentence keeps its other dates
# (or names none), and nothing raises.
OUT_OF_RANGE = [
    ("Drones hit Kyiv on 1 January 0001.", None),  # was dated 2024-01-01
    ("Drones hit Kyiv on December 31, 9999.", None),  # was dated 2023-12-31
    ("Drones hit Kyiv on 9999-12-31.", None),
    ("The battle ended on 18 June 1815.", None),
    ("Troops moved in early January 0001.", None),
    ("Fighting lasted between June and August 0002.", None),
    ("Forces have fought there since August 1066.", None),
    ("Talks are set for October 30, 2150.", None),
    ("Drones hit Kyiv on 1 January 0001 and again on Friday.", (D(2024, 10, 25), D(2024, 10, 25), P.DAY)),
    ("Drones hit Kyiv on October 25 1430 GMT.", (D(2024, 10, 25), D(2024, 10, 25), P.DAY)),  # a time, not a year
    ("The bridge was hit on March 3, 2100.", (D(2100, 3, 3), D(2100, 3, 3), P.DAY)),
]


@pytest.mark.parametrize(("sentence", "expected"), OUT_OF_RANGE, ids=[c[0][:48] for c in OUT_OF_RANGE])
def test_dates_outside_1900_2100_are_refused_per_date(sentence, expected):
    assert _own_dates(sentence, SUNDAY) == ([expected] if expected else [])


def test_a_refused_date_is_not_read_again_by_a_later_rule():
    assert find_dates("Drones hit Kyiv on 1 January 0001.", SUNDAY) == []
    assert find_dates("The strike on December 31, 9999 was denied.", SUNDAY) == []


@pytest.mark.parametrize("published", [D(1, 1, 1), D(9999, 12, 31), D.min, D.max])
def test_a_publication_date_beyond_the_calendar_never_raises(published):
    sentence = "Drones hit Kyiv tomorrow, yesterday, next year, last week and on 25 October 2024."
    assert [d.date.text for d in find_dates(sentence, published)] == ["25 October 2024"]
    assert find_dates("Drones hit Kyiv on Friday.", published) == []
    assert report_window(published) == unknown()


# --- the rule table: every row is read by a sentence above, and no guard hides a phrase its pattern matches ----

_SENTENCES = [c[0] for c in CASES] + [c[0] for c in REPORTED] + [c[0] for c in OUT_OF_RANGE]


@pytest.mark.parametrize("number", range(len(RULES)))
def test_every_date_rule_matches_a_sentence_of_the_tables(number):
    rule = RULES[number]
    assert any(rule.pattern.search(s.lower() if rule.on_lower else s) for s in _SENTENCES), (
        f"rule {number} ({rule.reader.__name__}) has no sentence in the tables: add one with its date")


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_a_guard_admits_every_sentence_its_rule_matches(sentence):
    lower = sentence.lower()
    refused = [rule.reader.__name__ for rule in RULES
               if rule.pattern.search(lower if rule.on_lower else sentence) and not rule.guard.admits(lower)]
    assert refused == []
