"""The original article (../shared/seeds/): what the geoparser must find and must not (issue 4 acceptance)."""

import pytest
import shapely

from geomap.pipeline import parse_document
from geomap.records import MentionRole
from geomap.text.ingest import read_text_file


@pytest.fixture(scope="module")
def result(seed_article, gaz):
    return parse_document(read_text_file(seed_article, "article"), gaz)


def _by_text(result, text):
    return [r for r in result.resolutions if r.mention.text == text]


@pytest.mark.parametrize(("text", "place_name", "kind"), [
    ("Kyiv", "Kyiv", "populated_place"),
    ("Ukraine", "Ukraine", "country"),
    ("Russia", "Russia", "country"),
    ("North Korea", "North Korea", "country"),
    ("South Korea", "South Korea", "country"),
    ("Japan", "Japan", "country"),
    ("Kursk region", "Kursk", "admin1"),
    ("southwestern Russia", "southwestern Russia", "directional"),
    ("eastern Russia", "eastern Russia", "directional"),
])
def test_places_are_resolved(result, text, place_name, kind):
    found = _by_text(result, text)
    assert found, f"{text!r} not found"
    assert all(r.place is not None and (r.place.name, r.place.kind.value) == (place_name, kind) for r in found)


def test_kursk_region_is_the_oblast_with_its_polygon(result, gaz):
    oblast = _by_text(result, "Kursk region")[0].place
    assert oblast.id == "iso3166-2:RU-KRS"
    assert gaz.geometry(oblast.id).contains(shapely.Point(36.19, 51.73))  # Kursk city lies inside


def test_eastern_russia_lies_east_of_90_degrees(result):
    assert _by_text(result, "eastern Russia")[0].place.lon > 90


@pytest.mark.parametrize("text", ["New York", "Kim", "Kyodo", "Friday", "Thursday", "Wednesday", "Sunday", "Monday",
                                  "Volodymyr", "Times"])
def test_traps_are_not_places(result, text):
    assert not [r for r in result.resolutions if text in r.mention.text.split() or r.mention.text == text]


@pytest.mark.parametrize(("text", "country"), [("Russian", "RU"), ("Ukrainian", "UA"), ("North Korean", "KP")])
def test_demonyms_are_actors_carrying_their_country(result, text, country):
    found = _by_text(result, text)
    assert found and all(r.mention.role is MentionRole.ACTOR and r.place.country_code == country for r in found)


def test_actors_are_never_event_locations(result):
    actor_places = {r.place.id for r in result.resolutions if r.mention.role is MentionRole.ACTOR}
    location_places = {r.place.id for r in result.resolutions if r.mention.role is MentionRole.LOCATION}
    for event in result.events:
        for loc in event.locations:
            assert loc.place.id in location_places or loc.place.id not in actor_places
