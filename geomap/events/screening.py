"""Screening: which of a document's draft events are news to map. Dropped are history (over
BACKGROUND_DAYS old), events placed too vaguely to map, clauses that refer back to an event reported
already, and a protest the same sentence reports as a riot."""

from __future__ import annotations

import re

from geomap.records import Certainty, DatePrecision, Document, Event, EventType, WherePrecision

BACKGROUND_DAYS = 365  # an event that ended this long before publication is history
_ACROSS = re.compile(r"\b(?:across|throughout|all over)\s+(?:the\s+)?\w+(?:\s+\w+)?")


def screen_drafts(drafts: list[Event], document: Document) -> list[Event]:
    """The drafts that report news, in their order."""
    riots: dict[int, list[set[str]]] = {}  # per sentence start, the places of its riots
    for e in drafts:
        if e.type is EventType.RIOTS:
            riots.setdefault(e.quote_start, []).append({loc.place.id for loc in e.locations})
    kept = []
    reported: set[EventType] = set()  # the types of the events reported (not expected) before this one
    for e in drafts:
        if not (_background(e, document) or _too_vague(e, document.text) or _back_reference(e, reported)
                or _riot_reported(e, riots)):
            kept.append(e)
        if e.certainty is not Certainty.EXPECTED:
            reported.add(e.type)
    return kept


def _background(event: Event, document: Document) -> bool:
    """History, not news: an event that ended more than BACKGROUND_DAYS before the document was published
    ("the military seized power in a coup in February 2021"), or a situation running for longer than that
    ("in turmoil since February 2021")."""
    if document.published is None or event.date_end is None or event.date_start is None:
        return False
    return (document.published - event.date_end).days > BACKGROUND_DAYS or (
        event.date_precision is DatePrecision.RANGE and (event.date_end - event.date_start).days > BACKGROUND_DAYS)


def _riot_reported(event: Event, riots: dict[int, list[set[str]]]) -> bool:
    """A protest the same sentence also reports as a riot at the same place is that riot (ACLED codes the
    gathering once, by its most violent form). `riots`: the places of the riots of each sentence start."""
    return event.type is EventType.PROTESTS and any(
        places & {loc.place.id for loc in event.locations} for places in riots.get(event.quote_start, ()))


def _too_vague(event: Event, text: str) -> bool:
    """Placed only at a continent ("protests in European capitals"), or only at a country it spans
    ("shot down 34 drones launched across Ukraine": a tally, not one event): nothing to put on the map."""
    return all(loc.precision >= WherePrecision.WIDER for loc in event.locations) or all(
        loc.precision >= WherePrecision.COUNTRY and _spanned(loc.name, text, event) for loc in event.locations)


def _spanned(name: str, text: str, event: Event) -> bool:
    """The event's sentence says it happened across the place named: "across Ukraine", "all over the Sahel"."""
    across = _ACROSS.search(text, max(0, event.quote_start), event.quote_end)
    return across is not None and name in across.group(0)


def _back_reference(event: Event, reported: set[EventType]) -> bool:
    """"The strikes were a deliberate attempt ...": a clause with neither a place nor a date of its own that
    names a kind of event the document already reported refers back to it (what is expected is new);
    "at least four people were killed, the governor said" after a strike counts its victims. `reported`: the
    types of the events the document reported (not expected) before this one."""
    victims = event.type is EventType.VIOLENCE_AGAINST_CIVILIANS and event.sub_type == "attack"
    related = {event.type} | ({EventType.EXPLOSIONS, EventType.BATTLES} if victims else set())
    return (event.certainty is not Certainty.EXPECTED
            and event.date_precision in (DatePrecision.ON_OR_BEFORE, DatePrecision.UNKNOWN)
            and all(loc.inherited for loc in event.locations)
            and not related.isdisjoint(reported))
