"""The JSON shape of parse results (the `geomap parse` output); dicts live only here and in `export`."""

from __future__ import annotations

from gazetteer import Place, PlaceKind
from geomap.events.vocabulary import ACLED_SUB_TYPE, CAMEO
from geomap.records import Event, EventLocation, ParseResult, Resolution

PRECISION_BY_KIND = {
    PlaceKind.CONTINENT: "continent",
    PlaceKind.COUNTRY: "country",
    PlaceKind.ADMIN1: "admin1",
    PlaceKind.ADMIN2: "admin2",
    PlaceKind.REGION: "region",
    PlaceKind.DIRECTIONAL: "directional",
    PlaceKind.POPULATED_PLACE: "populated_place",
}


def place_json(place: Place) -> dict:
    return {
        "id": place.id, "name": place.name, "kind": place.kind.value, "country_code": place.country_code,
        "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid,
        "precision": PRECISION_BY_KIND[place.kind],
    }


def mention_json(resolution: Resolution) -> dict:
    m = resolution.mention
    return {
        "start": m.start, "end": m.end, "text": m.text, "role": m.role.value,
        "place": place_json(resolution.place) if resolution.place else None,
        "score": resolution.score, "reason": resolution.reason,
    }


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def location_json(loc: EventLocation) -> dict:
    return {"place_id": loc.place.id, "name": loc.name, "place_name": loc.place.name, "role": loc.role.value,
            "precision": loc.precision, "lat": loc.place.lat, "lon": loc.place.lon,
            "geonameid": loc.place.geonameid, "note": loc.note}


def event_json(event: Event) -> dict:
    return {
        "id": event.id, "doc_id": event.doc_id, "type": event.type.value, "sub_type": event.sub_type,
        "acled_sub_type": ACLED_SUB_TYPE.get(event.sub_type, event.sub_type), "cameo": CAMEO[event.sub_type],
        "date_start": _iso(event.date_start), "date_end": _iso(event.date_end),
        "date_precision": event.date_precision.value, "date_text": event.date_text,
        "certainty": event.certainty.value, "actors": list(event.actors),
        "quantities": [{"what": q.what, "value": q.value, "qualifier": q.qualifier, "text": q.text}
                       for q in event.quantities],
        "sources": list(event.sources), "doc_ids": list(event.doc_ids), "source_count": event.source_count,
        "quote": event.quote,
        "locations": [location_json(loc) for loc in event.locations],
    }


def result_json(result: ParseResult) -> dict:
    """One document's result: `{"id", "published", "mentions": [...], "events": [...]}`."""
    doc = result.document
    return {
        "id": doc.id,
        "published": doc.published.isoformat() if doc.published else None,
        "mentions": [mention_json(r) for r in result.resolutions],
        "events": [event_json(e) for e in result.events],
    }
