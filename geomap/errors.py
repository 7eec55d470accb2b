"""One error root for geomap; subclasses also inherit the matching built-in."""

from __future__ import annotations


class GeomapError(Exception):
    """Base class of every error geomap raises."""


class InputError(GeomapError, ValueError):
    """An input that cannot be used as given; the message names the file/line and the fix."""


class StageError(GeomapError, RuntimeError):
    """A pipeline stage failed on one document; names the stage and the document."""

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        super().__init__(f"stage '{stage}' failed on document {doc_id!r}: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.doc_id = doc_id
