"""What makes two stored documents the same: their content, and the place (file and key) they come from;
and the hash that says when a stored document must be parsed again."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from gazetteer import Gazetteer
from geomap.batch.store.utf8 import storable
from geomap.outputs.event_fields import iso_date
from geomap.records import Document
from geomap.text.formats import HTML_SUFFIXES
from geomap.text.ids import base_id
from geomap.text.ingest import TEXT_SUFFIXES

ONE_DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES  # files that hold exactly one document


def content_key(doc: Document) -> str:
    """The document's identity in the store: a SHA-256 of its text, date, title, URL and source.

    Encoded as a JSON list, so no text (which is hostile data) can shift one field into the next and
    collide with another document; lone surrogates are hashed as they are."""
    fields = [doc.text, iso_date(doc.published), doc.title, doc.url, doc.source]
    data = json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def parse_salt(gazetteer: Gazetteer) -> str:
    """The versions a stored parse depends on: geomap's and the gazetteer's."""
    return f"geomap {_geomap_version()}; gazetteer {gazetteer.fingerprint}"


def parse_hash(content: str, salt: str) -> str:
    """The stored `hash` of a document: its content key and the versions it was parsed with."""
    return hashlib.sha256(f"{salt}\x1f{content}".encode()).hexdigest()


def resolved_source(file: str) -> str:
    """The file's resolved path: the same file by any path (relative, `./F`, a symlink) is one source."""
    return str(Path(file).resolve()) if file else ""


class SourceCache:
    """Files' resolved paths as the store writes them, the last one remembered: the documents of a jsonl
    file resolve its path once. Used from two threads: the pair is replaced as one tuple."""

    def __init__(self) -> None:
        self._last = ("", "")  # the last file and its source

    def source_of(self, file: str) -> str:
        seen, source = self._last
        if file != seen:
            source = storable(resolved_source(file))  # a symlink may lead to a name that is not UTF-8
            self._last = (file, source)
        return source


def document_key(doc_id: str, file: str) -> str:
    """Which document of its file: '' for a file that holds one, else the id the file gives it, without
    the `@name` (`~n`) that read_inputs or the store append to tell same-named documents apart."""
    if file and Path(file).suffix.lower() in ONE_DOCUMENT_SUFFIXES:
        return ""
    return base_id(doc_id, file)


def _geomap_version() -> str:
    try:
        return version("geomap")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dev"
