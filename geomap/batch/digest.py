"""What a parsed document keeps for the map and the exports: a Digest, without the document's text.

A build of 100,000 documents holds one Digest per document instead of the ParseResult (text, every
mention and its candidates): its events, the places it names as locations and its counts. Digests are
small, picklable (for worker processes and Dask) and round-trip through JSON (for the store), with places
restored from the gazetteer by their stable ids.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date

from gazetteer import Gazetteer, Place
from geomap.records import (
    Certainty,
    DatePrecision,
    Digest,
    Document,
    Event,
    EventLocation,
    EventType,
    LocationRole,
    MentionRole,
    ParseResult,
    Quantity,
)


def digest(result: ParseResult) -> Digest:
    located = tuple((r.place, r.mention.text) for r in result.resolutions
                    if r.place is not None and r.mention.role is MentionRole.LOCATION)
    return Digest(replace(result.document, text=""), len(result.resolutions), len(result.places), located,
                  result.events)


def shared(d: Digest, places: dict[str, Place]) -> Digest:
    """The digest with every place replaced by the one instance per id in `places` (filled as it goes), and
    words interned: a 100,000-document build then holds each place once, not once per mention."""
    def one(place: Place) -> Place:
        return places.setdefault(place.id, place)

    located = tuple((one(place), sys.intern(words)) for place, words in d.located)
    events = tuple(replace(e, locations=tuple(replace(loc, place=one(loc.place)) for loc in e.locations))
                   for e in d.events)
    return Digest(d.document, d.mentions, d.resolved, located, events)


# --- JSON (the store) ------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def event_to_json(event: Event) -> dict:
    return {
        "id": event.id, "doc_id": event.doc_id, "type": event.type.value, "sub_type": event.sub_type,
        "start": _iso(event.date_start), "end": _iso(event.date_end), "precision": event.date_precision.value,
        "date_text": event.date_text, "certainty": event.certainty.value, "actors": list(event.actors),
        "quote": event.quote, "quote_start": event.quote_start, "quote_end": event.quote_end,
        "locations": [[loc.place.id, loc.name, loc.role.value, loc.precision, loc.note] for loc in event.locations],
        "quantities": [[q.what, q.value, q.qualifier, q.text] for q in event.quantities],
        "sources": list(event.sources), "doc_ids": list(event.doc_ids), "merged_ids": list(event.merged_ids),
    }


def event_from_json(data: dict, gazetteer: Gazetteer) -> Event:
    return Event(
        id=data["id"], doc_id=data["doc_id"], type=EventType(data["type"]), sub_type=data["sub_type"],
        date_start=_day(data["start"]), date_end=_day(data["end"]), date_precision=DatePrecision(data["precision"]),
        certainty=Certainty(data["certainty"]), actors=tuple(data["actors"]), quote=data["quote"],
        quote_start=data["quote_start"], quote_end=data["quote_end"],
        locations=tuple(EventLocation(gazetteer.place(pid), name, LocationRole(role), precision, note)
                        for pid, name, role, precision, note in data["locations"]),
        date_text=data["date_text"], quantities=tuple(Quantity(*q) for q in data["quantities"]),
        sources=tuple(data["sources"]), doc_ids=tuple(data["doc_ids"]), merged_ids=tuple(data["merged_ids"]),
    )


def document_to_json(doc: Document) -> dict:
    return {"id": doc.id, "published": _iso(doc.published), "title": doc.title, "url": doc.url,
            "source": doc.source, "file": doc.file, "line": doc.line}


def digest_to_json(d: Digest) -> dict:
    return {"document": document_to_json(d.document), "mentions": d.mentions, "resolved": d.resolved,
            "located": [[place.id, words] for place, words in d.located],
            "events": [event_to_json(e) for e in d.events]}


def digest_from_json(data: dict, gazetteer: Gazetteer) -> Digest:
    doc = data["document"]
    document = Document(id=doc["id"], text="", published=_day(doc["published"]), title=doc["title"],
                        url=doc["url"], source=doc["source"], file=doc["file"], line=doc["line"])
    return Digest(document, data["mentions"], data["resolved"],
                  tuple((gazetteer.place(pid), words) for pid, words in data["located"]),
                  tuple(event_from_json(e, gazetteer) for e in data["events"]))
