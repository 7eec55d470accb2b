"""RSS and Atom feeds (feedparser): each entry a document, from its content or summary, link, title and
date; a bad entry is a Failure of its own and costs the others nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from geomap.errors import InputError, Origin
from geomap.records import Document, Failure
from geomap.text.documents import new_document
from geomap.text.html_pages import check_attributes


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
