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
        if line.group().strip():
            spans.extend((line.start() + s, line.start() + e) for s, e in _line_sentences(line.group()))
    return spans


def _line_sentences(line: str) -> list[tuple[int, int]]:
    # blingfire's own offsets function loops in Python; its plain splitter runs in C and returns the
    # sentences as they stand in the line, so finding them in order gives the offsets far faster.
    spans = []
    cursor = 0
    for sentence in blingfire.text_to_sentences(line).split("\n"):
        start = line.find(sentence, cursor)
        if start < 0:  # the splitter changed the text (it never should): take the exact, slower path
            return list(blingfire.text_to_sentences_and_offsets(line)[1])
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return spans
