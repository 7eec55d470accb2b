"""One error root for geomap; subclasses also inherit the matching built-in."""

from __future__ import annotations

import os
from dataclasses import dataclass

from gazetteer.errors import GazetteerError


class GeomapError(Exception):
    """Base class of every error geomap raises."""


USER_ERRORS: tuple[type[Exception], ...] = (GeomapError, GazetteerError)
"""The errors whose message tells a user what to fix (the gazetteer's too: a bad query, a broken data
file); the CLI prints them as one `Error: ...` line, never as a traceback."""


DEBUG_VARIABLE = "GEOMAP_DEBUG"


def debugging() -> bool:
    """Whether errors keep their traceback (`geomap --debug`, or GEOMAP_DEBUG=1 set by hand): a failing
    stage's own exception leaves `parse_document` instead of a StageError, so no engine turns it into a
    Failure, and the CLI prints tracebacks. Read from the environment on every use, so that the worker
    processes this one starts (a local pool, a local Dask cluster) see it too; on a cluster elsewhere, set
    it in the workers' environment."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


class InputError(GeomapError, ValueError):
    """An input that cannot be used as given: `file` (a path, `<stdin>`, a document id or an option such as
    `--published`), its `line` when known, and the `reason`, which says how to fix it.

    str() is what a user reads: `file:line: reason`, `file: reason`, or the reason alone when no file is
    named. `InputError(message)`, with one argument, is an input that is no file (a setting, say)."""

    def __init__(self, file: str, line: int | None = None, reason: str | None = None) -> None:
        if reason is None:  # InputError(message): no file to name
            file, reason = "", file
        super().__init__(file, line, reason)  # the args rebuild the error when it is unpickled
        self.file = file
        self.line = line
        self.reason = reason

    def __str__(self) -> str:
        if not self.file:
            return self.reason
        return f"{self.file}:{self.line}: {self.reason}" if self.line else f"{self.file}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where in the input a reader is, for the InputError it may raise: the input's name (see
    `InputError.file`), the line when known, and the part of a file of many documents ("entry 3")."""

    file: str
    line: int | None = None
    part: str = ""

    def error(self, reason: str) -> InputError:
        """The InputError for `reason` here (a part is named at the start of the reason, after the file)."""
        return InputError(self.file, self.line, f"{self.part}: {reason}" if self.part else reason)


class StageError(GeomapError, RuntimeError):
    """A pipeline stage failed on one document; names the stage and the document."""

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        super().__init__(f"stage '{stage}' failed on document {doc_id!r}: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.doc_id = doc_id
