"""Linking: every place used as a location with the mentions, documents and events that refer to it.

Demonym mentions ("Russian forces", role `actor`) name who acts, not where: they appear in events'
actors, not as places on the map.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gazetteer import Place
from geomap.batch.digest import digest
from geomap.records import Digest, Event, ParseResult, PlaceLink


class PlaceTally:
    """The places documents name as locations, counted as digests arrive, so that a large build need not
    keep every document's list of mentions (`Digest.located`) until the end."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.mentions: dict[str, int] = {}
        self.names: dict[str, set[str]] = {}
        self.docs: dict[str, dict[str, None]] = {}

    def add(self, d: Digest) -> None:
        for place, words in d.located:
            pid = place.id
            self.places[pid] = place
            self.mentions[pid] = self.mentions.get(pid, 0) + 1
            self.names.setdefault(pid, set()).add(words)
            self.docs.setdefault(pid, {})[d.document.id] = None

    def links(self, events: Sequence[Event]) -> list[PlaceLink]:
        """One PlaceLink per place, sorted by place id, with the events placed there."""
        by_place: dict[str, dict[str, None]] = {}
        for event in events:
            for loc in event.locations:
                by_place.setdefault(loc.place.id, {})[event.id] = None
        return [PlaceLink(self.places[pid], self.mentions[pid], tuple(sorted(self.names[pid])),
                          tuple(self.docs[pid]), tuple(by_place.get(pid, {})))
                for pid in sorted(self.places)]


def link_places(results: Iterable[ParseResult | Digest], events: Sequence[Event] | None = None) -> list[PlaceLink]:
    """One PlaceLink per resolved place, sorted by place id (stable output). `results`: parse results or
    their digests. `events`: the events after corroboration (default: each document's own events)."""
    digests = [r if isinstance(r, Digest) else digest(r) for r in results]
    tally = PlaceTally()
    for d in digests:
        tally.add(d)
    return tally.links(events if events is not None else [e for d in digests for e in d.events])
