"""Text SQLite can hold: a document whose text is not valid UTF-8 is a failure, and a file name that is
not (a lone surrogate from the file system) is written with the surrogate escaped."""

from __future__ import annotations

from geomap.records import Document


def unstorable(doc: Document) -> str | None:
    """Why the document cannot be stored as UTF-8 text, if it cannot: a lone surrogate is no character."""
    if not _is_utf8(doc.file):
        return "the file name is not valid UTF-8; rename the file"
    if not all(_is_utf8(value) for value in (doc.id, doc.text, doc.title, doc.url, doc.source) if value):
        return ("the id, text or metadata holds a lone UTF-16 surrogate (such as \\ud800), which is no "
                "character; fix the input's encoding")
    return None


def storable(text: str) -> str:
    """Text SQLite can hold: a lone surrogate (a file name that is not UTF-8) written as `\\udcff`."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
