"""One error root for the gazetteer; subclasses also inherit the matching built-in."""

from __future__ import annotations


class GazetteerError(Exception):
    """Base class of every error the gazetteer raises."""


class UnknownPlaceError(GazetteerError, KeyError):
    """A place id that the index does not hold."""

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return str(self.args[0]) if self.args else ""


class InvalidQueryError(GazetteerError, ValueError):
    """A query or option that cannot be answered as given (empty name, bad country code ...)."""


class InvalidPlaceError(GazetteerError, ValueError):
    """A place record that cannot be a place (a latitude outside -90..90, say)."""


class SourceDataError(GazetteerError, ValueError):
    """A data file the index is built from says something impossible; the message names the file, the
    entry and how to fix it. Every lookup needs the index, so this stops whatever needed it."""


class CacheError(GazetteerError, ValueError):
    """An index file in the cache that cannot be used (another type, older sources): it is rebuilt, with a
    CacheWarning, and never reaches a caller."""


class CacheWarning(UserWarning):
    """The on-disk index was unusable and has been rebuilt."""
