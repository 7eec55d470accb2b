"""Opening a store: its path checked, one writer at a time, a connection whose schema is checked."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

from geomap.batch.store.schema import check_schema
from geomap.batch.store.sqlite_errors import sqlite_errors
from geomap.errors import GeomapError

BUSY_TIMEOUT_S = 60  # how long a reader waits for an ingest's commit


def check_path(path: Path, *, must_exist: bool) -> Path:
    """`path` as a Path, refused with the fix when it is a folder or (when `must_exist`) missing."""
    path = Path(path)
    if path.is_dir():
        raise GeomapError(f"--store {path} is a folder; give a file path such as situation.db")
    if must_exist and not path.is_file():
        raise GeomapError(f"no store at {path}; create it with `geomap ingest INPUT ... --store {path}`")
    return path


@contextmanager
def writer_lock(path: Path) -> Iterator[None]:
    """One writer at a time, for the whole ingest: its batches commit one by one, and SQLite's own write
    lock, which each commit releases, would let another ingest in between with a stale view of the store."""
    lock = FileLock(path.with_name(f"{path.name}.lock"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except OSError as exc:
        raise GeomapError(f"cannot lock the store {path} ({exc.strerror}: {exc.filename}); its folder must "
                          f"exist and be writable") from None
    try:
        yield
    finally:
        lock.release()


def writable(path: Path) -> bool:
    """Whether this process may write the store and its folder (SQLite needs both to roll back a journal)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_store(path: Path, *, write: bool) -> sqlite3.Connection:
    """A connection to the store at `path`, its schema checked (and created or upgraded when `write`).

    Reads open the file read-write when allowed, so that SQLite rolls back what an interrupted ingest
    left (a hot journal) instead of refusing the file."""
    mode = "rwc" if write else ("rw" if writable(path) else "ro")
    with sqlite_errors(path):
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            db.isolation_level = None  # transactions by hand
            check_schema(db, path, write)
        except BaseException:
            db.close()
            raise
    return db
