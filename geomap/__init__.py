"""geomap: news reports in, situation map and GIS exports out, offline."""

from __future__ import annotations

from geomap.batch.build import BuildResult, build
from geomap.errors import GeomapError, InputError, StageError
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

_LAZY = {"read_events": "geomap.outputs.gis"}


def __getattr__(name: str):
    """`geomap.read_events` loads the GIS libraries on first use, so that `geomap parse` starts without them
    (`geomap.build` does the same inside)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")


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
