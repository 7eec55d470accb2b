"""Where an event happens: the places of its clause, their roles, and how precise each one is.

Roles: a place after "from" is the origin of a movement; after "to/into/in/at/toward/reached" the
destination of a movement or deployment; for every other event a place is where it happened. Places
governed by a locative preposition win over bare ones ("Russia deployed troops to Kursk": Kursk, not
Russia). A place that contains another place of the same event is dropped ("in Kyiv, Ukraine": Kyiv).

Precision follows UCDP GED's `where_prec` scale (`records.WherePrecision`), so that "eastern Russia" can
say it is part of a country larger than a region:
  1  the place itself (a town or city)
  2  near a named place ("near Kupiansk", "outside Kharkiv", "the Pokrovsk area"), up to about 25 km
  3  a second-order unit (county, district)
  4  a first-order unit (oblast, province, state)
  5  part of a country larger than a first-order unit ("eastern Russia", "the Donbas")
  6  the country
  7  wider than a country, or international waters and airspace
An inherited place (the event's clause names none) is one step coarser and says where it came from
(`sites`).
"""

from __future__ import annotations

import itertools
import re

from gazetteer import Gazetteer, PlaceKind
from geomap.places.geometry import contains, distance_km, precision_of
from geomap.records import EventLocation, LocationRole, Resolution, WherePrecision

_ROLE_WORD = re.compile(r"\b(from|to|into|toward|towards|in|inside|at|reached|reaching|entered|across|onto)\s")
_NEAR_END = re.compile(r"\s*(?:the\s+)?(?:[\w'’-]+\s+){0,2}$")  # at most two words between it and the name
_LOCATIVE = re.compile(r"\b(?:in|at|on|near|outside|inside|into|to|toward|towards|across|over|around|off|along|"
                       r"through|from|reached|entered|hit|struck|shelled|targeted|attacked|bombed|captured|seized|took|taken|"
                       r"retook|retaken|recaptured|overran|overrun|liberated|stormed|raided|besieged|encircled|"
                       r"(?:city|town|village|region|province|district|outskirts|suburbs?|cent(?:re|er)|capital|"
                       r"port|area|island|county|state) of)\s+"
                       r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}$")
_NEAR = re.compile(r"\b(?:near|outside|on the outskirts of|outskirts of|close to|north of|south of|east of|"
                   r"west of|km from|kilometres from|miles from)\s+(?:the\s+)?$")
# "the Ukraine armed forces", "Russia's defence ministry", "Paris announced": the place names who acts (or
# speaks), not where.
_INSTITUTION_AFTER = re.compile(r"^(?:-based|-born|-made|-backed|-led|-owned|-funded|-registered|-flagged|"
                                r"(?:['’]s)?(?:\s+and\s+[\w-]+)?\s+(?:state (?:news|media|television|tv)|news agency|"
                                r"aircraft|jets|warplanes|drones|warships|artillery|tanks|armed forces|army|military|"
                                r"government|officials?|ministry|"
                                r"defen[cs]e ministry|president|forces|troops|soldiers|navy|police|authorities|"
                                r"embassy|parliament|leader|intelligence|foreign minister|general staff|air force|"
                                r"border guards?|"
                                r"national guard|interior ministry|foreign ministry|prime minister|spokes(?:man|woman|"
                                r"person)|envoy|ambassador|said|says|announced|"
                                r"warned|claimed|denied|confirmed|reported|accused|insisted|responded|rejected|"
                                r"condemned|demanded|urged|vowed)\b)")
# "a ceasefire brokered by Angola": the place names who acts, not where.
_ACTOR_BEFORE = re.compile(r"\b(?:(?:brokered|mediated|backed|supported|funded|sponsored|ordered|hosted) by|"
                           r"embass(?:y|ies) of|consulates? of)\s+(?:the\s+)?(?:[\w'’-]+,?\s+(?:and\s+)?){0,4}$")
_CAPITAL_AFTER = re.compile(r"^['’]s capital\b")
# What joins the places of a list: "Córdoba, Rosario and Mendoza", "Kyiv and the city of Odesa".
LIST_JOIN = re.compile(r"\s*(?:,|,? and|,? or|/|&)\s*(?:the\s+)?(?:city of\s+|town of\s+)?", re.IGNORECASE)
_IN_CONTAINER = re.compile(r"(?:\s+(?:beach|district|neighbou?rhood|area|village|town|city|port|camp|market|square|"
                           r"township|county|province|region))?(?:,|\s+in|\s+in the|\s+of)\s+")
SAME_TOWN_KM = 30.0  # "Lido beach in Mogadishu": a place named inside a town lies this close to it
_AREA_AFTER = re.compile(r"^\s+(?:area|outskirts|suburbs?|district)\b")


def _contradicted(text: str, located: list[Resolution]) -> set[int]:
    """Starts of mentions the text itself places elsewhere: in "the village of Plekhove in the Kursk region"
    a Plekhove the gazetteer put outside the Kursk region is the wrong namesake (or a place it lacks), and
    the event is placed at the region instead."""
    out = set()
    for a, b in itertools.pairwise(located):
        if not _IN_CONTAINER.fullmatch(text[a.mention.end:b.mention.start].lower()):
            continue
        inner, outer = a.place, b.place
        if outer.kind is PlaceKind.POPULATED_PLACE and inner.kind is PlaceKind.POPULATED_PLACE:
            inside = distance_km(inner, outer) <= SAME_TOWN_KM
        else:
            inside = inner.id == outer.id or contains(outer, inner) or precision_of(outer) <= precision_of(inner)
        if not inside:
            out.add(a.mention.start)
    return out


def names_an_actor(text: str, r: Resolution) -> bool:
    """The mention names who acts or speaks ("Staffordshire Police", "Paris announced", "brokered by
    Angola"), not where."""
    after = text[r.mention.end:r.mention.end + 30].lower()
    return bool(_INSTITUTION_AFTER.match(after)
                or _ACTOR_BEFORE.search(text, max(0, r.mention.start - 30), r.mention.start))


def event_locations(text: str, clause_start: int, located: list[Resolution], movement: bool,
                    gazetteer: Gazetteer) -> list[EventLocation]:
    """The locations of one event from the location mentions of its clause (in text order): those governed
    by a locative preposition when any is, each place once, none that contains another of the same role.
    The gazetteer gives the capital city, for "Mali's capital" (the city, not the country)."""
    rows: list[tuple[bool, EventLocation]] = []  # governed, location
    previous: tuple[int, bool] | None = None  # end and government of the last place, for lists
    contradicted = _contradicted(text, located)
    for r in located:
        if r.mention.start in contradicted or names_an_actor(text, r):
            continue
        # the patterns here are lowercase: they read lowercased snippets
        before = text[max(clause_start, r.mention.start - 40):r.mention.start].lower()
        after = text[r.mention.end:r.mention.end + 30].lower()
        governed = bool(_LOCATIVE.search(before))
        if previous is not None and LIST_JOIN.fullmatch(text[previous[0]:r.mention.start]):
            governed = governed or previous[1]  # "in Córdoba, Rosario and Mendoza"
        previous = (r.mention.end, governed)
        rows.append((governed, _location(r, before, after, movement, gazetteer)))
    if any(governed for governed, _ in rows):
        rows = [row for row in rows if row[0]]
    locations: list[EventLocation] = []
    for _, loc in rows:
        if not any(seen.place.id == loc.place.id for seen in locations):
            locations.append(loc)
    return [loc for loc in locations
            if not any(contains(loc.place, other.place) and other.role == loc.role for other in locations)]


def _location(r: Resolution, before: str, after: str, movement: bool, gazetteer: Gazetteer) -> EventLocation:
    """The location a mention gives, from the lowercased text just before and after it: "Mali's capital"
    is the city; a movement's role is read from the preposition nearest before the name ("from Belarus
    into the Kursk region"); "near Kupiansk" or "the Pokrovsk area" is near the town, not at it."""
    place, note = r.place, ""
    if place.kind is PlaceKind.COUNTRY and _CAPITAL_AFTER.match(after):
        city = gazetteer.capital(place.country_code)
        if city is not None:
            place, note = city, f"the capital of {r.place.name}"
    role = LocationRole.WHERE
    if movement:
        last = next(iter(reversed(list(_ROLE_WORD.finditer(before)))), None)
        if last is not None and _NEAR_END.match(before, last.end()):
            role = LocationRole.ORIGIN if last.group(1) == "from" else LocationRole.DESTINATION
    precision = precision_of(place)
    if precision is WherePrecision.PLACE and (_NEAR.search(before) or _AREA_AFTER.match(after)):
        precision = WherePrecision.NEAR
    return EventLocation(place, r.mention.text, role, precision, note)
