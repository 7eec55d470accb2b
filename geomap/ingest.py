"""Read input documents: folders, .txt/.md files (optional `date YYYY-MM-DD` first line or YAML front
matter), .jsonl and .json, .html pages and RSS/Atom feeds (ingest_formats).

Every input ends as a `Document` or a `Failure` naming the file, the line and the fix; a bad input
never stops the good ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest_formats import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    decode,
    feed_documents,
    front_matter,
    html_document,
    json_documents,
    meta_date,
    meta_text,
)
from geomap.records import Document, Failure

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + FEED_SUFFIXES
_DATE_PREFIX = re.compile(r"[ \t]*date[ \t]+(\d[\d./-]*(?:T[\d:.+Z-]*)?)(?=\s|$)[ \t]*\n?", re.IGNORECASE)


def parse_date(value: str, where: str) -> date:
    """A `YYYY-MM-DD` date (a longer ISO timestamp is cut to its date)."""
    text = value.strip()
    try:
        return date.fromisoformat(text[:10] if re.match(r"\d{4}-\d\d-\d\dT", text) else text)
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a date; expected YYYY-MM-DD, e.g. 2024-10-27") from None


def document_from_text(raw: str, doc_id: str, file: str = "") -> Document:
    """A document from plain text that may begin with `date YYYY-MM-DD`.

    The date may stand on its own line or be followed on the same line by a caption or title. Lines up
    to the first blank line form the header (title or caption) when a body follows. The document text
    is everything after the date, so places in the header count too.
    """
    text = raw.lstrip("\ufeff")
    meta, text = front_matter(text, file or doc_id)
    if meta:
        return _document_with_meta(meta, text, doc_id, file)
    published = None
    match = _DATE_PREFIX.match(text)
    if match:
        published = parse_date(match.group(1), f"{file or doc_id}:1")
        text = text[match.end():]
    if not text.strip():
        raise InputError(f"{file or doc_id}: the document has no text; write the article after the date line")
    header, sep, body = text.strip().partition("\n\n")
    title = header.strip().splitlines()[0].strip() if sep and body.strip() else None
    return Document(id=doc_id, text=text, published=published, title=title, file=file)


def _document_with_meta(meta: dict, text: str, doc_id: str, file: str) -> Document:
    """A document whose front matter gives date, title, url and source (and perhaps an id)."""
    where = f"{file or doc_id}:2"
    if not text.strip():
        raise InputError(f"{file or doc_id}: the document has no text after its front matter")
    return Document(id=str(meta.get("id") or doc_id), text=text, published=meta_date(meta.get("date"), where),
                    title=meta_text(meta, "title"), url=meta_text(meta, "url"), source=meta_text(meta, "source"),
                    file=file)


def document_from_json(record: object, file: str, line: int | None = None, item: int | None = None) -> Document:
    """A document from one JSONL record `{"id", "text", "published"?, "title"?, "url"?, "source"?}` (or
    item `item` of a .json list)."""
    where = f"{file}:{line}" if line else (f"{file}: item {item}" if item else file)
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    text = record.get("text")
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or str(doc_id) == "":
        raise InputError(f"{where}: missing or invalid \"id\"; give each line a string id")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: missing or empty \"text\"; each line needs the article text")
    published = record.get("published")
    if published not in (None, "") and not isinstance(published, str):
        raise InputError(f"{where}: \"published\" must be a string YYYY-MM-DD")
    optional = {}
    for key in ("title", "url", "source"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: \"{key}\" must be a string")
        optional[key] = value
    return Document(id=str(doc_id), text=text, published=parse_date(published, where) if published else None,
                    file=file, line=line, **optional)


def read_text_file(path: Path, doc_id: str) -> Document:
    """One .txt/.md document (UTF-8, or the encoding charset-normalizer detects; binary files refused)."""
    return document_from_text(decode(path.read_bytes(), str(path)), doc_id, file=str(path))


def read_jsonl_lines(lines: Iterable[str | bytes], name: str) -> Iterator[Document | Failure]:
    """Documents from JSONL lines (text or bytes); a bad line becomes a Failure with its line number."""
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8").lstrip("\ufeff") if number == 1 else raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Failure(name, number, f"not UTF-8 text (byte {exc.start} of the line); save the file as UTF-8")
                continue
        else:
            line = raw
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(name, number, f"invalid JSON ({exc.msg} at column {exc.colno}); one object per line")
            continue
        try:
            doc = document_from_json(record, name, number)
        except InputError as exc:
            yield Failure(name, number, str(exc).removeprefix(f"{where}: "))
            continue
        if doc.id in seen:
            yield Failure(name, number, f"duplicate id {doc.id!r}; ids must be unique within a file")
            continue
        seen.add(doc.id)
        yield doc


def read_jsonl_file(path: Path) -> Iterator[Document | Failure]:
    """Documents of a .jsonl file; each line is decoded on its own so one bad line loses nothing else."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(str(path), None, f"cannot read file: {exc.strerror or exc}")
        return
    yield from read_jsonl_lines(data.split(b"\n"), str(path))


def _files(inputs: Iterable[Path]) -> Iterator[tuple[Path, Path | None]]:
    """(file, folder it was found in or None when named directly); folders are walked in sorted order."""
    for item in inputs:
        if item.is_dir():
            for path in sorted(item.rglob("*")):
                rel = path.relative_to(item)
                if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield path, item
        else:
            yield item, None


def read_inputs(inputs: Iterable[Path], skipped: list[str] | None = None) -> Iterator[Document | Failure]:
    """Every document in `inputs` (files or folders), in a stable order, or a Failure for each bad one.

    Inside folders, files whose suffix is not .txt/.md/.jsonl and README files are not documents: they
    are appended to `skipped`. A file named explicitly with such a suffix is a Failure. Document ids are
    unique across all inputs: a repeated id gets the name of its file appended (`kyiv@kyiv.md`).
    """
    seen: set[str] = set()
    for item in _read_all(inputs, skipped):
        if isinstance(item, Document):
            if item.id in seen:
                base = f"{item.id}@{Path(item.file).name}"
                new_id = base
                n = 1
                while new_id in seen:
                    n += 1
                    new_id = f"{base}~{n}"
                item = replace(item, id=new_id)
            seen.add(item.id)
        yield item


def _read_all(inputs: Iterable[Path], skipped: list[str] | None) -> Iterator[Document | Failure]:
    for path, folder in _files(inputs):
        suffix = path.suffix.lower()
        if folder is not None and (suffix not in SUFFIXES or path.stem.upper() == "README"):
            if skipped is not None:
                skipped.append(str(path))
            continue
        if not path.exists():
            yield Failure(str(path), None, "no such file or folder; check the path")
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path)
        elif suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
            doc_id = path.relative_to(folder).with_suffix("").as_posix() if folder else path.stem
            try:
                if suffix in HTML_SUFFIXES:
                    yield html_document(path.read_bytes(), doc_id, str(path))
                else:
                    yield read_text_file(path, doc_id)
            except (InputError, OSError) as exc:
                yield Failure(str(path), _line_of(exc), _reason(exc, path))
        elif suffix in JSON_SUFFIXES + FEED_SUFFIXES:
            try:
                data = path.read_bytes()
            except OSError as exc:
                yield Failure(str(path), None, _reason(exc, path))
                continue
            if suffix in JSON_SUFFIXES:
                yield from json_documents(data, str(path), document_from_json)
            else:
                yield from feed_documents(data, str(path))
        else:
            yield Failure(str(path), None, f"unsupported file type {suffix!r}; use .txt, .md, .jsonl, .json, "
                                           f".html or an .xml/.rss/.atom feed")


def _line_of(exc: BaseException) -> int | None:
    match = re.match(r"[^:]+:(\d+):", str(exc))
    return int(match.group(1)) if match else None


def _reason(exc: BaseException, path: Path) -> str:
    message = str(exc) if isinstance(exc, InputError) else f"cannot read file: {exc.strerror or exc}"
    return re.sub(rf"^{re.escape(str(path))}(:\d+)?: ", "", message)
