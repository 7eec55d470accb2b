"""RSS and Atom feeds (feedparser): each entry a document whose text is its headline, a blank line and its
content or summary, with its link, title and date; a bad entry is a Failure of its own and costs the others
nothing."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from geomap.errors import InputError, Origin
from geomap.records import Document, Failure
from geomap.text.clean import clean_text
from geomap.text.documents import new_document
from geomap.text.html_pages import check_attributes

# Languages an entry's date string is read in when feedparser (RFC 822 and ISO 8601 dates) cannot read it,
# tried in this order: the European languages of the newsrooms' feeds first. A fixed list keeps the answer
# independent of what dateparser guessed before and costs 0.2 s once per process, not the 1.2 s of all locales.
DATE_LANGUAGES = ("en", "pt", "es", "fr", "de", "it", "nl", "pl", "ro", "ca", "sv", "da", "nb", "fi", "cs",
                  "hu", "tr", "ru", "uk", "el", "ar", "ja", "zh")
MAX_DATE_CHARS = 100  # a longer "date" is not one; dateparser's time grows with the string
_DATE_SETTINGS = {
    "PARSERS": ["absolute-time", "custom-formats"],  # no "yesterday" or "3 days ago": nothing read from now
    "REQUIRE_PARTS": ["day", "month", "year"],  # "Dec 2024" would date every event to a guessed day
    "STRICT_PARSING": True,
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    "RELATIVE_BASE": datetime(2000, 1, 1),  # never the clock: the same feed gives the same dates every day
    "DATE_ORDER": "DMY",  # numeric dates in news feeds outside the US put the day first
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",  # as feedparser's parsed dates are
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def feed_documents(data: bytes, name: str) -> Iterator[Document | Failure]:
    """Each entry of an RSS or Atom feed: headline and content (or summary) as text, its link, title and date."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        reason = f"not an RSS or Atom feed ({problem})" if problem else "a feed with no entries"
        yield Failure(name, None, f"{reason}; give .xml/.rss/.atom files that are feeds")
        return
    source = feed.feed.get("title")
    for index, entry in enumerate(feed.entries, start=1):
        try:
            yield _entry_document(entry, index, name, source)
        except InputError as exc:
            yield Failure(exc.file, exc.line, exc.reason)


def _entry_document(entry, index: int, name: str, source: str | None) -> Document | Failure:
    """One entry as a document: its text the headline, a blank line and the body (the body alone when it
    already begins with the headline; the headline alone when there is no body)."""
    origin = Origin(name, None, f"entry {index}")
    body_html = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
    body = clean_text(_entry_text(body_html, origin)).strip()  # cleaned first: a body of invisible characters is none
    title = _entry_title(entry, origin)
    published, warnings = _entry_date(entry, index, origin)
    doc_id = str(entry.get("id") or entry.get("link") or f"{Path(name).stem}#{index}")
    doc = new_document(doc_id, _headline_and_body(title, body) + "\n", published=published, title=title,
                       url=entry.get("link"), source=source, file=name, origin=origin)
    if not doc.text.strip():
        return Failure(name, None, f"entry {index} has no text (no title, content or summary)")
    return replace(doc, warnings=warnings) if warnings else doc


def _headline_and_body(title: str, body: str) -> str:
    """The headline on the first line, then a blank line and the body; no headline twice."""
    if not title:
        return body
    if not body:
        return title
    headline, opening = _comparable(title), _comparable(body)
    if opening.startswith(headline) and not opening[len(headline):][:1].isalnum():  # "Kyiv" does not open "Kyivstar"
        return body  # a summary that opens with (or is) the headline
    return f"{title}\n\n{body}"


def _comparable(text: str) -> str:
    return " ".join(text.split()).casefold()


def _entry_title(entry, origin: Origin) -> str:
    """The entry's headline on one line; markup removed when the feed says the title is HTML."""
    title = entry.get("title") or ""
    detail = entry.get("title_detail") or {}
    if detail.get("type") in ("text/html", "application/xhtml+xml") and "<" in title:
        title = _entry_text(title, origin)
    return " ".join(clean_text(title).split())


def _entry_date(entry, index: int, origin: Origin) -> tuple[date | None, tuple[str, ...]]:
    """feedparser's date, else the entry's date string read by dateparser in any of DATE_LANGUAGES; an
    unreadable date leaves the entry undated, with a warning that names the entry and the date."""
    # dict.get: feedparser's own lookup of "updated" falls back to "published" with a DeprecationWarning
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if parsed:
        return _struct_date(parsed, origin), ()
    written = (dict.get(entry, "published") or dict.get(entry, "updated") or "").strip()
    if not written:
        return None, ()
    day = read_written_date(written)
    if day is None:
        shown = written if len(written) <= 60 else written[:60] + "..."
        return None, (f"entry {index}: the date {shown!r} could not be read; the entry is undated",)
    return day, ()


def read_written_date(written: str) -> date | None:
    """A date as a feed writes it in its language ("Seg, 24 Set 2018", "Di, 3 Dez 2024", "lun., 2 déc.
    2024"), by dateparser (maintained, some 200 locales); None when it names no day, month and year."""
    if len(written) > MAX_DATE_CHARS:
        return None
    return _cached_date(written)


@functools.lru_cache(maxsize=4096)  # a feed's entries often share a date; a parse costs some 5 ms
def _cached_date(written: str) -> date | None:
    try:
        moment = _date_parser().get_date_data(written)["date_obj"]
    except (ValueError, OverflowError):  # a year or day the calendar has not
        return None
    return moment.date() if moment else None


@functools.cache
def _date_parser():
    """One parser for the process, with fixed settings and languages tried in their given order (not the
    order of past successes), so a date string reads the same whatever was read before it."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(DATE_LANGUAGES), try_previous_locales=False, use_given_order=True,
                          settings=_DATE_SETTINGS)


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
