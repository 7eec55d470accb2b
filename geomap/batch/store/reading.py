"""Reading a store: every stored Digest and failure for a build, the documents for `geomap store list`,
and a fingerprint of the content."""

from __future__ import annotations

import hashlib
import json
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gazetteer import Gazetteer, UnknownPlaceError
from geomap.batch.digest import digest_from_json, shared
from geomap.batch.store.connection import check_path, open_store
from geomap.batch.store.sqlite_errors import sqlite_errors
from geomap.errors import GeomapError
from geomap.records import Digest, Failure


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One stored document as `geomap store list` shows it."""

    id: str
    title: str | None
    published: date | None
    file: str


def load(path: Path, gazetteer: Gazetteer) -> tuple[list[Digest], list[Failure]]:
    """Every stored document's Digest, in the order they were first ingested, and the stored failures.

    What an interrupted ingest left is rolled back first (SQLite does so on opening), when the store may
    be written; otherwise the error says how to recover it."""
    path = check_path(path, must_exist=True)
    with closing(open_store(path, write=False)) as db, sqlite_errors(path):
        places: dict = {}
        try:
            digests = [shared(digest_from_json(json.loads(row[0]), gazetteer), places)
                       for row in db.execute("SELECT digest FROM documents ORDER BY seq")]
        except UnknownPlaceError as exc:
            raise GeomapError(f"{path} was made with another gazetteer ({exc}); ingest the documents into a new "
                              f"store") from None
        failures = [Failure(file, line or None, reason) for file, line, reason in
                    db.execute("SELECT file, line, reason FROM failures ORDER BY 1, 2, 3")]
    return digests, failures


def list_documents(path: Path) -> list[StoredDocument]:
    """Every stored document's id, title, date and file, in the order they were first ingested."""
    path = check_path(path, must_exist=True)
    with closing(open_store(path, write=False)) as db, sqlite_errors(path):
        rows = db.execute("SELECT id, json_extract(digest, '$.document.title'), "
                          "json_extract(digest, '$.document.published'), file FROM documents ORDER BY seq")
        return [StoredDocument(doc_id, title, date.fromisoformat(published) if published else None, file)
                for doc_id, title, published, file in rows]


def fingerprint(path: Path) -> str:
    """A hash of the store's content (documents and failures), for tests and for users to compare stores."""
    path = check_path(path, must_exist=True)
    with closing(open_store(path, write=False)) as db, sqlite_errors(path):
        h = hashlib.sha256()
        for row in db.execute("SELECT id, hash, digest FROM documents ORDER BY seq"):
            h.update("\x1e".join(row).encode("utf-8"))
        for row in db.execute("SELECT file, line, reason FROM failures ORDER BY 1, 2, 3"):
            h.update("\x1e".join(map(str, row)).encode("utf-8"))
    return h.hexdigest()
