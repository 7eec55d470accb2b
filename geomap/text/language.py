"""The language a document is written in, identified offline from its text.

By py3langid (langid.py's naive Bayes model over byte n-grams, numpy only, no network): on the short texts
of tests/data/languages (one or two sentences in 15 languages) it named 75 of 75 right, 75 of 75 from their
first five words, at about 0.1 ms a text; a news report is read from its first MAX_CHARS characters
(BENCHMARKS.md). The model also knows languages that have only a
three-letter code (Wu Chinese, Moroccan Arabic, ...); it is restricted to the languages with an ISO 639-1
code, so the answer is always a two-letter code and a short Chinese text is "zh", not "wuu".

The model is loaded once, on first use (about 0.5 s and 100 MB of peak memory while it unpacks), into
an identifier of our own, so that restricting
its languages never changes py3langid's module-level one that other code may use.
"""

from __future__ import annotations

import re
import threading

MIN_LETTERS = 20  # fewer letters than this ("Kyiv", "UPDATE 2") say nothing about a language
# A Chinese or Japanese character (or a Korean syllable block) is about a syllable or a word, not a letter:
# it counts as this many, so that a 7-character Chinese sentence is long enough and "北京" is not.
LETTERS_A_CJK_CHARACTER = 3
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff]")  # radicals, kana, ideographs, hangul
MAX_CHARS = 400  # the first this many characters decide: two or three sentences, enough for news (1.35 ms a
# document at 3,000 characters, 0.27 ms at 400: on 1,000 English reports both read all as English)

_lock = threading.Lock()
_identifier = None


def identify(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in ("en", "de", "ja"), read from its first
    MAX_CHARS characters; None when those hold fewer than MIN_LETTERS letters (a CJK character counts as
    LETTERS_A_CJK_CHARACTER). Deterministic: the same text gives the same answer."""
    sample = text[:MAX_CHARS]
    letters = sum(ch.isalpha() for ch in sample) + (LETTERS_A_CJK_CHARACTER - 1) * len(_CJK.findall(sample))
    if letters < MIN_LETTERS:
        return None
    language, _score = _loaded().classify(sample)
    return language


def _loaded():
    """The identifier, loaded on first use; the lock keeps two threads from loading it twice."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
                identifier.set_languages([code for code in identifier.labels if len(code) == 2])
                _identifier = identifier
    return _identifier
