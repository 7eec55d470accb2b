"""Recognition rules, each on a sentence written for the test."""

import pytest

from geomap.places.recognize import find_mentions
from geomap.text.words import NEWS_NAMESAKES


def _texts(text, gaz, starts=frozenset({0})):
    return [m.text for m in find_mentions(text, gaz, starts)]


def test_finds_countries_cities_and_multiword_names(gaz):
    text = "Troops moved from Bila Tserkva towards Kyiv, and South Korea protested."
    assert _texts(text, gaz) == ["Bila Tserkva", "Kyiv", "South Korea"]


def test_offsets_point_into_the_original_text(gaz):
    text = "Shells fell on Kharkiv’s outskirts and near Zaporizhzhia."
    for m in find_mentions(text, gaz):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(("text", "absent"), [
    ("The New York Times reported the move.", "New York"),
    ("President Volodymyr Zelensky spoke on Friday.", "Volodymyr"),
    ("Officials met in March to discuss it.", "March"),
    ("Kursk lies far from the Russian Far East.", "Far"),
])
def test_traps_are_not_places(gaz, text, absent):
    assert absent not in _texts(text, gaz)


def test_lowercase_words_are_not_places(gaz):
    assert _texts("the march of the troops was of no use", gaz, frozenset()) == []


def test_sentence_initial_minor_alternate_names_are_skipped(gaz):
    # "Drone" is only an alternate spelling of a small Italian town; at a sentence start it is a word.
    assert "Drone" not in _texts("Drone attack hits Kyiv", gaz, frozenset({0}))


def test_codes_and_acronyms(gaz):
    # "Lax" is not the airport code LAX; an all-caps code that names only towns is read as an acronym;
    # all-caps abbreviations of countries and states are places.
    assert "Lax" not in _texts("Security was Lax in Kyiv.", gaz, frozenset())
    assert _texts("Flights from LAX resumed.", gaz) == []
    text = "Officials of the US and the UK met in Frankfort, KY, on Monday."
    assert _texts(text, gaz) == ["US", "UK", "Frankfort", "KY"]


def test_metonymic_seats_of_government_are_their_capitals(gaz):
    from geomap.places.resolve import resolve_mentions

    mentions = find_mentions("A statement from the White House followed, and the Kremlin replied.", gaz)
    places = [r.place.name for r in resolve_mentions(mentions, gaz)]
    assert places == ["Washington", "Moscow"]


@pytest.mark.parametrize(("text", "places"), [
    ("Hamas fighters attacked on Saturday.", []),  # not Hamm
    ("Nato allies met in Brussels on Monday.", ["Brussels"]),
    ("Russia fired an Iskander missile at Kharkiv.", ["Russia", "Kharkiv"]),
    ("Ukraine used Bayraktar drones.", ["Ukraine"]),
    ("Tass reported the strike on Belgorod.", ["Belgorod"]),
    ("The Taliban government in Kabul said.", ["Kabul"]),
    ("Wagner fighters left Bakhmut.", ["Bakhmut"]),
    ("Fano militiamen clashed with the army near Gondar.", ["Gondar"]),
    ("Boko Haram fighters attacked Maiduguri.", ["Maiduguri"]),
])
def test_groups_agencies_and_weapons_are_not_their_namesake_places(gaz, text, places):
    assert _texts(text, gaz) == places


@pytest.mark.parametrize("word", sorted(NEWS_NAMESAKES))
def test_each_news_namesake_still_names_a_place(gaz, word):
    """The reason a namesake is listed: the gazetteer knows a place by that name. When it no longer does, the
    entry (and its reason) should go."""
    assert gaz.has_name(word.title())
