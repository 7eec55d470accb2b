"""Recognition: find place-name mentions in text with the gazetteer's name automaton.

Every indexed name (and demonym) is a candidate span. A span is kept when it sits on word boundaries,
is capitalised like a proper name, is not a common word, and is not part of a person's or an
organisation's name by the context rules below. Longest spans win. A kept span grows to take in an
admin suffix ("Kursk region") or a directional qualifier ("eastern Russia") so that the phrase resolves as
a whole, and remembers a possessive country before it ("Russia's Kursk region").

Hand-written rules rather than a trained NER: spaCy's trained pipelines are not on PyPI and the eval
corpora may not be used for training; the rules run at hundreds of documents per second.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import NamedTuple

from gazetteer import Gazetteer, PlaceKind
from gazetteer.names import fold
from gazetteer.query import ADMIN_SUFFIXES
from geomap.records import Mention, MentionRole
from geomap.text.words import COMMON_WORDS, CONNECTORS, ORG_SUFFIXES, PERSON_TITLES, words

# Words after a capitalised place name that make it a longer place name, not a person or organisation.
PLACE_SUFFIXES = frozenset(ADMIN_SUFFIXES) | words("city county")
COMPASS_WORDS = words("north south east west")
# Names of places up to this size lose to a person reading when capitalised words stand next to them
# ("Kim Yong-bok" is not Kimberley); bigger cities keep the place reading ("Edmonton Oilers").
FOLLOWER_RULE_MAX_POPULATION = 1_000_000
# ... and names of places up to this size become a person everywhere in the document once seen as one.
PERSON_EVERYWHERE_MAX_POPULATION = 100_000

_WORD = re.compile(r"[\w'’.-]+")
_SUFFIX_AFTER = re.compile(
    r"\s+(" + "|".join(sorted(map(re.escape, PLACE_SUFFIXES), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_DIRECTION_BEFORE = re.compile(
    r"\b((?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central)\s+$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)['’]s?\s+$")
_LINE = re.compile(r"[^\n]*")
_CAPITALISED = r"[A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u024F][\w'’.&-]*"
_RUN = re.compile(_CAPITALISED + r"(?:[ \t]+(?:(?:" + "|".join(sorted(CONNECTORS, key=len, reverse=True))
                  + r")[ \t]+)*" + _CAPITALISED + r")*")
_LOWER_WORD_AFTER = re.compile(r" [a-z]")  # "Jordan Peterson spoke": a verb follows a person's full name
_DETERMINER_AFTER = re.compile(r" (the|a|an|this|that|these|those|his|her|its|their|our|my|your)\b")


def find_mentions(text: str, gazetteer: Gazetteer, sentence_starts: frozenset[int] = frozenset(),
                  check: Callable[[], None] | None = None,
                  function_words: frozenset[str] = frozenset()) -> list[Mention]:
    """Place-name mentions in `text`, left to right, non-overlapping. `check()`, when given, is called once a
    run of capitalised words and raises when the document's time is up (`pipeline.Deadline`).
    `function_words`, folded (`gazetteer.names.fold`), are words of the text's language that are never a
    one-word place ("die", "para" in a German or Spanish text); English ones are COMMON_WORDS already."""
    folded = fold(text)
    spans = []
    automaton = gazetteer.automaton
    for run_start, run_end in _capitalised_runs(text):
        if check is not None:
            check()
        # a slice, not iter(folded, run_start, run_end): pyahocorasick copies the whole string on every call
        run = folded[run_start:run_end]
        for end_index, length in automaton.iter(run):
            # most hits are a key inside a longer word: its neighbour in the run tells, before any call
            if end_index + 1 < len(run) and run[end_index + 1].isalnum():
                continue
            start, end = run_start + end_index - length + 1, run_start + end_index + 1
            if text[start].isupper() and _on_word_boundaries(folded, start, end) \
                    and _looks_like_name(text, start, end, gazetteer, function_words):
                spans.append((start, end))
    people: set[str] = set()
    kept: list[tuple[int, int]] = []
    taken = bytearray(len(text) + 1)  # 1 where a kept span lies: an overlap test in C, not a scan of kept
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):  # longest first
        if taken.find(1, start, end) != -1:
            continue
        if _excluded(text, start, end, gazetteer, sentence_starts, people):
            continue
        kept.append((start, end))
        taken[start:end] = b"\x01" * (end - start)
    mentions = [_mention(text, start, end, gazetteer) for start, end in sorted(kept)
                if text[start:end] not in people]  # a surname seen in a full name is a person everywhere
    return _merge_possessives(text, mentions)


def _mention(text: str, start: int, end: int, gazetteer: Gazetteer) -> Mention:
    surface = text[start:end]
    if gazetteer.demonym_country(surface) is not None:
        return Mention(start, end, surface, MentionRole.ACTOR)
    suffix = _SUFFIX_AFTER.match(text, end)
    if suffix and not gazetteer.is_minor_name(surface):
        end = suffix.end()
    direction = _DIRECTION_BEFORE.search(text, max(0, start - 20), start)
    if direction and not gazetteer.is_minor_name(surface):
        start = direction.start(1)
    return Mention(start, end, text[start:end])


def _merge_possessives(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Russia's Kursk region": the second mention is looked up with its possessor as context."""
    out = []
    for i, m in enumerate(mentions):
        before = mentions[i - 1] if i else None
        if before is not None and m.role is MentionRole.LOCATION and _POSSESSIVE_BEFORE.search(
                text, before.start, m.start) and text[before.end:m.start].strip() in ("'s", "’s", "'", "’"):
            m = Mention(m.start, m.end, m.text, m.role, query=f"{before.text}'s {m.text}")
        out.append(m)
    return out


def _capitalised_runs(text: str) -> list[tuple[int, int]]:
    """Stretches of capitalised words (with lower-case connectors inside): the only places a name can be.

    Matching names only there, instead of everywhere, skips most of the automaton's hits on short keys.
    The capital-letter class is ASCII, Latin-1 and the Latin Extended blocks (a superset of their capitals;
    `_looks_like_name` checks case exactly afterwards).
    """
    return [(m.start(), m.end()) for m in _RUN.finditer(text)]


def _on_word_boundaries(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    if after in "'’" and folded[end + 1:end + 2].isalpha() and not _POSSESSIVE.match(folded, end):
        return False  # "Ta'ang", "Sa'dah": an apostrophe inside a word, not a possessive
    return not (before.isalnum() or after.isalnum() or before in "-_@#" or after in "_@")


_POSSESSIVE = re.compile(r"['’]s\b")


def _looks_like_name(text: str, start: int, end: int, gazetteer: Gazetteer,
                     function_words: frozenset[str] = frozenset()) -> bool:
    surface = text[start:end]
    words = surface.split()
    if not words[0][0].isupper():
        return False
    if surface.isupper():
        letters = sum(ch.isalpha() for ch in surface)
        if letters > 3 and not _dateline_or_notable(text, start, surface, gazetteer):
            return False
        if letters <= 4 and gazetteer.is_minor_name(surface, max_population=sys.maxsize):
            return False  # acronyms ("TTC", "BJP") that are also codes of towns; "US", "UK", "KY" name areas
    if len(words) == 1 and (fold(surface) in COMMON_WORDS or fold(surface) in function_words):
        return False
    return all(w[0].isupper() or w[0].isdigit() or fold(w) in CONNECTORS for w in words)


def _dateline_or_notable(text: str, start: int, surface: str, gazetteer: Gazetteer) -> bool:
    """An all-caps name counts in a line that is not all capitals ("WASHINGTON (AP) -") when the name
    is a notable place; all-caps headers and shouting do not."""
    line_start = text.rfind("\n", 0, start) + 1
    line = _LINE.match(text, line_start).group()
    return any(ch.islower() for ch in line) and not gazetteer.is_minor_name(surface, max_population=50_000)


class _Neighbours(NamedTuple):
    """The words either side of a candidate span: `before` ends at `before_end` (-1 when there is none);
    `after` is the word one space after the span ("" when none), ends at `after_end`, and `folded_after` is
    it folded for the word lists. (A named tuple: one is made per candidate, and it is the cheapest record.)"""

    before: str
    before_end: int
    after: str
    after_end: int
    folded_after: str


def _neighbours_of(text: str, start: int, end: int) -> _Neighbours:
    before, before_end = _word_before(text, start)
    after = _WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
    if after is None:
        return _Neighbours(before, before_end, "", -1, "")
    word = after.group()
    return _Neighbours(before, before_end, word, after.end(), fold(word).rstrip(".,"))


def _excluded(text: str, start: int, end: int, gazetteer: Gazetteer, sentence_starts: frozenset[int],
              people: set[str]) -> bool:
    """True when the span is no place here: a word at a sentence start, a bare code, or part of a longer
    name (an organisation's, a person's). Names read as a person's go into `people`."""
    surface = text[start:end]
    if start in sentence_starts and _word_at_sentence_start(text, end, surface, gazetteer):
        return True
    if not surface.isupper() and gazetteer.is_code_only(surface):
        return True  # "Lax" is not the airport code LAX
    around = _neighbours_of(text, start, end)
    if _in_longer_name(text, surface, around, gazetteer):
        return True
    if not gazetteer.is_minor_name(surface, max_population=FOLLOWER_RULE_MAX_POPULATION):
        return False  # countries, regions, demonyms and big cities keep their place ("Moscow Mayor ...")
    return _in_persons_name(surface, start, around, gazetteer, people)


def _word_at_sentence_start(text: str, end: int, surface: str, gazetteer: Gazetteer) -> bool:
    """Capitalisation says nothing at a sentence start: "Drone attack ..." (a minor alternate name),
    "Reading the report ...", "Split the ..." (a verb, not a place, before a determiner)."""
    if gazetteer.is_minor_name(surface, alternate_only=True):
        return True
    return " " not in surface and _DETERMINER_AFTER.match(text, end) is not None


def _in_longer_name(text: str, surface: str, around: _Neighbours, gazetteer: Gazetteer) -> bool:
    """After a title ("Mr. Jordan"), before an organisation's word or a compass word ("New York Times",
    "Far East"), or a country's name as a given name ("Jordan Peterson spoke", "Israel Katz said")."""
    if fold(around.before).rstrip(".") in PERSON_TITLES:
        return True
    folded_after = around.folded_after
    if folded_after in ORG_SUFFIXES or folded_after in COMPASS_WORDS:
        return True
    after = around.after
    return after[:1].isupper() and after.isalpha() and after[1:].islower() and " " not in surface \
        and folded_after not in PERSON_TITLES and folded_after not in COMMON_WORDS \
        and _LOWER_WORD_AFTER.match(text, around.after_end) is not None and not gazetteer.has_name(after) \
        and _names_a_country(surface, gazetteer)


def _in_persons_name(surface: str, start: int, around: _Neighbours, gazetteer: Gazetteer,
                     people: set[str]) -> bool:
    """A small place's name next to a person-like capitalised word is a given name or a surname; the smallest
    are a person everywhere in the document once seen as one (they go into `people`)."""
    folded_after = around.folded_after
    if around.after[:1].isupper() and folded_after not in PLACE_SUFFIXES and folded_after not in COMMON_WORDS \
            and _person_like(around.after, gazetteer):
        if gazetteer.is_minor_name(surface, max_population=PERSON_EVERYWHERE_MAX_POPULATION):
            people.add(surface)  # "Volodymyr Zelensky", "Paul Allen": a given name; later "Paul" alone too
        return True  # "Boston Celtics": not here, but "in Boston" elsewhere is the city
    before = around.before
    if around.before_end == start - 1 and before[:1].isupper() and before.isalpha() \
            and fold(before) not in COMMON_WORDS and _person_like(before, gazetteer):
        people.add(surface)  # "Mike Walsh": a surname; later "Walsh said" is the same person
        return True
    return False


def _word_before(text: str, start: int) -> tuple[str, int]:
    """The word before `start` (skipping spaces) and where it ends; ("", -1) at the start of the text."""
    end = start
    while end > 0 and text[end - 1] in " \t\n":
        end -= 1
    begin = end
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "'’.-_"):
        begin -= 1
    return (text[begin:end], end) if begin < end else ("", -1)


def _names_a_country(surface: str, gazetteer: Gazetteer) -> bool:
    """A country's own name ("Jordan"), not a demonym ("Russian")."""
    if gazetteer.demonym_country(surface) is not None:
        return False
    candidates = gazetteer.lookup(surface, limit=1, fuzzy=False)
    return bool(candidates) and candidates[0].place.kind is PlaceKind.COUNTRY


def _person_like(word: str, gazetteer: Gazetteer) -> bool:
    """A capitalised neighbour that is no place, or only a small one (many surnames are villages)."""
    word = word.rstrip(".,;:")
    return not gazetteer.has_name(word) or gazetteer.is_minor_name(word, max_population=FOLLOWER_RULE_MAX_POPULATION)
