"""Exports: RFC 7946 GeoJSON of events and places, failures as JSON lines, the run report.

All files are written atomically and are byte-identical for identical input (sorted, no timestamps).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

from gazetteer import PlaceKind
from gazetteer.atomic import write_chunks_atomic, write_text_atomic
from geomap.events.vocabulary import CAMEO
from geomap.outputs.event_fields import event_fields, iso_date
from geomap.records import Document, DocumentStatus, Event, Failure, PlaceLink, RunReport

COORDINATE_DECIMALS = 6  # about 0.1 m; RFC 7946 recommends not exceeding what the data supports
# the kinds of place whose outlines are exported (regions.geojson) and drawn on the map
REGION_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION, PlaceKind.DIRECTIONAL})


def geojson_position(lat: float, lon: float) -> list[float]:
    """The only place lat/lon become a GeoJSON position, which is [lon, lat] (RFC 7946 section 3.1.1)."""
    return [round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS)]


def _point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": geojson_position(lat, lon)}


def feature_collection(features: list[dict]) -> dict:
    """A GeoJSON FeatureCollection of `features`."""
    return {"type": "FeatureCollection", "features": features}


def _feature_collection_text(features: list[dict]) -> Iterator[str]:
    """The FeatureCollection's JSON text in pieces, one feature at a time: the same bytes as
    `json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"`
    without building the whole string (a 100,000-document build writes 50 MB of events)."""
    if not features:
        yield '{\n "type": "FeatureCollection",\n "features": []\n}\n'
        return
    yield '{\n "type": "FeatureCollection",\n "features": [\n'
    for i, feature in enumerate(features):
        text = json.dumps(feature, ensure_ascii=False, indent=1)
        yield ("" if i == 0 else ",\n") + "  " + text.replace("\n", "\n  ")
    yield "\n ]\n}\n"


def _join(items) -> str:
    return "; ".join(str(i) for i in items)


def _event_export_properties(event: dict, loc: dict, doc: Document | None) -> dict:
    """The flat properties of one event at one place, from `event_fields` and its location's fields."""
    return {
        "event_id": event["id"], "type": event["type"], "sub_type": event["sub_type"],
        "cameo": CAMEO[event["sub_type"]], "date_start": event["date_start"], "date_end": event["date_end"],
        "date_precision": event["date_precision"], "date_text": event["date_text"],
        "certainty": event["certainty"], "actors": _join(event["actors"]),
        "quantities": _join(f"{q['what']}: {q['value']} ({q['qualifier']})" for q in event["quantities"]),
        "sources": _join(event["sources"]), "source_count": event["source_count"],
        "doc_ids": _join(event["doc_ids"]), "place_id": loc["place_id"], "place_name": loc["place_name"],
        "mention": loc["name"], "location_role": loc["role"], "where_prec": loc["precision"],
        "location_note": loc["note"], "precision": loc["kind"], "country_code": loc["country_code"],
        "quote": event["quote"], "doc_id": event["doc_id"],
        "doc_title": doc.title if doc else None, "doc_url": doc.url if doc else None,
        "published": iso_date(doc.published) if doc else None, "language": doc.language if doc else None,
    }


def export_event_features(events: Iterable[Event], documents: Mapping[str, Document]) -> list[dict]:
    """One Point feature per event and location (an event in two places is two rows, as GIS expects).

    Properties are flat (strings, numbers, dates as ISO text) so that QGIS, ArcGIS and GeoPackage take
    them as columns; lists are joined with "; ". `precision` names the kind of place.
    """
    features = []
    for event in events:
        fields = event_fields(event)
        doc = documents.get(event.doc_id)
        for loc in fields["locations"]:
            features.append({"type": "Feature", "id": f"{event.id}@{loc['place_id']}",
                             "geometry": _point(loc["lat"], loc["lon"]),
                             "properties": _event_export_properties(fields, loc, doc)})
    return features


def export_place_features(links: Sequence[PlaceLink]) -> list[dict]:
    """One Point feature per resolved place, with how often and where it was mentioned."""
    return [
        {
            "type": "Feature",
            "id": link.place.id,
            "geometry": _point(link.place.lat, link.place.lon),
            "properties": {
                "place_id": link.place.id,
                "name": link.place.name,
                "kind": link.place.kind.value,
                "country_code": link.place.country_code,
                "geonameid": link.place.geonameid,
                "population": link.place.population,
                "mentions": link.mentions,
                "names": "; ".join(link.names),
                "documents": len(link.doc_ids),
                "doc_ids": "; ".join(link.doc_ids),
                "events": len(link.event_ids),
                "event_ids": "; ".join(link.event_ids),
            },
        }
        for link in links
    ]


def write_feature_collection(path: Path, features: list[dict]) -> int:
    """Write the features as one FeatureCollection, streamed and atomically; how many were written."""
    write_chunks_atomic(path, _feature_collection_text(features))
    return len(features)


def write_failures(path: Path, failures: Sequence[Failure]) -> None:
    """One JSON line per unusable input: `{"file", "line", "reason"}` (an empty file when all were used)."""
    write_text_atomic(path, "".join(json.dumps(asdict(f), ensure_ascii=False) + "\n" for f in failures))


def status_json(status: DocumentStatus) -> dict:
    """One document's line of report.json: where it came from, what it is (title, date, URL, language, the
    length of its text), what was found in it, and its warnings. `unresolved` counts the mentions whose
    resolution has no place."""
    return {
        "doc_id": status.doc_id, "file": status.file, "line": status.line, "title": status.title,
        "published": iso_date(status.published), "url": status.url, "language": status.language,
        "text_chars": status.text_chars, "mentions": status.mentions, "resolved": status.resolved,
        "unresolved": status.unresolved, "events": status.events, "warnings": list(status.warnings),
    }


def write_report(path: Path, report: RunReport, outputs: Mapping[str, str] | None = None) -> None:
    """Every input accounted for: documents (`status_json`), failures, files skipped in folders; and
    `outputs`, the SHA-256 of each other file the same build wrote (geomap.outputs.staging.check_outputs)."""
    data = {
        "documents": [status_json(d) for d in report.documents],
        "failures": [asdict(f) for f in report.failures],
        "skipped_files": list(report.skipped_files),
    }
    if outputs is not None:
        data["outputs"] = dict(sorted(outputs.items()))
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
