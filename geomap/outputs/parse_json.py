"""The JSON shape of parse results (the `geomap parse --json` output), built from `event_fields`."""

from __future__ import annotations

from gazetteer import Place
from geomap.events.vocabulary import ACLED_SUB_TYPE, CAMEO
from geomap.outputs.event_fields import event_fields, iso_date
from geomap.records import Event, ParseResult, Resolution

_LOCATION_KEYS = ("place_id", "name", "place_name", "role", "precision", "lat", "lon", "geonameid", "note")


def place_json(place: Place) -> dict:
    """A place; `precision` names its kind (a populated place, an oblast ...)."""
    return {
        "id": place.id, "name": place.name, "kind": place.kind.value, "country_code": place.country_code,
        "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid, "precision": place.kind.value,
    }


def mention_json(resolution: Resolution) -> dict:
    m = resolution.mention
    return {
        "start": m.start, "end": m.end, "text": m.text, "role": m.role.value,
        "place": place_json(resolution.place) if resolution.place else None,
        "score": resolution.score, "reason": resolution.reason,
    }


def event_json(event: Event) -> dict:
    """The event with its ACLED sub-type and CAMEO code; `precision` of a location is UCDP's `where_prec`."""
    f = event_fields(event)
    return {
        "id": f["id"], "doc_id": f["doc_id"], "type": f["type"], "sub_type": f["sub_type"],
        "acled_sub_type": ACLED_SUB_TYPE.get(f["sub_type"], f["sub_type"]), "cameo": CAMEO[f["sub_type"]],
        "date_start": f["date_start"], "date_end": f["date_end"], "date_precision": f["date_precision"],
        "date_text": f["date_text"], "certainty": f["certainty"], "actors": f["actors"],
        "quantities": f["quantities"], "sources": f["sources"], "doc_ids": f["doc_ids"],
        "source_count": f["source_count"], "quote": f["quote"],
        "locations": [{key: loc[key] for key in _LOCATION_KEYS} for loc in f["locations"]],
    }


def result_json(result: ParseResult) -> dict:
    """One document's result: `{"id", "published", "language", "warnings", "mentions": [...], "events": [...]}`."""
    doc = result.document
    return {
        "id": doc.id,
        "published": iso_date(doc.published),
        "language": doc.language,
        "warnings": list(doc.warnings),
        "mentions": [mention_json(r) for r in result.resolutions],
        "events": [event_json(e) for e in result.events],
    }
