"""The incremental situation store: one SQLite file that grows by upserts.

Why SQLite (standard library) rather than DuckDB with its spatial extension: the extension is fetched
from the network on first use, which breaks geomap's offline rule, and the store needs no spatial query:
it keeps each document's Digest (events, located places, counts) as JSON keyed by the document's stable
id, with a hash of everything that could change the result (the document's text and metadata, geomap's
version and the gazetteer's build). Corroboration across documents happens when the map is built, so a
new report of an old event merges with it then. Spatial output (GeoPackage, GeoJSON) is written by the
build, as for any other run.

- `ingest`: a document whose id and hash are already stored is skipped (re-ingesting changes nothing);
  a changed one is replaced; a new one is added. Failures are kept by file and line, replaced when the
  same input succeeds later.
- `load`: every stored Digest in ingestion order, and every stored failure.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from gazetteer import Gazetteer, UnknownPlaceError
from geomap.digest import Digest, digest_from_json, digest_to_json, shared
from geomap.engine import run
from geomap.errors import GeomapError
from geomap.records import Document, Failure

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    hash TEXT NOT NULL,
    digest TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    file TEXT NOT NULL,
    line INTEGER NOT NULL,  -- 0 when the failure has no line
    reason TEXT NOT NULL,
    PRIMARY KEY (file, line, reason)
);
"""

@dataclass(frozen=True, slots=True)
class IngestReport:
    added: int
    updated: int
    unchanged: int
    failures: int


def _geomap_version() -> str:
    try:
        return version("geomap")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dev"


def content_hash(doc: Document, salt: str) -> str:
    parts = [salt, doc.id, doc.text, doc.published.isoformat() if doc.published else "", doc.title or "",
             doc.url or "", doc.source or "", doc.file, str(doc.line or "")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def connect(path: Path) -> sqlite3.Connection:
    path = Path(path)
    if path.exists() and path.is_dir():
        raise GeomapError(f"--store {path} is a folder; give a file path such as situation.db")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, timeout=60)
        db.executescript(SCHEMA)
    except sqlite3.DatabaseError as exc:
        raise GeomapError(f"{path} is not a geomap store ({exc}); give a new file name or a store made by "
                          f"`geomap ingest`") from None
    return db


def ingest(items: Iterable[Document | Failure], path: Path, gazetteer: Gazetteer, engine: str = "local",
           workers: int = 1, scheduler: str | None = None) -> IngestReport:
    """Add new and changed documents to the store at `path`, parsing only those, in one transaction.

    A document whose id is stored from another file keeps both: the newcomer's id gets its file's name
    (`report@report.txt`), as within one run. The failures of every file read in this run replace the ones
    stored for that file, so a fixed file loses its old failures. Concurrent ingests into one store take
    turns (an immediate write lock)."""
    salt = f"geomap {_geomap_version()}; gazetteer {gazetteer.fingerprint}"
    counts = {"added": 0, "updated": 0, "unchanged": 0, "failures": 0}
    with closing(connect(path)) as db:
        db.isolation_level = None  # transactions by hand: BEGIN IMMEDIATE before the first read
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise GeomapError(f"{path}: the store is busy ({exc}); another ingest is writing it, try again") from None
        try:
            _ingest(db, items, salt, counts, engine, workers, scheduler)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return IngestReport(**counts)


def _ingest(db: sqlite3.Connection, items, salt: str, counts: dict, engine: str, workers: int,
            scheduler: str | None) -> None:
    stored = {doc_id: (h, file) for doc_id, h, file in db.execute("SELECT id, hash, file FROM documents")}
    old_failures: dict[str, set] = {}
    for file, line, reason in db.execute("SELECT file, line, reason FROM failures"):
        old_failures.setdefault(file, set()).add((line, reason))
    new_failures: dict[str, set] = {}
    hashes: dict[str, str] = {}

    def own_id(doc: Document) -> Document:
        base, n, doc_id = doc.id, 1, doc.id
        while doc_id in stored and stored[doc_id][1] != doc.file:
            doc_id = f"{base}@{Path(doc.file).name}" + (f"~{n}" if n > 1 else "")
            n += 1
        return doc if doc_id == doc.id else replace(doc, id=doc_id)

    def todo() -> Iterator[Document | Failure]:  # streams: only new or changed documents are parsed
        for item in items:
            if isinstance(item, Document):
                item = own_id(item)
                new_failures.setdefault(item.file, set())
                h = content_hash(item, salt)
                if stored.get(item.id, (None,))[0] == h:
                    counts["unchanged"] += 1
                    continue
                hashes[item.id] = h
            yield item

    for result in run(todo(), engine, workers, scheduler):
        if isinstance(result, Failure):
            counts["failures"] += 1
            new_failures.setdefault(result.file, set()).add((result.line or 0, result.reason))
            continue
        doc_id = result.document.id
        payload = json.dumps(digest_to_json(result), ensure_ascii=False, sort_keys=True)
        if doc_id in stored:
            counts["updated"] += 1
            db.execute("UPDATE documents SET hash = ?, digest = ? WHERE id = ?", (hashes[doc_id], payload, doc_id))
        else:
            counts["added"] += 1
            db.execute("INSERT INTO documents (id, file, hash, digest) VALUES (?, ?, ?, ?)",
                       (doc_id, result.document.file, hashes[doc_id], payload))
        stored[doc_id] = (hashes[doc_id], result.document.file)
    for file, failures in new_failures.items():  # written only when they changed: re-ingesting writes nothing
        if failures != old_failures.get(file, set()):
            db.execute("DELETE FROM failures WHERE file = ?", (file,))
            db.executemany("INSERT INTO failures VALUES (?, ?, ?)", [(file, line, reason)
                                                                     for line, reason in sorted(failures)])


def load(path: Path, gazetteer: Gazetteer) -> tuple[list[Digest], list[Failure]]:
    """Every stored document's Digest, in the order they were first ingested, and the stored failures."""
    path = Path(path)
    if not path.is_file():
        raise GeomapError(f"no store at {path}; create it with `geomap ingest INPUT ... --store {path}`")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"documents", "failures"} <= tables:
                raise GeomapError(f"{path} is not a geomap store (no documents table); give the file that "
                                  f"`geomap ingest --store` wrote")
            places: dict = {}
            digests = [shared(digest_from_json(json.loads(row[0]), gazetteer), places)
                       for row in db.execute("SELECT digest FROM documents ORDER BY seq")]
            failures = [Failure(file, line or None, reason) for file, line, reason in
                        db.execute("SELECT file, line, reason FROM failures ORDER BY 1, 2, 3")]
    except sqlite3.DatabaseError as exc:
        raise GeomapError(f"{path} is not a geomap store ({exc}); give the file that `geomap ingest --store` "
                          f"wrote") from None
    except UnknownPlaceError as exc:
        raise GeomapError(f"{path} was made with another gazetteer ({exc}); ingest the documents into a new "
                          f"store") from None
    return digests, failures


def fingerprint(path: Path) -> str:
    """A hash of the store's content (documents and failures), for tests and for users to compare stores."""
    with closing(connect(path)) as db:
        h = hashlib.sha256()
        for row in db.execute("SELECT id, hash, digest FROM documents ORDER BY seq"):
            h.update("\x1e".join(row).encode("utf-8"))
        for row in db.execute("SELECT file, line, reason FROM failures ORDER BY 1, 2, 3"):
            h.update("\x1e".join(map(str, row)).encode("utf-8"))
    return h.hexdigest()
