"""Read input documents: folders, .txt/.md files (optional `date YYYY-MM-DD` first line or YAML front
matter), .jsonl and .json, .html pages and RSS/Atom feeds, each by the reader of its suffix (`formats`).

Every input ends as a `Document` or a `Failure` naming the file, the line and the fix; a bad input
never stops the good ones. Only regular files are opened (a named pipe would block, a device never
ends), and no read takes more than the limit in force plus one byte (`geomap.limits`): whatever is
larger is a Failure naming the limit and its environment variable.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from geomap.errors import InputError, Origin
from geomap.limits import Limits, current, over_limit
from geomap.records import Document, Failure
from geomap.text.clean import clean_text
from geomap.text.decoding import decode
from geomap.text.documents import new_document, parse_date
from geomap.text.feeds import feed_documents
from geomap.text.formats import FEED_SUFFIXES, HTML_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, SUFFIXES, TEXT_SUFFIXES
from geomap.text.front_matter import front_matter, meta_date, meta_text
from geomap.text.html_pages import html_document
from geomap.text.ids import unique_id
from geomap.text.json_files import json_documents, load_json

_DATE_PREFIX = re.compile(r"[ \t]*date[ \t]+(\d[\d./-]*(?:T[\d:.+Z-]*)?)(?=\s|$)[ \t]*\n?", re.IGNORECASE)
_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def document_from_text(raw: str, doc_id: str, file: str = "") -> Document:
    """A document from plain text that may begin with `date YYYY-MM-DD`.

    The date may stand on its own line or be followed on the same line by a caption or title. Lines up
    to the first blank line form the header (title or caption) when a body follows. The document text
    is everything after the date, so places in the header count too.
    """
    where = file or doc_id
    text = raw.lstrip("\ufeff")
    meta, text = front_matter(text, where)
    if meta:
        return _document_with_meta(meta, text, doc_id, file)
    published = None
    match = _DATE_PREFIX.match(text)
    if match:
        published = parse_date(match.group(1), Origin(where, 1))
        text = text[match.end():]
    document = new_document(doc_id, text, published=published, file=file, origin=Origin(where))
    if not document.text.strip():
        raise InputError(where, None, "the document has no text; write the article after the date line")
    header, sep, body = document.text.strip().partition("\n\n")
    title = header.strip().splitlines()[0].strip() if sep and body.strip() else None
    return replace(document, title=title)  # taken from the text new_document has already cleaned


def _document_with_meta(meta: dict, text: str, doc_id: str, file: str) -> Document:
    """A document whose front matter gives date, title, url and source (and perhaps an id)."""
    where = file or doc_id
    published = meta_date(meta.get("date"), Origin(where, 2))
    document = new_document(str(meta.get("id") or doc_id), text, published=published, title=meta_text(meta, "title"),
                            url=meta_text(meta, "url"), source=meta_text(meta, "source"), file=file,
                            origin=Origin(where))
    if not document.text.strip():
        raise InputError(where, None, "the document has no text after its front matter")
    return document


def document_from_json(record: object, file: str, line: int | None = None, item: int | None = None) -> Document:
    """A document from one JSONL record `{"id", "text", "published"?, "title"?, "url"?, "source"?}` (or
    item `item` of a .json list)."""
    origin = Origin(file, line) if line else Origin(file, None, f"item {item}" if item else "")
    if not isinstance(record, dict):
        raise origin.error(f"expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    text = record.get("text")
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or str(doc_id) == "":
        raise origin.error("missing or invalid \"id\"; give each line a string id")
    if not isinstance(text, str) or not text.strip():
        raise origin.error("missing or empty \"text\"; each line needs the article text")
    published = record.get("published")
    if published not in (None, "") and not isinstance(published, str):
        raise origin.error("\"published\" must be a string YYYY-MM-DD")
    optional = {}
    for key in ("title", "url", "source"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise origin.error(f"\"{key}\" must be a string")
        optional[key] = value
    document = new_document(str(doc_id), text, published=parse_date(published, origin) if published else None,
                            file=file, line=line, origin=origin, **optional)
    if not document.text.strip():
        raise origin.error("missing or empty \"text\"; each line needs the article text")
    return document


def not_regular(path: Path) -> str | None:
    """Why `path` is no regular file geomap may open (a named pipe, a device, a link loop ...), or None
    when it is one. Links to regular files are regular files."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop; fix or remove the link"
        if exc.errno == errno.ENOENT:
            if path.is_symlink():
                return f"a symbolic link to {os.readlink(path)!r}, which does not exist; fix or remove the link"
            return "no such file or folder; check the path"
        return f"cannot read file: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "a special file")
    return f"{kind}, not a regular file; geomap reads only regular files"


def read_file_bytes(path: Path, limit_name: str = "max_file_bytes") -> bytes:
    """The bytes of regular file `path`, reading at most limit `limit_name` + 1 bytes: a larger file, or
    anything that is no regular file, raises InputError (the file is checked again once open, so a file
    swapped for a pipe in between cannot block the read)."""
    problem = not_regular(path)
    if problem:
        raise InputError(str(path), None, problem)
    limit = getattr(current(), limit_name)
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise InputError(str(path), None, "no longer a regular file; geomap reads only regular files")
        data = handle.read(limit + 1)
    if len(data) > limit:
        found = f"the file has {max(opened.st_size, len(data)):,} bytes"
        raise InputError(str(path), None, over_limit(limit_name, found, "split it"))
    return data


def read_stream_bytes(stream: BinaryIO, where: str) -> bytes:
    """All of `stream` (standard input), at most max_file_bytes; more raises InputError."""
    limit = current().max_file_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(where, None, f"the input has more than {limit:,} bytes (limit max_file_bytes); split it, "
                                      f"or set {Limits.variable('max_file_bytes')} higher")
    return data


def read_text_file(path: Path, doc_id: str) -> Document:
    """One .txt/.md document (UTF-8, or the encoding charset-normalizer detects; binary files refused)."""
    return document_from_text(decode(read_file_bytes(path), str(path)), doc_id, file=str(path))


def read_jsonl_lines(lines: Iterable[str | bytes], name: str) -> Iterator[Document | Failure]:
    """Documents from JSONL lines (text or bytes); a bad line becomes a Failure with its line number.

    A line nested deeper than max_json_depth is refused before `json.loads` would recurse into it."""
    seen: set[str] = set()
    depth_limit = current().max_json_depth
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
        record, problem, _ = load_json(line, depth_limit, fix="; one object per line")
        if problem:
            yield Failure(name, number, problem)
            continue
        try:
            doc = document_from_json(record, name, number)
        except InputError as exc:
            yield Failure(exc.file, exc.line, exc.reason)
            continue
        if doc.id in seen:
            yield Failure(name, number, f"duplicate id {doc.id!r}; ids must be unique within a file")
            continue
        seen.add(doc.id)
        yield doc


def read_jsonl_file(path: Path) -> Iterator[Document | Failure]:
    """Documents of a .jsonl file; each line is decoded on its own so one bad line loses nothing else."""
    try:
        data = read_file_bytes(path)
    except (InputError, OSError) as exc:
        yield _failure(exc, path)
        return
    yield from read_jsonl_lines(io.BytesIO(data), str(path))  # lines one at a time, not a list of them all


def _files(inputs: Iterable[Path]) -> Iterator[tuple[Path, Path | None, str | None]]:
    """(file, folder it was found in or None when named directly, why it cannot be read or None)."""
    for item in inputs:
        if item.is_dir():
            for path, problem in _folder_entries(item):
                yield path, item, problem
        else:
            yield item, None, not_regular(item)


def _folder_entries(folder: Path) -> list[tuple[Path, str | None]]:
    """Every entry under `folder` except hidden ones and the folders walked into, in sorted order, each
    with the reason it cannot be read (None for a regular file). Links to folders are not followed."""
    entries: list[tuple[Path, str | None]] = []

    def unreadable(exc: OSError) -> None:
        entries.append((Path(exc.filename), f"cannot read folder: {exc.strerror or exc}"))

    for root, folders, names in os.walk(folder, onerror=unreadable):
        base = Path(root)
        folders[:] = [name for name in folders if not name.startswith(".")]
        entries.extend((base / name, "a symbolic link to a folder, not followed; name the folder itself to read it")
                       for name in folders if (base / name).is_symlink())
        entries.extend((base / name, not_regular(base / name)) for name in names if not name.startswith("."))
    return sorted(entries, key=lambda entry: entry[0])


def read_inputs(inputs: Iterable[Path], skipped: list[str] | None = None) -> Iterator[Document | Failure]:
    """Every document in `inputs` (files or folders), in a stable order, or a Failure for each bad one.

    Inside folders, files whose suffix is not .txt/.md/.jsonl and README files are not documents: they
    are appended to `skipped`; so are named pipes, devices, broken links and link loops, as "path: reason"
    (they are never opened). A file named explicitly with such a suffix, or that is no regular file, is a
    Failure. Document ids are unique across all inputs: a repeated id gets the name of its file appended
    (`kyiv@kyiv.md`).
    """
    seen: set[str] = set()
    for item in _read_all(inputs, skipped):
        if isinstance(item, Document):
            if item.id in seen:  # ids carry no invisible characters
                item = replace(item, id=unique_id(item.id, clean_text(Path(item.file).name), seen))
            seen.add(item.id)
        yield item


def read_file(path: Path) -> Iterator[Document | Failure]:
    """The documents of one file, read exactly as `read_inputs` reads a file named on its own: by the reader
    of its suffix (a feed, a JSON list or a JSONL file gives several), a Failure for each bad part, or one
    Failure for a file that cannot be read at all. `geomap parse FILE` and `geomap.parse_file` read with it."""
    yield from read_inputs([path])


def _read_all(inputs: Iterable[Path], skipped: list[str] | None) -> Iterator[Document | Failure]:
    for path, folder, problem in _files(inputs):
        if folder is not None and path != folder and (problem or not _is_document(path)):
            if skipped is not None:
                skipped.append(f"{path}: {problem}" if problem else str(path))
        elif problem:
            yield Failure(str(path), None, problem)
        else:
            yield from _read_file(path, folder)


def _is_document(path: Path) -> bool:
    """Whether a file found in a folder is read: a suffix geomap reads, and no README."""
    return path.suffix.lower() in SUFFIXES and path.stem.upper() != "README"


def _read_file(path: Path, folder: Path | None) -> Iterator[Document | Failure]:
    """The documents of one regular file, read by its suffix's reader, or a Failure for it."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        yield Failure(str(path), None, f"unsupported file type {suffix!r}; use .txt, .md, .jsonl, .json, .html or "
                                       f"an .xml/.rss/.atom feed")
        return
    doc_id = path.relative_to(folder).with_suffix("").as_posix() if folder else path.stem
    try:
        yield from reader(path, doc_id)
    except (InputError, OSError) as exc:
        yield _failure(exc, path)


def _text_file(path: Path, doc_id: str) -> Iterator[Document]:
    yield read_text_file(path, doc_id)


def _html_file(path: Path, doc_id: str) -> Iterator[Document]:
    yield html_document(read_file_bytes(path, _html_limit()), doc_id, str(path))


def _jsonl_file(path: Path, _doc_id: str) -> Iterator[Document | Failure]:
    yield from read_jsonl_file(path)


def _json_file(path: Path, _doc_id: str) -> Iterator[Document | Failure]:
    yield from json_documents(read_file_bytes(path), str(path), document_from_json)


def _feed_file(path: Path, _doc_id: str) -> Iterator[Document | Failure]:
    yield from feed_documents(read_file_bytes(path), str(path))


# The reader of each suffix: (path, id for a file of one document) -> its documents and failures
_READERS: dict[str, Callable[[Path, str], Iterator[Document | Failure]]] = {
    **dict.fromkeys(TEXT_SUFFIXES, _text_file), **dict.fromkeys(JSONL_SUFFIXES, _jsonl_file),
    **dict.fromkeys(HTML_SUFFIXES, _html_file), **dict.fromkeys(JSON_SUFFIXES, _json_file),
    **dict.fromkeys(FEED_SUFFIXES, _feed_file),
}


def _html_limit() -> str:
    """The limit that bounds reading an HTML file: the page limit, unless the file limit is smaller."""
    limits = current()
    return "max_html_bytes" if limits.max_html_bytes < limits.max_file_bytes else "max_file_bytes"


def _failure(exc: InputError | OSError, path: Path) -> Failure:
    """The Failure of reading `path`: where and why from an InputError (a setting, which names no file,
    fails the file being read), or the system's reason the file could not be read."""
    if isinstance(exc, InputError):
        return Failure(exc.file or str(path), exc.line, exc.reason)
    return Failure(str(path), None, f"cannot read file: {exc.strerror or exc}")
