"""The trigger vocabulary: each trigger's keywords (the cheap prefilter of `vocabulary.keyword_hits`) cover its
regular expression, so the prefilter only saves time and never decides what is an event.

The check is by construction from the pattern's parse tree (`re._parser`): every way through the pattern is
spelled out as its literal characters, with a marker for what a character class or `.{0,40}` may put there
and the places of `\\b`; a way is covered when one of the trigger's keywords appears in it at the start of a
word (after a non-letter, or at a `\\b`), as `keyword_hits` requires. Lookarounds are left out (they only
narrow what matches), and a repeated group is tried with its fewest repetitions and up to two more.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse

import pytest

from geomap.events import clauses
from geomap.events.vocabulary import CIVILIANS, TRIGGERS, Trigger, candidate_triggers
from geomap.records import EventType

LETTER = "\x00"  # a character that may be a letter
OTHER = "\x01"  # a character that is never a letter (a space, a digit, punctuation)
BOUNDARY = object()  # \b
MORE_REPEATS = 2
_SMALL_CLASS = 4  # a class of at most this many literal characters is tried character by character


def _class_may_hold_a_letter(items: list) -> bool:
    for op, av in items:
        if op is sre.NEGATE or op not in (sre.LITERAL, sre.RANGE, sre.CATEGORY):
            return True
        if op is sre.LITERAL and chr(av).isalpha():
            return True
        if op is sre.RANGE and any(chr(c).isalpha() for c in range(av[0], av[1] + 1)):
            return True
        if op is sre.CATEGORY and av not in (sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE):
            return True
    return False


def _ways_of_sequence(items) -> list[list]:
    ways: list[list] = [[]]
    for item in items:
        options = _ways_of(item)
        ways = [way + option for way in ways for option in options]
    return ways


def _ways_of_class(items: list) -> list[list]:
    if len(items) <= _SMALL_CLASS and all(op is sre.LITERAL for op, _ in items):
        return [[chr(av)] for _, av in items]
    return [[LETTER if _class_may_hold_a_letter(items) else OTHER]]


def _ways_of_repeat(low: int, high: int, sub) -> list[list]:
    once = _ways_of_sequence(sub)
    literal = any(isinstance(t, str) and t not in (LETTER, OTHER) for way in once for t in way)
    if not literal:  # "\w+", ".{0,40}", "[\w-]+ ": one unknown stretch, or none when it may be empty
        marker = LETTER if any(t == LETTER for way in once for t in way) else OTHER
        return ([[]] if low == 0 else []) + ([[marker]] if high > 0 else [])
    ways = []
    for count in range(low, min(high, low + MORE_REPEATS) + 1):
        repeated: list[list] = [[]]
        for _ in range(count):
            repeated = [way + option for way in repeated for option in once]
        ways += repeated
    return ways


def _ways_of(item) -> list[list]:
    """Every way through one node of the parse tree: lists of characters, markers and BOUNDARY."""
    op, av = item
    handlers = {
        sre.LITERAL: lambda: [[chr(av)]],
        sre.NOT_LITERAL: lambda: [[LETTER]],
        sre.ANY: lambda: [[LETTER]],
        sre.IN: lambda: _ways_of_class(av),
        sre.CATEGORY: lambda: _ways_of_class([item]),
        sre.AT: lambda: [[BOUNDARY]] if av is sre.AT_BOUNDARY else [[]],
        sre.ASSERT: lambda: [[]],
        sre.ASSERT_NOT: lambda: [[]],
        sre.SUBPATTERN: lambda: _ways_of_sequence(av[3]),
        sre.BRANCH: lambda: [way for branch in av[1] for way in _ways_of_sequence(branch)],
        sre.MAX_REPEAT: lambda: _ways_of_repeat(*av),
        sre.MIN_REPEAT: lambda: _ways_of_repeat(*av),
    }
    if op not in handlers:
        raise ValueError(f"the coverage check cannot read {op} in a trigger pattern")
    return handlers[op]()


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _impossible(chars: str, boundaries: set[int]) -> bool:
    """A \\b between two known characters both inside or both outside a word cannot match."""
    for i in boundaries:
        pair = chars[i - 1:i + 1] if 0 < i < len(chars) else ""
        if len(pair) == 2 and LETTER not in pair and OTHER not in pair and _word_char(pair[0]) == _word_char(pair[1]):
            return True
    return False


def _starts_a_word(chars: str, boundaries: set[int], keyword: str) -> bool:
    """The keyword occurs in `chars` where `keyword_hits` finds it: after a character that is no letter
    (and, for a whole-word keyword "word$", before one that is neither a letter nor a digit, or a \\b)."""
    whole = keyword.endswith("$")
    keyword = keyword.removesuffix("$")
    at = chars.find(keyword)
    while at >= 0:
        before = chars[at - 1] if at else None
        starts = before == OTHER or (before not in (None, LETTER) and not before.isalpha()) \
            or (at in boundaries and _word_char(keyword[0]))
        if starts and (not whole or _ends_a_word(chars, boundaries, at + len(keyword))):
            return True
        at = chars.find(keyword, at + 1)
    return False


def _ends_a_word(chars: str, boundaries: set[int], end: int) -> bool:
    after = chars[end] if end < len(chars) else None
    return (end in boundaries and _word_char(chars[end - 1])) or after == OTHER \
        or (after is not None and after != LETTER and not after.isalnum())


def uncovered_ways(trigger: Trigger) -> list[str]:
    """The ways through the trigger's pattern that contain none of its keywords at the start of a word, as
    text ("…" may be letters, "·" is no letter)."""
    found = []
    for way in _ways_of_sequence(sre_parse.parse(trigger.pattern.pattern)):
        chars, boundaries = [], set()
        for token in way:
            if token is BOUNDARY:
                boundaries.add(len(chars))
            else:
                chars.append(token)
        text = "".join(chars)
        if _impossible(text, boundaries) or any(_starts_a_word(text, boundaries, k) for k in trigger.keywords):
            continue
        found.append(text.replace(LETTER, "…").replace(OTHER, "·"))
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("trigger", TRIGGERS, ids=lambda t: f"{t.type.value}-{t.sub_type}")
def test_every_match_of_a_trigger_contains_one_of_its_keywords(trigger):
    assert uncovered_ways(trigger) == [], "add a keyword that every uncovered way contains, or narrow the pattern"


def test_the_coverage_check_finds_a_keyword_list_narrower_than_its_pattern():
    """A deliberately broken trigger: "a march" covers "held a march" but not "held a big march"."""
    broken = Trigger(EventType.PROTESTS, "peaceful_protest", re.compile(r"\bheld a (\w+ )?march\b"), ("a march",))
    assert uncovered_ways(broken) == ["held a … march"]
    assert broken.pattern.search("they held a big march") and "a march" not in "they held a big march"
    fixed = Trigger(broken.type, broken.sub_type, broken.pattern, ("held a",))
    assert uncovered_ways(fixed) == []


def test_a_whole_word_keyword_covers_only_a_whole_word():
    """"accord$" covers "signed an accord" (\\b after it) but not "accords" or "accordingly"."""
    deal = Trigger(EventType.STRATEGIC, "agreement", re.compile(r"\bsigned an accord\b"), ("accord$",))
    assert uncovered_ways(deal) == []
    plural = Trigger(EventType.STRATEGIC, "agreement", re.compile(r"\bsigned (the )?accords\b"), ("accord$",))
    assert uncovered_ways(plural) == ["signed accords", "signed the accords"]
    agreement = [t for t in TRIGGERS if t.sub_type == "agreement"]
    assert agreement[0] in candidate_triggers("the two sides signed an accord on Friday")
    assert agreement[0] not in candidate_triggers("according to the governor, the army withdrew")


def test_a_keyword_inside_a_word_does_not_cover():
    """keyword_hits needs a keyword at the start of a word: "offensive" does not start "counteroffensive"."""
    closed = Trigger(EventType.BATTLES, "armed_clash", re.compile(r"\b(counter)?offensive\b"), ("offensive",))
    assert uncovered_ways(closed) == ["counteroffensive"]
    assert [t.sub_type for t in candidate_triggers("a counteroffensive") if t.type is EventType.BATTLES] == []


def test_one_civilian_list_feeds_the_attack_trigger_and_the_clause_rule():
    [attack] = [t for t in TRIGGERS if (t.type, t.sub_type) == (EventType.VIOLENCE_AGAINST_CIVILIANS, "attack")]
    for word in CIVILIANS:
        assert attack.pattern.search(f"gunmen killed six {word}"), word
        assert clauses._CIVILIAN_WORDS.search(f"gunmen attacked a military post and six {word}"), word
