"""Recognition: find place-name mentions in text with the gazetteer's name automaton.

First version (issue 2): every indexed name is a candidate span; a span is kept when it sits on word
boundaries, is capitalised like a proper name, is not a common word, and is not part of a person's or
an organisation's name by the simple context rules below. Longest spans win.
"""

from __future__ import annotations

import re

from gazetteer import Gazetteer
from gazetteer.names import fold
from geomap.records import Mention, MentionRole


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-case words allowed inside multi-word place names ("Bosnia and Herzegovina", "Rostov-on-Don").
CONNECTORS = _words("and of the de del der la le les al el on upon am an da do dos das di du en sur y e")

# Capitalised words that are also names of some village but are almost never meant as places in news.
COMMON_WORDS = _words("""
a an the i he she it we they you his her its our their this that these those there here
in on at by for from with as of to into over under after before about between during since until
and but or nor so yet if then than when while where who what which why how
all any each every some many most more much other such no not only also just even still very
agency said says say told tells according reported reports report news
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
president minister prime general colonel commander army police government ministry
north south east west northern southern eastern western central
city town village region province state district republic kingdom union island islands
new old great little upper lower saint san santa
one two three four five six seven eight nine ten first second third
time day week month year today yesterday tomorrow
""")

# A name directly before one of these is part of an organisation or publication ("The New York Times").
ORG_SUFFIXES = _words("""
times post journal herald tribune news agency press gazette telegraph guardian daily weekly review
university college school institute airlines airways airport bank group company corporation inc ltd
club fc united council committee party front ministry office center centre foundation
""")

# A name directly after one of these is a person ("President Volodymyr ...", "Mr. Jordan").
PERSON_TITLES = _words("""
president minister mr mrs ms dr gen general col colonel lt sgt capt captain adm admiral sen senator
rep gov governor mayor king queen prince princess pope sheikh ambassador chancellor premier commander
spokesman spokeswoman spokesperson secretary
""")

# Words after a capitalised place name that make it a longer place name, not a person or organisation.
PLACE_SUFFIXES = _words("oblast region province krai kray governorate state district okrug republic city county")

# Multi-word names that match a place's alternate name but in news mean a building or an institution.
NOT_PLACES = frozenset({"white house"})

COMPASS_WORDS = _words("north south east west")

_WORD = re.compile(r"[\w'’.-]+")
_WORD_BEFORE = re.compile(r"([\w'’.-]+)\s*$")


def find_mentions(text: str, gazetteer: Gazetteer, sentence_starts: frozenset[int] = frozenset()) -> list[Mention]:
    """Place-name mentions in `text`, left to right, non-overlapping.

    At a sentence start capitalisation says nothing, so a word there that is only an alternate spelling
    of small places ("Drone", "Air") is not taken as a place.
    """
    folded = fold(text)
    spans = []
    for end_index, length in gazetteer.automaton.iter(folded):
        start, end = end_index - length + 1, end_index + 1
        if _on_word_boundaries(folded, start, end) and _looks_like_name(text[start:end]):
            spans.append((start, end))
    mentions = []
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):  # longest first
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        if _excluded_by_context(text, start, end):
            continue
        surface = text[start:end]
        if start in sentence_starts and gazetteer.is_minor_alternate_name(surface):
            continue
        if not surface.isupper() and gazetteer.is_code_only(surface):
            continue
        taken.append((start, end))
        role = MentionRole.ACTOR if gazetteer.demonym_country(surface) is not None else MentionRole.LOCATION
        mentions.append(Mention(start, end, surface, role))
    return sorted(mentions, key=lambda m: m.start)


def _on_word_boundaries(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not (before.isalnum() or after.isalnum() or before in "-_@#" or after in "_@")


def _looks_like_name(surface: str) -> bool:
    words = surface.split()
    if not words[0][0].isupper():
        return False
    if surface.isupper() and len(surface) > 3:  # all-caps headers and shouting, not names
        return False
    if fold(surface) in NOT_PLACES or (len(words) == 1 and fold(surface) in COMMON_WORDS):
        return False
    return all(w[0].isupper() or w[0].isdigit() or fold(w) in CONNECTORS for w in words)


def _excluded_by_context(text: str, start: int, end: int) -> bool:
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)  # a window: searching from 0 is quadratic
    if before and fold(before.group(1)).rstrip(".") in PERSON_TITLES:
        return True
    after = _WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
    if after:
        word = after.group()
        folded_word = fold(word).rstrip(".,")
        if folded_word in ORG_SUFFIXES or folded_word in COMPASS_WORDS:
            return True  # "New York Times"; "Far East", "Middle East": part of a longer name
        if word[0].isupper() and folded_word not in PLACE_SUFFIXES and folded_word not in COMMON_WORDS:
            return True  # "Volodymyr Zelensky": a capitalised non-place word follows, likely a person
    return False
