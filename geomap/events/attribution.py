"""Who says so, how sure, and who acts: sources, certainty and actors of an event clause.

Sources are the named speakers of a sentence: "according to X", "citing X", "X said/reported/claimed",
"..., said X". Certainty is read from the clause (future and planning cues) and the sentence (claims,
attribution, hedges, explicit confirmation). Actors are "<Name> forces/troops/drones ..." phrases and the
demonyms of the clause.
"""

from __future__ import annotations

import re

from geomap.records import Certainty

_VERBS = (r"said|says|reported|reports|told|announced|confirmed|claimed|claims|stated|estimated|noted|warned|"
          r"wrote|added|alleged|accused|posted|tweeted")
_CAP = r"[A-Z][\w’'.&-]*"
_LINK = r"(?:of|for|and|de|al|on|the|in)"
# A named source: capitalised words, possessives and short links ("South Korea's National Intelligence Service").
_NAME = rf"(?:[Tt]he\s+)?{_CAP}(?:(?:’s|'s)?\s+(?:{_LINK}\s+)?{_CAP}){{0,7}}"
_ROLE = (r"(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w'’-]+\s+)?(?:[a-z]+\s+){0,2}(?:governor|mayor|police|officials?|"
         r"military|army|ministry|"
         r"spokes(?:man|woman|person)|witnesses|residents|authorities|agency|sources?|monitors?|observers|medics|"
         r"doctors|hospital|officers?|commanders?|prosecutors?|analysts?|diplomats?|intelligence|force|forces|service|"
         r"command|guard|office|council|administration|media|outlet|newspaper|broadcaster|group|monitor)")
_SOURCE_BEFORE_VERB = re.compile(rf"(?:^|(?<=[\s,(]))(?P<src>{_NAME}|{_ROLE})(?:,[^,]{{3,60}},)?\s+"
                                 rf"(?:also\s+|later\s+|previously\s+|had\s+|has\s+)?(?:{_VERBS})\b")
_SOURCE_AFTER = re.compile(rf"\b(?:according to|citing|cited by|quoted by|said|reported|confirmed|claimed)\s+"
                           rf"(?P<src>{_NAME}|{_ROLE})")
SOURCE_REACH = 120  # characters a named source may span before or after its reporting verb
_ANY_VERB = re.compile(rf"\b(?:{_VERBS}|according to|citing|cited by|quoted by)\b")
_NOT_SOURCES = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "there", "officials",
                          "the", "but", "and", "in", "on", "a", "an", "his", "her", "their", "monday", "tuesday",
                          "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
                          "january", "february", "march", "april", "may", "june", "july", "august",
                          "september", "october", "november", "december", "last", "earlier", "late", "early"})

EXPECTED = re.compile(r"\b(expected|expects|expecting|anticipat\w+|will|would|plans? to|planned|planning|"
                      r"intends? to|set to|due to|could|may|might|poised to|preparing to|prepares to|likely to|"
                      r"threaten\w*|as early as|on the brink|feared|fears|aims? to|vowed to|scheduled|"
                      r"upcoming|imminent)\b")
# The cue patterns below are lowercase and run on lowercased text.
CLAIMED = re.compile(r"\b(claim(ed|s|ing)?|alleg(ed|es|ing|edly))\b")
REPORTED = re.compile(r"\b(reportedly|according to|citing|unconfirmed|appears? to|apparently|estimated|"
                      r"believed to|suggest(s|ed)?|reports?|reported|said|says|told)\b")
CONFIRMED = re.compile(r"\b(confirmed|verified)\b")
OFFICIAL = re.compile(r"\b(ministry|ministers?|army|military|police|government|governor|mayor|officials?|"
                      r"spokes(man|woman|person)|president|prime minister|authorities|forces|command|general staff|"
                      r"defen[cs]e|interior|administration|prosecutors?|council|cabinet|white house|kremlin|"
                      r"pentagon|air force|navy|coast guard|emergency service|rescue service)\b")
HEDGED = re.compile(r"\b(reportedly|allegedly|unconfirmed|believed to|appears? to|apparently|estimated)\b")

_ACTOR = re.compile(r"\b((?:[A-Z][\w'’-]+ )*[A-Z][\w'’-]+(?: and (?:[A-Z][\w'’-]+ )*[A-Z][\w'’-]+)?) "
                    r"(forces|troops|soldiers|army|military|units|drones?|missiles?|police|protesters|fighters|"
                    r"militants|rebels|gunmen|militia|navy|warplanes|jets|personnel|contingent|authorities|"
                    r"officials|government|security forces|demonstrators)\b")
_FORCE_NOUN = re.compile(r"\b(?:forces|troops|soldiers|army|military|units|drones?|missiles?|police|protesters|"
                         r"fighters|militants|rebels|gunmen|militia|navy|warplanes|jets|personnel|contingent|"
                         r"authorities|officials|government|demonstrators)\b")
_ACTOR_STOP = frozenset({"The", "A", "An", "Some", "Several", "More", "Many", "Local", "These", "Those", "Its"})


def find_sources(sentence: str) -> tuple[str, ...]:
    """Who the sentence says is speaking, as named, in text order."""
    verbs = list(_ANY_VERB.finditer(sentence))
    if not verbs:
        return ()
    found: list[tuple[int, str]] = []
    # Only around the reporting verbs: the name patterns are costly to try at every position.
    windows = [(_SOURCE_BEFORE_VERB, max(0, v.start() - SOURCE_REACH), v.end()) for v in verbs] + [
        (_SOURCE_AFTER, v.start(), v.end() + SOURCE_REACH) for v in verbs]
    for pattern, start, end in windows:
        for m in pattern.finditer(sentence, start, end):
            name = m.group("src").strip(" ,.")
            if name.lower() in _NOT_SOURCES or name.split()[0].lower() in _NOT_SOURCES - {"the"} or len(name) < 2:
                continue
            if any(abs(m.start("src") - start) < 3 or name in seen for start, seen in found):
                continue
            found.append((m.start("src"), name))
    return tuple(name for _, name in sorted(found))


def certainty(clause: str, sentence: str, sources: tuple[str, ...], future_date: bool,
              expected: bool | None = None) -> Certainty:
    """How sure the document is that the event of `clause` (inside `sentence`) happened.

    As ACLED weighs sources: a public authority speaking of what happened (a ministry, the army, the
    police, a governor) confirms it; the media, witnesses, monitors and unnamed sources report it; a party
    that "claims" claims it; what is planned or feared is expected (`expected`: the caller's own reading
    of the clause's future cues, when it has one)."""
    if future_date or (EXPECTED.search(clause) is not None if expected is None else expected):
        return Certainty.EXPECTED
    lower = sentence.lower()
    if CLAIMED.search(lower):
        return Certainty.CLAIMED
    if CONFIRMED.search(lower):
        return Certainty.CONFIRMED
    if sources and all(OFFICIAL.search(source.lower()) for source in sources) and not HEDGED.search(lower):
        return Certainty.CONFIRMED
    if sources or REPORTED.search(lower):
        return Certainty.REPORTED
    return Certainty.CONFIRMED


def find_actors(clause: str, demonyms: list[str]) -> tuple[str, ...]:
    """"<Name> forces/troops/..." phrases, and the demonyms used in the clause ("Russian", "North Korean")."""
    actors = []
    if not _FORCE_NOUN.search(clause):  # the costly name pattern only where a force noun can end it
        return tuple(dict.fromkeys(demonyms))
    for m in _ACTOR.finditer(clause):
        words = m.group(1).split()
        while words and words[0] in _ACTOR_STOP:
            words = words[1:]
        if words:
            actors.append(" ".join(words))
    actors.extend(demonyms)
    return tuple(dict.fromkeys(actors))
