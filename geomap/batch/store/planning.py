"""What becomes of each document before it is parsed: skipped (its content is stored and current), added,
or replacing the stored document of its content or of its place (file and key).

The planner runs in the engine's feeder thread, which may not use the SQLite connection: it decides from
the in-memory KnownDocuments and hands the main thread one plan per item, in the order the engine keeps,
and the ids of rows to delete."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from geomap.batch.store.failures import FailureLog
from geomap.batch.store.identity import SourceCache, content_key, document_key, parse_hash
from geomap.batch.store.known import KnownDocuments, KnownRow
from geomap.batch.store.utf8 import unstorable
from geomap.records import Document, Failure
from geomap.text.ids import unique_id


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do with a document once parsed: add it, or replace the stored row with its id."""

    replace: bool
    hash: str
    content: str
    source: str
    key: str


class Planner:
    """Plans the documents of one ingest and counts the ones it skips."""

    def __init__(self, known: KnownDocuments, salt: str, sources: SourceCache, failures: FailureLog) -> None:
        self.known, self.salt, self.sources, self.failures = known, salt, sources, failures
        self.plans: deque[Plan | None] = deque()  # one per item handed to the engine, which keeps their order
        self.stale: deque[str] = deque()  # ids of rows whose file now holds a document stored from elsewhere
        self.skips = {"unchanged": 0, "duplicates": 0, "superseded": 0}  # counted by the engine's feeder thread

    def todo(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        """The items the engine is to parse, each with its plan queued (None for a failure)."""
        for item in items:  # runs in the engine's feeder thread: no SQLite here
            if isinstance(item, Document):
                item = self._plan(item)
                if item is None:
                    continue
            else:
                self.plans.append(None)
            yield item

    def _plan(self, doc: Document) -> Document | Failure | None:
        """The document to parse, under the id it is stored by; a Failure when it cannot be stored; None
        when its content is stored and current."""
        problem = unstorable(doc)
        if problem:
            self.plans.append(None)
            return Failure(doc.file or doc.id, doc.line, problem)
        source = self.sources.source_of(doc.file)
        self.failures.file_read(source)
        place, content = (source, document_key(doc.id, doc.file)), content_key(doc)
        same_content, same_place = self.known.by_content.get(content), self.known.by_place.get(place)
        superseded = self._supersede(same_content, same_place)
        if same_content is not None and self.known.rows[same_content].current:
            self._count_skip(self.known.rows[same_content], source, superseded)
            return None
        target = same_content or same_place
        doc = self._own_id(doc) if target is None else replace(doc, id=target)
        self.known.claim(doc.id, content, place, True)
        self.plans.append(Plan(target is not None, parse_hash(content, self.salt), content, source, place[1]))
        return doc

    def _supersede(self, same_content: str | None, same_place: str | None) -> bool:
        """Whether this file's stored version (`same_place`) is replaced by content stored from elsewhere
        (`same_content`); if so, its row is queued for deletion."""
        if same_place is None or same_content is None or same_place == same_content:
            return False
        self.stale.append(same_place)
        self.known.forget(same_place)
        return True

    def _count_skip(self, stored: KnownRow, source: str, superseded: bool) -> None:
        if superseded:
            self.skips["superseded"] += 1
        elif stored.place[0] == source:
            self.skips["unchanged"] += 1
        else:
            self.skips["duplicates"] += 1

    def _own_id(self, doc: Document) -> Document:
        """The document under an id no stored document has (`report@report.txt` when `report` is taken)."""
        doc_id = unique_id(doc.id, doc.file, self.known.rows)
        return doc if doc_id == doc.id else replace(doc, id=doc_id)
