"""Geoparser traps, each in a sentence we wrote: what must and must not become a place."""

import pytest

import geomap
from geomap.records import MentionRole


def _places(text):
    result = geomap.parse(text, published="2024-10-27")
    return [(r.mention.text, r.place.name if r.place else None, r.place.country_code if r.place else None,
             r.mention.role.value) for r in result.resolutions]


@pytest.mark.parametrize(("text", "absent", "present", "expected"), [
    ("The New York Times reported from Kharkiv on Friday.", "New York", "Kharkiv", ("Kharkiv", "UA")),
    ("A Washington Post reporter was in the convoy near Kherson.", "Washington", "Kherson", ("Kherson", "UA")),
    ("Kyodo News Agency quoted a defence official in Tokyo.", "Kyodo", "Tokyo", ("Tokyo", "JP")),
    ("Kim Yong-bok was seen at the airfield outside Pyongyang.", "Kim", "Pyongyang", ("Pyongyang", "KP")),
    ("President Volodymyr Zelensky thanked the troops in Sumy.", "Volodymyr", "Sumy", ("Sumy", "UA")),
    ("Jordan Peterson spoke at the event in Toronto.", "Jordan", "Toronto", ("Toronto", "CA")),
    ("The talks resumed in Geneva in March after a pause.", "March", "Geneva", ("Geneva", "CH")),
    ("Reading the statement in Warsaw, the spokesman paused.", "Reading", "Warsaw", ("Warsaw", "PL")),
    ("The view of the river from Kherson was clear.", "Of", "Kherson", ("Kherson", "UA")),
    ("BREAKING NEWS: KYIV UNDER ATTACK\nDrones struck Lviv overnight.", "KYIV", "Lviv", ("Lviv", "UA")),
])
def test_traps_are_not_places(text, absent, present, expected):
    """The trap is in no mention, and the real place of the same sentence is still found and resolved
    (so the test fails if the parse finds nothing at all)."""
    places = _places(text)
    assert not [t for t, *_ in places if absent in t], places
    assert {t: (n, cc) for t, n, cc, _ in places}.get(present) == expected, places


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Washington said the sanctions would stay.", "Washington", ("Washington", "US")),
    ("Moscow said the talks had failed.", "Moscow", ("Moscow", "RU")),
    ("Protesters filled the streets of Tbilisi, Georgia, on Saturday.", "Georgia", ("Georgia", "GE")),
    ("Storms hit Atlanta, Georgia, overnight.", "Georgia", ("Georgia", "US")),
    ("Shelling was reported near Pokrovsk in the Donetsk region.", "Pokrovsk", ("Pokrovsk", "UA")),
    ("He moved to Paris, Kentucky, last year.", "Paris", ("Paris", "US")),
])
def test_metonymy_and_ambiguous_names_resolve_in_context(text, name, expected):
    found = {t: (n, cc) for t, n, cc, _ in _places(text)}
    assert found.get(name) == expected, found


@pytest.mark.parametrize(("text", "phrase", "kind_name"), [
    ("North Korean soldiers have arrived in Russia's Kursk region.", "Kursk region", "Kursk"),
    ("Fighting continued in the Donetsk region.", "Donetsk region", "Donetsk"),
    ("Some 3,000 soldiers moved into eastern Russia.", "eastern Russia", "eastern Russia"),
    ("Strikes hit northern Gaza overnight.", "northern Gaza", "northern Gaza Strip"),
    ("Air raids were reported in Idlib province.", "Idlib province", "Idlib"),
    ("Residents fled Gaza City.", "Gaza City", "Gaza"),
])
def test_qualified_phrases_resolve_as_a_whole(text, phrase, kind_name):
    found = {t: n for t, n, _, _ in _places(text)}
    assert found.get(phrase) == kind_name, found


def test_demonyms_are_actors_and_not_event_locations():
    result = geomap.parse("Russian forces shelled Kharkiv on Friday.", published="2024-10-27")
    roles = {r.mention.text: r.mention.role for r in result.resolutions}
    assert roles == {"Russian": MentionRole.ACTOR, "Kharkiv": MentionRole.LOCATION}
    [event] = result.events
    assert [loc.place.name for loc in event.locations] == ["Kharkiv"]
    assert event.actors == ("Russian",)


def test_unknown_local_feature_is_placed_at_the_document_focus_with_low_confidence(gaz):
    from geomap.places.resolve import resolve_mentions
    from geomap.records import Mention

    text = "Kharkiv officials said Kharkiv and the Qwxzzy Street area were hit."
    mentions = [Mention(0, 7, "Kharkiv"), Mention(23, 30, "Kharkiv"), Mention(39, 51, "Qwxzzy Street")]
    street = resolve_mentions(mentions, gaz, text)[2]
    assert street.place.name == "Kharkiv" and street.score < 0.5 and "focus" in street.reason
