"""Ingesting documents into a store: each one added, replacing the stored version of its place, or
skipped because its content is stored already; parsed only when added or replaced, and written in
transactions of `BATCH_DOCUMENTS` documents, so a killed ingest keeps what it finished."""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from gazetteer import Gazetteer
from geomap.batch.digest import digest_to_json
from geomap.batch.engine import run
from geomap.batch.store.connection import check_path, open_store, writer_lock
from geomap.batch.store.identity import content_key, document_key, parse_hash, parse_salt, resolved_source
from geomap.batch.store.known import KnownDocuments
from geomap.batch.store.sqlite_errors import sqlite_errors
from geomap.records import Digest, Document, Failure
from geomap.text.ids import unique_id

BATCH_DOCUMENTS = 500  # documents per transaction: a killed ingest loses at most this many


@dataclass(frozen=True, slots=True)
class IngestReport:
    added: int
    updated: int
    unchanged: int  # stored already, from this file
    failures: int
    duplicates: int = 0  # the same content is stored from another file or under another id: not added


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
    path = check_path(path, must_exist=False)
    salt = parse_salt(gazetteer)
    with writer_lock(path), closing(open_store(path, write=True)) as db, sqlite_errors(path):
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
    known = KnownDocuments(db, salt)
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
            source = _storable(resolved_source(file))  # a symlink may lead to a name that is not UTF-8
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
        place, content = (source, document_key(doc.id, doc.file)), content_key(doc)
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
        plans.append(_Plan(target is not None, parse_hash(content, salt), content, source, place[1]))
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
