"""Corroboration: reports of the same event are merged into one, with all their sources.

Two functions, one per scope: `merge_repeated_reports` merges one document's own reports of an event (the
caption, the lead and a later detail), `merge_events` the reports of many documents. Two reports are one
event, as ACLED and GDELT de-duplicate, when they have
- the same event type and the same sub-type group (`vocabulary.MERGE_GROUP`),
- the same status: an expected event never merges with one that happened,
- overlapping dates (one day of slack across documents: "overnight" and "on Friday" meet),
- the same place, or within a document one place inside the other ("Ukraine" and "Kyiv") for reports
  within `NEAR_CHARS` of each other or dated the same day (else "10,000 expected in Russia by December"
  would swallow "deployed to Russia as early as Sunday" pages earlier); across documents towns within
  `NEAR_KM` of each other.
The merged event keeps the most precise date and place, the union of sources, actors and quantities, the
strongest certainty, the quote of the report that dates it best within a document (the earliest report's
across documents), and lists every document (`doc_ids`, `source_count`).

Merging is greedy and in order: each report joins the first event kept so far that it matches. Comparing
each report with every kept event is quadratic (100,000 short reports never finished), so `_Candidates`
indexes the kept events by what a match needs (type, place, day or text position) and each report is
compared only with the events that share a key, in the order they were kept: the same first match, so the
same result, in about linear time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from gazetteer import Place, PlaceKind
from geomap.events.vocabulary import merge_group
from geomap.places.geometry import EARTH_RADIUS_KM, contains, distance_km
from geomap.records import Certainty, DatePrecision, Event, EventLocation, LocationRole, WherePrecision

NEAR_KM = 25.0
NEAR_CHARS = 300  # within a document, "Ukraine" and "Kyiv" are one event only in reports this close
CROSS_DOCUMENT_SLACK = timedelta(days=1)
_CERTAINTY_ORDER = (Certainty.CONFIRMED, Certainty.REPORTED, Certainty.CLAIMED, Certainty.EXPECTED)


def _anchors(event: Event) -> list[EventLocation]:
    """The places that say where an event is: destinations of movements, else where it happened."""
    targets = [loc for loc in event.locations if loc.role is LocationRole.DESTINATION]
    return targets or [loc for loc in event.locations if loc.role is LocationRole.WHERE] or list(event.locations)


def _close_in_text(a: Event, b: Event) -> bool:
    return a.quote_start == b.quote_start or abs(a.quote_start - b.quote_end) <= NEAR_CHARS \
        or abs(b.quote_start - a.quote_end) <= NEAR_CHARS


def _same_day(a: Event, b: Event) -> bool:
    return a.date_precision is DatePrecision.DAY and b.date_precision is DatePrecision.DAY \
        and a.date_start == b.date_start


def _anchors_meet(a: Event, b: Event, related: Callable[[Place, Place], bool]) -> bool:
    """An anchor of `a` and one of `b` are the same place or `related` places."""
    return any(x.place.id == y.place.id or related(x.place, y.place) for x in _anchors(a) for y in _anchors(b))


def _one_inside_the_other(x: Place, y: Place) -> bool:
    return contains(x, y) or contains(y, x)


def _near_towns(x: Place, y: Place) -> bool:
    return x.kind is PlaceKind.POPULATED_PLACE and y.kind is PlaceKind.POPULATED_PLACE \
        and distance_km(x, y) <= NEAR_KM


def _dates_meet(a: Event, b: Event, slack: timedelta) -> bool:
    if None in (a.date_start, a.date_end, b.date_start, b.date_end):
        return True
    return a.date_start <= b.date_end + slack and b.date_start <= a.date_end + slack


def _same_kind(a: Event, b: Event) -> bool:
    """Same type, same sub-type group, and both expected or both not."""
    return a.type is b.type and merge_group(a.sub_type) == merge_group(b.sub_type) \
        and (a.certainty is Certainty.EXPECTED) == (b.certainty is Certainty.EXPECTED)


def same_event_in_document(a: Event, b: Event) -> bool:
    """Two reports in one document are one event: same kind, overlapping dates, close in the text or dated
    the same day, and at the same place or one inside the other."""
    return _same_kind(a, b) and _dates_meet(a, b, timedelta(0)) and (_close_in_text(a, b) or _same_day(a, b)) \
        and _anchors_meet(a, b, _one_inside_the_other)


def same_event_across_documents(a: Event, b: Event) -> bool:
    """Reports in two documents are one event: same kind, dates that meet with a day of slack, and the same
    place or towns within NEAR_KM."""
    return _same_kind(a, b) and _dates_meet(a, b, CROSS_DOCUMENT_SLACK) and _anchors_meet(a, b, _near_towns)


def _width(event: Event) -> int:
    if event.date_start is None or event.date_end is None:
        return 10**6
    return (event.date_end - event.date_start).days


def _precision(event: Event) -> int:
    return min((loc.precision for loc in _anchors(event)), default=WherePrecision.WIDER + 1)  # no anchor: coarsest


def _union(*groups: Sequence) -> tuple:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def _better_dated(kept: Event, other: Event) -> Event:
    return other if _width(other) < _width(kept) else kept


def _combine(kept: Event, other: Event, quoted: Event) -> Event:
    """One event from two reports of it, with the quote of `quoted`."""
    dated = _better_dated(kept, other)
    placed = other if _precision(other) < _precision(kept) else kept
    origins = [loc for loc in _union(kept.locations, other.locations) if loc.role is LocationRole.ORIGIN]
    locations = _union([loc for loc in placed.locations if loc.role is not LocationRole.ORIGIN], origins)
    locations = tuple({loc.place.id: loc for loc in locations}.values())
    sure = min(kept.certainty, other.certainty, key=_CERTAINTY_ORDER.index)
    return replace(
        kept, quote=quoted.quote, quote_start=quoted.quote_start, quote_end=quoted.quote_end,
        date_start=dated.date_start, date_end=dated.date_end,
        date_precision=dated.date_precision, date_text=dated.date_text, certainty=sure,
        actors=_union(kept.actors, other.actors), quantities=_union(kept.quantities, other.quantities),
        sources=_union(kept.sources, other.sources), locations=locations,
        doc_ids=_union(kept.doc_ids, other.doc_ids),
        merged_ids=_union(kept.merged_ids or (kept.id,), other.merged_ids or (other.id,)),
    )


def _combine_in_document(kept: Event, other: Event) -> Event:
    """Within a document the quote is the sentence that dates the event best, rather than a headline."""
    return _combine(kept, other, _better_dated(kept, other))


def _combine_across_documents(kept: Event, other: Event) -> Event:
    """Across documents the quote is the earliest report's."""
    return _combine(kept, other, kept)


def merge_repeated_reports(events: Sequence[Event], check: Callable[[], None] | None = None) -> list[Event]:
    """One document's events with its repeated reports of one event merged (the caption, the lead and a
    later detail), in the order each was first reported, with no merged ids: the events are numbered after
    merging. `check()`, when given, is called once a report and raises when the document's time is up
    (`pipeline.Deadline`)."""
    merged = _merge(events, _IN_DOCUMENT, check)
    return [replace(e, merged_ids=()) for e in merged]


def merge_events(events: Sequence[Event], check: Callable[[], None] | None = None) -> list[Event]:
    """Events of many documents with the reports of one event merged, in the order each was first reported;
    each merged event lists its documents and the ids of the reports merged into it."""
    return _merge(events, _ACROSS_DOCUMENTS, check)


def _merge(events: Sequence[Event], merging: _Merging, check: Callable[[], None] | None) -> list[Event]:
    """Greedy and in order: each report joins the first event kept so far that it matches."""
    merged: list[Event] = []
    candidates = _Candidates(merging.keys)
    for event in events:
        if check is not None:
            check()
        for i in candidates.of(merging.queries(event)):
            kept = merged[i]
            if merging.same(kept, event):
                merged[i] = merging.combine(kept, event)
                candidates.update(i, kept, merged[i])
                break
        else:
            candidates.add(len(merged), event)
            merged.append(event)
    return merged


DAYS_PER_BUCKET = 8  # across documents, kept events are indexed by 8-day spans of their dates
MAX_BUCKETS = 64  # an event dated more widely than 64 spans is compared with every event at its place
_CELL_KM = NEAR_KM  # cube side of the grid that finds towns within NEAR_KM (a chord is never longer than its arc)
_NEIGHBOUR_CELLS = tuple((dx, dy, dz) for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1))


class _Candidates:
    """The kept events that a report could match, by index in the kept list, ascending.

    Every key is a necessary condition of the mode's `same_event_*`, so a kept event that matches a report
    always shares a key with it (tests/geomap/events/test_corroborate.py checks the result against the
    plain pairwise loop):
    - the type, sub-type group and status (`_kind`), which merging never changes;
    - across documents: an anchor's place id, or for towns the cell of a grid of NEAR_KM cubes over the
      earth's surface in 3-D (a town within NEAR_KM lies in the same or a neighbouring cell, also across
      the poles and the date line); and the DAYS_PER_BUCKET spans that the dates cover with their slack
      (undated and very widely dated events under keys that every report at the place looks at);
    - within a document: an anchor's place id or what contains it or what it contains (its country, its
      admin-1 unit, an area of its country), and the NEAR_CHARS spans of text of the report's start and
      end, or its day.
    A kept event that changes when a report joins it is indexed again under its new keys; old keys stay
    (a stale key costs one more comparison, never a missed match). `keys(event)`: the keys a kept event is
    indexed under; a report looks up the keys its mode's `queries` gives.
    """

    def __init__(self, keys: Callable[[Event], Iterator[tuple]]) -> None:
        self._keys = keys
        self._index: dict[tuple, list[int]] = {}

    def add(self, i: int, event: Event) -> None:
        for key in self._keys(event):
            self._index.setdefault(key, []).append(i)

    def update(self, i: int, old: Event, new: Event) -> None:
        if (old.locations, old.date_start, old.date_end, old.date_precision, old.quote_start, old.quote_end) == (
                new.locations, new.date_start, new.date_end, new.date_precision, new.quote_start, new.quote_end):
            return  # most joins add only sources and documents: the keys are the same
        known = set(self._keys(old))
        for key in self._keys(new):
            if key not in known:
                self._index.setdefault(key, []).append(i)

    def of(self, queries: Iterator[tuple]) -> list[int]:
        """The indices of the kept events indexed under any of the `queries`, ascending."""
        found: set[int] = set()
        index = self._index
        for key in queries:
            hits = index.get(key)
            if hits:
                found.update(hits)
        return sorted(found)


def _document_keys(event: Event) -> Iterator[tuple]:
    places = [key for loc in _anchors(event) for key in _held_keys(loc.place)]
    times = [("pos", event.quote_start // NEAR_CHARS), ("pos", event.quote_end // NEAR_CHARS)]
    if event.date_precision is DatePrecision.DAY:
        times.append(("day", event.date_start))
    return _crossed(_kind(event), places, times)


def _document_queries(event: Event) -> Iterator[tuple]:
    places = [key for loc in _anchors(event) for key in _holder_keys(loc.place)]
    times = [("pos", event.quote_start // NEAR_CHARS + step) for step in (-1, 0, 1)]
    times += [("pos", event.quote_end // NEAR_CHARS + step) for step in (-1, 0, 1)]
    if event.date_precision is DatePrecision.DAY:
        times.append(("day", event.date_start))
    return _crossed(_kind(event), places, times)


def _cross_keys(event: Event) -> Iterator[tuple]:
    places = [key for loc in _anchors(event) for key in _place_keys(loc.place)]
    spans = _date_spans(event)
    return _crossed(_kind(event), places, ["all", *(spans if spans is not None else ["wide"])])


def _cross_queries(event: Event) -> Iterator[tuple]:
    places = []
    for loc in _anchors(event):
        places.append(("id", loc.place.id))
        cell = _cell(loc.place)
        if cell is not None:
            places += [("cell", (cell[0] + dx, cell[1] + dy, cell[2] + dz)) for dx, dy, dz in _NEIGHBOUR_CELLS]
    spans = _date_spans(event)
    return _crossed(_kind(event), places, [*spans, "wide"] if spans is not None else ["all"])


def _crossed(kind: tuple, places: list, times: list) -> Iterator[tuple]:
    for place in places:
        for time in times:
            yield kind, place, time


@dataclass(frozen=True, slots=True)
class _Merging:
    """One way of merging: when two reports are one event, how they combine, and how the kept events are
    indexed (`keys`) and looked up (`queries`)."""

    same: Callable[[Event, Event], bool]
    combine: Callable[[Event, Event], Event]
    keys: Callable[[Event], Iterator[tuple]]
    queries: Callable[[Event], Iterator[tuple]]


_IN_DOCUMENT = _Merging(same_event_in_document, _combine_in_document, _document_keys, _document_queries)
_ACROSS_DOCUMENTS = _Merging(same_event_across_documents, _combine_across_documents, _cross_keys, _cross_queries)


def _kind(event: Event) -> tuple:
    return event.type, merge_group(event.sub_type), event.certainty is Certainty.EXPECTED


def _place_keys(place: Place) -> list[tuple]:
    """Across documents: the place itself, and its grid cell when it is a town."""
    cell = _cell(place)
    return [("id", place.id)] if cell is None else [("id", place.id), ("cell", cell)]


def _cell(place: Place) -> tuple[int, int, int] | None:
    """The NEAR_KM cube of a town's point on the sphere (None for other kinds: only towns are near)."""
    if place.kind is not PlaceKind.POPULATED_PLACE:
        return None
    lat, lon = math.radians(place.lat), math.radians(place.lon)
    r = EARTH_RADIUS_KM / _CELL_KM
    return (math.floor(r * math.cos(lat) * math.cos(lon)), math.floor(r * math.cos(lat) * math.sin(lon)),
            math.floor(r * math.sin(lat)))


def _date_spans(event: Event) -> list[int] | None:
    """The DAYS_PER_BUCKET spans that the event's dates, with the cross-document slack, touch; None when it
    is undated or dated more widely than MAX_BUCKETS spans."""
    if None in (event.date_start, event.date_end):
        return None
    first = event.date_start.toordinal() // DAYS_PER_BUCKET
    last = (event.date_end + CROSS_DOCUMENT_SLACK).toordinal() // DAYS_PER_BUCKET
    return list(range(first, last + 1)) if 0 <= last - first < MAX_BUCKETS else None


# Within a document a report also matches what contains its place, or what its place contains (`contains`):
# a kept place is indexed under what it is held by, and a report looks up what would hold or be held.


def _held_keys(place: Place) -> list[tuple]:
    """The keys of a kept place: itself, as a possible inner place (its country, its admin-1 code), and as a
    possible outer place (a country, an admin-1 unit, an area with a box)."""
    keys = [("id", place.id), ("in-country", place.country_code), ("in-admin1", place.admin1)]
    outer = _outer_key(place)
    return keys if outer is None else [*keys, outer]


def _holder_keys(place: Place) -> list[tuple]:
    """The keys a report's place looks up: itself, what could hold it, and what it could hold."""
    keys = [("id", place.id), ("country", place.country_code), ("admin1", place.admin1),
            ("area", place.country_code)]
    outer = _outer_key(place)
    if outer is not None:  # what it would hold: a country's or an area's places by country, a unit's by code
        keys.append(("in-admin1", place.admin1) if outer[0] == "admin1" else ("in-country", place.country_code))
    return keys


def _outer_key(place: Place) -> tuple | None:
    """What `contains` compares when `place` is the outer one: a country its code, an admin-1 unit its
    admin-1 code, an area with a box its country (inside the box is checked by `same_event_in_document`); None when
    `place` holds nothing (a town, a continent)."""
    if place.kind is PlaceKind.COUNTRY:
        return "country", place.country_code
    if place.kind is PlaceKind.ADMIN1:
        return "admin1", place.admin1
    if place.kind is not PlaceKind.CONTINENT and place.bbox is not None:
        return "area", place.country_code
    return None
