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
from geomap.outputs.event_fields import event_fields, iso_date
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
    WherePrecision,
)


def digest(result: ParseResult) -> Digest:
    located = tuple((r.place, r.mention.text) for r in result.resolutions
                    if r.place is not None and r.mention.role is MentionRole.LOCATION)
    return Digest(replace(result.document, text=""), len(result.resolutions), len(result.places), located,
                  result.events, len(result.document.text))


def shared(d: Digest, places: dict[str, Place]) -> Digest:
    """The digest with every place replaced by the one instance per id in `places` (filled as it goes), and
    words interned: a 100,000-document build then holds each place once, not once per mention."""
    def one(place: Place) -> Place:
        return places.setdefault(place.id, place)

    located = tuple((one(place), sys.intern(words)) for place, words in d.located)
    events = tuple(replace(e, locations=tuple(replace(loc, place=one(loc.place)) for loc in e.locations))
                   for e in d.events)
    return Digest(d.document, d.mentions, d.resolved, located, events, d.text_chars)


# --- JSON (the store) ------------------------------------------------------------------------------


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def stored_event_json(event: Event) -> dict:
    """The event as the store keeps it (`event_fields` under the store's shorter names and in lists; a
    location's place by id only): the format of every store written so far, read by `event_from_stored_json`."""
    f = event_fields(event)
    return {
        "id": f["id"], "doc_id": f["doc_id"], "type": f["type"], "sub_type": f["sub_type"],
        "start": f["date_start"], "end": f["date_end"], "precision": f["date_precision"],
        "date_text": f["date_text"], "certainty": f["certainty"], "actors": f["actors"],
        "quote": f["quote"], "quote_start": f["quote_start"], "quote_end": f["quote_end"],
        "locations": [[loc["place_id"], loc["name"], loc["role"], loc["precision"], loc["note"]]
                      for loc in f["locations"]],
        "quantities": [[q["what"], q["value"], q["qualifier"], q["text"]] for q in f["quantities"]],
        "sources": f["sources"], "doc_ids": f["doc_ids"], "merged_ids": f["merged_ids"],
    }


def event_from_stored_json(data: dict, gazetteer: Gazetteer) -> Event:
    return Event(
        id=data["id"], doc_id=data["doc_id"], type=EventType(data["type"]), sub_type=data["sub_type"],
        date_start=_day(data["start"]), date_end=_day(data["end"]), date_precision=DatePrecision(data["precision"]),
        certainty=Certainty(data["certainty"]), actors=tuple(data["actors"]), quote=data["quote"],
        quote_start=data["quote_start"], quote_end=data["quote_end"],
        locations=tuple(EventLocation(gazetteer.place(pid), name, LocationRole(role), WherePrecision(precision), note)
                        for pid, name, role, precision, note in data["locations"]),
        date_text=data["date_text"], quantities=tuple(Quantity(*q) for q in data["quantities"]),
        sources=tuple(data["sources"]), doc_ids=tuple(data["doc_ids"]), merged_ids=tuple(data["merged_ids"]),
    )


def document_to_json(doc: Document) -> dict:
    """The document without its text, as the store keeps it. "language" and "warnings" came later: a store
    written before has neither, and `digest_from_json` reads them as unknown and none."""
    return {"id": doc.id, "published": iso_date(doc.published), "title": doc.title, "url": doc.url,
            "source": doc.source, "file": doc.file, "line": doc.line, "language": doc.language,
            "warnings": list(doc.warnings)}


def digest_to_json(d: Digest) -> dict:
    return {"document": document_to_json(d.document), "mentions": d.mentions, "resolved": d.resolved,
            "located": [[place.id, words] for place, words in d.located],
            "events": [stored_event_json(e) for e in d.events], "text_chars": d.text_chars}


def digest_from_json(data: dict, gazetteer: Gazetteer) -> Digest:
    """The digest `digest_to_json` stored; keys added since (language, warnings, text_chars) default when
    absent, so stores written before still load."""
    doc = data["document"]
    document = Document(id=doc["id"], text="", published=_day(doc["published"]), title=doc["title"],
                        url=doc["url"], source=doc["source"], file=doc["file"], line=doc["line"],
                        language=doc.get("language"), warnings=tuple(doc.get("warnings", ())))
    return Digest(document, data["mentions"], data["resolved"],
                  tuple((gazetteer.place(pid), words) for pid, words in data["located"]),
                  tuple(event_from_stored_json(e, gazetteer) for e in data["events"]), data.get("text_chars", 0))
