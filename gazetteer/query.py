"""Query understanding: what a place phrase asks for, before any lookup.

"Russia's Kursk region" -> base "Kursk", kind hint admin-1, country hint "Russia";
"eastern Russia" -> direction "east" of "Russia"; "the Donetsk region" -> "Donetsk", admin-1;
"Gaza City" -> "Gaza", populated place (tried after the whole phrase, which may itself be a name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer.names import fold
from gazetteer.records import PlaceKind

# Words after a name that ask for a first-level unit, in English and common romanisations.
ADMIN_SUFFIXES = (
    "autonomous okrug", "autonomous oblast", "autonomous republic", "autonomous region", "oblast", "oblast'",
    "region", "province", "krai", "kray", "governorate", "state", "okrug", "wilaya", "wilayah", "vilayet",
    "prefecture", "republic", "territory", "department", "voivodeship", "canton", "county", "district",
    "muhafazat", "ostan", "emirate", "division", "municipality",
)
CITY_SUFFIXES = ("city", "town")

# Directional qualifiers -> one of the nine sectors.
_DIRECTIONS = {
    "north": "north", "northern": "north", "south": "south", "southern": "south", "east": "east",
    "eastern": "east", "west": "west", "western": "west", "central": "central", "centre": "central",
    "center": "central",
}
for _a in ("north", "south"):
    for _b in ("east", "west"):
        for _form in (f"{_a}{_b}", f"{_a}-{_b}", f"{_a} {_b}", f"{_a}{_b}ern", f"{_a}-{_b}ern", f"{_a} {_b}ern"):
            _DIRECTIONS[_form] = f"{_a}{_b}"
DIRECTIONS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central")
ADJECTIVES = {"north": "northern", "south": "southern", "east": "eastern", "west": "western",
              "northeast": "northeastern", "northwest": "northwestern", "southeast": "southeastern",
              "southwest": "southwestern", "central": "central"}

_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(.+?)['’]s?\s+(.+)$")
_DIRECTION = re.compile(
    r"^(" + "|".join(sorted(map(re.escape, _DIRECTIONS), key=len, reverse=True)) + r")\s+(?:part of\s+|of\s+)?(.+)$",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    r"^(.+?)\s+(" + "|".join(map(re.escape, ADMIN_SUFFIXES + CITY_SUFFIXES)) + r")$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Query:
    """A place phrase taken apart. `text` is the phrase without article; `base` without its qualifiers."""

    text: str
    base: str
    kind: PlaceKind | None = None  # asked-for kind from a suffix
    possessor: str | None = None  # "Russia" in "Russia's Kursk region"
    direction: str | None = None  # one of DIRECTIONS


def strip_article(text: str) -> str:
    return _ARTICLE.sub("", text.strip())


def parse_query(text: str) -> Query:
    """Take a place phrase apart; every part is optional."""
    text = re.sub(r"\s+", " ", strip_article(text))
    rest = text
    possessor = None
    match = _POSSESSIVE.match(rest)
    if match and not match.group(1).endswith(" "):
        possessor, rest = match.group(1), strip_article(match.group(2))
    direction = None
    match = _DIRECTION.match(rest)
    if match:
        direction, rest = _DIRECTIONS[fold(match.group(1))], strip_article(match.group(2))
    kind = None
    match = _SUFFIX.match(rest)
    if match:
        suffix = fold(match.group(2))
        kind = PlaceKind.POPULATED_PLACE if suffix in CITY_SUFFIXES else PlaceKind.ADMIN1
        rest = match.group(1)
    return Query(text=text, base=rest, kind=kind, possessor=possessor, direction=direction)
