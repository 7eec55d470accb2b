"""Events found by `geomap.parse`: type, place, role, date, certainty, sources, actors and quantities."""

from __future__ import annotations

from datetime import date

import pytest

import geomap
from geomap import Certainty, DatePrecision, EventType, LocationRole
from geomap.events.vocabulary import CAMEO, SUB_TYPES, TRIGGERS
from geomap.records import WherePrecision

KYIV = "geonames:703448"
TBILISI = "geonames:611717"
KHARKIV = "geonames:706483"
ODESA = "geonames:698740"
UKRAINE = "geonames:690791"
PUBLISHED = "2024-10-27"  # a Sunday


@pytest.fixture(autouse=True)
def _needs_gazetteer(gaz):
    """Every test here parses text, which needs the gazetteer index."""


def events_of(text: str, published: str | None = PUBLISHED):
    return geomap.parse(text, published=published).events


def place_ids(event):
    return [loc.place.id for loc in event.locations]


def test_every_sub_type_has_a_cameo_code_entry_and_every_trigger_a_known_sub_type():
    assert {s for subs in SUB_TYPES.values() for s in subs} == set(CAMEO)
    assert all(t.sub_type in SUB_TYPES[t.type] for t in TRIGGERS)


def test_drone_strike_on_kyiv_is_one_air_drone_strike_at_kyiv_on_friday():
    [event] = events_of("Russian drones struck Kyiv on Friday.")
    assert (event.type, event.sub_type) == (EventType.EXPLOSIONS, "air_drone_strike")
    assert [(loc.place.id, loc.place.geonameid, loc.name, loc.precision) for loc in event.locations] == [
        (KYIV, 703448, "Kyiv", 1)]
    assert (event.date_start, event.date_end, event.date_precision, event.date_text) == \
        (date(2024, 10, 25), date(2024, 10, 25), DatePrecision.DAY, "on Friday")


def test_event_quotes_its_sentence_with_offsets_into_the_text():
    text = "The night was calm. Russian drones struck Kyiv on Friday. Nothing else happened."
    result = geomap.parse(text, published=PUBLISHED, doc_id="wire-1")
    [event] = result.events
    assert event.quote == "Russian drones struck Kyiv on Friday."
    assert text[event.quote_start:event.quote_end] == event.quote
    assert (event.id, event.doc_id, event.doc_ids) == ("wire-1#e1", "wire-1", ("wire-1",))


@pytest.mark.parametrize(("sentence", "event_type", "sub_type"), [
    ("Thousands of protesters rallied in Tbilisi on Saturday.", EventType.PROTESTS, "peaceful_protest"),
    ("Teachers went on strike in Tbilisi on Saturday.", EventType.PROTESTS, "peaceful_protest"),
    ("Police fired tear gas to disperse a protest in Tbilisi.", EventType.PROTESTS, "protest_with_intervention"),
    ("Protesters threw stones at police and clashed with officers in Tbilisi.", EventType.RIOTS,
     "violent_demonstration"),
    ("Artillery shelled Kharkiv again.", EventType.EXPLOSIONS, "shelling_artillery_missile_attack"),
    ("A roadside bomb exploded in Kharkiv.", EventType.EXPLOSIONS, "remote_explosive_landmine_ied"),
    ("Gunmen killed six villagers in Kharkiv.", EventType.VIOLENCE_AGAINST_CIVILIANS, "attack"),
    ("Ukrainian forces recaptured Kupiansk.", EventType.BATTLES, "government_regains_territory"),
    ("Heavy fighting was reported near Kharkiv.", EventType.BATTLES, "armed_clash"),
    ("Police arrested 40 people in Tbilisi.", EventType.STRATEGIC, "arrests"),
    ("The two sides signed a ceasefire agreement in Tbilisi.", EventType.STRATEGIC, "agreement"),
])
def test_acled_type_and_sub_type(sentence, event_type, sub_type):
    [event] = events_of(sentence)
    assert (event.type, event.sub_type) == (event_type, sub_type)


@pytest.mark.parametrize("sentence", [
    "Kyiv is the capital of Ukraine.",
    "The minister denied that drones struck Kyiv.",
    "A political battle over the budget gripped Kyiv.",
    "A 5.1 earthquake struck Kharkiv on Friday.",
    "Drones struck the city on Friday.",  # no place
])
def test_no_event(sentence):
    assert events_of(sentence) == ()


def test_strikes_on_two_cities_are_two_events():
    events = events_of("Russian missiles struck Kyiv and Odesa overnight.")
    assert [place_ids(e) for e in events] == [[KYIV], [ODESA]]


def test_a_country_holding_the_city_is_not_a_second_place():
    [event] = events_of("Drones struck Kyiv, Ukraine, on Friday.")
    assert place_ids(event) == [KYIV]


def test_movement_has_origin_and_destination():
    [event] = events_of("Russia moved 2,000 troops from Belarus into the Kursk region last week.")
    assert (event.type, event.sub_type) == (EventType.STRATEGIC, "troop_movement")
    roles = {loc.role: loc.place.name for loc in event.locations}
    assert roles[LocationRole.ORIGIN] == "Belarus"
    assert roles[LocationRole.DESTINATION].startswith("Kursk")
    assert [q.value for q in event.quantities] == [2000]
    assert (event.date_start, event.date_end, event.date_precision) == (
        date(2024, 10, 14), date(2024, 10, 20), DatePrecision.WEEK)


def test_an_event_without_a_place_inherits_the_previous_sentence_place_more_coarsely():
    [event] = events_of("Sirens sounded across Kharkiv before dawn. Minutes later, a missile struck a depot.")
    [loc] = event.locations
    assert loc.place.id == KHARKIV and loc.precision is WherePrecision.NEAR and loc.inherited
    assert loc.note == "inherited from an earlier sentence (Kharkiv)"


def test_near_a_town_is_precision_two_and_a_place_of_its_own_sentence_is_not_inherited():
    [event] = events_of("Fighting raged near Kharkiv on Friday.")
    assert event.locations[0].precision is WherePrecision.NEAR
    assert not event.locations[0].inherited and event.locations[0].note == ""


@pytest.mark.parametrize(("sentence", "certainty"), [
    ("Drones struck Kyiv.", Certainty.CONFIRMED),
    ("Drones reportedly struck Kyiv.", Certainty.REPORTED),
    ("Drones struck Kyiv, according to witnesses.", Certainty.REPORTED),
    ("Drones struck Kyiv, according to the mayor.", Certainty.CONFIRMED),  # an authority on what happened
    ("Drones reportedly struck Kyiv, the mayor said.", Certainty.REPORTED),
    ("Officials said drones struck Kyiv.", Certainty.REPORTED),
    ("Russia claimed its drones struck Kyiv.", Certainty.CLAIMED),
    ("The army confirmed that drones struck Kyiv.", Certainty.CONFIRMED),
    ("Drones could strike Kyiv.", Certainty.EXPECTED),
    ("Troops are expected to deploy to Kharkiv.", Certainty.EXPECTED),
    ("Officials said troops will be deployed to Kharkiv by December.", Certainty.EXPECTED),
])
def test_certainty(sentence, certainty):
    [event] = events_of(sentence)
    assert event.certainty is certainty


@pytest.mark.parametrize(("sentence", "sources"), [
    ("Drones struck Kyiv, according to the regional governor.", ("the regional governor",)),
    ("Drones struck Kyiv, The New York Times reported Friday.", ("The New York Times",)),
    ("South Korea's National Intelligence Service said troops arrived in Kharkiv.",
     ("South Korea's National Intelligence Service",)),
    ("Drones struck Kyiv, Reuters reported, citing two officials.", ("Reuters", "two officials")),
])
def test_sources_name_who_says_so(sentence, sources):
    [event] = events_of(sentence)
    assert event.sources == sources


@pytest.mark.parametrize(("sentence", "what", "value", "qualifier"), [
    ("At least 12 people were killed when missiles struck Kharkiv.", "people killed", 12, "at least"),
    ("Some 3,000 soldiers arrived in Kharkiv.", "soldiers", 3000, "about"),
    ("Russian missiles struck Odesa, killing five.", "people killed", 5, "exact"),
    ("Up to 10,000 troops will be deployed to Kharkiv.", "troops", 10000, "up to"),
])
def test_quantities(sentence, what, value, qualifier):
    [event] = events_of(sentence)
    assert [(q.what, q.value, q.qualifier) for q in event.quantities] == [(what, value, qualifier)]


def test_nationality_before_forces_is_the_actor():
    [event] = events_of("Russian forces shelled Kharkiv.")
    assert "Russian" in event.actors


def test_event_without_actor_phrase_has_no_actors():
    [event] = events_of("Drones struck Kyiv.")
    assert event.actors == ()


def test_caption_and_body_reporting_one_strike_are_one_event():
    text = ("Smoke rises over Kyiv after a drone strike on Friday.\n\n"
            "Russian drones struck a residential district of Kyiv on Friday, the mayor said.")
    [event] = events_of(text)
    assert place_ids(event) == [KYIV] and event.date_start == date(2024, 10, 25)
    assert event.sources == ("the mayor",)


def test_an_expected_event_is_never_merged_with_one_that_happened():
    text = "Troops arrived in Kharkiv on Friday. More troops are expected to arrive in Kharkiv on Sunday."
    events = events_of(text)
    assert [e.certainty for e in events] == [Certainty.CONFIRMED, Certainty.EXPECTED]


def test_events_without_a_date_and_without_publication_are_unknown():
    [event] = events_of("Drones struck Kyiv.", published=None)
    assert (event.date_start, event.date_end, event.date_precision) == (None, None, DatePrecision.UNKNOWN)


def test_the_capital_is_the_capital_of_the_country_named_last():
    text = "Gangs control much of Haiti. Gunmen stormed a neighbourhood of the capital overnight, killing 12 people."
    [event] = events_of(text)
    assert [loc.place.name for loc in event.locations] == ["Port-au-Prince"]


def test_a_dateline_places_the_event_only_when_nothing_else_does():
    [event] = events_of("DUBAI — Houthi forces fired a missile at a ship off Yemen on Friday.")
    assert [loc.place.name for loc in event.locations] == ["Yemen"]
    [event] = events_of("KHARKIV — Russian artillery shelled the city on Friday.")
    assert [loc.place.name for loc in event.locations] == ["Kharkiv"]


def test_a_riot_absorbs_the_protest_it_grew_from():
    events = events_of("Protests continued in Nairobi on Friday, where demonstrators looted shops and clashed "
                       "with police.")
    assert [e.type for e in events] == [EventType.RIOTS]


def test_a_broker_is_no_place_of_the_agreement():
    [event] = events_of("A ceasefire brokered by Angola took effect in Goma on Friday.")
    assert [loc.place.name for loc in event.locations] == ["Goma"]


def test_victims_counted_after_a_strike_are_not_a_second_event():
    events = events_of("Russian missiles struck Odesa on Friday. At least four people were killed, the governor said.")
    assert [e.type for e in events] == [EventType.EXPLOSIONS]


def test_an_appositive_lends_no_date():
    [event] = events_of("Ukrainian forces reported fighting near Vovchansk, a town that has been contested since May.")
    assert event.date_precision is DatePrecision.ON_OR_BEFORE


def test_history_and_tallies_are_not_events():
    assert events_of("The military seized power in Naypyidaw in a coup in February 2021.") == ()
    assert events_of("Kyiv has faced near-nightly drone attacks since early September.") == ()


def test_a_town_spelled_otherwise_is_found_among_the_towns_of_the_country():
    [event] = events_of("In Yemen, U.S. aircraft struck sites near Hodeidah on Friday.")
    [loc] = event.locations
    assert (loc.place.geonameid, loc.precision) == (79415, 2) and "Hodeidah" in loc.note


def test_a_dateline_the_recognizer_left_unread_is_looked_up():
    events = events_of("STOKE-ON-TRENT — Police arrested 11 people after a crowd threw bottles at officers "
                       "on Saturday.")
    assert {loc.place.name for e in events for loc in e.locations} == {"Stoke-on-Trent"}


@pytest.mark.parametrize(("sentence", "origin"), [
    ("North Korean troops arrived in the Kursk region on Friday.", ["North Korea"]),
    ("North Korea has sent about 1,500 soldiers to Russia, officials said.", ["North Korea"]),
    ("South Korea's spy agency said North Korean soldiers were deployed to Russia on Friday.", ["North Korea"]),
    ("Russian troops moved into the Kursk region on Friday.", []),  # arriving in their own country
    ("Ukrainian troops moved from Sumy into the Kursk region on Friday.", ["Sumy"]),  # a stated origin wins
])
def test_a_movement_starts_in_the_sending_country_when_no_origin_is_stated(sentence, origin):
    [event] = [e for e in events_of(sentence) if e.type is EventType.STRATEGIC]
    assert [loc.place.name for loc in event.locations if loc.role is LocationRole.ORIGIN] == origin
    sender = [loc for loc in event.locations if loc.role is LocationRole.ORIGIN and loc.note]
    assert all(loc.precision == 6 and "sending country" in loc.note for loc in sender)
