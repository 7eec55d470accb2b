import pytest
import shapely

from gazetteer import InvalidQueryError, PlaceKind, UnknownPlaceError
from gazetteer.records import Place


def test_kyiv_is_the_ukrainian_capital(gaz):
    best = gaz.lookup("Kyiv")[0]
    assert best.place.id == "geonames:703448"
    assert best.place.country_code == "UA"
    assert best.place.population > 2_000_000


def test_old_spelling_kiev_finds_kyiv(gaz):
    assert gaz.lookup("Kiev")[0].place.geonameid == 703448


@pytest.mark.parametrize(("name", "code"), [("Ukraine", "UA"), ("Russia", "RU"), ("Georgia", "GE"),
                                            ("North Korea", "KP"), ("U.S.", "US"), ("US", "US"), ("UK", "GB")])
def test_countries_and_abbreviations_beat_same_named_towns(gaz, name, code):
    best = gaz.lookup(name)[0].place
    assert best.kind is PlaceKind.COUNTRY
    assert best.country_code == code


def test_country_filter_keeps_only_that_country(gaz):
    candidates = gaz.lookup("Pokrovsk", country="RU")
    assert candidates and all(c.place.country_code == "RU" for c in candidates)


def test_scores_are_probabilities_best_first(gaz):
    candidates = gaz.lookup("Paris", limit=10)
    scores = [c.score for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert candidates[0].place.country_code == "FR"
    assert 0.0 < sum(scores) <= 1.0 + 1e-6
    assert all(c.reason for c in candidates)


def test_unknown_name_gives_no_candidates(gaz):
    assert gaz.lookup("Qwxzzyplace") == []


def test_bad_queries_say_how_to_fix_them(gaz):
    with pytest.raises(InvalidQueryError, match="empty name"):
        gaz.lookup("   ")
    with pytest.raises(InvalidQueryError, match="ISO 3166-1 alpha-2"):
        gaz.lookup("Kyiv", country="UKR")
    with pytest.raises(UnknownPlaceError, match="no place with id 'geonames:0'"):
        gaz.place("geonames:0")


def test_place_refuses_impossible_latitude_and_hints_at_swap():
    with pytest.raises(ValueError, match="may be swapped"):
        Place("x", "X", PlaceKind.POPULATED_PLACE, "UA", "", lat=120.0, lon=45.0, population=0, geonameid=None)


def test_country_geometry_contains_its_cities(gaz):
    ukraine = gaz.lookup("Ukraine")[0].place
    shape = gaz.geometry(ukraine.id)
    for city in ("Kyiv", "Kharkiv", "Lviv"):
        place = gaz.lookup(city, country="UA")[0].place
        assert shape.contains(shapely.Point(place.lon, place.lat)), city
    assert shape.contains(shapely.Point(ukraine.lon, ukraine.lat))


def test_every_country_point_lies_inside_its_polygon(gaz):
    codes = sorted(gaz.country_outlines(0.01))
    assert len(codes) > 200
    outside = [code for code in codes
               if not gaz.geometry(gaz.country(code).id).contains(shapely.Point(gaz.country(code).lon,
                                                                               gaz.country(code).lat))]
    assert outside == []


def test_names_spelled_only_in_capitals_are_codes(gaz):
    # GeoNames lists the airport code "LAX" for Los Angeles and "KBP" for Boryspil, never "Lax".
    assert gaz.is_code_only("LAX") and gaz.is_code_only("KBP")
    assert not gaz.is_code_only("Kharkiv")


def test_country_by_code(gaz):
    assert gaz.country("ua").geonameid == 690791
    assert gaz.country("ZZ") is None


def test_central_before_a_city_named_like_its_province_is_the_city(gaz):
    [best, *_] = gaz.lookup("central Buenos Aires")
    assert (best.place.kind.value, best.place.name) == ("populated_place", "Buenos Aires")
    [best, *_] = gaz.lookup("central Mali")
    assert best.place.kind.value == "directional"
