"""Quantities: "at least 3,000 soldiers", "about 1,500 troops", "12 people were killed", "killing five".

A pattern, not a library: quantulum3 reads units of measure (kilometres, dollars), not head counts, and
number words beyond "twenty" are rare in news counts (digits are the style rule), so a table suffices.
"""

from __future__ import annotations

import re

from geomap.records import Quantity

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "a dozen": 12, "a hundred": 100, "a thousand": 1000}
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_QUALIFIERS = {
    "at least": "at least", "more than": "at least", "over": "at least", "upwards of": "at least",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "nearly": "about", "almost": "about", "an estimated": "about", "estimated": "about", "close to": "about",
    "up to": "up to", "as many as": "up to", "at most": "at most", "fewer than": "at most", "less than": "at most",
}
_NUMBER = (r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
           r"(?:\s+(?P<mult>hundred|thousand|million))?")
_QUALIFIER = (r"(?:(?P<qual>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True))
              + r")\s+(?:additional\s+|more\s+|other\s+)?)?")
_NOUNS = (r"soldiers|troops|servicemen|personnel|fighters|militants|rebels|insurgents|police(?: officers)?|"
          r"officers|people|civilians|persons|protesters|demonstrators|workers|students|children|women|residents|"
          r"villagers|migrants|refugees|prisoners|hostages|detainees|drones|missiles|rockets|shells|warships|"
          r"tanks|vehicles|houses|homes|buildings")
_COUNT = re.compile(rf"\b{_QUALIFIER}{_NUMBER}\s+(?P<mods>(?:[A-Za-z-]+\s+){{0,3}}?)(?P<noun>{_NOUNS})\b",
                    re.IGNORECASE)
_VICTIMS = re.compile(rf"\b(?P<verb>killing|killed|wounding|wounded|injuring|injured|leaving)\s+{_QUALIFIER}"
                      rf"{_NUMBER}\b(?!\s+(?:{_NOUNS}))", re.IGNORECASE)
_OUTCOME = re.compile(r"\s*(?:(?:were|was|have been|had been|are|being)\s+)?(?:\w+\s+)?(?P<how>killed|dead|died|"
                      r"wounded|injured|hurt|detained|arrested|abducted|kidnapped)\b", re.IGNORECASE)
# "some 1,500 have since been dispatched", "around 10,000 to be deployed": the noun is left out, troops meant.
_BARE_TROOPS = re.compile(rf"\b{_QUALIFIER}{_NUMBER}\s+(?:more\s+|additional\s+|others?\s+)?(?:to be|have|has|had|"
                          rf"were|are|will be|would be)\b.{{0,20}}?\b(?:deployed|sent|dispatched|moved|stationed|"
                          rf"arrived|transferred)\b", re.IGNORECASE)
_HOW = {"killed": "killed", "dead": "killed", "died": "killed", "killing": "killed", "wounded": "injured",
        "injured": "injured", "hurt": "injured", "wounding": "injured", "injuring": "injured",
        "detained": "arrested", "arrested": "arrested", "abducted": "abducted", "kidnapped": "abducted"}


def _value(m: re.Match) -> int | None:
    num = m.group("num").lower()
    value = _WORDS.get(num)
    if value is None:
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            return None
    if m.group("mult"):
        value *= _MULTIPLIERS[m.group("mult").lower()]
    return int(value)


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(word for key in _WORDS for word in key.split() if word != "a")


def _has_number(text: str) -> bool:
    return _DIGIT.search(text) is not None or not _NUMBER_WORDS.isdisjoint(_WORD.findall(text.lower()))


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """The head counts a clause gives, in text order."""
    if not _has_number(text):
        return ()
    found: list[tuple[int, Quantity]] = []
    for m in _COUNT.finditer(text):
        value = _value(m)
        if value is None or (1900 <= value <= 2100 and not m.group("qual") and "," not in m.group("num")):
            continue  # a year ("2024 troops" never appears; "in 2024 protesters" does)
        what = m.group("noun").lower()
        outcome = _OUTCOME.match(text, m.end())
        if outcome and what in ("people", "civilians", "persons", "children", "women", "residents", "villagers",
                                "soldiers", "troops", "police", "police officers", "officers", "protesters",
                                "demonstrators", "fighters", "militants", "workers", "students", "migrants"):
            what = f"{what} {_HOW[outcome.group('how').lower()]}"
        qualifier = _QUALIFIERS.get((m.group("qual") or "").lower(), "exact")
        found.append((m.start(), Quantity(what, value, qualifier, m.group(0))))
    for m in _VICTIMS.finditer(text):
        value = _value(m)
        if value is None or m.group("verb").lower() == "leaving":
            continue
        qualifier = _QUALIFIERS.get((m.group("qual") or "").lower(), "exact")
        found.append((m.start(), Quantity(f"people {_HOW[m.group('verb').lower()]}", value, qualifier, m.group(0))))
    for m in _BARE_TROOPS.finditer(text):
        value = _value(m)
        if value is not None and all(start != m.start() for start, _ in found):
            qualifier = _QUALIFIERS.get((m.group("qual") or "").lower(), "exact")
            found.append((m.start(), Quantity("troops", value, qualifier, m.group(0))))
    return tuple(q for _, q in sorted(found, key=lambda pair: pair[0]))
