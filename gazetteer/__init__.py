"""Offline world gazetteer: places, names and shapes. Knows nothing about news."""

from __future__ import annotations

from functools import lru_cache

from gazetteer.errors import (
    CacheWarning,
    GazetteerError,
    InvalidPlaceError,
    InvalidQueryError,
    SourceDataError,
    UnknownPlaceError,
)
from gazetteer.lookup import Gazetteer, open_gazetteer
from gazetteer.records import Candidate, Place, PlaceKind

__all__ = [
    "CacheWarning", "Candidate", "Gazetteer", "GazetteerError", "InvalidPlaceError", "InvalidQueryError", "Place",
    "PlaceKind", "SourceDataError", "UnknownPlaceError", "open",
]


@lru_cache(maxsize=1)
def _shared() -> Gazetteer:
    return open_gazetteer()


def open() -> Gazetteer:  # noqa: A001 - the public name the issue fixes: gazetteer.open()
    """The process-wide gazetteer (loaded once, built into the cache on first use)."""
    return _shared()
