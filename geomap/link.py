"""Linking: every place used as a location with the mentions, documents and events that refer to it.

Demonym mentions ("Russian forces", role `actor`) name who acts, not where: they appear in events'
actors, not as places on the map.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gazetteer import Place
from geomap.digest import Digest, digest
from geomap.records import Event, ParseResult


@dataclass(frozen=True, slots=True)
class PlaceLink:
    place: Place
    mentions: int
    names: tuple[str, ...]  # the spellings used in the documents, sorted
    doc_ids: tuple[str, ...]
    event_ids: tuple[str, ...]


def link_places(results: Iterable[ParseResult | Digest], events: Sequence[Event] | None = None) -> list[PlaceLink]:
    """One PlaceLink per resolved place, sorted by place id (stable output). `results`: parse results or
    their digests. `events`: the events after corroboration (default: each document's own events)."""
    digests = [r if isinstance(r, Digest) else digest(r) for r in results]
    if events is None:
        events = [e for d in digests for e in d.events]
    places: dict[str, Place] = {}
    mentions: dict[str, int] = {}
    names: dict[str, set[str]] = {}
    docs: dict[str, dict[str, None]] = {}
    for d in digests:
        for place, words in d.located:
            pid = place.id
            places[pid] = place
            mentions[pid] = mentions.get(pid, 0) + 1
            names.setdefault(pid, set()).add(words)
            docs.setdefault(pid, {})[d.document.id] = None
    by_place: dict[str, dict[str, None]] = {}
    for event in events:
        for loc in event.locations:
            by_place.setdefault(loc.place.id, {})[event.id] = None
    return [
        PlaceLink(places[pid], mentions[pid], tuple(sorted(names[pid])), tuple(docs[pid]),
                  tuple(by_place.get(pid, {})))
        for pid in sorted(places)
    ]
