"""A seed-like article: what the geoparser must find and must not (issue 4 acceptance).

Our article (tests/data/articles/) always; the original one (../shared/seeds/) as extra cases when the
shared material is present. The expected places were written from what each text says.
"""

import pytest
import shapely

from geomap.pipeline import parse_document
from geomap.places.geometry import great_circle_km
from geomap.records import EventType, LocationRole, MentionRole
from geomap.text.ingest import read_text_file
from tests.conftest import ARTICLE, ORIGINAL_ARTICLE, SEED_ARTICLES, with_shared

KYIV = (50.45466, 30.5238)


@pytest.fixture(scope="module")
def result(request, gaz):
    """The parse of the article named by the test's parameter."""
    return parse_document(read_text_file(request.param, "article"), gaz)


def _cases(article, ident, rows):
    return [pytest.param(article, *row, id=f"{ident}-{row[0]}") for row in rows]


def _by_article(ours, original):
    return [pytest.param(ARTICLE, *ours, id="ours"), *with_shared(pytest.param(ORIGINAL_ARTICLE, *original,
                                                                               id="original"))]


def _by_text(result, text):
    return [r for r in result.resolutions if r.mention.text == text]


PLACES = [
    *_cases(ARTICLE, "ours", [
        ("Kyiv", "Kyiv", "populated_place"),
        ("Kiev", "Kyiv", "populated_place"),  # the old spelling is the same city
        ("Ukraine", "Ukraine", "country"),
        ("Russia", "Russia", "country"),
        ("North Korea", "North Korea", "country"),
        ("South Korea", "South Korea", "country"),
        ("Georgia", "Georgia", "country"),  # beside Tbilisi: the country, not the US state
        ("Tbilisi", "Tbilisi", "populated_place"),
        ("Kharkiv", "Kharkiv", "populated_place"),
        ("Kursk region", "Kursk", "admin1"),
        ("Donetsk region", "Donetsk", "admin1"),
        ("Bryansk region", "Bryansk", "admin1"),
        ("eastern Russia", "eastern Russia", "directional"),
        ("eastern Ukraine", "eastern Ukraine", "directional"),
        ("Tsukuryne", "Tsukuryne", "populated_place"),  # "the village of Tsukuryne"
        ("Pokrovsk", "Pokrovsk", "populated_place"),
        ("Kurakhove", "Kurakhove", "populated_place"),
        ("Sudzha", "Sudzha", "populated_place"),
        ("Seoul", "Seoul", "populated_place"),
        ("Moscow", "Moscow", "populated_place"),
        ("Pyongyang", "Pyongyang", "populated_place"),
    ]),
    *with_shared(*_cases(ORIGINAL_ARTICLE, "original", [
        ("Kyiv", "Kyiv", "populated_place"),
        ("Ukraine", "Ukraine", "country"),
        ("Russia", "Russia", "country"),
        ("North Korea", "North Korea", "country"),
        ("South Korea", "South Korea", "country"),
        ("Japan", "Japan", "country"),
        ("Kursk region", "Kursk", "admin1"),
        ("southwestern Russia", "southwestern Russia", "directional"),
        ("eastern Russia", "eastern Russia", "directional"),
    ])),
]


@pytest.mark.parametrize(("result", "text", "place_name", "kind"), PLACES, indirect=["result"])
def test_places_are_resolved(result, text, place_name, kind):
    found = _by_text(result, text)
    assert found, f"{text!r} not found"
    assert all(r.place is not None and (r.place.name, r.place.kind.value) == (place_name, kind) for r in found)


@pytest.mark.parametrize("result", [ARTICLE], indirect=True, ids=["ours"])
def test_the_district_of_kyiv_is_placed_in_kyiv(result):
    """ "The block stands in the Podilskyi district": a part of the city, within a few km of its centre."""
    [district] = [r for r in result.resolutions if r.mention.text.startswith("Podilskyi")]
    assert district.place.country_code == "UA"
    assert great_circle_km(district.place.lat, district.place.lon, *KYIV) < 10


@pytest.mark.parametrize("result", SEED_ARTICLES, indirect=True)
def test_kursk_region_is_the_oblast_with_its_polygon(result, gaz):
    oblast = _by_text(result, "Kursk region")[0].place
    assert oblast.id == "iso3166-2:RU-KRS"
    assert gaz.geometry(oblast.id).contains(shapely.Point(36.19, 51.73))  # Kursk city lies inside


@pytest.mark.parametrize("result", SEED_ARTICLES, indirect=True)
def test_eastern_russia_lies_east_of_90_degrees(result):
    assert _by_text(result, "eastern Russia")[0].place.lon > 90


TRAPS = [
    *_cases(ARTICLE, "ours", [(text,) for text in (
        "New York", "Times", "Volodymyr", "Zelensky", "President", "Kim", "Jong", "Salome", "Zourabichvili",
        "Valentyna", "Nino", "Oleh", "Bidzina", "Dream", "Western", "Wednesday", "Thursday", "Friday",
        "Saturday")]),
    *with_shared(*_cases(ORIGINAL_ARTICLE, "original", [(text,) for text in (
        "New York", "Kim", "Kyodo", "Friday", "Thursday", "Wednesday", "Sunday", "Monday", "Volodymyr",
        "Times")])),
]


@pytest.mark.parametrize(("result", "text"), TRAPS, indirect=["result"])
def test_traps_are_not_places(result, text):
    assert len(result.resolutions) > 10  # the article's places are found, so an absent trap means something
    assert not [r for r in result.resolutions if text in r.mention.text.split() or r.mention.text == text]


DEMONYMS = [
    *_cases(ARTICLE, "ours", [("Russian", "RU"), ("Ukrainian", "UA"), ("North Korean", "KP"), ("Georgian", "GE"),
                             ("American", "US")]),
    *with_shared(*_cases(ORIGINAL_ARTICLE, "original", [("Russian", "RU"), ("Ukrainian", "UA"),
                                                        ("North Korean", "KP")])),
]


@pytest.mark.parametrize(("result", "text", "country"), DEMONYMS, indirect=["result"])
def test_demonyms_are_actors_carrying_their_country(result, text, country):
    found = _by_text(result, text)
    assert found and all(r.mention.role is MentionRole.ACTOR and r.place.country_code == country for r in found)


X, S, B, P = EventType.EXPLOSIONS, EventType.STRATEGIC, EventType.BATTLES, EventType.PROTESTS
EVENT_PLACES = _by_article(
    ({(X, "Kyiv"), (X, "Kharkiv"), (X, "Bryansk"), (X, "Kurakhove"), (S, "Kursk"), (S, "eastern Russia"),
      (B, "Tsukuryne"), (P, "Tbilisi")},),
    ({(X, "Kyiv"), (S, "Kursk"), (S, "eastern Russia"), (S, "Russia")},),
)


@pytest.mark.parametrize(("result", "expected"), EVENT_PLACES, indirect=["result"])
def test_actors_are_never_event_locations(result, expected):
    """The article's events are there, each at the place the text gives (an origin aside), and a
    demonym ("Russian drones") never places one."""
    placed = {(e.type, loc.place.name) for e in result.events for loc in e.locations
              if loc.role is not LocationRole.ORIGIN}
    assert expected <= placed, expected - placed
    actor_places = {r.place.id for r in result.resolutions if r.mention.role is MentionRole.ACTOR}
    location_places = {r.place.id for r in result.resolutions if r.mention.role is MentionRole.LOCATION}
    for event in result.events:
        for loc in event.locations:
            assert loc.place.id in location_places or loc.place.id not in actor_places
