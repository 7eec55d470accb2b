"""Which places an event gets: the places of its clause, else of its sentence, else of the two sentences
before (coarser, and said so); the dateline only as a last resort; "the capital"; a town the recognizer
missed but the clause names after a place word, looked up with fuzzy spelling in the event's country; and,
for a movement with no stated origin, the country that sends it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from gazetteer import Gazetteer, Place, PlaceKind
from gazetteer.names import fold
from geomap.events.clauses import Clause
from geomap.events.locations import LIST_JOIN, event_locations, names_an_actor
from geomap.events.vocabulary import Trigger
from geomap.places.geometry import contains
from geomap.records import EventLocation, LocationRole, MentionRole, Resolution, WherePrecision
from geomap.text.words import COMMON_WORDS

_TOWN_AFTER = re.compile(r"\b(?:(?:town|village|city|district|camp|port|area|outskirts) of|in|near|at|outside|into|"
                         r"around|toward|towards|captured|seized|overran|retook|recaptured|stormed|entered) "
                         r"(?P<name>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)")
SPELLED_OTHERWISE_SCORE = 0.5
THE_CAPITAL = re.compile(r"\bthe (?:country's |nation's )?capital\b")
_WHERE = re.compile(r"\s*(?:where|in which)\b")
_SENDER_AFTER = re.compile(r"(?:['’]s)?\s+(?:has |had |have |is |was |will |would )?(?:also )?(?:sent|sends|"
                           r"sending|deployed|deploys|deploying|dispatched|dispatches|moved|moves|transferred)\b")
_SPEAKER_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:intelligence|officials?|ministry|government|president|"
                            r"spy|agency|media|news|sources?|lawmakers?|leader|said|says|told|reported|claimed)\b")


@dataclass(frozen=True, slots=True)
class SentencePlaces:
    """What the events of one sentence are placed from: the document text, the sentence's clauses and its
    location and actor mentions, the location mentions of the sentences before (one list per sentence,
    for inheriting), the country the report is about, the starts of the mentions inside a dateline, and
    the gazetteer (for "the capital" and towns the recognizer missed)."""

    text: str
    gazetteer: Gazetteer
    clauses: list[Clause]
    in_sentence: list[Resolution]
    recent: list[list[Resolution]]
    actors: list[Resolution]
    home: str | None = None
    datelines: frozenset[int] = frozenset()


def event_places_for(scope: SentencePlaces, clause: Clause, trigger: Trigger) -> list[list[EventLocation]]:
    """Location lists, one per event: a movement is one event with all its places; any other event is one
    per distinct place ("drones struck Kyiv and Odesa": two strikes). In order: the place a "where" clause
    refers back to; the places of the clause, the trigger-free clauses or the other clauses; a town the
    recognizer missed; "the capital"; the places of the sentences before (inherited)."""
    where = _where_places(scope, clause, trigger)
    if where is not None:
        return where
    locations, spans = _pooled_locations(scope, clause, trigger)
    filed_only = bool(locations) and all(spans.get(loc.name, (-1, -1))[0] in scope.datelines for loc in locations)
    town = _missed_town(scope, clause, trigger, locations, filed_only)
    if town is not None:
        return [[town]]
    if not locations:
        capital = _the_capital(scope, clause, trigger)
        if capital is not None:
            return [[capital]]
        locations = _inherited(scope, trigger)
    anchor = trigger.pattern.search(scope.text[clause.start:clause.end].lower())
    return _split(locations, trigger, scope.text, spans, clause.start + anchor.start() if anchor else clause.start)


def _mentions_in(scope: SentencePlaces, pool: list[Clause]) -> list[Resolution]:
    """The location mentions of the clauses in `pool`. "DUBAI — Yemen's Houthis fired ...": the dateline
    says where the report was filed; it places the event only when nothing else does."""
    found = [r for r in scope.in_sentence if any(c.start <= r.mention.start < c.end for c in pool)]
    filed = [r.place for r in found if r.mention.start in scope.datelines]
    if not filed:
        return found
    # Another place wins over the dateline when it is in the dateline's country (more local), or is a
    # country or region elsewhere ("DUBAI — ... off Yemen"); a town abroad is more likely a misread
    # ("MEXICO CITY — ... from the Angel of Independence").
    elsewhere = [r for r in found if r.mention.start not in scope.datelines and not names_an_actor(scope.text, r)
                 and not any(contains(r.place, place) for place in filed)
                 and (any(r.place.country_code == place.country_code for place in filed)
                      or r.place.kind is not PlaceKind.POPULATED_PLACE)]
    if elsewhere:
        return elsewhere
    return [r for r in found if r.mention.start in scope.datelines or any(contains(r.place, p) for p in filed)]


def _spans(mentions: list[Resolution]) -> dict[str, tuple[int, int]]:
    return {r.mention.text: (r.mention.start, r.mention.end) for r in mentions}


def _where_places(scope: SentencePlaces, clause: Clause, trigger: Trigger) -> list[list[EventLocation]] | None:
    """"..., where they fought": the place named just before, with the places listed with it ("in Nairobi
    and Mombasa, where ..."); None when the clause is no such clause or the one before names no place."""
    index = scope.clauses.index(clause)
    if not index or not _WHERE.match(scope.text, clause.start):
        return None
    before = _mentions_in(scope, [scope.clauses[index - 1]])
    if not before:
        return None
    listed = [before[-1]]
    for r in reversed(before[:-1]):
        if not LIST_JOIN.fullmatch(scope.text[r.mention.end:listed[0].mention.start]):
            break
        listed.insert(0, r)
    locations = event_locations(scope.text, 0, listed, trigger.movement, scope.gazetteer)
    return _split(locations, trigger, scope.text, _spans(listed))


def _pooled_locations(scope: SentencePlaces, clause: Clause,
                      trigger: Trigger) -> tuple[list[EventLocation], dict[str, tuple[int, int]]]:
    """The locations of the first pool of clauses that gives any (the clause, the trigger-free clauses, the
    other clauses), with the spans of the mentions read; a pool that offers only the dateline is the last
    resort. The spans are those of the last pool read even when it gave no location."""
    locations: list[EventLocation] = []
    spans: dict[str, tuple[int, int]] = {}
    filed: tuple[list[Clause], list[Resolution]] | None = None
    for pool in ([clause], [c for c in scope.clauses if not c.triggers and not c.reporting],
                 [c for c in scope.clauses if c is not clause]):
        mentions = _mentions_in(scope, pool)
        if not mentions:
            continue
        if all(r.mention.start in scope.datelines for r in mentions):
            filed = filed or (pool, mentions)
            continue
        locations, spans = _pool_locations(scope, pool, mentions, trigger)
        if locations:
            return locations, spans
    if filed is not None:
        return _pool_locations(scope, *filed, trigger)
    return locations, spans


def _pool_locations(scope: SentencePlaces, pool: list[Clause], mentions: list[Resolution],
                    trigger: Trigger) -> tuple[list[EventLocation], dict[str, tuple[int, int]]]:
    locations = event_locations(scope.text, pool[0].start if len(pool) == 1 else 0, mentions, trigger.movement,
                                scope.gazetteer)
    return locations, _spans(mentions)


def _missed_town(scope: SentencePlaces, clause: Clause, trigger: Trigger, locations: list[EventLocation],
                 filed_only: bool) -> EventLocation | None:
    """A town the clause names after a place word that the recognizer missed, when the event has no place,
    only the dateline, or nothing finer than a province; else None."""
    if locations and not filed_only and min(loc.precision for loc in locations) < WherePrecision.ADMIN1:
        return None
    country = next((loc.place.country_code for loc in locations if loc.place.country_code), None) or next(
        (r.place.country_code for group in reversed(scope.recent) for r in group if r.place.country_code),
        scope.home)
    town = _town_spelled_otherwise(scope, clause.start, clause.end, country, trigger)
    if town is None and filed_only:  # "MOGADISHU — fighters stormed a base near Bulo Burte, sending ..."
        town = _town_spelled_otherwise(scope, scope.clauses[0].start, scope.clauses[-1].end, country, trigger)
    return town


def _the_capital(scope: SentencePlaces, clause: Clause, trigger: Trigger) -> EventLocation | None:
    """"stormed a neighbourhood of the capital": the capital of the country named last, else the story's."""
    if not THE_CAPITAL.search(scope.text, clause.start, clause.end):
        return None
    named = [r for group in scope.recent for r in group] + [
        r for r in scope.in_sentence if r.mention.start < clause.start]
    country = next((r.place.country_code for r in reversed(named) if r.place.country_code), scope.home)
    city = scope.gazetteer.capital(country) if country else None
    if city is None:
        return None
    return EventLocation(city, "the capital", LocationRole.DESTINATION if trigger.movement else LocationRole.WHERE,
                         WherePrecision.PLACE, "the capital of the country the report is about")


def _inherited(scope: SentencePlaces, trigger: Trigger) -> list[EventLocation]:
    """The locations of the latest sentence before that gives any: inherited, one step coarser, and with a
    note naming the mentions they came from."""
    for earlier in reversed(scope.recent):
        locations = event_locations(scope.text, 0, earlier, trigger.movement, scope.gazetteer)
        if locations:
            names = ", ".join(dict.fromkeys(r.mention.text for r in earlier))
            note = f"inherited from an earlier sentence ({names})"
            return [replace(loc, precision=WherePrecision(min(loc.precision + 1, WherePrecision.WIDER)), note=note,
                            inherited=True) for loc in locations]
    return []


def with_sender(scope: SentencePlaces, clause: Clause, locations: list[EventLocation]) -> list[EventLocation]:
    """A movement with no stated origin starts in the country that sends it, when the clause names one as
    the actor ("North Korean troops arrived in Kursk", "North Korea has sent troops to Russia"): that
    country becomes the origin, at the country's precision, and says how it was found."""
    if any(loc.role is LocationRole.ORIGIN for loc in locations):
        return locations
    arriving = {loc.place.country_code for loc in locations}
    text = scope.text
    for r in sorted(scope.actors + scope.in_sentence, key=lambda r: r.mention.start):
        if not clause.start <= r.mention.start < clause.end or r.place.kind is not PlaceKind.COUNTRY:
            continue
        if r.mention.role is not MentionRole.ACTOR and not _SENDER_AFTER.match(text, r.mention.end):
            continue
        if r.place.country_code in arriving or _SPEAKER_AFTER.match(text, r.mention.end):
            continue  # "South Korea's spy agency said ...": who says so, not who moves
        return [EventLocation(r.place, r.mention.text, LocationRole.ORIGIN, WherePrecision.COUNTRY,
                              f"origin: the sending country, named as the actor ({r.mention.text})"), *locations]
    return locations


@lru_cache(maxsize=4096)
def _town_named(gazetteer: Gazetteer, name: str, country: str) -> Place | None:
    """A town of `country` that the name may spell otherwise ("Hodeidah" for Al Hudaydah), or None."""
    # a name the gazetteer knows elsewhere is that place, not a misspelling of one here: no fuzzy search
    for c in gazetteer.lookup(name, country=country, limit=1, fuzzy=not gazetteer.has_name(name)):
        if c.place.kind is PlaceKind.POPULATED_PLACE and c.score >= SPELLED_OTHERWISE_SCORE:
            return c.place
    return None


def _town_spelled_otherwise(scope: SentencePlaces, start: int, end: int, country: str | None,
                            trigger: Trigger) -> EventLocation | None:
    """An event the recognizer placed only at a region (or nowhere) but whose clause names a town after a
    place word ("in Tal Rifaat", "the town of Hodeidah"): that town, looked up (with fuzzy spelling) among
    the towns of the event's country. Precision NEAR: the spelling is a guess."""
    if not country:
        return None
    taken = {r.mention.start for r in scope.in_sentence}
    for m in _TOWN_AFTER.finditer(scope.text, start, end):
        name = m.group("name")
        if m.start("name") in taken or fold(name.split()[0]) in COMMON_WORDS or len(name) < 4:
            continue
        place = _town_named(scope.gazetteer, name, country)
        if place is not None:
            role = LocationRole.DESTINATION if trigger.movement else LocationRole.WHERE
            return EventLocation(place, name, role, WherePrecision.NEAR,
                                 f"'{name}' taken as {place.name}, the town of that spelling nearest in {country}")
    return None


def _split(locations: list, trigger: Trigger, text: str = "", spans: dict | None = None,
           anchor: int | None = None) -> list[list]:
    """One location list per event. A movement keeps all its places. Any other event is one per place
    when the places are listed ("struck Kyiv and Odesa", "in Córdoba, Rosario and Mendoza"); otherwise
    it is one event at its most precise place ("seized Masisi in North Kivu" when the gazetteer cannot tell
    that Masisi lies in North Kivu)."""
    if not locations:
        return []
    if trigger.movement or len(locations) == 1:
        return [locations]
    spans = spans or {}
    joins = [text[spans[a.name][1]:spans[b.name][0]] for a, b in itertools.pairwise(locations)
             if a.name in spans and b.name in spans]
    if joins and all(LIST_JOIN.fullmatch(join) for join in joins):
        return [[loc] for loc in locations]
    # the most precise place; among equals the one nearest the trigger ("In Arauca, the army said rebels
    # abducted two soldiers in Saravena": Saravena)
    return [[min(locations, key=lambda loc: (loc.precision, _gap(loc, spans, anchor)))]]


def _gap(loc: EventLocation, spans: dict, anchor: int | None) -> int:
    """How far the location's mention is from the trigger (0 when either is unknown)."""
    if anchor is None or loc.name not in spans:
        return 0
    start, end = spans[loc.name]
    return min(abs(start - anchor), abs(end - anchor))
