"""Input formats beyond plain text and JSON lines: HTML pages, JSON files, RSS/Atom feeds, YAML front
matter, and text in encodings other than UTF-8.

Each reader returns Documents or raises InputError with the fix; readers of many documents (JSON arrays,
feeds) yield a Failure per bad item so that one bad item costs nothing else. Libraries do the parsing:
trafilatura (main text of a page, boilerplate dropped, title/date/URL from its metadata), feedparser
(RSS and Atom), PyYAML (front matter), charset-normalizer (encodings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from geomap.errors import InputError
from geomap.records import Document, Failure

HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
BINARY_CONTROL_SHARE = 0.05  # more control bytes than this in the first 4 KB: not a text file


def decode(data: bytes, where: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the encoding charset-normalizer detects.

    A file with NUL bytes or many control characters is binary, whatever its name, and is refused."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark
        try:
            return _newlines(data.decode("utf-16").lstrip("\ufeff"))
        except UnicodeDecodeError:
            raise InputError(f"{where}: broken UTF-16 text; save the file as UTF-8") from None
    if b"\x00" in head or (head and len(_CONTROL.findall(head)) / len(head) > BINARY_CONTROL_SHARE):
        raise InputError(f"{where}: a binary file, not text; give geomap text, HTML, JSON or a feed")
    try:
        return _newlines(data.decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        line = data[:first_bad].count(b"\n") + 1
        raise InputError(f"{where}:{line}: not UTF-8 and no other text encoding fits (byte {first_bad}); "
                         f"save the file as UTF-8")
    return _newlines(str(best).lstrip("\ufeff"))


def _newlines(text: str) -> str:
    """Windows and old Mac line ends as "\n": document offsets count one character per line end."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def front_matter(text: str, where: str) -> tuple[dict, str]:
    """YAML front matter (`---` ... `---`) as a dict, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        raise InputError(f"{where}:{line}: the front matter is not valid YAML; write `key: value` lines "
                         f"between two `---` lines") from None
    except ValueError as exc:  # YAML that parses but names an impossible date ("date: 2024-02-30")
        raise InputError(f"{where}:2: the front matter has an impossible value ({exc}); dates are YYYY-MM-DD") \
            from None
    if not isinstance(meta, dict):
        raise InputError(f"{where}:2: the front matter must be `key: value` lines (date, title, url, source)")
    return meta, text[match.end():]


def meta_date(value: object, where: str) -> date | None:
    """A front matter or feed date: a date, a datetime, or an ISO string (time cut off)."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"{where}: date {text!r} is not YYYY-MM-DD") from None


def meta_text(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


def html_document(data: bytes, doc_id: str, file: str) -> Document:
    """The main text of a web page, without navigation, footers and the like (trafilatura)."""
    import trafilatura

    page = decode(data, file)
    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    text = extracted.text if extracted is not None else None
    if not text or not text.strip():
        raise InputError(f"{file}: no article text found in the page; save the article itself, or paste its "
                         f"text into a .txt file")
    text = re.sub(r"\n+", "\n\n", text.strip()) + "\n"  # paragraphs apart, headings not run into sentences
    published = meta_date(extracted.date, file) if extracted.date else None
    return Document(id=doc_id, text=text, published=published, title=extracted.title or None,
                    url=extracted.url or None, source=extracted.sitename or None, file=file)


def json_documents(data: bytes, name: str, document_from_json) -> Iterator[Document | Failure]:
    """A .json file: one document object, or a list of them (each like a JSONL line)."""
    try:
        parsed = json.loads(decode(data, name))
    except json.JSONDecodeError as exc:
        yield Failure(name, exc.lineno, f"invalid JSON ({exc.msg} at column {exc.colno})")
        return
    except RecursionError:
        yield Failure(name, None, "JSON nested too deeply to read; give one object or a list of objects")
        return
    except InputError as exc:
        yield Failure(name, None, str(exc).removeprefix(f"{name}: "))
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records, start=1):
        try:
            yield document_from_json(record, name, None, item=index if isinstance(parsed, list) else None)
        except InputError as exc:
            yield Failure(name, None, str(exc).removeprefix(f"{name}: "))


def feed_documents(data: bytes, name: str) -> Iterator[Document | Failure]:
    """Each entry of an RSS or Atom feed: its content (or summary) as text, its link, title and date."""
    import feedparser
    import lxml.etree
    import lxml.html

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        reason = f"not an RSS or Atom feed ({problem})" if problem else "a feed with no entries"
        yield Failure(name, None, f"{reason}; give .xml/.rss/.atom files that are feeds")
        return
    source = feed.feed.get("title")
    for index, entry in enumerate(feed.entries, start=1):
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
        try:
            text = lxml.html.fromstring(body).text_content().strip() if body and body.strip() else ""
        except (lxml.etree.ParserError, ValueError):  # only a comment, or an XML declaration with an encoding
            text = ""
        if not text:
            yield Failure(name, None, f"entry {index} has no text (no content or summary)")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
        doc_id = str(entry.get("id") or entry.get("link") or f"{Path(name).stem}#{index}")
        yield Document(id=doc_id, text=text + "\n", published=published, title=entry.get("title"),
                       url=entry.get("link"), source=source, file=name, line=None)
