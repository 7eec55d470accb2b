"""geomap: news reports in, situation map and GIS exports out, offline."""

from __future__ import annotations

from geomap.build import BuildResult, build
from geomap.errors import GeomapError, InputError, StageError
from geomap.gis_export import read_events
from geomap.pipeline import parse, parse_document
from geomap.records import (
    Certainty,
    DatePrecision,
    Document,
    Event,
    EventLocation,
    EventType,
    Failure,
    LocationRole,
    Mention,
    MentionRole,
    ParseResult,
    Quantity,
    Resolution,
    RunReport,
)

__all__ = [
    "BuildResult",
    "Certainty",
    "DatePrecision",
    "Document",
    "Event",
    "EventLocation",
    "EventType",
    "Failure",
    "GeomapError",
    "InputError",
    "LocationRole",
    "Mention",
    "MentionRole",
    "ParseResult",
    "Quantity",
    "Resolution",
    "RunReport",
    "StageError",
    "build",
    "parse",
    "parse_document",
    "read_events",
]
