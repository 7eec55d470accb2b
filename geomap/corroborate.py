"""Corroboration: reports of the same event are merged into one, with all their sources.

Two reports are one event, as ACLED and GDELT de-duplicate, when they have
- the same event type and the same sub-type group (`event_types.MERGE_GROUP`),
- the same status: an expected event never merges with one that happened,
- overlapping dates (one day of slack across documents: "overnight" and "on Friday" meet),
- the same place, or one place inside the other ("Ukraine" and "Kyiv"); within a document only for reports
  within `NEAR_CHARS` of each other or dated the same day (else "10,000 expected in Russia by December"
  would swallow "deployed to Russia as early as Sunday" pages earlier); across documents also towns
  within `NEAR_KM` of each other.
The merged event keeps the most precise date and place, the union of sources, actors and quantities, the
strongest certainty, the quote of the report that dates it best within a document (the earliest report's
across documents), and lists every document (`doc_ids`, `source_count`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from gazetteer import PlaceKind
from geomap.event_places import contains, distance_km
from geomap.event_types import merge_group
from geomap.records import Certainty, DatePrecision, Event, EventLocation, LocationRole

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


def _same_place(a: Event, b: Event, within_document: bool) -> bool:
    if within_document and not (_close_in_text(a, b) or _same_day(a, b)):
        return False
    for x in _anchors(a):
        for y in _anchors(b):
            if x.place.id == y.place.id:
                return True
            if within_document and (contains(x.place, y.place) or contains(y.place, x.place)):
                return True
            if (not within_document and x.place.kind is PlaceKind.POPULATED_PLACE
                    and y.place.kind is PlaceKind.POPULATED_PLACE
                    and distance_km(x.place, y.place) <= NEAR_KM):
                return True
    return False


def _dates_meet(a: Event, b: Event, slack: timedelta) -> bool:
    if None in (a.date_start, a.date_end, b.date_start, b.date_end):
        return True
    return a.date_start <= b.date_end + slack and b.date_start <= a.date_end + slack


def same_event(a: Event, b: Event, within_document: bool) -> bool:
    return (a.type is b.type and merge_group(a.sub_type) == merge_group(b.sub_type)
            and (a.certainty is Certainty.EXPECTED) == (b.certainty is Certainty.EXPECTED)
            and _dates_meet(a, b, timedelta(0) if within_document else CROSS_DOCUMENT_SLACK)
            and _same_place(a, b, within_document))


def _width(event: Event) -> int:
    if event.date_start is None or event.date_end is None:
        return 10**6
    return (event.date_end - event.date_start).days


def _precision(event: Event) -> int:
    return min((loc.precision for loc in _anchors(event)), default=8)


def _union(*groups: Sequence) -> tuple:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def _combine(kept: Event, other: Event, within_document: bool) -> Event:
    dated = other if _width(other) < _width(kept) else kept
    placed = other if _precision(other) < _precision(kept) else kept
    origins = [loc for loc in _union(kept.locations, other.locations) if loc.role is LocationRole.ORIGIN]
    locations = _union([loc for loc in placed.locations if loc.role is not LocationRole.ORIGIN], origins)
    locations = tuple({loc.place.id: loc for loc in locations}.values())
    sure = min(kept.certainty, other.certainty, key=_CERTAINTY_ORDER.index)
    quoted = dated if within_document else kept  # the sentence that dates it, rather than a headline
    return replace(
        kept, quote=quoted.quote, quote_start=quoted.quote_start, quote_end=quoted.quote_end,
        date_start=dated.date_start, date_end=dated.date_end,
        date_precision=dated.date_precision, date_text=dated.date_text, certainty=sure,
        actors=_union(kept.actors, other.actors), quantities=_union(kept.quantities, other.quantities),
        sources=_union(kept.sources, other.sources), locations=locations,
        doc_ids=_union(kept.doc_ids, other.doc_ids),
        merged_ids=_union(kept.merged_ids or (kept.id,), other.merged_ids or (other.id,)),
    )


def merge_events(events: Sequence[Event], within_document: bool = False) -> list[Event]:
    """Events with the reports of one event merged, in the order each was first reported."""
    merged: list[Event] = []
    for event in events:
        for i, kept in enumerate(merged):
            if same_event(kept, event, within_document):
                merged[i] = _combine(kept, event, within_document)
                break
        else:
            merged.append(event)
    if within_document:  # ids are given after merging; keep no placeholder ids
        merged = [replace(e, merged_ids=()) for e in merged]
    return merged
