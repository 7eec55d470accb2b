"""Text as geomap reads it: `clean_text` (Unicode NFKC, one kind of line end, no invisible or control
characters) for every text, title, source and id that comes from a document, and `web_url` for its link.

Document text is hostile data: invisible characters split words and reorder what a reader sees, control
characters are not text, and a link may be a script.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
# Controls that Python counts as white space (vertical tab, form feed, the information separators, NEL)
# become a space rather than nothing, so that the words on either side stay apart.
_SPACING_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1f\x85]")


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
