"""Name folding shared by the index and by text matching.

`fold` maps every character to exactly one character (case and diacritics removed, typographic
apostrophes and dashes unified), so offsets in folded text are offsets in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SAME_WIDTH = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u0131": "i", "\u00df": "s", "\u00f8": "o", "\u00d8": "o", "\u0142": "l",
    "\u0141": "l", "\u0111": "d", "\u0110": "d", "\u00e6": "a", "\u00c6": "a", "\u0153": "o",
}


class _FoldTable(dict):
    """str.translate table that computes and caches the folding of each character on first use."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = _SAME_WIDTH.get(ch)
        if folded is None:
            lower = ch.lower()
            base = unicodedata.normalize("NFD", lower)[0] if len(lower) == 1 else ch
            folded = base if len(base) == 1 else ch
        self[code] = folded
        return folded


_TABLE = _FoldTable()
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, unify apostrophes/dashes; same length as `text`."""
    return text.translate(_TABLE)


@lru_cache(maxsize=1 << 16)  # the same names come back in every document
def name_key(name: str) -> str:
    """The key a name is indexed under: folded, trimmed, inner whitespace collapsed."""
    return _SPACES.sub(" ", fold(name)).strip()


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (what English news text can contain)."""
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)
