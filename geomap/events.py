"""Event extraction: sentences that report a strike, battle, deployment or protest at a resolved place.

First version (issue 2): a trigger lexicon per event type; one event per sentence and type when the
sentence has at least one resolved location mention. Dates come from `dates`, certainty from hedging
and attribution cues, actors from "<Nationality> forces/troops/..." phrases.
"""

from __future__ import annotations

import re

from geomap.dates import date_sentence
from geomap.records import Certainty, Document, Event, EventLocation, EventType, MentionRole, Resolution

# (type, sub_type, pattern); the first pattern that matches a sentence names the sub-type.
TRIGGERS: tuple[tuple[EventType, str, re.Pattern[str]], ...] = tuple(
    (event_type, sub_type, re.compile(pattern, re.IGNORECASE))
    for event_type, sub_type, pattern in (
        (EventType.STRIKE, "drone strike",
         r"\bdrones?\b.{0,40}\b(strikes?|attacks?|hit|struck)\b|\bdrone (strikes?|attacks?)\b"),
        (EventType.STRIKE, "missile strike",
         r"\b(missiles?|rockets?)\b.{0,40}\b(strikes?|attacks?|hit|struck|launched)\b"),
        (EventType.STRIKE, "air strike", r"\b(air ?strikes?|air raids?|bombing|bombed|bombard\w*)\b"),
        (EventType.STRIKE, "shelling", r"\b(shell(ing|ed)|artillery (fire|strikes?))\b"),
        (EventType.STRIKE, "strike", r"\b(strikes?|struck|explosions?|blasts?)\b"),
        (EventType.BATTLE, "armed clash", r"\b(fighting|fought|battl\w*|clash\w*|firefights?|combat)\b"),
        (EventType.BATTLE, "offensive", r"\b(counter-?offensives?|offensives?|assaults?|advanc(e|ed|ing))\b"),
        (EventType.DEPLOYMENT, "troop deployment",
         r"\b(deploy\w*|arriv(e|ed|ing)|stationed|redeploy\w*|reinforc\w*)\b"),
        (EventType.DEPLOYMENT, "troop movement",
         r"\b(troops|soldiers|forces|units)\b.{0,40}\b(moved|moving|massed|massing)\b"),
        (EventType.PROTEST, "protest", r"\b(protest\w*|rall(y|ies|ied)|demonstrat(ion|ions|ors|ed)|marched)\b"),
    )
)

_POSSIBLE = re.compile(r"\b(expected to|as early as|will|could|may|might|plans? to|planned|threaten\w*|"
                       r"likely|possible|brink)\b")
_REPORTED = re.compile(r"\b(reportedly|according to|reported|said|says|claimed|claims|citing|alleged\w*)\b",
                       re.IGNORECASE)
_ACTOR = re.compile(r"\b((?:[A-Z][\w'-]+ )*[A-Z][\w'-]+(?: and (?:[A-Z][\w'-]+ )*[A-Z][\w'-]+)?) "
                    r"(forces|troops|soldiers|army|military|units|drones?|missiles?|police|protesters|fighters)\b")


def extract_events(document: Document, sentences: list[tuple[int, int]],
                   resolutions: list[Resolution]) -> list[Event]:
    """Events reported in the document, in text order."""
    events: list[Event] = []
    located = [r for r in resolutions if r.place is not None and r.mention.role is MentionRole.LOCATION]
    for start, end in sentences:
        in_sentence = [r for r in located if start <= r.mention.start and r.mention.end <= end]
        if not in_sentence:
            continue
        sentence = document.text[start:end]
        seen_types: set[EventType] = set()
        for event_type, sub_type, pattern in TRIGGERS:
            if event_type in seen_types or not pattern.search(sentence):
                continue
            seen_types.add(event_type)
            events.append(_event(document, len(events), event_type, sub_type, start, end, in_sentence))
    return events


def _event(document: Document, number: int, event_type: EventType, sub_type: str, start: int, end: int,
           in_sentence: list[Resolution]) -> Event:
    sentence = document.text[start:end]
    when = date_sentence(sentence, document.published)
    locations: list[EventLocation] = []
    for r in in_sentence:
        if r.place is not None and all(loc.place.id != r.place.id for loc in locations):
            locations.append(EventLocation(r.place, r.mention.text))
    return Event(
        id=f"{document.id}#e{number + 1}",
        doc_id=document.id,
        type=event_type,
        sub_type=sub_type,
        date_start=when.start,
        date_end=when.end,
        date_precision=when.precision,
        certainty=_certainty(sentence),
        actors=tuple(dict.fromkeys(m.group(1) for m in _ACTOR.finditer(sentence))),
        quote=sentence,
        quote_start=start,
        quote_end=end,
        locations=tuple(locations),
    )


def _certainty(sentence: str) -> Certainty:
    if _POSSIBLE.search(sentence):
        return Certainty.POSSIBLE
    if _REPORTED.search(sentence):
        return Certainty.REPORTED
    return Certainty.STATED
