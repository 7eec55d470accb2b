import pytest

from gazetteer import PlaceKind
from gazetteer.query import parse_query


@pytest.mark.parametrize(("text", "base", "kind", "possessor", "direction"), [
    ("Russia's Kursk region", "Kursk", PlaceKind.ADMIN1, "Russia", None),
    ("Russia’s Kursk Oblast", "Kursk", PlaceKind.ADMIN1, "Russia", None),
    ("the Donetsk region", "Donetsk", PlaceKind.ADMIN1, None, None),
    ("Idlib province", "Idlib", PlaceKind.ADMIN1, None, None),
    ("Krasnodar Krai", "Krasnodar", PlaceKind.ADMIN1, None, None),
    ("Gaza City", "Gaza", PlaceKind.POPULATED_PLACE, None, None),
    ("eastern Russia", "Russia", None, None, "east"),
    ("southwestern Russia", "Russia", None, None, "southwest"),
    ("north-eastern Ukraine", "Ukraine", None, None, "northeast"),
    ("the south of Lebanon", "Lebanon", None, None, "south"),
    ("Kyiv", "Kyiv", None, None, None),
])
def test_phrases_are_taken_apart(text, base, kind, possessor, direction):
    q = parse_query(text)
    assert (q.base, q.kind, q.possessor, q.direction) == (base, kind, possessor, direction)
