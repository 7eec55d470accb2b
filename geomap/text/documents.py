"""`new_document`, the one constructor every reader uses, and the publication date rules it applies."""

from __future__ import annotations

import re
from datetime import date

from geomap.errors import Origin
from geomap.limits import current, over_limit
from geomap.records import FIRST_YEAR, LAST_YEAR, Document
from geomap.text.clean import clean_text, web_url
from geomap.text.language import identify


def parse_date(value: str, origin: Origin) -> date:
    """A `YYYY-MM-DD` date (a longer ISO timestamp is cut to its date) within the years dates are read in."""
    text = value.strip()
    try:
        day = date.fromisoformat(text[:10] if re.match(r"\d{4}-\d\d-\d\dT", text) else text)
    except ValueError:
        raise origin.error(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2024-10-27") from None
    return checked_date(day, origin)


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
    the url kept only when it is a web address (`web_url`), the text within max_document_chars, the
    publication date within FIRST_YEAR..LAST_YEAR, and the language identified from the text
    (`language.identify`; a feed entry's headline is its text's first line). Errors name `origin` (default:
    the file and line, or the id when there is no file)."""
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
    title = _clean_optional(title)
    return Document(id=clean_id, text=text, published=checked_date(published, origin) if published else None,
                    title=title, url=web_url(url), source=_clean_optional(source), file=file,
                    line=line, language=identify(text))


def _clean_optional(value: str | None) -> str | None:
    """A cleaned title or source; None when absent or nothing but invisible characters."""
    if value is None:
        return None
    return clean_text(value) or None
