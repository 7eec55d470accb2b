"""Clauses: a sentence split where one reported happening ends and another begins, and the event
triggers of each clause, stronger readings ruling out weaker ones (a protest's "clashed" is no battle).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.events.vocabulary import (
    DIPLOMACY,
    NAMED_CIVILIANS,
    NOT_CONFLICT,
    Trigger,
    alternation,
    candidate_triggers,
    denied_or_habitual,
)
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
_CIVILIAN_WORDS = re.compile(rf"\b{alternation(NAMED_CIVILIANS)}\b")


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
    spans = []
    at = start
    for b_start, b_end in sorted([*_punctuation_breaks(text, start, end), *_that_breaks(text, start, end)]):
        if b_start > at:
            spans.append((at, b_start))
        at = max(at, b_end)
    if at < end:
        spans.append((at, end))
    return spans


def _punctuation_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans that separate clauses at punctuation followed by a connector, or at a spaced dash."""
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
    return breaks


def _that_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans "said (Friday) that" that separate a report from what it reports."""
    breaks = []
    for t in _THAT.finditer(text, start, end):
        verb = _REPORTING_BEFORE_THAT.search(text, max(start, t.start() - 40), t.start())
        if verb is not None:
            breaks.append((verb.start(), t.end()))
    return breaks


def clause_triggers(clause: str, candidates: list[Trigger] | None = None, lower: str | None = None,
                    ) -> tuple[Trigger, ...]:
    """The trigger of each event type the clause reports, stronger readings ruling out weaker ones.

    Per type the most specific trigger wins (a protest dispersed with tear gas is a protest with
    intervention), except for strategic developments, where the one that comes first does (the main verb
    more often than not: "arrived in Russia to oversee troops stationed there" is an arrival)."""
    candidates = candidate_triggers(clause) if candidates is None else candidates
    if not candidates:
        return ()
    lower = clause.lower() if lower is None else lower
    chosen = _first_per_type(candidates, lower)
    if not chosen or denied_or_habitual(clause):
        return ()
    reading = _Reading(lower, frozenset(chosen), NOT_CONFLICT.search(lower) is not None)
    for rule in _RULING_OUT:
        rule(chosen, reading)
    return tuple(chosen.values())


def _first_per_type(candidates: list[Trigger], lower: str) -> dict[EventType, Trigger]:
    """Per event type, the trigger that matches the clause: the earliest match for strategic developments,
    else the first (most specific) in the list; a weak trigger only when no other matches."""
    found: dict[EventType, tuple[bool, int, Trigger]] = {}
    for trigger in candidates:
        m = trigger.pattern.search(lower)
        if not m:
            continue
        position = m.start() if trigger.type is EventType.STRATEGIC else 0
        if trigger.type not in found or (trigger.weak, position) < found[trigger.type][:2]:
            found[trigger.type] = (trigger.weak, position, trigger)
    return {event_type: trigger for event_type, (_, _, trigger) in found.items()}


@dataclass(frozen=True, slots=True)
class _Reading:
    """A clause as the rules below read it: lowercased, the types found before any was ruled out, and
    whether it speaks of sport, fires or disasters (`NOT_CONFLICT`)."""

    lower: str
    types: frozenset[EventType]
    not_conflict: bool


def _is(chosen: dict[EventType, Trigger], event_type: EventType, sub_type: str) -> bool:
    return event_type in chosen and chosen[event_type].sub_type == sub_type


def _weak_explosion(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """A bare "strike" or "explosion" beside a protest, in sport or disaster, or "struck a deal"."""
    weak = EventType.EXPLOSIONS in chosen and chosen[EventType.EXPLOSIONS].weak
    if weak and (EventType.PROTESTS in reading.types or reading.not_conflict or _NOT_VIOLENCE.search(reading.lower)):
        del chosen[EventType.EXPLOSIONS]


def _not_conflict(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """Sport, fires, disasters: their "battles", "clashes" and deaths are not political violence."""
    if reading.not_conflict:
        chosen.pop(EventType.BATTLES, None)
        if _is(chosen, EventType.VIOLENCE_AGAINST_CIVILIANS, "attack"):
            del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]


def _attack_on_the_armed(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """"Gunmen attacked a military post" is a battle, unless civilians are named."""
    if _is(chosen, EventType.VIOLENCE_AGAINST_CIVILIANS, "attack") and EventType.BATTLES in chosen \
            and not _CIVILIAN_WORDS.search(reading.lower):
        del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]


def _riot_weapons(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """"Threw petrol bombs at riot police": the riot's weapons, not a bombing."""
    if EventType.RIOTS in reading.types:
        for weaker in (EventType.PROTESTS, EventType.BATTLES, EventType.EXPLOSIONS):
            chosen.pop(weaker, None)


def _policing_a_protest(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """A protest's or riot's clashes are not a battle. Arrests at a protest are its police intervention
    (ACLED), unless counted: "23 people were arrested" is also an arrests event of its own, which analysts
    count; so is looting at a protest."""
    if EventType.PROTESTS in reading.types or EventType.RIOTS in reading.types:
        chosen.pop(EventType.BATTLES, None)
        if _is(chosen, EventType.STRATEGIC, "looting_property_destruction") or (
                _is(chosen, EventType.STRATEGIC, "arrests") and not _COUNTED_ARREST.search(reading.lower)):
            del chosen[EventType.STRATEGIC]


def _crowd_control(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """"Fired tear gas and smoke shells at students": crowd control, not shelling."""
    if EventType.PROTESTS in chosen and EventType.EXPLOSIONS in chosen and _CROWD_CONTROL.search(reading.lower):
        del chosen[EventType.EXPLOSIONS]


def _attack_by_explosion(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """An attack by a strike or bomb is the explosion."""
    if EventType.EXPLOSIONS in chosen and _is(chosen, EventType.VIOLENCE_AGAINST_CIVILIANS, "attack"):
        del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]


def _diplomatic_arrival(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """An arrival for talks is diplomacy, not a deployment."""
    if _is(chosen, EventType.STRATEGIC, "arrival") and DIPLOMACY.search(reading.lower):
        del chosen[EventType.STRATEGIC]


def _seizure_of_civilians(chosen: dict[EventType, Trigger], reading: _Reading) -> None:
    """Violence against civilians and a seizure of territory in one clause: the violence."""
    if EventType.VIOLENCE_AGAINST_CIVILIANS in chosen and _is(chosen, EventType.BATTLES,
                                                              "non_state_actor_overtakes_territory"):
        del chosen[EventType.BATTLES]


# In this order: each rule sees what the ones before left.
_RULING_OUT = (_weak_explosion, _not_conflict, _attack_on_the_armed, _riot_weapons, _policing_a_protest,
               _crowd_control, _attack_by_explosion, _diplomatic_arrival, _seizure_of_civilians)
