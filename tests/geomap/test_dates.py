"""geomap.dates.date_sentence: the date a sentence gives its event, relative to the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.dates import EventDate, date_sentence
from geomap.records import DatePrecision

SUNDAY = date(2024, 10, 27)  # the publication date used throughout: a Sunday


def day(d: date) -> EventDate:
    return EventDate(d, d, DatePrecision.DAY)


def on_or_before(d: date) -> EventDate:
    return EventDate(d, d, DatePrecision.ON_OR_BEFORE)


def test_said_friday_alone_dates_the_report_not_the_event():
    assert date_sentence("The governor said Friday that the bridge was damaged.", SUNDAY) == \
        on_or_before(date(2024, 10, 25))


def test_weekday_of_the_event_is_the_last_such_day_before_publication():
    assert date_sentence("Drones hit Kyiv on Friday.", SUNDAY) == day(date(2024, 10, 25))


def test_event_weekday_wins_over_the_reporting_weekday():
    assert date_sentence("Officials said Friday that drones hit Kyiv on Wednesday.", SUNDAY) == \
        day(date(2024, 10, 23))


def test_weekday_equal_to_publication_day_is_that_day():
    assert date_sentence("Drones hit Kyiv on Sunday.", SUNDAY) == day(SUNDAY)


def test_future_weekday_is_the_next_such_day():
    sentence = "Troops are expected to deploy to the front as early as Monday."
    assert date_sentence(sentence, SUNDAY) == day(date(2024, 10, 28))


def test_weekday_before_the_future_cue_is_still_in_the_past():
    sentence = "After the raid on Tuesday, more troops will deploy."
    assert date_sentence(sentence, SUNDAY) == day(date(2024, 10, 22))


@pytest.mark.parametrize("sentence", ["Drones hit Kyiv on October 25.", "Drones hit Kyiv on Oct. 25th.",
                                      "Drones hit Kyiv on 25 October."])
def test_month_and_day_without_year_is_in_the_publication_year(sentence):
    assert date_sentence(sentence, SUNDAY) == day(date(2024, 10, 25))


def test_day_month_year_gives_that_exact_date():
    assert date_sentence("The bridge was first hit on 25 October 2023.", SUNDAY) == day(date(2023, 10, 25))


def test_month_day_comma_year_gives_that_exact_date():
    assert date_sentence("The bridge was hit on March 3, 2022.", SUNDAY) == day(date(2022, 3, 3))


def test_late_december_in_a_january_article_is_last_year():
    assert date_sentence("Drones hit Kyiv on December 30.", date(2025, 1, 2)) == day(date(2024, 12, 30))


def test_a_date_a_few_days_after_publication_stays_in_the_same_year():
    assert date_sentence("Talks are set for October 30.", SUNDAY) == day(date(2024, 10, 30))


def test_impossible_calendar_date_is_not_used():
    assert date_sentence("Drones hit Kyiv on February 30.", SUNDAY) == on_or_before(SUNDAY)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Drones hit Kyiv yesterday.", date(2024, 10, 26)),
    ("Drones hit Kyiv last night.", date(2024, 10, 26)),
    ("Drones hit Kyiv overnight.", date(2024, 10, 26)),
    ("Drones hit Kyiv today.", SUNDAY),
    ("Drones hit Kyiv this morning.", SUNDAY),
])
def test_relative_day_words_count_from_publication(sentence, expected):
    assert date_sentence(sentence, SUNDAY) == day(expected)


def test_sentence_without_date_is_on_or_before_publication():
    assert date_sentence("Drones hit Kyiv.", SUNDAY) == on_or_before(SUNDAY)


def test_sentence_without_date_and_without_publication_is_unknown():
    assert date_sentence("Drones hit Kyiv.", None) == EventDate(None, None, DatePrecision.UNKNOWN)


def test_weekday_without_publication_date_is_unknown():
    assert date_sentence("Drones hit Kyiv on Friday.", None) == EventDate(None, None, DatePrecision.UNKNOWN)


def test_explicit_year_needs_no_publication_date():
    assert date_sentence("The bridge was first hit on 25 October 2023.", None) == day(date(2023, 10, 25))


def test_month_name_alone_is_not_a_date():
    sentence = "Analysts compared it with the March offensive near Kharkiv."
    assert date_sentence(sentence, SUNDAY) == on_or_before(SUNDAY)


def test_month_name_alone_without_publication_date_is_unknown():
    sentence = "Analysts compared it with the March offensive near Kharkiv."
    assert date_sentence(sentence, None) == EventDate(None, None, DatePrecision.UNKNOWN)


def test_month_followed_by_a_year_is_not_read_as_a_day():
    assert date_sentence("The March 2024 offensive stalled near Kharkiv.", SUNDAY) == on_or_before(SUNDAY)
