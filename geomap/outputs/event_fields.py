"""An event's canonical fields, as JSON values: every output shape of an event (the `geomap parse` JSON, the
store, the GeoJSON exports, the map's data) is built from these, so each value is converted in one place.

Dates are ISO text (`iso_date`), enums their values, tuples lists, `where_prec` an int; each location carries
its place's id, name, point and country, so that a shape needs nothing but these fields.
"""

from __future__ import annotations

from datetime import date

from geomap.records import Event, EventLocation, Quantity


def iso_date(day: date | None) -> str | None:
    """The date as YYYY-MM-DD; None when there is none."""
    return day.isoformat() if day else None


def quantity_fields(quantity: Quantity) -> dict:
    return {"what": quantity.what, "value": quantity.value, "qualifier": quantity.qualifier, "text": quantity.text}


def location_fields(loc: EventLocation) -> dict:
    """One place of an event: the place (id, name, point, GeoNames id, country, kind), the words that named
    it, its role, UCDP's `where_prec` (`precision`) and the note on where it came from."""
    place = loc.place
    return {"place_id": place.id, "name": loc.name, "place_name": place.name, "role": loc.role.value,
            "precision": int(loc.precision), "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid,
            "note": loc.note, "country_code": place.country_code, "kind": place.kind.value}


def event_fields(event: Event) -> dict:
    """Every field of the event, as JSON values, under the names of the `geomap parse` JSON."""
    return {
        "id": event.id, "doc_id": event.doc_id, "type": event.type.value, "sub_type": event.sub_type,
        "date_start": iso_date(event.date_start), "date_end": iso_date(event.date_end),
        "date_precision": event.date_precision.value, "date_text": event.date_text,
        "certainty": event.certainty.value, "actors": list(event.actors),
        "quantities": [quantity_fields(q) for q in event.quantities],
        "sources": list(event.sources), "doc_ids": list(event.doc_ids), "merged_ids": list(event.merged_ids),
        "source_count": event.source_count, "quote": event.quote, "quote_start": event.quote_start,
        "quote_end": event.quote_end,
        "locations": [location_fields(loc) for loc in event.locations],
    }
