"""Input formats beyond plain text and JSON lines: HTML pages, JSON files, RSS/Atom feeds, YAML front
matter, and text in encodings other than UTF-8; and `new_document`, the one constructor every reader uses.

Each reader returns Documents or raises InputError with the fix; readers of many documents (JSON arrays,
feeds) yield a Failure per bad item so that one bad item costs nothing else. Libraries do the parsing:
trafilatura (main text of a page, boilerplate dropped, title/date/URL from its metadata), feedparser
(RSS and Atom), PyYAML (front matter), charset-normalizer (encodings).

Document text is hostile data. Every bound comes from `geomap.limits` and is checked before the library
that would suffer from it runs: JSON nesting before `json.loads` recurses, the attributes of an HTML
element before libxml2 builds them (quadratic time), front matter size and shape before PyYAML composes it
(an alias bomb expands only when composed; here the first anchor or alias is refused).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from array import array
from collections.abc import Iterator
from datetime import date
from itertools import accumulate
from pathlib import Path
from urllib.parse import urlsplit

from geomap.errors import InputError, Origin
from geomap.events.dates import FIRST_YEAR, LAST_YEAR
from geomap.limits import Limits, current
from geomap.records import Document, Failure

HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WEB_SCHEMES = ("http", "https")
FRONT_MATTER_KEYS = ("date", "title", "url", "source", "id")  # the keys geomap reads
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
BINARY_CONTROL_SHARE = 0.05  # more control bytes than this in the first 4 KB: not a text file
# Controls that Python counts as white space (vertical tab, form feed, the information separators, NEL)
# become a space rather than nothing, so that the words on either side stay apart.
_SPACING_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
# A JSON string, or an unterminated one up to the end: matched from its first quote only, so the scan is
# linear even for a run of escaped quotes.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_JSON_BRACKETS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes
_NOT_JSON_BRACKETS = bytes(b for b in range(256) if b not in b"[{]}")


def over_limit(name: str, found: str, fix: str) -> str:
    """The reason for an input beyond limit `name`: what was found, the limit, and how to get past it."""
    return (f"{found}, more than {getattr(current(), name):,} (limit {name}); {fix}, or set "
            f"{Limits.variable(name)} higher")


@functools.cache
def _invisible():
    """Every format character (category Cf: soft hyphen, zero-width joiner and space, BOM, bidi controls),
    every lone surrogate (Cs: half of a UTF-16 pair, not a character, and no UTF-8 file can hold one) and
    every C0/C1 control character except \\n and \\t. The `regex` package knows the Unicode categories,
    so the class compiles in under a millisecond (a table built from unicodedata took 0.3 s per process)."""
    import regex

    return regex.compile(r"[\p{Cf}\p{Cs}[\p{Cc}--[\n\t]]]+", regex.V1)


def clean_text(value: str) -> str:
    """Text as geomap reads it: Unicode NFKC, line ends as \\n, no format or control characters.

    NFKC (compatibility composition) because news text arrives in presentation forms that mean the same
    letters: full-width digits and letters (U+FF10-U+FF5A, common in East Asian sources) become ASCII, so
    dates, numbers and the gazetteer's names match; ligatures split (U+FB01 "fi" -> "f" "i"); accents
    compose with their letters; superscripts become digits. Format characters (category Cf) are invisible
    and split words: "Khar\\u00adkiv" (a soft hyphen) reads as Kharkiv; bidi overrides (U+202E) would
    reorder what a reader sees. Control characters (NUL included) and lone surrogates are not text; the
    controls Python counts as white space become a space. Normalising again after a removal keeps the
    function idempotent (a removed joiner may have kept an accent from composing)."""
    text = unicodedata.normalize("NFKC", value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.replace("\n", "").replace("\t", "").isprintable():  # no format or control character: most text
        return text
    text = _SPACING_CONTROLS.sub(" ", text)
    stripped = _invisible().sub("", text)
    return unicodedata.normalize("NFKC", stripped) if len(stripped) != len(text) else text


def clean_offset(text: str, offset: int) -> int:
    """Where character offset `offset` of `text` falls in `clean_text(text)`: for offsets written against
    the text as it was (an annotated corpus), since cleaning may shorten or lengthen it."""
    return len(clean_text(text[:offset]))


def web_url(value: object) -> str | None:
    """`value` as a document's link when it is an http or https address (any case, white space around and
    tabs or line ends inside removed, as browsers do); anything else (javascript:, data:, file:,
    vbscript:, relative paths) is no link: None."""
    if not isinstance(value, str):
        return None
    url = re.sub(r"[\t\n]", "", clean_text(value)).strip()
    try:
        scheme = urlsplit(url).scheme
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return url if scheme.lower() in WEB_SCHEMES else None


def checked_date(day: date, origin: Origin) -> date:
    """A publication date, refused outside FIRST_YEAR..LAST_YEAR: a mistyped year would date every event
    of the document relative to it, so the document fails with the fix instead of being misdated."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise origin.error(f"the publication date {day.isoformat()} is outside {FIRST_YEAR}-{LAST_YEAR}; "
                           f"give the day the document was published (YYYY-MM-DD), or leave the date out")
    return day


def new_document(doc_id: str, text: str, *, published: date | None = None, title: str | None = None,
                 url: str | None = None, source: str | None = None, file: str = "", line: int | None = None,
                 origin: Origin | None = None) -> Document:
    """The one way geomap builds a Document from input: text, title, source and id cleaned (`clean_text`),
    the url kept only when it is a web address (`web_url`), the text within max_document_chars and the
    publication date within FIRST_YEAR..LAST_YEAR. Errors name `origin` (default: the file and line, or
    the id when there is no file)."""
    origin = origin or (Origin(file, line) if line else Origin(file or doc_id))
    limit = current().max_document_chars
    if len(text) > limit:
        raise origin.error(over_limit("max_document_chars", f"the text has {len(text):,} characters",
                                      "split the document"))
    text = clean_text(text)
    if len(text) > limit:  # NFKC lengthens some characters (a ligature, a fraction)
        raise origin.error(over_limit("max_document_chars", f"the text has {len(text):,} characters "
                                      "once normalised", "split the document"))
    clean_id = clean_text(doc_id)
    if not clean_id:
        raise origin.error(f"the id {doc_id!r} is empty once invisible characters are removed; give the "
                           f"document a visible id")
    return Document(id=clean_id, text=text, published=checked_date(published, origin) if published else None,
                    title=_clean_optional(title), url=web_url(url), source=_clean_optional(source), file=file,
                    line=line)


def _clean_optional(value: str | None) -> str | None:
    """A cleaned title or source; None when absent or nothing but invisible characters."""
    if value is None:
        return None
    return clean_text(value) or None


def decode(data: bytes, file: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the encoding charset-normalizer detects.

    A file with NUL bytes or many control characters is binary, whatever its name, and is refused."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark
        try:
            return _newlines(data.decode("utf-16").lstrip("\ufeff"))
        except UnicodeDecodeError:
            raise InputError(file, None, "broken UTF-16 text; save the file as UTF-8") from None
    if b"\x00" in head or (head and len(_CONTROL.findall(head)) / len(head) > BINARY_CONTROL_SHARE):
        raise InputError(file, None, "a binary file, not text; give geomap text, HTML, JSON or a feed")
    try:
        return _newlines(data.decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        line = data[:first_bad].count(b"\n") + 1
        raise InputError(file, line, f"not UTF-8 and no other text encoding fits (byte {first_bad}); "
                                     f"save the file as UTF-8")
    return _newlines(str(best).lstrip("\ufeff"))


def _newlines(text: str) -> str:
    """Windows and old Mac line ends as "\n": document offsets count one character per line end."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def front_matter(text: str, file: str) -> tuple[dict, str]:
    """YAML front matter (`---` ... `---`) as a dict of plain values, and the text after it.

    Only `key: value` lines are read: the keys geomap reads (FRONT_MATTER_KEYS) must hold a scalar
    (string, number, date, boolean or null); other keys may hold lists or mappings, which are skipped
    unbuilt (nested at most max_json_depth deep). Anchors and aliases are refused wherever they are, so an
    alias bomb costs one event, and the front matter may have at most max_front_matter_chars characters
    (PyYAML is pure Python here)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    source = match.group(1)
    if len(source) > current().max_front_matter_chars:
        raise InputError(file, 2, over_limit("max_front_matter_chars", f"the front matter has {len(source):,} "
                                             "characters", "keep it to `key: value` lines"))
    try:
        meta = yaml.load(source, Loader=_plain_loader()) or {}  # a SafeLoader, narrowed further
    except _NotPlain as exc:
        raise InputError(file, exc.line + 2, f"the front matter must hold plain `key: value` lines "
                                             f"({', '.join(FRONT_MATTER_KEYS)}); {exc.problem}") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        raise InputError(file, line, "the front matter is not valid YAML; write `key: value` lines between "
                                     "two `---` lines") from None
    except ValueError as exc:  # YAML that parses but names an impossible date ("date: 2024-02-30")
        raise InputError(file, 2, f"the front matter has an impossible value ({exc}); dates are YYYY-MM-DD") \
            from None
    return meta, text[match.end():]


class _NotPlain(Exception):
    """Front matter that is more than `key: value` lines; `line` counts from 0 at the first YAML line."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


@functools.cache
def _plain_loader() -> type:
    """A yaml.SafeLoader that composes only a flat mapping of scalars (see `front_matter`)."""
    import yaml

    class PlainLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            event = self.peek_event()
            _refuse_anchor(event)
            if parent is None:
                if not isinstance(event, yaml.MappingStartEvent):
                    raise _NotPlain(event.start_mark.line, "it is not a list of `key: value` lines")
            elif not isinstance(event, yaml.ScalarEvent):
                if index is None:
                    raise _NotPlain(event.start_mark.line, "a key must be a plain word")
                if str(index.value) in FRONT_MATTER_KEYS:
                    raise _NotPlain(event.start_mark.line, f"`{index.value}` holds a list or mapping, not one "
                                                           f"value")
                return self._skip_value()
            return super().compose_node(parent, index)

        def _skip_value(self):
            """Consume a list or mapping under a key geomap does not read, without building it."""
            start = self.peek_event().start_mark
            depth = 0
            limit = current().max_json_depth
            while True:
                event = self.get_event()
                _refuse_anchor(event)
                if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    depth += 1
                    if depth > limit:
                        raise _NotPlain(event.start_mark.line, over_limit(
                            "max_json_depth", f"a value nested {depth} levels deep", "flatten it"))
                elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    depth -= 1
                if depth == 0:
                    return yaml.ScalarNode("tag:yaml.org,2002:null", "", start, event.end_mark)

    return PlainLoader


def _refuse_anchor(event) -> None:
    import yaml

    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        raise _NotPlain(event.start_mark.line, f"anchors and aliases (&{event.anchor}, *{event.anchor}) are not "
                                               f"read; write each value out")


def meta_date(value: object, origin: Origin) -> date | None:
    """A front matter or feed date: a date, a datetime, or an ISO string (time cut off), within
    FIRST_YEAR..LAST_YEAR."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return checked_date(value if type(value) is date else value.date(), origin)
    text = str(value).strip()
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        raise origin.error(f"date {text!r} is not YYYY-MM-DD") from None
    return checked_date(day, origin)


def meta_text(meta: dict, key: str) -> str | None:
    """Front matter value `key` as text (numbers and dates written out), None when absent or null."""
    value = meta.get(key)
    return None if value is None else str(value)


def html_document(data: bytes, doc_id: str, file: str) -> Document:
    """The main text of a web page, without navigation, footers and the like (trafilatura).

    Pages over max_html_bytes, and pages with an element of more than max_html_attributes attributes
    (libxml2 builds them in quadratic time: 300,000 take minutes), are refused before trafilatura runs."""
    import trafilatura

    if len(data) > current().max_html_bytes:
        raise InputError(file, None, over_limit("max_html_bytes", f"the page has {len(data):,} bytes",
                                                "save the article alone"))
    page = decode(data, file)
    check_attributes(page, Origin(file))
    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    text = extracted.text if extracted is not None else None
    document = None
    if text and text.strip():
        text = re.sub(r"\n+", "\n\n", text.strip()) + "\n"  # paragraphs apart, headings not run into sentences
        published = meta_date(extracted.date, Origin(file)) if extracted.date else None
        document = new_document(doc_id, text, published=published, title=extracted.title, url=extracted.url,
                                source=extracted.sitename, file=file)
    if document is None or not document.text.strip():
        raise InputError(file, None, "no article text found in the page; save the article itself, or paste "
                                     "its text into a .txt file")
    return document


class _AttributeCount:
    """An lxml parser target that keeps only the most attributes one element has: no tree is built, so
    the count is linear where building the element is not."""

    def __init__(self) -> None:
        self.most = 0
        self.tag = ""

    def start(self, tag: str, attrib) -> None:
        if len(attrib) > self.most:
            self.most, self.tag = len(attrib), tag

    def close(self) -> tuple[int, str]:
        return self.most, self.tag


def check_attributes(html: str, origin: Origin) -> None:
    """Raise InputError when an element of `html` has more than max_html_attributes attributes (read by
    the same libxml2 tokenizer that trafilatura and lxml.html use, so no markup trick hides one)."""
    import lxml.etree

    parser = lxml.etree.HTMLParser(target=_AttributeCount())
    parser.feed(html)
    most, tag = parser.close()
    if most > current().max_html_attributes:
        raise origin.error(over_limit("max_html_attributes", f"a <{tag}> element has {most:,} attributes",
                                      "save the article's text"))


def json_depth(data: bytes | str) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), found without recursion: `json.loads`
    recurses once per level and raises RecursionError near a thousand."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    steps = array("b", _JSON_STRING.sub(b"", raw).translate(_JSON_BRACKETS, _NOT_JSON_BRACKETS))
    return max(accumulate(steps), default=0)


def json_too_deep(data: bytes | str, limit: int) -> str | None:
    """The reason a JSON text nests deeper than `limit` (max_json_depth), or None when it does not."""
    depth = json_depth(data)
    if depth <= limit:
        return None
    return over_limit("max_json_depth", f"JSON nested {depth:,} levels deep", "give flat objects")


def json_documents(data: bytes, name: str, document_from_json) -> Iterator[Document | Failure]:
    """A .json file: one document object, or a list of them (each like a JSONL line)."""
    try:
        text = decode(data, name)
    except InputError as exc:
        yield Failure(exc.file, exc.line, exc.reason)
        return
    too_deep = json_too_deep(text, current().max_json_depth)
    if too_deep:
        yield Failure(name, None, too_deep)
        return
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(name, exc.lineno, f"invalid JSON ({exc.msg} at column {exc.colno})")
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records, start=1):
        try:
            yield document_from_json(record, name, None, item=index if isinstance(parsed, list) else None)
        except InputError as exc:
            yield Failure(exc.file, exc.line, exc.reason)


def feed_documents(data: bytes, name: str) -> Iterator[Document | Failure]:
    """Each entry of an RSS or Atom feed: its content (or summary) as text, its link, title and date."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        reason = f"not an RSS or Atom feed ({problem})" if problem else "a feed with no entries"
        yield Failure(name, None, f"{reason}; give .xml/.rss/.atom files that are feeds")
        return
    source = feed.feed.get("title")
    for index, entry in enumerate(feed.entries, start=1):
        origin = Origin(name, None, f"entry {index}")
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
        try:
            text = _entry_text(body, origin)
        except InputError as exc:
            yield Failure(exc.file, exc.line, exc.reason)
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        doc_id = str(entry.get("id") or entry.get("link") or f"{Path(name).stem}#{index}")
        try:
            published = _struct_date(parsed, origin) if parsed else None
            doc = new_document(doc_id, text + "\n", published=published, title=entry.get("title"),
                               url=entry.get("link"), source=source, file=name, origin=origin)
        except InputError as exc:
            yield Failure(exc.file, exc.line, exc.reason)
            continue
        if doc.text.strip():
            yield doc
        else:
            yield Failure(name, None, f"entry {index} has no text (no content or summary)")


def _struct_date(parsed, origin: Origin) -> date:
    """A date from feedparser's time tuple (which may hold a year the calendar has not, such as 0)."""
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except ValueError:
        raise origin.error(f"the date {parsed.tm_year:04}-{parsed.tm_mon:02}-{parsed.tm_mday:02} is impossible; "
                           f"dates are YYYY-MM-DD") from None

def _entry_text(body: str | None, origin: Origin) -> str:
    """The text of a feed entry's HTML content, "" when it has none (only a comment, say)."""
    import lxml.etree
    import lxml.html

    if not body or not body.strip():
        return ""
    check_attributes(body, origin)
    try:
        return lxml.html.fromstring(body).text_content().strip()
    except (lxml.etree.ParserError, ValueError):  # only a comment, or an XML declaration with an encoding
        return ""
