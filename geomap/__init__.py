"""geomap: news reports in, situation map and GIS exports out, offline."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from os import PathLike
from pathlib import Path

import gazetteer as gazetteer_package
from geomap.batch.build import BuildResult, build
from geomap.errors import GeomapError, InputError, Origin, StageError
from geomap.pipeline import parse, parse_document, parse_or_failure
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
from geomap.text.documents import parse_date
from geomap.text.ingest import read_file


def parse_file(path: str | PathLike[str], published: date | str | None = None) -> Iterator[ParseResult | Failure]:
    """Parse every document of one file, read as `geomap build` reads it (by its suffix: .txt/.md, .html,
    .json, .jsonl, an .xml/.rss/.atom feed), in order: a ParseResult per document, a Failure for each part
    that could not be read or parsed. `published` overrides every document's date.

    `results = list(geomap.parse_file("feed.xml"))`; `geomap parse FILE` prints the same results."""
    if isinstance(published, str):
        published = parse_date(published, Origin("published"))
    gaz = gazetteer_package.open()
    for item in read_file(Path(path)):
        if isinstance(item, Failure):
            yield item
            continue
        if published is not None:
            item = replace(item, published=published)
        yield parse_or_failure(item, gaz)  # as in a build; under --debug a stage's own error stops


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
    "parse_file",
    "read_events",
]
