"""Golden test: the events of a seed-like article published 2024-10-27 (issue 5).

Each check names one event an article reports and asserts it is there, dated, placed and qualified as
the text says. Our article (tests/data/articles/) is always checked; the original one (../shared/seeds/)
adds its own checks when the shared material is present. The original's words stay in ../shared; only
facts about it are written here.
"""

from datetime import date

import pytest

from geomap.pipeline import parse_document
from geomap.records import Certainty, EventType, LocationRole
from geomap.text.ingest import read_text_file
from tests.conftest import ARTICLE, ORIGINAL_ARTICLE, with_shared

KYIV = "geonames:703448"
KHARKIV = "geonames:706483"
RUSSIA = "geonames:2017370"
KURSK_OBLAST = "iso3166-2:RU-KRS"
BRYANSK_OBLAST = "iso3166-2:RU-BRY"
TSUKURYNE = "geonames:691077"
KURAKHOVE = "geonames:695357"
TBILISI = "geonames:611717"


@pytest.fixture(scope="module")
def events(request, gaz):
    """The events of the article named by the test's parameter."""
    return parse_document(read_text_file(request.param, "article"), gaz).events


def _at(events, place_id, *, sub_types=None, event_type=None):
    return [e for e in events if any(loc.place.id == place_id for loc in e.locations)
            and (sub_types is None or e.sub_type in sub_types) and (event_type is None or e.type is event_type)]


def _values(event):
    return {q.value for q in event.quantities}


# --- in both articles ---------------------------------------------------------------------------------


def drone_strike_in_kyiv_on_october_25(events):
    [strike] = _at(events, KYIV, event_type=EventType.EXPLOSIONS)
    assert strike.sub_type == "air_drone_strike"
    assert (strike.date_start, strike.date_end) == (date(2024, 10, 25), date(2024, 10, 25))
    assert "Russian" in strike.actors


def the_new_york_times_is_a_source_not_a_place(events):
    assert any("The New York Times" in e.sources for e in events)
    assert not [e for e in events for loc in e.locations if loc.place.name == "New York"]


# --- in our article -----------------------------------------------------------------------------------


def the_kyiv_strike_killed_one_and_injured_nine(events):
    [strike] = _at(events, KYIV, event_type=EventType.EXPLOSIONS)
    assert {1, 9} <= _values(strike)


def guided_bombs_on_kharkiv_on_thursday_killed_two_and_wounded_14(events):
    [strike] = _at(events, KHARKIV, event_type=EventType.EXPLOSIONS)
    assert strike.sub_type == "air_drone_strike"  # dropped from aircraft
    assert (strike.date_start, strike.date_end) == (date(2024, 10, 24), date(2024, 10, 24))
    assert {2, 14} <= _values(strike)
    assert "Russian" in strike.actors and "the regional governor" in strike.sources


def north_korean_units_arrived_in_the_kursk_region_on_wednesday(events):
    found = _at(events, KURSK_OBLAST, sub_types={"troop_deployment", "arrival"})
    [arrival] = [e for e in found if e.certainty is not Certainty.EXPECTED]
    assert (arrival.date_start, arrival.date_end) == (date(2024, 10, 23), date(2024, 10, 23))
    assert "North Korean" in arrival.actors
    assert "Ukraine's military intelligence agency" in arrival.sources
    assert [loc.place.name for loc in arrival.locations if loc.role is LocationRole.ORIGIN] == ["North Korea"]


def about_12000_soldiers_sent_to_eastern_russia_this_month(events):
    [sent] = [e for e in events if e.sub_type in {"troop_deployment", "troop_movement"}
              and any(loc.place.name == "eastern Russia" and loc.role is LocationRole.DESTINATION
                      for loc in e.locations)]
    assert (sent.date_start, sent.date_end) == (date(2024, 10, 1), date(2024, 10, 27))  # October, to the report
    assert [(q.value, q.qualifier) for q in sent.quantities] == [(12_000, "about")]
    assert [loc.precision for loc in sent.locations if loc.role is not LocationRole.ORIGIN] == [5]
    assert [loc.place.name for loc in sent.locations if loc.role is LocationRole.ORIGIN] == ["North Korea"]
    assert "The New York Times" in sent.sources


def more_troops_expected_in_the_kursk_region_by_mid_november(events):
    [expected] = [e for e in _at(events, KURSK_OBLAST) if e.certainty is Certainty.EXPECTED]
    assert date(2024, 10, 27) <= expected.date_start and date(2024, 11, 10) <= expected.date_end <= date(2024, 11, 20)
    assert "President Volodymyr Zelensky" in expected.sources


def assaults_repelled_near_the_village_of_tsukuryne(events):
    [battle] = _at(events, TSUKURYNE)
    assert (battle.type, battle.sub_type) == (EventType.BATTLES, "armed_clash")
    assert "Ukrainian" in battle.actors


def russian_artillery_shelled_kurakhove(events):
    [shelling] = _at(events, KURAKHOVE)
    assert shelling.sub_type == "shelling_artillery_missile_attack" and "Russian" in shelling.actors


def opposition_supporters_gathered_in_tbilisi_on_saturday(events):
    [protest] = _at(events, TBILISI)
    assert (protest.type, protest.sub_type) == (EventType.PROTESTS, "peaceful_protest")  # police did not move in
    assert (protest.date_start, protest.date_end) == (date(2024, 10, 26), date(2024, 10, 26))


def a_ukrainian_drone_strike_on_the_bryansk_region_on_saturday(events):
    [strike] = _at(events, BRYANSK_OBLAST)
    assert strike.sub_type == "air_drone_strike" and "Ukrainian" in strike.actors
    assert (strike.date_start, strike.date_end) == (date(2024, 10, 26), date(2024, 10, 26))


# --- in the original article (../shared/seeds/) -------------------------------------------------------


def north_korean_troops_in_the_kursk_region_dated_october_23_to_25(events):
    found = _at(events, KURSK_OBLAST, sub_types={"troop_deployment", "arrival"})
    dated = [e for e in found if e.certainty is not Certainty.EXPECTED
             and date(2024, 10, 23) <= e.date_start and e.date_end <= date(2024, 10, 25)]
    assert dated, [(e.sub_type, e.date_start, e.date_end) for e in found]
    assert any("North Korean" in e.actors for e in dated)


def at_least_3000_soldiers_moved_into_eastern_russia_in_october(events):
    [move] = [e for e in events if e.sub_type == "troop_movement"
              and any(loc.place.name == "eastern Russia" and loc.role is LocationRole.DESTINATION
                      for loc in e.locations)]
    assert (move.date_start, move.date_end) == (date(2024, 10, 1), date(2024, 10, 20))
    assert [(q.value, q.qualifier) for q in move.quantities] == [(3000, "at least")]
    assert [loc.precision for loc in move.locations if loc.role is not LocationRole.ORIGIN] == [5]  # part of a
    # country larger than a region; the origin is the country that sends the troops
    assert [loc.place.name for loc in move.locations if loc.role is LocationRole.ORIGIN] == ["North Korea"]


def the_august_deployment_of_about_1500(events):
    [august] = [e for e in events if e.date_start == date(2024, 8, 1) and e.date_end == date(2024, 8, 31)]
    assert august.sub_type == "troop_deployment" and RUSSIA in [loc.place.id for loc in august.locations]
    assert (1500, "about") in [(q.value, q.qualifier) for q in august.quantities]
    assert "South Korea's National Intelligence Service" in august.sources


def the_10000_expected_by_december(events):
    [expected] = [e for e in events if any(q.value == 10_000 for q in e.quantities)]
    assert expected.certainty is Certainty.EXPECTED
    assert (expected.date_start, expected.date_end) == (date(2024, 10, 27), date(2024, 12, 31))
    assert [loc.place.id for loc in expected.locations if loc.role is not LocationRole.ORIGIN] == [RUSSIA]


def kim_yong_bok_arrives_in_russia(events):
    [arrival] = [e for e in events if "Kim Yong-bok" in e.quote and e.sub_type == "arrival"]
    assert [loc.place.id for loc in arrival.locations if loc.role is not LocationRole.ORIGIN] == [RUSSIA]
    assert arrival.certainty is Certainty.REPORTED
    assert arrival.date_end <= date(2024, 10, 26)  # reported Saturday
    assert "Japan's Kyodo News Agency" in arrival.sources


BOTH = (drone_strike_in_kyiv_on_october_25, the_new_york_times_is_a_source_not_a_place)
OURS = (the_kyiv_strike_killed_one_and_injured_nine, guided_bombs_on_kharkiv_on_thursday_killed_two_and_wounded_14,
        north_korean_units_arrived_in_the_kursk_region_on_wednesday,
        about_12000_soldiers_sent_to_eastern_russia_this_month,
        more_troops_expected_in_the_kursk_region_by_mid_november, assaults_repelled_near_the_village_of_tsukuryne,
        russian_artillery_shelled_kurakhove, opposition_supporters_gathered_in_tbilisi_on_saturday,
        a_ukrainian_drone_strike_on_the_bryansk_region_on_saturday)
ORIGINAL = (north_korean_troops_in_the_kursk_region_dated_october_23_to_25,
            at_least_3000_soldiers_moved_into_eastern_russia_in_october, the_august_deployment_of_about_1500,
            the_10000_expected_by_december, kim_yong_bok_arrives_in_russia)


def _checks(article, ident, checks):
    return [pytest.param(article, check, id=f"{ident}-{check.__name__}") for check in checks]


@pytest.mark.parametrize(("events", "check"), [
    *_checks(ARTICLE, "ours", BOTH + OURS),
    *with_shared(*_checks(ORIGINAL_ARTICLE, "original", BOTH + ORIGINAL)),
], indirect=["events"])
def test_the_article_reports_the_event(events, check):
    check(events)
