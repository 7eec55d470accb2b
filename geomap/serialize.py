"""The JSON shape of parse results (the `geomap parse` output); dicts live only here and in `export`."""

from __future__ import annotations

from gazetteer import Place, PlaceKind
from geomap.records import Event, ParseResult, Resolution

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


def event_json(event: Event) -> dict:
    return {
        "id": event.id, "type": event.type.value, "sub_type": event.sub_type,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_precision": event.date_precision.value, "certainty": event.certainty.value,
        "actors": list(event.actors), "quote": event.quote,
        "locations": [
            {"place_id": loc.place.id, "name": loc.name, "role": loc.role, "lat": loc.place.lat,
             "lon": loc.place.lon}
            for loc in event.locations
        ],
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
