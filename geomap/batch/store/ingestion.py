"""Ingesting documents into a store: each one added, replacing the stored version of its content or
place, or skipped because its content is stored already (`planning`, in the engine's feeder thread);
parsed only when added or replaced, and written by this thread in transactions of `BATCH_DOCUMENTS`
documents, so a killed ingest keeps what it finished."""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from gazetteer import Gazetteer
from geomap.batch.digest import digest_to_json
from geomap.batch.engine import run
from geomap.batch.store.batches import Batches
from geomap.batch.store.connection import check_path, open_store, writer_lock
from geomap.batch.store.failures import FailureLog
from geomap.batch.store.identity import SourceCache, parse_salt
from geomap.batch.store.known import KnownDocuments
from geomap.batch.store.planning import Plan, Planner
from geomap.batch.store.sqlite_errors import sqlite_errors
from geomap.records import Digest, Document, Failure

BATCH_DOCUMENTS = 500  # documents per transaction: a killed ingest loses at most this many

Parse = Callable[[Iterator[Document | Failure]], Iterator[Digest | Failure]]  # the engine, configured


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did with the documents it was given."""

    added: int
    updated: int
    unchanged: int  # stored already, from this file
    failures: int
    duplicates: int = 0  # the same content is stored from another file or under another id: not added


def ingest(items: Iterable[Document | Failure], path: Path, gazetteer: Gazetteer, engine: str = "local",
           workers: int = 1, scheduler: str | None = None) -> IngestReport:
    """Add new and changed documents to the store at `path` (created when missing), parsing only those.

    A document whose content is stored already is skipped (`unchanged` from the same file, else
    `duplicates`); a changed document of a stored file replaces it under its stored id; others are added
    (an id stored from another file gets the newcomer's file name: `report@report.txt`). The failures of
    every file read replace the ones stored for it. Writes are committed every `BATCH_DOCUMENTS`
    documents; concurrent ingests take turns."""
    path = check_path(path, must_exist=False)
    parse = partial(run, engine=engine, workers=workers, scheduler=scheduler)
    with writer_lock(path), closing(open_store(path, write=True)) as db, sqlite_errors(path):
        batches = Batches(db, BATCH_DOCUMENTS)
        try:
            report = _ingest(db, batches, items, parse_salt(gazetteer), parse)
            batches.commit()
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    return report


def _ingest(db: sqlite3.Connection, batches: Batches, items: Iterable[Document | Failure], salt: str,
            parse: Parse) -> IngestReport:
    """Plan the items (in the engine's feeder thread), parse them, and write each result as it comes."""
    sources, failures = SourceCache(), FailureLog(db)
    planner = Planner(KnownDocuments(db, salt), salt, sources, failures)
    writer = _DocumentWriter(batches)
    for result in parse(planner.todo(items)):
        plan = planner.plans.popleft()
        writer.delete(planner.stale)
        if isinstance(result, Failure):
            failures.record(sources.source_of(result.file), result)
        else:
            writer.write(result, plan)
    writer.delete(planner.stale)
    failures.write(batches)
    skips = planner.skips
    return IngestReport(writer.added, writer.updated + skips["superseded"], skips["unchanged"], failures.count,
                        skips["duplicates"])


class _DocumentWriter:
    """Writes the parsed documents as their plans say, and counts them."""

    def __init__(self, batches: Batches) -> None:
        self.batches = batches
        self.added = self.updated = 0

    def write(self, result: Digest, plan: Plan) -> None:
        doc = result.document
        row = (doc.file, plan.hash, _digest_json(result), plan.source, plan.key, plan.content, doc.id)
        if plan.replace:
            self.updated += 1
            self.batches.execute("UPDATE documents SET file = ?, hash = ?, digest = ?, source = ?, key = ?, "
                                 "content = ? WHERE id = ?", row)
        else:
            self.added += 1
            self.batches.execute("INSERT INTO documents (file, hash, digest, source, key, content, id) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        self.batches.document_done()

    def delete(self, stale: deque[str]) -> None:
        """Delete the rows the planner found superseded so far."""
        while stale:
            self.batches.execute("DELETE FROM documents WHERE id = ?", (stale.popleft(),))


def _digest_json(d: Digest) -> str:
    return json.dumps(digest_to_json(d), ensure_ascii=False, sort_keys=True)
