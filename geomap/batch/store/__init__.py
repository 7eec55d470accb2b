"""The incremental situation store: one SQLite file that grows by upserts.

Why SQLite (standard library) rather than DuckDB with its spatial extension: the extension is fetched
from the network on first use, which breaks geomap's offline rule, and the store needs no spatial query:
it keeps each document's Digest (events, located places, counts) as JSON. Corroboration across documents
happens when the map is built, so a new report of an old event merges with it then. Spatial output
(GeoPackage, GeoJSON) is written by the build, as for any other run.

What makes two documents the same (`identity`):
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

The modules, in the order a store is used:
- `connection`: the path checked, one writer at a time (a lock file beside the store,
  `situation.db.lock`), a connection whose schema is checked; `schema` creates and upgrades it;
  `sqlite_errors` says what SQLite's errors mean for the user, with the fix.
- `ingestion` (`ingest`): new documents are added, changed ones replaced, unchanged ones skipped,
  committed every `BATCH_DOCUMENTS` documents (`batches`), so a killed ingest keeps what it finished and
  running it again completes it. `planning` decides what becomes of each document, in the engine's feeder
  thread, from `known` (what the store holds, in memory: that thread may not use SQLite). `failures`:
  the failures are kept per file and replaced when the file is read again. A document taken out of its
  file stays stored until `remove_documents` removes it. `utf8`: what text SQLite can hold.
- `reading` (`load`, `list_documents`, `fingerprint`): every stored Digest in ingestion order and every
  stored failure; what a user needs to find a document.
- `removal` (`remove_documents`): take documents out.

The schema version is SQLite's `user_version` (a store from a newer geomap is refused with the fix);
`application_id` marks the file as a geomap store. Stores of schema 0 (before versioning) are upgraded
in place when opened for writing, their relative paths resolved against the current folder.
"""

from geomap.batch.store.identity import content_key
from geomap.batch.store.ingestion import BATCH_DOCUMENTS, IngestReport, ingest
from geomap.batch.store.reading import StoredDocument, fingerprint, list_documents, load
from geomap.batch.store.removal import RemoveReport, remove_documents
from geomap.batch.store.schema import APPLICATION_ID, SCHEMA_VERSION

__all__ = [
    "APPLICATION_ID",
    "BATCH_DOCUMENTS",
    "SCHEMA_VERSION",
    "IngestReport",
    "RemoveReport",
    "StoredDocument",
    "content_key",
    "fingerprint",
    "ingest",
    "list_documents",
    "load",
    "remove_documents",
]
