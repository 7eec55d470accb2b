"""What SQLite's errors about a store's file mean for its user, and how to fix the problem."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geomap.errors import GeomapError

NOT_A_STORE_FIX = "give the file that `geomap ingest --store` wrote, or a new file name to start a store"


def store_error(path: Path, exc: sqlite3.DatabaseError) -> GeomapError:
    """What an SQLite error means for the user of the store at `path`, and what to do."""
    name = exc.sqlite_errorname or ""
    if name == "SQLITE_NOTADB":
        return GeomapError(f"{path} is not a geomap store (not an SQLite database); {NOT_A_STORE_FIX}")
    if name.startswith("SQLITE_CORRUPT"):
        return GeomapError(f"{path} is damaged ({exc}); restore it from a backup, or move it aside and "
                           f"ingest the documents again: geomap ingest INPUT ... --store {path}")
    if name in ("SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY"):  # a hot journal, or a WAL to replay
        return GeomapError(f"{path} holds an ingest that was interrupted, which this process cannot roll back "
                           f"because it may only read the store; run `geomap ingest` again on it to recover "
                           f"(as a user who may write {path} and its folder)")
    if name.startswith("SQLITE_READONLY"):
        return GeomapError(f"{path} is read-only ({exc}); give a store this user may write, with its folder")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return GeomapError(f"{path}: the store is busy ({exc}); another geomap is writing it, try again")
    if name == "SQLITE_FULL":
        return GeomapError(f"{path}: the disk is full; free some space and run `geomap ingest` again (the "
                           f"documents committed so far are kept)")
    if name.startswith("SQLITE_CANTOPEN"):
        return GeomapError(f"cannot open the store {path} ({exc}); check that the file and its folder exist "
                           f"and this user may read and write them")
    return GeomapError(f"{path}: SQLite failed ({exc}, {name}); if it happens again, move the store aside "
                       f"and ingest the documents into a new one")


@contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """SQLite's errors about the file as GeomapErrors; errors of geomap's own SQL stay bugs."""
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
        raise
    except sqlite3.DatabaseError as exc:
        if not exc.sqlite_errorname:
            raise
        raise store_error(path, exc) from None
