"""Events found by `geomap.parse`: type, place, date, certainty and actors of what a sentence reports."""

from __future__ import annotations

from datetime import date

import pytest

import geomap
from geomap import Certainty, DatePrecision, EventType

KYIV = "geonames:703448"
TBILISI = "geonames:611717"
KHARKIV = "geonames:706483"
PUBLISHED = "2024-10-27"  # a Sunday


@pytest.fixture(autouse=True)
def _needs_gazetteer(gaz):
    """Every test here parses text, which needs the gazetteer index."""


def events_of(text: str, published: str | None = PUBLISHED):
    return geomap.parse(text, published=published).events


def test_drone_strike_on_kyiv_is_one_strike_event_at_kyiv_on_friday():
    [event] = events_of("Russian drones struck Kyiv on Friday.")
    assert (event.type, event.sub_type) == (EventType.STRIKE, "drone strike")
    assert [(loc.place.id, loc.place.geonameid, loc.name) for loc in event.locations] == [(KYIV, 703448, "Kyiv")]
    assert (event.date_start, event.date_end, event.date_precision) == \
        (date(2024, 10, 25), date(2024, 10, 25), DatePrecision.DAY)


def test_event_quotes_its_sentence_with_offsets_into_the_text():
    text = "The night was calm. Russian drones struck Kyiv on Friday. Nothing else happened."
    result = geomap.parse(text, published=PUBLISHED, doc_id="wire-1")
    [event] = result.events
    assert event.quote == "Russian drones struck Kyiv on Friday."
    assert text[event.quote_start:event.quote_end] == event.quote
    assert (event.id, event.doc_id) == ("wire-1#e1", "wire-1")


def test_protest_sentence_is_a_protest_event_at_the_city():
    [event] = events_of("Thousands of protesters rallied in Tbilisi on Saturday.")
    assert (event.type, event.sub_type) == (EventType.PROTEST, "protest")
    assert [loc.place.id for loc in event.locations] == [TBILISI]
    assert (event.date_start, event.date_precision) == (date(2024, 10, 26), DatePrecision.DAY)


def test_shelling_is_a_strike_with_shelling_sub_type():
    [event] = events_of("Artillery shelled Kharkiv again.")
    assert (event.type, event.sub_type) == (EventType.STRIKE, "shelling")
    assert [loc.place.id for loc in event.locations] == [KHARKIV]


def test_sentence_with_place_but_no_event_word_gives_no_event():
    result = geomap.parse("Kyiv is the capital of Ukraine.", published=PUBLISHED)
    assert [p.id for p in result.places] == [KYIV, "geonames:690791"]
    assert result.events == ()


def test_sentence_with_event_word_but_no_place_gives_no_event():
    result = geomap.parse("Drones struck the city on Friday.", published=PUBLISHED)
    assert result.places == ()
    assert result.events == ()


def test_each_sentence_gives_its_own_event():
    events = events_of("Drones struck Kyiv. Protesters rallied in Tbilisi.")
    assert [(e.id, e.type, e.locations[0].place.id) for e in events] == [
        ("text#e1", EventType.STRIKE, KYIV), ("text#e2", EventType.PROTEST, TBILISI)]


def test_one_sentence_can_report_events_of_two_types():
    events = events_of("Fighting raged as fresh troops arrived in Kharkiv.")
    assert [(e.type, e.sub_type) for e in events] == [
        (EventType.BATTLE, "armed clash"), (EventType.DEPLOYMENT, "troop deployment")]


def test_event_in_two_places_lists_both_once():
    [event] = events_of("Drones struck Kyiv and Kharkiv, and Kyiv lost power.")
    assert [loc.place.id for loc in event.locations] == [KYIV, KHARKIV]


def test_event_without_any_date_is_unknown_when_the_document_has_no_date():
    [event] = events_of("Drones struck Kyiv.", published=None)
    assert (event.date_start, event.date_end, event.date_precision) == (None, None, DatePrecision.UNKNOWN)


def test_event_without_date_in_sentence_is_on_or_before_publication():
    [event] = events_of("Drones struck Kyiv.")
    assert (event.date_start, event.date_precision) == (date(2024, 10, 27), DatePrecision.ON_OR_BEFORE)


@pytest.mark.parametrize(("sentence", "certainty"), [
    ("Drones struck Kyiv.", Certainty.STATED),
    ("Drones reportedly struck Kyiv.", Certainty.REPORTED),
    ("Drones struck Kyiv, according to the mayor.", Certainty.REPORTED),
    ("Officials said drones struck Kyiv.", Certainty.REPORTED),
    ("Drones could strike Kyiv.", Certainty.POSSIBLE),
    ("Troops are expected to deploy to Kharkiv.", Certainty.POSSIBLE),
    ("Officials said drones may strike Kyiv.", Certainty.POSSIBLE),
])
def test_certainty_follows_hedging_and_attribution_cues(sentence, certainty):
    [event] = events_of(sentence)
    assert event.certainty is certainty


def test_nationality_before_forces_is_the_actor():
    [event] = events_of("Russian forces shelled Kharkiv.")
    assert event.actors == ("Russian",)


def test_two_nationalities_joined_by_and_are_one_actor():
    [event] = events_of("Russian and Ukrainian troops fought near Kharkiv.")
    assert event.actors == ("Russian and Ukrainian",)


def test_repeated_actor_is_listed_once():
    [event] = events_of("Russian drones and Russian missiles struck Kyiv.")
    assert event.actors == ("Russian",)


def test_event_without_actor_phrase_has_no_actors():
    [event] = events_of("Drones struck Kyiv.")
    assert event.actors == ()
