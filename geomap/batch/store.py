"""The incremental situation store: one SQLite file that grows by upserts.

Why SQLite (standard library) rather than DuckDB with its spatial extension: the extension is fetched
from the network on first use, which breaks geomap's offline rule, and the store needs no spatial query:
it keeps each document's Digest (events, located places, counts) as JSON. Corroboration across documents
happens when the map is built, so a new report of an old event merges with it then. Spatial output
(GeoPackage, GeoJSON) is written by the build, as for any other run.

What makes two documents the same:
- Its *content* is the identity of a stored document: a SHA-256 of its text, date, title, URL and
  source (`content_key`). A document whose content is stored already is not added again, whatever path
  or id it arrives under: re-ingesting a file by another path (relative or absolute, `./F`, a symlink)
  changes nothing, and a copy of a file in another folder, or a report that two feeds carry, is counted
  as a duplicate rather than doubling its events. Ids are not part of it because they embed the path
  (`reports/kyiv` in a folder, `kyiv` when the file is named).
- Its *place* says which stored document a changed one replaces: the file's resolved path, and for files
  that hold many documents (.jsonl, .json, feeds) the id the file gives it. A replaced document keeps its
  stored id, so its event ids stay stable.
- A stored document is parsed again when geomap's or the gazetteer's version changed (`hash`).

- `ingest`: new documents are added, changed ones replaced, unchanged ones skipped, committed every
  `BATCH_DOCUMENTS` documents, so a killed ingest keeps what it finished and running it again completes
  it. Failures are kept per file and replaced when the file is read again. A document taken out of its
  file stays stored until `remove_documents` removes it. Ingests (and removals) into one store take
  turns through a lock file beside it (`situation.db.lock`).
- `load`: every stored Digest in ingestion order, and every stored failure.
- `list_documents`, `remove_documents`: what a user needs to find a document and take it out.

The schema version is SQLite's `user_version` (a store from a newer geomap is refused with the fix);
`application_id` marks the file as a geomap store. Stores of schema 0 (before versioning) are upgraded
in place when opened for writing, their relative paths resolved against the current folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from filelock import FileLock

from gazetteer import Gazetteer, UnknownPlaceError
from geomap.batch.digest import digest_from_json, digest_to_json, shared
from geomap.batch.engine import run
from geomap.errors import GeomapError
from geomap.records import Digest, Document, Failure
from geomap.text.formats import HTML_SUFFIXES
from geomap.text.ids import base_id, unique_id
from geomap.text.ingest import TEXT_SUFFIXES

SCHEMA_VERSION = 1
APPLICATION_ID = 0x67656F6D  # "geom": tells a geomap store from other SQLite files (a GeoPackage is "GPKG")
BATCH_DOCUMENTS = 500  # documents per transaction: a killed ingest loses at most this many
BUSY_TIMEOUT_S = 60  # how long a reader waits for an ingest's commit
ONE_DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES  # files that hold exactly one document
NOT_A_STORE_FIX = "give the file that `geomap ingest --store` wrote, or a new file name to start a store"

_CREATE = f"""
BEGIN;
CREATE TABLE documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,                 -- the path as the ingest was given it
    hash TEXT NOT NULL,                 -- content and versions: parsed again when it changes
    digest TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',    -- the file's resolved path
    key TEXT NOT NULL DEFAULT '',       -- which document of that file ('' when it holds one)
    content TEXT                        -- content_key; NULL for rows of schema 0 until read again
);
CREATE TABLE failures (
    file TEXT NOT NULL,
    line INTEGER NOT NULL,  -- 0 when the failure has no line
    reason TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (file, line, reason)
);
CREATE UNIQUE INDEX documents_content ON documents (content);
CREATE INDEX documents_source ON documents (source, key);
CREATE INDEX failures_source ON failures (source);
PRAGMA user_version = {SCHEMA_VERSION};
PRAGMA application_id = {APPLICATION_ID};
COMMIT;
"""
_UPGRADE_FROM_0 = f"""
ALTER TABLE documents ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN key TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN content TEXT;
ALTER TABLE failures ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX documents_content ON documents (content);
CREATE INDEX documents_source ON documents (source, key);
CREATE INDEX failures_source ON failures (source);
PRAGMA user_version = {SCHEMA_VERSION};
PRAGMA application_id = {APPLICATION_ID};
"""


@dataclass(frozen=True, slots=True)
class IngestReport:
    added: int
    updated: int
    unchanged: int  # stored already, from this file
    failures: int
    duplicates: int = 0  # the same content is stored from another file or under another id: not added


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One stored document as `geomap store list` shows it."""

    id: str
    title: str | None
    published: date | None
    file: str


@dataclass(frozen=True, slots=True)
class RemoveReport:
    removed: tuple[str, ...]  # ids removed
    missing: tuple[str, ...]  # ids asked for that the store does not hold
    failures: int  # failures removed with the last document of their file


def _geomap_version() -> str:
    try:
        return version("geomap")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dev"


def content_key(doc: Document) -> str:
    """The document's identity in the store: a SHA-256 of its text, date, title, URL and source.

    Encoded as a JSON list, so no text (which is hostile data) can shift one field into the next and
    collide with another document; lone surrogates are hashed as they are."""
    fields = [doc.text, doc.published.isoformat() if doc.published else None, doc.title, doc.url, doc.source]
    data = json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def _parse_hash(content: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}\x1f{content}".encode()).hexdigest()


def _source(file: str) -> str:
    """The file's resolved path: the same file by any path (relative, `./F`, a symlink) is one source."""
    return str(Path(file).resolve()) if file else ""


def _key(doc_id: str, file: str) -> str:
    """Which document of its file: '' for a file that holds one, else the id the file gives it, without
    the `@name` (`~n`) that read_inputs or the store append to tell same-named documents apart."""
    if file and Path(file).suffix.lower() in ONE_DOCUMENT_SUFFIXES:
        return ""
    return base_id(doc_id, file)


# --- opening a store ------------------------------------------------------------------------------


def _store_error(path: Path, exc: sqlite3.DatabaseError) -> GeomapError:
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
def _sqlite_errors(path: Path) -> Iterator[None]:
    """SQLite's errors about the file as GeomapErrors; errors of geomap's own SQL stay bugs."""
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
        raise
    except sqlite3.DatabaseError as exc:
        if not exc.sqlite_errorname:
            raise
        raise _store_error(path, exc) from None


def _writable(path: Path) -> bool:
    """Whether this process may write the store and its folder (SQLite needs both to roll back a journal)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_path(path: Path, *, must_exist: bool) -> Path:
    path = Path(path)
    if path.is_dir():
        raise GeomapError(f"--store {path} is a folder; give a file path such as situation.db")
    if must_exist and not path.is_file():
        raise GeomapError(f"no store at {path}; create it with `geomap ingest INPUT ... --store {path}`")
    return path


@contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
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


def _open(path: Path, *, write: bool) -> sqlite3.Connection:
    """A connection to the store at `path`, its schema checked (and created or upgraded when `write`).

    Reads open the file read-write when allowed, so that SQLite rolls back what an interrupted ingest
    left (a hot journal) instead of refusing the file."""
    mode = "rwc" if write else ("rw" if _writable(path) else "ro")
    with _sqlite_errors(path):
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            db.isolation_level = None  # transactions by hand
            _check_schema(db, path, write)
        except BaseException:
            db.close()
            raise
    return db


def _check_schema(db: sqlite3.Connection, path: Path, write: bool) -> None:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    schema = db.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    ours = {"documents", "failures"} <= tables
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables and not ours):
        raise GeomapError(f"{path} is not a geomap store (an SQLite database of another kind, application id "
                          f"{app_id:#x}, tables {', '.join(sorted(tables)) or 'none'}); {NOT_A_STORE_FIX}")
    if schema > SCHEMA_VERSION:
        raise GeomapError(f"store {path} was written by a newer geomap (schema {schema}, this one reads "
                          f"{SCHEMA_VERSION}); upgrade geomap")
    if not tables:
        if not write:
            raise GeomapError(f"{path} is not a geomap store (it holds no documents table); {NOT_A_STORE_FIX}")
        db.executescript(_CREATE)
    elif not ours:
        raise GeomapError(f"{path} is not a geomap store (no documents table); {NOT_A_STORE_FIX}")
    elif schema < SCHEMA_VERSION and write:
        _upgrade_from_0(db)


def _upgrade_from_0(db: sqlite3.Connection) -> None:
    """Schema 0 -> 1: the resolved path and key of each document and failure (content stays unknown)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] == 0:  # not upgraded while we waited
            for statement in filter(str.strip, _UPGRADE_FROM_0.split(";")):
                db.execute(statement)
            rows = db.execute("SELECT id, file FROM documents").fetchall()
            db.executemany("UPDATE documents SET source = ?, key = ? WHERE id = ?",
                           [(_source(file), _key(doc_id, file), doc_id) for doc_id, file in rows])
            files = [row[0] for row in db.execute("SELECT DISTINCT file FROM failures")]
            db.executemany("UPDATE failures SET source = ? WHERE file = ?", [(_source(f), f) for f in files])
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


# --- ingest ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    content: str | None
    place: tuple[str, str]  # (source, key)
    current: bool  # parsed by this geomap and gazetteer


class _Known:
    """What the store holds, in memory: the engine reads the documents in another thread, which may not
    use the SQLite connection. About 0.5 KB a document (49 MB for 100,000)."""

    def __init__(self, db: sqlite3.Connection, salt: str) -> None:
        self.rows: dict[str, _Row] = {}
        self.by_content: dict[str, str] = {}
        self.by_place: dict[tuple[str, str], str] = {}
        sources: dict[str, str] = {}  # one string per file, not one per document
        for doc_id, content, source, key, h in db.execute("SELECT id, content, source, key, hash FROM documents"):
            place = (sources.setdefault(source, source), key)
            self.claim(doc_id, content, place, content is not None and h == _parse_hash(content, salt))

    def claim(self, doc_id: str, content: str | None, place: tuple[str, str], current: bool) -> None:
        self.forget(doc_id)
        self.rows[doc_id] = _Row(content, place, current)
        if content is not None:
            self.by_content[content] = doc_id
        self.by_place[place] = doc_id

    def forget(self, doc_id: str) -> None:
        old = self.rows.pop(doc_id, None)
        if old is not None:
            if self.by_content.get(old.content) == doc_id:
                del self.by_content[old.content]
            if self.by_place.get(old.place) == doc_id:
                del self.by_place[old.place]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What to do with a document once parsed: add it, or replace the stored row with its id."""

    replace: bool
    hash: str
    content: str
    source: str
    key: str


class _Batches:
    """Writes grouped into transactions of `size` documents."""

    def __init__(self, db: sqlite3.Connection, size: int) -> None:
        self.db, self.size, self.pending = db, size, 0

    def execute(self, sql: str, params: Sequence = ()) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
        self.db.execute(sql, params)

    def document_done(self) -> None:
        self.pending += 1
        if self.pending >= self.size:
            self.commit()

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.pending = 0


def ingest(items: Iterable[Document | Failure], path: Path, gazetteer: Gazetteer, engine: str = "local",
           workers: int = 1, scheduler: str | None = None) -> IngestReport:
    """Add new and changed documents to the store at `path` (created when missing), parsing only those.

    A document whose content is stored already is skipped (`unchanged` from the same file, else
    `duplicates`); a changed document of a stored file replaces it under its stored id; others are added
    (an id stored from another file gets the newcomer's file name: `report@report.txt`). The failures of
    every file read replace the ones stored for it. Writes are committed every `BATCH_DOCUMENTS`
    documents; concurrent ingests take turns."""
    path = _check_path(path, must_exist=False)
    salt = f"geomap {_geomap_version()}; gazetteer {gazetteer.fingerprint}"
    with _writer_lock(path), closing(_open(path, write=True)) as db, _sqlite_errors(path):
        batches = _Batches(db, BATCH_DOCUMENTS)
        try:
            report = _ingest(db, batches, items, salt, engine, workers, scheduler)
            batches.commit()
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    return report


def _ingest(db: sqlite3.Connection, batches: _Batches, items: Iterable[Document | Failure], salt: str,
            engine: str, workers: int, scheduler: str | None) -> IngestReport:
    known = _Known(db, salt)
    old_failures: dict[str, set] = {}
    for source, line, reason in db.execute("SELECT source, line, reason FROM failures"):
        old_failures.setdefault(source, set()).add((line, reason))
    new_failures: dict[str, dict[tuple[int, str], str]] = {}  # source -> (line, reason) -> file as given
    counts = {"added": 0, "updated": 0, "failures": 0}  # counted by this thread
    skips = {"unchanged": 0, "duplicates": 0, "superseded": 0}  # counted by the engine's feeder thread
    plans: deque[_Plan | None] = deque()  # one per item handed to the engine, which keeps their order
    stale: deque[str] = deque()  # ids of rows whose file now holds a document stored from elsewhere
    last = [("", "")]  # the last file and its source: a jsonl file's documents resolve its path once

    def source_of(file: str) -> str:  # called from both threads: the pair is replaced as one tuple
        seen, source = last[0]
        if file != seen:
            source = _storable(_source(file))  # a symlink may lead to a name that is not UTF-8
            last[0] = (file, source)
        return source

    def own_id(doc: Document) -> Document:
        doc_id = unique_id(doc.id, doc.file, known.rows)
        return doc if doc_id == doc.id else replace(doc, id=doc_id)

    def todo() -> Iterator[Document | Failure]:  # runs in the engine's feeder thread: no SQLite here
        for item in items:
            if isinstance(item, Document):
                item = plan(item)
                if item is None:
                    continue
            else:
                plans.append(None)
            yield item

    def plan(doc: Document) -> Document | Failure | None:
        problem = _unstorable(doc)
        if problem:
            plans.append(None)
            return Failure(doc.file or doc.id, doc.line, problem)
        source = source_of(doc.file)
        new_failures.setdefault(source, {})  # read in this run: its stored failures are replaced
        place, content = (source, _key(doc.id, doc.file)), content_key(doc)
        same_content, same_place = known.by_content.get(content), known.by_place.get(place)
        superseded = same_place is not None and same_content is not None and same_place != same_content
        if superseded:  # this file's stored version is replaced by content stored from elsewhere
            stale.append(same_place)
            known.forget(same_place)
        if same_content is not None and known.rows[same_content].current:
            same_file = known.rows[same_content].place[0] == source
            skips["superseded" if superseded else "unchanged" if same_file else "duplicates"] += 1
            return None
        target = same_content or same_place
        doc = own_id(doc) if target is None else replace(doc, id=target)
        known.claim(doc.id, content, place, True)
        plans.append(_Plan(target is not None, _parse_hash(content, salt), content, source, place[1]))
        return doc

    def record_failure(failure: Failure) -> None:
        counts["failures"] += 1
        file, reason = _storable(failure.file), _storable(failure.reason)
        new_failures.setdefault(source_of(failure.file), {}).setdefault((failure.line or 0, reason), file)

    for result in run(todo(), engine, workers, scheduler):
        item_plan = plans.popleft()
        while stale:
            batches.execute("DELETE FROM documents WHERE id = ?", (stale.popleft(),))
        if isinstance(result, Failure):
            record_failure(result)
            continue
        doc = result.document
        row = (doc.file, item_plan.hash, _digest_json(result), item_plan.source, item_plan.key, item_plan.content,
               doc.id)
        if item_plan.replace:
            counts["updated"] += 1
            batches.execute("UPDATE documents SET file = ?, hash = ?, digest = ?, source = ?, key = ?, content = ? "
                            "WHERE id = ?", row)
        else:
            counts["added"] += 1
            batches.execute("INSERT INTO documents (file, hash, digest, source, key, content, id) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        batches.document_done()
    while stale:
        batches.execute("DELETE FROM documents WHERE id = ?", (stale.popleft(),))
    for source, failures in new_failures.items():  # written only when they changed: re-ingesting writes nothing
        if set(failures) != old_failures.get(source, set()):
            batches.execute("DELETE FROM failures WHERE source = ?", (source,))
            for (line, reason), file in sorted(failures.items()):
                batches.execute("INSERT OR IGNORE INTO failures VALUES (?, ?, ?, ?)", (file, line, reason, source))
    return IngestReport(counts["added"], counts["updated"] + skips["superseded"], skips["unchanged"],
                        counts["failures"], skips["duplicates"])


def _digest_json(d: Digest) -> str:
    return json.dumps(digest_to_json(d), ensure_ascii=False, sort_keys=True)


def _unstorable(doc: Document) -> str | None:
    """Why the document cannot be stored as UTF-8 text, if it cannot: a lone surrogate is no character."""
    if not _is_utf8(doc.file):
        return "the file name is not valid UTF-8; rename the file"
    if not all(_is_utf8(value) for value in (doc.id, doc.text, doc.title, doc.url, doc.source) if value):
        return ("the id, text or metadata holds a lone UTF-16 surrogate (such as \\ud800), which is no "
                "character; fix the input's encoding")
    return None


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _storable(text: str) -> str:
    """Text SQLite can hold: a lone surrogate (a file name that is not UTF-8) written as `\\udcff`."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# --- reading --------------------------------------------------------------------------------------


def load(path: Path, gazetteer: Gazetteer) -> tuple[list[Digest], list[Failure]]:
    """Every stored document's Digest, in the order they were first ingested, and the stored failures.

    What an interrupted ingest left is rolled back first (SQLite does so on opening), when the store may
    be written; otherwise the error says how to recover it."""
    path = _check_path(path, must_exist=True)
    with closing(_open(path, write=False)) as db, _sqlite_errors(path):
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
    path = _check_path(path, must_exist=True)
    with closing(_open(path, write=False)) as db, _sqlite_errors(path):
        rows = db.execute("SELECT id, json_extract(digest, '$.document.title'), "
                          "json_extract(digest, '$.document.published'), file FROM documents ORDER BY seq")
        return [StoredDocument(doc_id, title, date.fromisoformat(published) if published else None, file)
                for doc_id, title, published, file in rows]


def remove_documents(path: Path, ids: Iterable[str]) -> RemoveReport:
    """Take the documents with these ids out of the store, and the failures of their files when no
    document of a file is left. Ingesting the file again adds them back."""
    path = _check_path(path, must_exist=True)
    wanted = list(dict.fromkeys(ids))
    with _writer_lock(path), closing(_open(path, write=True)) as db, _sqlite_errors(path):
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


def fingerprint(path: Path) -> str:
    """A hash of the store's content (documents and failures), for tests and for users to compare stores."""
    path = _check_path(path, must_exist=True)
    with closing(_open(path, write=False)) as db, _sqlite_errors(path):
        h = hashlib.sha256()
        for row in db.execute("SELECT id, hash, digest FROM documents ORDER BY seq"):
            h.update("\x1e".join(row).encode("utf-8"))
        for row in db.execute("SELECT file, line, reason FROM failures ORDER BY 1, 2, 3"):
            h.update("\x1e".join(map(str, row)).encode("utf-8"))
    return h.hexdigest()
