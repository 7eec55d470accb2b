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
_QUALS = "|".join(sorted(_QUALIFIERS, key=len, reverse=True))
_NOUNS = (r"soldiers|troops|servicemen|personnel|fighters|militants|rebels|insurgents|police(?: officers)?|"
          r"officers|people|civilians|persons|protesters|demonstrators|workers|students|children|women|residents|"
          r"villagers|migrants|refugees|prisoners|hostages|detainees|drones|missiles|rockets|shells|warships|"
          r"tanks|vehicles|houses|homes|buildings")
# Numbers first, then what stands around them: cheaper than one pattern tried at every position.
# All patterns run on the lowercased clause (same offsets as the clause for news text).
_NUMBER = re.compile(r"\b(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
                     + "|".join(sorted(_WORDS, key=len, reverse=True))
                     + r")\b(?:\s+(?P<mult>hundred|thousand|million)\b)?")
_QUALIFIER_BEFORE = re.compile(rf"(?:^|\s)(?P<qual>{_QUALS})\s+(?:additional\s+|more\s+|other\s+)?$")
_NOUN_AFTER = re.compile(rf"\s+(?:[a-z-]+\s+){{0,3}}?(?P<noun>{_NOUNS})\b")
_VICTIM_BEFORE = re.compile(rf"\b(?P<verb>killing|killed|wounding|wounded|injuring|injured)\s+(?:(?:{_QUALS})\s+)?$")
_OUTCOME = re.compile(r"\s*(?:(?:were|was|have been|had been|are|being)\s+)?(?:\w+\s+)?(?P<how>killed|dead|died|"
                      r"wounded|injured|hurt|detained|arrested|abducted|kidnapped)\b")
# "some 1,500 have since been dispatched", "around 10,000 to be deployed": the noun is left out, troops meant.
_BARE_TROOPS = re.compile(r"\s+(?:more\s+|additional\s+|others?\s+)?(?:to be|have|has|had|were|are|will be|would be)"
                          r"\b.{0,20}?\b(?:deployed|sent|dispatched|moved|stationed|arrived|transferred)\b")
_HOW = {"killed": "killed", "dead": "killed", "died": "killed", "killing": "killed", "wounded": "injured",
        "injured": "injured", "hurt": "injured", "wounding": "injured", "injuring": "injured",
        "detained": "arrested", "arrested": "arrested", "abducted": "abducted", "kidnapped": "abducted"}
# People of any side, combatants too, whose count says what happened to them ("12 soldiers were killed" ->
# "soldiers killed"); not `vocabulary.CIVILIANS`, which is about who an attack's victims are.
_COUNTED_PEOPLE = frozenset({"people", "civilians", "persons", "children", "women", "residents", "villagers",
                             "soldiers", "troops", "police", "police officers", "officers", "protesters",
                             "demonstrators", "fighters", "militants", "workers", "students", "migrants"})


def _value(m: re.Match) -> int | None:
    num = m.group("num")
    value = _WORDS.get(num)
    if value is None:
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            return None
    if m.group("mult"):
        value *= _MULTIPLIERS[m.group("mult")]
    return int(value)


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(word for key in _WORDS for word in key.split() if word != "a")


def _has_number(lower: str) -> bool:
    return _DIGIT.search(lower) is not None or not _NUMBER_WORDS.isdisjoint(_WORD.findall(lower))


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """The head counts a clause gives, in text order."""
    lower = text.lower()
    if not _has_number(lower):
        return ()
    found: list[Quantity] = []
    for m in _NUMBER.finditer(lower):
        value = _value(m)
        if value is None:
            continue
        before = _QUALIFIER_BEFORE.search(lower, max(0, m.start() - 30), m.start())
        qualifier = _QUALIFIERS[before.group("qual")] if before else "exact"
        start = before.start("qual") if before else m.start()
        noun = _NOUN_AFTER.match(lower, m.end())
        if noun:
            if 1900 <= value <= 2100 and not before and "," not in m.group("num"):
                continue  # a year ("in 2024 protesters" ...)
            what = noun.group("noun")
            outcome = _OUTCOME.match(lower, noun.end())
            if outcome and what in _COUNTED_PEOPLE:
                what = f"{what} {_HOW[outcome.group('how')]}"
            found.append(Quantity(what, value, qualifier, text[start:noun.end()]))
            continue
        victims = _VICTIM_BEFORE.search(lower, max(0, m.start() - 40), m.start())
        if victims:
            found.append(Quantity(f"people {_HOW[victims.group('verb')]}", value, qualifier,
                                  text[victims.start():m.end()]))
            continue
        bare = _BARE_TROOPS.match(lower, m.end())
        if bare:
            found.append(Quantity("troops", value, qualifier, text[start:bare.end()]))
    return tuple(found)
