"""Polygons: every shaped place contains its point; cities fall in their units; directional areas."""

import tomllib

import pytest
import shapely

from gazetteer.sources import REGIONS_FILE, data_file

JABALIA = shapely.Point(34.483, 31.532)


def _inside(gaz, place_id) -> bool:
    place = gaz.place(place_id)
    return gaz.geometry(place_id).contains(shapely.Point(place.lon, place.lat))


def test_every_country_contains_its_point(gaz):
    codes = sorted(gaz.country_outlines(0.5))
    assert len(codes) > 200
    assert [code for code in codes if not _inside(gaz, gaz.country(code).id)] == []


@pytest.mark.parametrize("code", ["RU-KRS", "UA-14", "UA-43", "PS-GZZ", "SD-DN"])
def test_key_admin1_units_contain_their_point(gaz, code):
    place = gaz.place(f"iso3166-2:{code}")
    assert place.kind.value == "admin1" and place.bbox is not None
    assert _inside(gaz, place.id)


def test_crimea_belongs_to_ukraine_by_its_iso_code(gaz):
    assert gaz.place("iso3166-2:UA-43").country_code == "UA"


def test_every_curated_region_contains_its_point(gaz):
    with data_file(REGIONS_FILE).open("rb") as fh:
        ids = [entry["id"] for entry in tomllib.load(fh)["region"]]
    required = {"donbas", "russian_far_east", "siberia", "darfur", "sinai", "iraqi_kurdistan", "kashmir", "sahel",
                "golan_heights", "nagorno_karabakh", "abkhazia", "transnistria", "kuril_islands"}
    assert required <= set(ids)
    assert [region for region in ids if not _inside(gaz, f"region:{region}")] == []


@pytest.mark.parametrize(("city", "unit", "country"), [("Kursk", "RU-KRS", "RU"), ("Kyiv", "UA-30", "UA"),
                                                       ("Donetsk", "UA-14", "UA")])
def test_geonames_cities_fall_inside_their_admin1_and_country(gaz, city, unit, country):
    place = gaz.lookup(city, country=country)[0].place
    point = shapely.Point(place.lon, place.lat)
    assert gaz.geometry(f"iso3166-2:{unit}").contains(point)
    assert gaz.geometry(gaz.country(country).id).contains(point)


def test_eastern_russia_lies_east_of_90_degrees(gaz):
    best = gaz.lookup("eastern Russia")[0].place
    assert best.kind.value == "directional" and best.lon > 90


def test_southwestern_russia_contains_kursk_and_belgorod_oblasts(gaz):
    shape = gaz.geometry(gaz.lookup("southwestern Russia")[0].place.id)
    for unit in ("RU-KRS", "RU-BEL"):
        oblast = gaz.place(f"iso3166-2:{unit}")
        assert shape.contains(shapely.Point(oblast.lon, oblast.lat)), unit


def test_northern_gaza_is_the_part_of_the_strip_with_jabalia(gaz):
    best = gaz.lookup("northern Gaza")[0].place
    shape = gaz.geometry(best.id)
    assert best.country_code == "PS" and shape.contains(JABALIA)
    assert shape.area < gaz.geometry("iso3166-2:PS-GZZ").area / 2


def test_directional_sector_of_a_country_without_a_macro_region(gaz):
    west = gaz.lookup("western Ukraine")[0].place
    east = gaz.lookup("eastern Ukraine")[0].place
    assert west.lon < 28 < 35 < east.lon
    assert gaz.place(east.id) == east  # directional ids resolve again


def test_antimeridian_country_sectors_stay_on_the_right_side(gaz):
    # Fiji's islands straddle 180 degrees; its eastern part must not be the whole globe's width
    east = gaz.geometry(gaz.lookup("eastern Fiji")[0].place.id)
    west, _, east_lon, _ = east.bounds
    assert east_lon - west < 10 or west < -170
