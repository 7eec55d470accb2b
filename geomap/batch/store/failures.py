"""The failures of the files an ingest reads: each file read replaces its stored failures, and they are
written only when they changed, so that re-ingesting the same files writes nothing."""

from __future__ import annotations

import sqlite3

from geomap.batch.store.batches import Batches
from geomap.batch.store.utf8 import storable
from geomap.records import Failure


class FailureLog:
    """The failures stored per source (resolved file path) and those found in this run."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.stored: dict[str, set[tuple[int, str]]] = {}
        for source, line, reason in db.execute("SELECT source, line, reason FROM failures"):
            self.stored.setdefault(source, set()).add((line, reason))
        self.found: dict[str, dict[tuple[int, str], str]] = {}  # source -> (line, reason) -> file as given
        self.count = 0

    def file_read(self, source: str) -> None:
        """The file is read in this run: its stored failures are replaced (by none if none is found)."""
        self.found.setdefault(source, {})

    def record(self, source: str, failure: Failure) -> None:
        """A failure of this run, of the file at `source` (stored once per line and reason)."""
        self.count += 1
        file, reason = storable(failure.file), storable(failure.reason)
        self.found.setdefault(source, {}).setdefault((failure.line or 0, reason), file)

    def write(self, batches: Batches) -> None:
        """Replace the stored failures of every file read whose failures changed."""
        for source, failures in self.found.items():
            if set(failures) != self.stored.get(source, set()):
                batches.execute("DELETE FROM failures WHERE source = ?", (source,))
                for (line, reason), file in sorted(failures.items()):
                    batches.execute("INSERT OR IGNORE INTO failures VALUES (?, ?, ?, ?)", (file, line, reason, source))
