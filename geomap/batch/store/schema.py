"""The store's tables: created in a new file, checked on every opening, upgraded from older schemas."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from geomap.batch.store.identity import document_key, resolved_source
from geomap.batch.store.sqlite_errors import NOT_A_STORE_FIX
from geomap.errors import GeomapError

SCHEMA_VERSION = 1
APPLICATION_ID = 0x67656F6D  # "geom": tells a geomap store from other SQLite files (a GeoPackage is "GPKG")

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


def check_schema(db: sqlite3.Connection, path: Path, write: bool) -> None:
    """Refuse a file that is no geomap store or is of a newer schema; when `write`, create the tables in
    an empty file and upgrade an older schema."""
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
                           [(resolved_source(file), document_key(doc_id, file), doc_id) for doc_id, file in rows])
            files = [row[0] for row in db.execute("SELECT DISTINCT file FROM failures")]
            db.executemany("UPDATE failures SET source = ? WHERE file = ?",
                           [(resolved_source(f), f) for f in files])
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
