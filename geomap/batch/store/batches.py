"""Writes grouped into transactions of a number of documents: a killed ingest keeps the batches it
committed, and running it again completes it."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


class Batches:
    """Writes grouped into transactions of `size` documents."""

    def __init__(self, db: sqlite3.Connection, size: int) -> None:
        self.db, self.size, self.pending = db, size, 0

    def execute(self, sql: str, params: Sequence = ()) -> None:
        """Run a write, in the current transaction or a new one."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
        self.db.execute(sql, params)

    def document_done(self) -> None:
        """One more document written: commit when the batch is full."""
        self.pending += 1
        if self.pending >= self.size:
            self.commit()

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.pending = 0
