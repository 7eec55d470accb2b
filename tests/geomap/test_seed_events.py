"""Golden test: the events of the original article (../shared/seeds/, published 2024-10-27; issue 5).

Each test names one event the article reports and checks it is there, dated, placed and qualified as the
text says. The article's words stay in ../shared; only facts about it are written here.
"""

from datetime import date

import pytest

from geomap.pipeline import parse_document
from geomap.records import Certainty, EventType, LocationRole
from geomap.text.ingest import read_text_file

KYIV = "geonames:703448"
RUSSIA = "geonames:2017370"
KURSK_OBLAST = "iso3166-2:RU-KRS"


@pytest.fixture(scope="module")
def events(seed_article, gaz):
    return parse_document(read_text_file(seed_article, "article"), gaz).events


def _at(events, place_id, *, sub_types=None, event_type=None):
    return [e for e in events if any(loc.place.id == place_id for loc in e.locations)
            and (sub_types is None or e.sub_type in sub_types) and (event_type is None or e.type is event_type)]


def test_drone_strike_in_kyiv_on_october_25(events):
    [strike] = _at(events, KYIV, event_type=EventType.EXPLOSIONS)
    assert strike.sub_type == "air_drone_strike"
    assert (strike.date_start, strike.date_end) == (date(2024, 10, 25), date(2024, 10, 25))
    assert "Russian" in strike.actors


def test_north_korean_troops_in_the_kursk_region_dated_october_23_to_25(events):
    found = _at(events, KURSK_OBLAST, sub_types={"troop_deployment", "arrival"})
    dated = [e for e in found if e.certainty is not Certainty.EXPECTED
             and date(2024, 10, 23) <= e.date_start and e.date_end <= date(2024, 10, 25)]
    assert dated, [(e.sub_type, e.date_start, e.date_end) for e in found]
    assert any("North Korean" in e.actors for e in dated)


def test_at_least_3000_soldiers_moved_into_eastern_russia_in_october(events):
    [move] = [e for e in events if e.sub_type == "troop_movement"
              and any(loc.place.name == "eastern Russia" and loc.role is LocationRole.DESTINATION
                      for loc in e.locations)]
    assert (move.date_start, move.date_end) == (date(2024, 10, 1), date(2024, 10, 20))
    assert [(q.value, q.qualifier) for q in move.quantities] == [(3000, "at least")]
    assert [loc.precision for loc in move.locations if loc.role is not LocationRole.ORIGIN] == [5]  # part of a
    # country larger than a region; the origin is the country that sends the troops
    assert [loc.place.name for loc in move.locations if loc.role is LocationRole.ORIGIN] == ["North Korea"]


def test_the_august_deployment_of_about_1500(events):
    [august] = [e for e in events if e.date_start == date(2024, 8, 1) and e.date_end == date(2024, 8, 31)]
    assert august.sub_type == "troop_deployment" and RUSSIA in [loc.place.id for loc in august.locations]
    assert (1500, "about") in [(q.value, q.qualifier) for q in august.quantities]
    assert "South Korea's National Intelligence Service" in august.sources


def test_10000_expected_by_december(events):
    [expected] = [e for e in events if any(q.value == 10_000 for q in e.quantities)]
    assert expected.certainty is Certainty.EXPECTED
    assert (expected.date_start, expected.date_end) == (date(2024, 10, 27), date(2024, 12, 31))
    assert [loc.place.id for loc in expected.locations if loc.role is not LocationRole.ORIGIN] == [RUSSIA]


def test_kim_yong_bok_arrives_in_russia(events):
    [arrival] = [e for e in events if "Kim Yong-bok" in e.quote and e.sub_type == "arrival"]
    assert [loc.place.id for loc in arrival.locations if loc.role is not LocationRole.ORIGIN] == [RUSSIA]
    assert arrival.certainty is Certainty.REPORTED
    assert arrival.date_end <= date(2024, 10, 26)  # reported Saturday
    assert "Japan's Kyodo News Agency" in arrival.sources


def test_the_new_york_times_is_a_source_not_a_place(events):
    assert any("The New York Times" in e.sources for e in events)
    assert not [e for e in events for loc in e.locations if loc.place.name == "New York"]
