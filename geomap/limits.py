"""Bounds on every input: how large a file or document may be, how deep a JSON value may nest, how long one
document may take. Document text is hostile data; a bound turns a hostile or careless input into one
recorded failure that names the limit, instead of a build that runs out of memory or time.

Every limit has a default that no real news document comes near and can be changed with an environment
variable (read when the limit is used, so worker processes of every engine see the same values):

| limit | default | variable |
|---|---|---|
| bytes read from one input file | 256 MB | GEOMAP_MAX_FILE_BYTES |
| characters of one document's text | 2,000,000 | GEOMAP_MAX_DOCUMENT_CHARS |
| bytes of one HTML page | 8 MB | GEOMAP_MAX_HTML_BYTES |
| attributes on one HTML element | 1,000 | GEOMAP_MAX_HTML_ATTRIBUTES |
| characters of one document's YAML front matter | 65,536 | GEOMAP_MAX_FRONT_MATTER_CHARS |
| nesting depth of one JSON value (a JSONL line, a .json file; also a front-matter value) | 64 | GEOMAP_MAX_JSON_DEPTH |
| seconds to parse one document | 60 | GEOMAP_MAX_DOCUMENT_SECONDS |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from geomap.errors import InputError

_VARIABLES = {
    "max_file_bytes": "GEOMAP_MAX_FILE_BYTES",
    "max_document_chars": "GEOMAP_MAX_DOCUMENT_CHARS",
    "max_html_bytes": "GEOMAP_MAX_HTML_BYTES",
    "max_json_depth": "GEOMAP_MAX_JSON_DEPTH",
    "max_document_seconds": "GEOMAP_MAX_DOCUMENT_SECONDS",
    "max_html_attributes": "GEOMAP_MAX_HTML_ATTRIBUTES",
    "max_front_matter_chars": "GEOMAP_MAX_FRONT_MATTER_CHARS",
}


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds in force; `current()` reads them (defaults, overridden by the environment)."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_document_chars: int = 2_000_000
    max_html_bytes: int = 8 * 1024 * 1024
    max_json_depth: int = 64
    max_document_seconds: float = 60.0
    max_html_attributes: int = 1_000  # libxml2 builds an element's attributes in quadratic time
    max_front_matter_chars: int = 65_536  # PyYAML reads about 100 KB a second

    @staticmethod
    def variable(name: str) -> str:
        """The environment variable that sets limit `name` (for error messages: how to raise it)."""
        return _VARIABLES[name]


def current() -> Limits:
    """The limits in force now: each default unless its environment variable sets a positive number."""
    values = {}
    for spec in fields(Limits):
        raw = os.environ.get(_VARIABLES[spec.name])
        if raw is None or not raw.strip():
            continue
        kind = float if spec.type in ("float", float) else int
        try:
            value = kind(raw)
        except ValueError:
            value = 0
        if value <= 0:
            raise InputError(f"{_VARIABLES[spec.name]}={raw!r} is not a positive number; unset it or give "
                             f"e.g. {_VARIABLES[spec.name]}={getattr(Limits(), spec.name)}")
        values[spec.name] = value
    return Limits(**values)


def over_limit(name: str, found: str, fix: str) -> str:
    """The reason for an input beyond limit `name`: what was found, the limit, and how to get past it."""
    return (f"{found}, more than {getattr(current(), name):,} (limit {name}); {fix}, or set "
            f"{Limits.variable(name)} higher")
