"""Taking documents out of a store (`geomap store remove`), with the failures of files left empty."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from geomap.batch.store.connection import check_path, open_store, writer_lock
from geomap.batch.store.sqlite_errors import sqlite_errors


@dataclass(frozen=True, slots=True)
class RemoveReport:
    removed: tuple[str, ...]  # ids removed
    missing: tuple[str, ...]  # ids asked for that the store does not hold
    failures: int  # failures removed with the last document of their file


def remove_documents(path: Path, ids: Iterable[str]) -> RemoveReport:
    """Take the documents with these ids out of the store, and the failures of their files when no
    document of a file is left. Ingesting the file again adds them back."""
    path = check_path(path, must_exist=True)
    wanted = list(dict.fromkeys(ids))
    with writer_lock(path), closing(open_store(path, write=True)) as db, sqlite_errors(path):
        db.execute("BEGIN IMMEDIATE")
        try:
            removed, sources = [], set()
            for doc_id in wanted:
                row = db.execute("SELECT source FROM documents WHERE id = ?", (doc_id,)).fetchone()
                if row is not None:
                    db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
                    removed.append(doc_id)
                    sources.add(row[0])
            failures = 0
            for source in sorted(sources):
                if db.execute("SELECT 1 FROM documents WHERE source = ? LIMIT 1", (source,)).fetchone() is None:
                    failures += db.execute("DELETE FROM failures WHERE source = ?", (source,)).rowcount
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return RemoveReport(tuple(removed), tuple(i for i in wanted if i not in set(removed)), failures)
