"""Sentence boundaries: paragraphs (line breaks) first, then blingfire's sentence splitter."""

from __future__ import annotations

import re

import blingfire

_LINE = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence, in order; blank lines are skipped.

    blingfire keeps line breaks inside a sentence, but news headers, captions and paragraphs are
    separate units, so each line is split on its own.
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(line.group())
        spans.extend((line.start() + s, line.start() + e) for s, e in offsets)
    return spans
