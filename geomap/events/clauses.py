"""Clauses: a sentence split where one reported happening ends and another begins, and the event
triggers of each clause, stronger readings ruling out weaker ones (a protest's "clashed" is no battle).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.events.vocabulary import DIPLOMACY, NOT_CONFLICT, Trigger, candidate_triggers, denied_or_habitual
from geomap.records import EventType

_CONNECTOR = (r"where|while|whereas|with|following|after|as|but|though|although|amid|which|who|when|before|"
              r"even as|prompting|forcing")
# Clause breaks: punctuation followed by a connector, and "said (Friday) that". Each punctuation mark found
# is tested with an anchored pattern (much cheaper than one alternation tried at every position).
_PUNCTUATION = re.compile(r"[,;—–]")
_AFTER_COMMA = re.compile(
    r",\s+(?=(?!killing|wounding|injuring|leaving|including|according|citing|targeting|hitting|using|saying)"
    r"[a-z]+ing\b)|"
    r",\s+and\s+(?=(?:the|a|an|several|some|many|more|at|two|three|four|five|dozens|hundreds|thousands|[a-z]+ed)\b)|"
    rf";\s+|,\s+(?=(?:{_CONNECTOR})\b)|[—–]\s+|"
    r",\s+(?=(?:a|an|the)\s+(?:\w+\s+)?(?:town|city|village|port|region|district|province|capital|suburb|hub)\b)"
)
_DASH_BEFORE = re.compile(r"\s+$")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(?:,\s+[A-Z][\w .'’-]+)?")
_THAT = re.compile(r"\bthat\s+")
_REPORTING_BEFORE_THAT = re.compile(
    r"\b(?:said|says|reported|confirmed|announced|told \w+|claimed|estimated|warned|noted|added|believes?|"
    r"stated)\s+(?:(?:on\s+)?\w+\s+)?$"
)
REPORTING_CLAUSE = re.compile(r"\b(said|says|reported|reports|confirmed|announced|told|claimed|stated|noted|"
                               r"according to|debrief\w*|statement|briefing)\b")
_COUNT_WORD = r"(?:\d[\d,]*|dozens|hundreds|scores|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)"
_COUNTED_ARREST = re.compile(rf"\b{_COUNT_WORD}\b.{{0,40}}\b(arrested|detained|taken into custody)\b|"
                             rf"\b(arrested|detained)\s+(at least\s+|more than\s+|about\s+|around\s+)?{_COUNT_WORD}\b")
# "..., a town close to the border that has been contested since May": describes a place, dates nothing.
APPOSITIVE = re.compile(r"(?:a|an|the)\s+(?:\w+\s+)?(?:town|city|village|port|region|district|province|capital|"
                         r"suburb|hub)\b")
_CROWD_CONTROL = re.compile(r"\b(tear ?gas|smoke|rubber|water cannons?|stun|pepper)\b")
_NOT_VIOLENCE = re.compile(r"\b(crisis|deal|balance|chord)\b")
_CIVILIAN_WORDS = re.compile(r"\b(civilians|villagers|residents|worshippers|farmers|students|passengers|people|"
                             r"children|women|families|shoppers|mourners|herders|displaced|diners|patients)\b")


@dataclass(frozen=True, slots=True)
class Clause:
    start: int  # offsets in the document text
    end: int
    triggers: tuple[Trigger, ...]
    reporting: bool  # a reporting or describing clause: lends neither date nor place to the others


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans (document offsets) of the sentence text[start:end]."""
    sentence = text[start:end]
    if not any(mark in sentence for mark in ",;—–") and " that " not in sentence:
        return [(start, end)]  # nothing to split at
    breaks = []
    for p in _PUNCTUATION.finditer(text, start, end):
        m = _AFTER_COMMA.match(text, p.start(), end)
        if m is None:
            continue
        if text[p.start()] in "—–":  # a dash breaks only between spaces: "Russia-Ukraine" does not
            space = _DASH_BEFORE.search(text, max(start, p.start() - 3), p.start())
            if space is None or _DATELINE.fullmatch(text, start, space.start()):
                continue  # "KHARKIV, Ukraine — Drones struck ...": the dateline belongs to the report
            breaks.append((space.start(), m.end()))
        else:
            breaks.append((m.start(), m.end()))
    for t in _THAT.finditer(text, start, end):
        verb = _REPORTING_BEFORE_THAT.search(text, max(start, t.start() - 40), t.start())
        if verb is not None:
            breaks.append((verb.start(), t.end()))
    spans = []
    at = start
    for b_start, b_end in sorted(breaks):
        if b_start > at:
            spans.append((at, b_start))
        at = max(at, b_end)
    if at < end:
        spans.append((at, end))
    return spans


def clause_triggers(clause: str, candidates: list[Trigger] | None = None, lower: str | None = None,
                    ) -> tuple[Trigger, ...]:
    """The trigger of each event type the clause reports, stronger readings ruling out weaker ones.

    Per type the most specific trigger wins (a protest dispersed with tear gas is a protest with
    intervention), except for strategic developments, where the one that comes first does (the main verb
    more often than not: "arrived in Russia to oversee troops stationed there" is an arrival)."""
    candidates = candidate_triggers(clause) if candidates is None else candidates
    if not candidates:
        return ()
    found: dict[EventType, tuple[bool, int, Trigger]] = {}
    lower = clause.lower() if lower is None else lower
    for trigger in candidates:
        m = trigger.pattern.search(lower)
        if not m:
            continue
        # Strategic developments: the earliest match; other types: the first (most specific) in the list.
        position = m.start() if trigger.type is EventType.STRATEGIC else 0
        if trigger.type not in found or (trigger.weak, position) < found[trigger.type][:2]:
            found[trigger.type] = (trigger.weak, position, trigger)
    if not found or denied_or_habitual(clause):
        return ()
    chosen = {event_type: trigger for event_type, (_, _, trigger) in found.items()}
    types = set(chosen)
    not_conflict = NOT_CONFLICT.search(lower) is not None
    weak = EventType.EXPLOSIONS in chosen and chosen[EventType.EXPLOSIONS].weak
    if weak and (EventType.PROTESTS in types or not_conflict or _NOT_VIOLENCE.search(lower)):
        del chosen[EventType.EXPLOSIONS]
    if not_conflict:  # sport, fires, disasters: their "battles", "clashes" and deaths are not political violence
        chosen.pop(EventType.BATTLES, None)
        if EventType.VIOLENCE_AGAINST_CIVILIANS in chosen and \
                chosen[EventType.VIOLENCE_AGAINST_CIVILIANS].sub_type == "attack":
            del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]
    if EventType.VIOLENCE_AGAINST_CIVILIANS in chosen and chosen[EventType.VIOLENCE_AGAINST_CIVILIANS].sub_type == \
            "attack" and EventType.BATTLES in chosen and not _CIVILIAN_WORDS.search(lower):
        del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]  # "gunmen attacked a military post" is a battle
    if EventType.RIOTS in types:  # "threw petrol bombs at riot police": the riot's weapons, not a bombing
        for weaker in (EventType.PROTESTS, EventType.BATTLES, EventType.EXPLOSIONS):
            chosen.pop(weaker, None)
    if EventType.PROTESTS in types or EventType.RIOTS in types:
        chosen.pop(EventType.BATTLES, None)
        strategic = chosen.get(EventType.STRATEGIC)
        # Arrests at a protest are its police intervention (ACLED), unless counted: "23 people were arrested"
        # is also an arrests event of its own, which analysts count.
        if strategic is not None and (strategic.sub_type == "looting_property_destruction" or (
                strategic.sub_type == "arrests" and not _COUNTED_ARREST.search(lower))):
            del chosen[EventType.STRATEGIC]
    if EventType.PROTESTS in chosen and EventType.EXPLOSIONS in chosen and _CROWD_CONTROL.search(lower):
        del chosen[EventType.EXPLOSIONS]  # "fired tear gas and smoke shells at students"
    if EventType.EXPLOSIONS in chosen and EventType.VIOLENCE_AGAINST_CIVILIANS in chosen \
            and chosen[EventType.VIOLENCE_AGAINST_CIVILIANS].sub_type == "attack":
        del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]
    if EventType.STRATEGIC in chosen and chosen[EventType.STRATEGIC].sub_type == "arrival" and DIPLOMACY.search(lower):
        del chosen[EventType.STRATEGIC]
    if EventType.VIOLENCE_AGAINST_CIVILIANS in chosen and EventType.BATTLES in chosen \
            and chosen[EventType.BATTLES].sub_type == "non_state_actor_overtakes_territory":
        del chosen[EventType.BATTLES]
    return tuple(chosen.values())
