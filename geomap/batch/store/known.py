"""What the store holds, in memory: each stored document's content, place and whether it is current.

The engine reads the documents in another thread, which may not use the SQLite connection, so the
decisions about what to parse are made from this copy. About 0.5 KB a document (49 MB for 100,000)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from geomap.batch.store.identity import parse_hash


@dataclass(slots=True)
class KnownRow:
    content: str | None
    place: tuple[str, str]  # (source, key)
    current: bool  # parsed by this geomap and gazetteer


class KnownDocuments:
    """The stored documents by id, by content and by place, kept up to date as the ingest decides."""

    def __init__(self, db: sqlite3.Connection, salt: str) -> None:
        self.rows: dict[str, KnownRow] = {}
        self.by_content: dict[str, str] = {}
        self.by_place: dict[tuple[str, str], str] = {}
        sources: dict[str, str] = {}  # one string per file, not one per document
        for doc_id, content, source, key, h in db.execute("SELECT id, content, source, key, hash FROM documents"):
            place = (sources.setdefault(source, source), key)
            self.claim(doc_id, content, place, content is not None and h == parse_hash(content, salt))

    def claim(self, doc_id: str, content: str | None, place: tuple[str, str], current: bool) -> None:
        """`doc_id` now holds this content at this place (what it held before is forgotten)."""
        self.forget(doc_id)
        self.rows[doc_id] = KnownRow(content, place, current)
        if content is not None:
            self.by_content[content] = doc_id
        self.by_place[place] = doc_id

    def forget(self, doc_id: str) -> None:
        """`doc_id` is no longer stored (its row is to be deleted, or about to be claimed again)."""
        old = self.rows.pop(doc_id, None)
        if old is not None:
            if self.by_content.get(old.content) == doc_id:
                del self.by_content[old.content]
            if self.by_place.get(old.place) == doc_id:
                del self.by_place[old.place]
