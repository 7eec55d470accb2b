"""The map's data: GeoJSON features for events (one per event and place), places, regions and movements.

Properties are short-keyed and hold raw text: they travel in the page's data block (geomap.outputs.map_data),
which no document text can close, and the page's script (assets/geomap_map.js) escapes every string when it
builds a popup.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import shapely
import shapely.geometry

from geomap.events.vocabulary import sub_type_label
from geomap.outputs.event_fields import event_fields, iso_date
from geomap.outputs.geojson import REGION_KINDS, geojson_position
from geomap.places.geometry import precision_of
from geomap.records import Document, Event, EventType, LocationRole, PlaceLink, WherePrecision

DEFAULT_TITLE = "geomap situation map"
REGION_TOLERANCE_DEG = 0.02  # about 2 km: region outlines are for reading, not for analysis
ARROW_HEAD_SHARE = 0.12  # of the arrow's length
ARROW_HEAD_MAX_KM = 250.0  # visible at the zoom that shows a long deployment
ARROW_HEAD_ANGLE_DEG = 25.0
KM_PER_DEG = 111.32


def _event_properties(event: dict, loc: dict) -> dict:
    """The short-keyed properties of one event at one place, from `event_fields` and its location's fields;
    no date is "" here. Titles and links are in `document_table`, once per document."""
    return {
        "id": event["id"], "t": event["type"], "st": sub_type_label(event["sub_type"]),
        "d0": event["date_start"] or "", "d1": event["date_end"] or "", "dp": event["date_precision"],
        "c": event["certainty"], "a": "; ".join(event["actors"]),
        "q": "; ".join(q["text"] for q in event["quantities"]), "s": "; ".join(event["sources"]),
        "quote": event["quote"], "hl": sorted({location["name"] for location in event["locations"]}),
        "pl": loc["place_name"], "r": loc["role"], "p": loc["precision"], "n": loc["note"] or "",
        "sc": event["source_count"], "docs": event["doc_ids"] or [event["doc_id"]],
    }


def document_table(events: Sequence[Event], documents: Mapping[str, Document]) -> dict[str, list[str]]:
    """doc id -> [title, url] for every document an event cites (kept once, not per event)."""
    table = {}
    for event in events:
        for doc_id in event.doc_ids or (event.doc_id,):
            doc = documents.get(doc_id)
            table[doc_id] = [(doc.title if doc else "") or "", (doc.url if doc else "") or ""]
    return dict(sorted(table.items()))


def event_markers_by_type(events: Sequence[Event]) -> dict[EventType, list[dict]]:
    """Point features per event type: one per event and where/destination place (an origin is drawn as the
    tail of the movement arrow instead)."""
    out: dict[EventType, list[dict]] = {}
    for event in events:
        fields = event_fields(event)
        for loc in fields["locations"]:
            if loc["role"] == LocationRole.ORIGIN:
                continue
            out.setdefault(event.type, []).append({
                "type": "Feature", "id": f"{event.id}@{loc['place_id']}",
                "geometry": {"type": "Point", "coordinates": geojson_position(loc["lat"], loc["lon"])},
                "properties": _event_properties(fields, loc),
            })
    return out


def place_markers(links: Sequence[PlaceLink], events: Sequence[Event]) -> list[dict]:
    """A Point feature per place used as a location, with its events by date."""
    by_id = {e.id: e for e in events}
    features = []
    for link in links:
        listed = [by_id[i] for i in link.event_ids if i in by_id]
        listed.sort(key=lambda e: (iso_date(e.date_start) or "9999", e.id))
        features.append({
            "type": "Feature", "id": link.place.id,
            "geometry": {"type": "Point", "coordinates": geojson_position(link.place.lat, link.place.lon)},
            "properties": {"name": link.place.name, "kind": link.place.kind.value, "cc": link.place.country_code,
                           "mentions": link.mentions, "docs": len(link.doc_ids), "events": len(listed),
                           "ev": [[iso_date(e.date_start) or "", sub_type_label(e.sub_type)] for e in listed]},
        })
    return features


def region_outlines(events: Sequence[Event], geometry) -> list[dict]:
    """Outlines of the admin units, informal and directional regions that events are placed in, coarsest
    first so that smaller areas are drawn (and clicked) on top. `geometry(place_id)`: a shapely shape."""
    seen: dict[str, tuple[int, dict]] = {}
    for event in events:
        for loc in event.locations:
            place = loc.place
            if place.kind not in REGION_KINDS or place.id in seen:
                continue
            shape = geometry(place.id)
            if shape is None or shape.geom_type not in ("Polygon", "MultiPolygon"):
                continue
            shape = shapely.simplify(shape, REGION_TOLERANCE_DEG, preserve_topology=True)
            # where_prec: a vague area 5, an admin unit 4 (a district is drawn like a province, solid)
            precision = int(max(precision_of(place), WherePrecision.ADMIN1))
            seen[place.id] = (precision, {
                "type": "Feature", "id": place.id, "geometry": shapely.geometry.mapping(shape),
                "properties": {"name": place.name, "kind": place.kind.value, "p": precision},
            })
    return [feature for _, feature in sorted(seen.values(), key=lambda pf: (-pf[0], pf[1]["id"]))]


def _arrow_head(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]] | None:
    """Two barbs at `b` pointing back toward `a`, as (lat, lon) points: barb, tip, barb. Worked out in a
    local equirectangular frame (km), plenty for drawing."""
    scale = math.cos(math.radians((a[0] + b[0]) / 2))
    dx, dy = (b[1] - a[1]) * scale * KM_PER_DEG, (b[0] - a[0]) * KM_PER_DEG
    length = math.hypot(dx, dy)
    if length < 1e-6:
        return None
    head = min(length * ARROW_HEAD_SHARE, ARROW_HEAD_MAX_KM)
    back = math.atan2(-dy, -dx)
    barbs = []
    for turn in (ARROW_HEAD_ANGLE_DEG, -ARROW_HEAD_ANGLE_DEG):
        angle = back + math.radians(turn)
        barbs.append((b[0] + head * math.sin(angle) / KM_PER_DEG,
                      b[1] + head * math.cos(angle) / (KM_PER_DEG * max(scale, 1e-6))))
    return [barbs[0], b, barbs[1]]


def movement_arrows(events: Sequence[Event]) -> list[dict]:
    """An arrow (shaft and head, one MultiLineString) from each origin to each destination of a movement."""
    features = []
    for event in events:
        fields = event_fields(event)
        origins = [loc for loc in fields["locations"] if loc["role"] == LocationRole.ORIGIN]
        targets = [loc for loc in fields["locations"] if loc["role"] == LocationRole.DESTINATION]
        for start in origins:
            for end in targets:
                a, b = (start["lat"], start["lon"]), (end["lat"], end["lon"])
                head = _arrow_head(a, b)
                if head is None:
                    continue
                properties = _event_properties(fields, end)
                properties["from"] = start["place_name"]
                features.append({
                    "type": "Feature", "id": f"{event.id}:{start['place_id']}>{end['place_id']}",
                    "geometry": {"type": "MultiLineString", "coordinates": [
                        [geojson_position(*a), geojson_position(*b)], [geojson_position(*p) for p in head]]},
                    "properties": properties,
                })
    return features
