"""Which places an event gets: the places of its clause, else of its sentence, else of the two sentences
before (coarser, and said so); the dateline only as a last resort; "the capital"; a town the recognizer
missed but the clause names after a place word, looked up with fuzzy spelling in the event's country; and,
for a movement with no stated origin, the country that sends it.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from gazetteer import Gazetteer, PlaceKind
from gazetteer.names import fold
from geomap.events.clauses import Clause
from geomap.events.locations import LIST_JOIN, event_locations, names_an_actor
from geomap.events.vocabulary import Trigger
from geomap.places.geometry import contains
from geomap.records import EventLocation, LocationRole, MentionRole, Resolution
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


def event_places_for(text: str, clause: Clause, clauses: list[Clause], in_sentence: list[Resolution],
            recent: list[list[Resolution]], trigger: Trigger, capital_of=None, home: str | None = None,
            datelines: frozenset[int] = frozenset(), named_place=None):
    """Location lists, one per event: a movement is one event with all its places; any other event is one
    per distinct place ("drones struck Kyiv and Odesa": two strikes)."""
    def inside(spans):
        found = [r for r in in_sentence if any(c.start <= r.mention.start < c.end for c in spans)]
        # "DUBAI — Yemen's Houthis fired ...": the dateline says where the report was filed; it places the
        # event only when nothing else does.
        filed = [r.place for r in found if r.mention.start in datelines]
        if not filed:
            return found
        # Another place wins over the dateline when it is in the dateline's country (more local), or is a
        # country or region elsewhere ("DUBAI — ... off Yemen"); a town abroad is more likely a misread
        # ("MEXICO CITY — ... from the Angel of Independence").
        elsewhere = [r for r in found if r.mention.start not in datelines and not names_an_actor(text, r)
                     and not any(contains(r.place, place) for place in filed)
                     and (any(r.place.country_code == place.country_code for place in filed)
                          or r.place.kind is not PlaceKind.POPULATED_PLACE)]
        if elsewhere:
            return elsewhere
        return [r for r in found if r.mention.start in datelines or any(contains(r.place, p) for p in filed)]

    locations = []
    index = clauses.index(clause)
    if index and _WHERE.match(text, clause.start):  # "..., where they fought": the place named just before
        before = inside([clauses[index - 1]])
        if before:
            listed = [before[-1]]  # with the places listed with it: "in Nairobi and Mombasa, where ..."
            for r in reversed(before[:-1]):
                if not LIST_JOIN.fullmatch(text[r.mention.end:listed[0].mention.start]):
                    break
                listed.insert(0, r)
            spans = {r.mention.text: (r.mention.start, r.mention.end) for r in listed}
            return _split(event_locations(text, 0, listed, trigger.movement, capital_of=capital_of), trigger,
                          text, spans)
    spans = {}
    filed: tuple = ()  # a pool that offers only the dateline: the last resort
    for pool in ([clause], [c for c in clauses if not c.triggers and not c.reporting],
                 [c for c in clauses if c is not clause]):
        mentions = inside(pool)
        if mentions and all(r.mention.start in datelines for r in mentions):
            filed = filed or (pool, mentions)
            continue
        if mentions:
            locations = event_locations(text, pool[0].start if len(pool) == 1 else 0, mentions, trigger.movement,
                                        capital_of=capital_of)
            spans = {r.mention.text: (r.mention.start, r.mention.end) for r in mentions}
            if locations:
                break
    if not locations and filed:
        pool, mentions = filed
        locations = event_locations(text, pool[0].start if len(pool) == 1 else 0, mentions, trigger.movement,
                                    capital_of=capital_of)
        spans = {r.mention.text: (r.mention.start, r.mention.end) for r in mentions}
    filed_only = bool(locations) and all(spans.get(loc.name, (-1, -1))[0] in datelines for loc in locations)
    if named_place is not None and (not locations or filed_only or min(loc.precision for loc in locations) >= 4):
        country = next((loc.place.country_code for loc in locations if loc.place.country_code), None) or next(
            (r.place.country_code for group in reversed(recent) for r in group if r.place.country_code), home)
        town = _town_spelled_otherwise(text, clause.start, clause.end, in_sentence, country, named_place, trigger)
        if town is None and filed_only:  # "MOGADISHU — fighters stormed a base near Bulo Burte, sending ..."
            town = _town_spelled_otherwise(text, clauses[0].start, clauses[-1].end, in_sentence, country,
                                           named_place, trigger)
        if town is not None:
            return [[town]]
    if not locations and capital_of is not None and THE_CAPITAL.search(text, clause.start, clause.end):
        # "stormed a neighbourhood of the capital": the capital of the country named last, else the story's
        named = [r for group in recent for r in group] + [r for r in in_sentence if r.mention.start < clause.start]
        country = next((r.place.country_code for r in reversed(named) if r.place.country_code), home)
        city = capital_of(country) if country else None
        if city is not None:
            return [[EventLocation(city, "the capital", LocationRole.DESTINATION if trigger.movement
                                   else LocationRole.WHERE, 1, "the capital of the country the report is about")]]
    if not locations:
        for earlier in reversed(recent):
            names = ", ".join(dict.fromkeys(r.mention.text for r in earlier))
            locations = event_locations(text, 0, earlier, trigger.movement,
                                        note=f"inherited from an earlier sentence ({names})", coarser=1,
                                        capital_of=capital_of)
            if locations:
                break
    anchor = trigger.pattern.search(text[clause.start:clause.end].lower())
    return _split(locations, trigger, text, spans, clause.start + anchor.start() if anchor else clause.start)


def with_sender(text: str, clause: Clause, locations: list[EventLocation], actor_mentions: list[Resolution],
                 in_sentence: list[Resolution]) -> list[EventLocation]:
    """A movement with no stated origin starts in the country that sends it, when the clause names one as
    the actor ("North Korean troops arrived in Kursk", "North Korea has sent troops to Russia"): that
    country becomes the origin, at precision 6, and says how it was found."""
    if any(loc.role is LocationRole.ORIGIN for loc in locations):
        return locations
    arriving = {loc.place.country_code for loc in locations}
    for r in sorted(actor_mentions + in_sentence, key=lambda r: r.mention.start):
        if not clause.start <= r.mention.start < clause.end or r.place.kind is not PlaceKind.COUNTRY:
            continue
        if r.mention.role is not MentionRole.ACTOR and not _SENDER_AFTER.match(text, r.mention.end):
            continue
        if r.place.country_code in arriving or _SPEAKER_AFTER.match(text, r.mention.end):
            continue  # "South Korea's spy agency said ...": who says so, not who moves
        return [EventLocation(r.place, r.mention.text, LocationRole.ORIGIN, 6,
                              f"origin: the sending country, named as the actor ({r.mention.text})"), *locations]
    return locations


@lru_cache(maxsize=4096)
def town_named(gazetteer: Gazetteer, name: str, country: str):
    """A town of `country` that the name may spell otherwise ("Hodeidah" for Al Hudaydah), or None."""
    # a name the gazetteer knows elsewhere is that place, not a misspelling of one here: no fuzzy search
    for c in gazetteer.lookup(name, country=country, limit=1, fuzzy=not gazetteer.has_name(name)):
        if c.place.kind is PlaceKind.POPULATED_PLACE and c.score >= SPELLED_OTHERWISE_SCORE:
            return c.place
    return None


def _town_spelled_otherwise(text: str, start: int, end: int, in_sentence: list[Resolution], country: str | None,
                            named_place, trigger: Trigger) -> EventLocation | None:
    """An event the recognizer placed only at a region (or nowhere) but whose clause names a town after a
    place word ("in Tal Rifaat", "the town of Hodeidah"): that town, looked up (with fuzzy spelling) among
    the towns of the event's country. Precision 2: the spelling is a guess."""
    if not country:
        return None
    taken = {r.mention.start for r in in_sentence}
    for m in _TOWN_AFTER.finditer(text, start, end):
        name = m.group("name")
        if m.start("name") in taken or fold(name.split()[0]) in COMMON_WORDS or len(name) < 4:
            continue
        place = named_place(name, country)
        if place is not None:
            return EventLocation(place, name, LocationRole.DESTINATION if trigger.movement else LocationRole.WHERE,
                                 2, f"'{name}' taken as {place.name}, the town of that spelling nearest in {country}")
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
    def gap(loc) -> int:
        if anchor is None or loc.name not in spans:
            return 0
        start, end = spans[loc.name]
        return min(abs(start - anchor), abs(end - anchor))
    return [[min(locations, key=lambda loc: (loc.precision, gap(loc)))]]
