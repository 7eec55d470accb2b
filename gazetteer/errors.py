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


class CacheWarning(UserWarning):
    """The on-disk index was unusable and has been rebuilt."""
