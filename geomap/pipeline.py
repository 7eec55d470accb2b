"""The pipeline: one loop runs the stages of one document and names the stage that failed.

Each document has a time budget (`limits.max_document_seconds`, GEOMAP_MAX_DOCUMENT_SECONDS). The budget is
a `Deadline` checked between the stages and, through a `check` function passed down, once a unit of work
inside them (a run of capitalised words, a phrase, a mention, a sentence, a report being merged), so that a
document that takes too long stops within one unit's time of its budget and ends as a failure naming the
limit. Why not a signal (SIGALRM) or killing the worker: a signal only reaches the main thread (Dask runs
tasks in worker threads), lands at any instruction (inside a cache update, half a write), and waits for a
long C call to return anyway; killing a pool worker loses its other documents and the gazetteer pages it
shares. A check costs one clock read (tens of nanoseconds) per unit.

A unit must stay small for that bound to hold, and for the document's cost to stay linear: the work on one
sentence grows faster than its length (its dates, places and clauses are compared with each other), so a
sentence longer than MAX_SENTENCE_CHARS (hostile text: a megabyte with no full stop) is cut into pieces of
at most that length, at a space where there is one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import gazetteer as gazetteer_package
from gazetteer import Gazetteer
from gazetteer.errors import SourceDataError
from geomap.errors import InputError, Origin, StageError
from geomap.events.extract import extract_events
from geomap.limits import Limits, current
from geomap.places.recognize import find_mentions
from geomap.places.resolve import resolve_mentions
from geomap.records import Document, Event, Mention, ParseResult, Resolution
from geomap.text.sentences import split_sentences


class DocumentTimeoutError(InputError, TimeoutError):
    """A document's parse took longer than its time budget (`limits.max_document_seconds`)."""


class Deadline:
    """The time budget of one document's parse: `check()` raises DocumentTimeoutError once it is spent,
    naming the stage that was running."""

    def __init__(self, document_id: str, seconds: float) -> None:
        self.document_id = document_id
        self.seconds = seconds
        self.stage = ""
        self._ends = time.monotonic() + seconds

    def check(self) -> None:
        """Raise DocumentTimeoutError when the budget is spent; otherwise return at once."""
        if time.monotonic() > self._ends:
            variable = Limits.variable("max_document_seconds")
            raise DocumentTimeoutError(
                f"document {self.document_id!r} took longer than {self.seconds:g} s to parse (stopped in stage "
                f"'{self.stage}'), the limit max_document_seconds; set {variable} to more seconds "
                f"(e.g. {variable}={max(2 * self.seconds, Limits().max_document_seconds):g}) or split the document")


@dataclass
class _Work:
    """What the stages of one document hand each other."""

    document: Document
    check: Callable[[], None]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


MAX_SENTENCE_CHARS = 2_000  # the longest sentence of the evaluation corpora (7,311 sentences) has 774


def _sentences(work: _Work, gaz: Gazetteer) -> None:
    work.sentences = bounded_sentences(work.document.text, split_sentences(work.document.text))


def bounded_sentences(text: str, spans: list[tuple[int, int]],
                      max_chars: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """`spans` with every sentence longer than `max_chars` cut into pieces no longer than that, each cut at
    the last space of its second half when there is one (the space then belongs to no piece)."""
    out = []
    for start, end in spans:
        while end - start > max_chars:
            space = text.rfind(" ", start + max_chars // 2, start + max_chars)
            cut = space if space > start else start + max_chars
            out.append((start, cut))
            start = cut + 1 if space > start else cut
        out.append((start, end))
    return out


def _recognize(work: _Work, gaz: Gazetteer) -> None:
    work.mentions = find_mentions(work.document.text, gaz, frozenset(start for start, _ in work.sentences),
                                  check=work.check)


def _resolve(work: _Work, gaz: Gazetteer) -> None:
    work.resolutions = resolve_mentions(work.mentions, gaz, work.document.text, check=work.check)


def _events(work: _Work, gaz: Gazetteer) -> None:
    work.events = extract_events(work.document, work.sentences, work.resolutions, gaz, check=work.check)


STAGES: tuple[tuple[str, Callable[[_Work, Gazetteer], None]], ...] = (
    ("sentences", _sentences),
    ("recognize", _recognize),
    ("resolve", _resolve),
    ("events", _events),
)


def parse_document(document: Document, gaz: Gazetteer | None = None, seconds: float | None = None) -> ParseResult:
    """Run every stage on one document; a failing stage raises StageError naming it, a parse that takes longer
    than `seconds` (default: `limits.max_document_seconds`) DocumentTimeoutError naming the limit."""
    gaz = gaz or gazetteer_package.open()
    deadline = Deadline(document.id, current().max_document_seconds if seconds is None else seconds)
    work = _Work(document, deadline.check)
    for name, stage in STAGES:
        deadline.stage = name
        deadline.check()
        try:
            stage(work, gaz)
        except (DocumentTimeoutError, SourceDataError):  # the budget's own error; broken gazetteer data fails all
            raise
        except Exception as exc:  # re-raised with the stage and document named
            raise StageError(name, document.id, exc) from exc
    return ParseResult(document, tuple(work.resolutions), tuple(work.events))


def parse(text: str, published: date | str | None = None, doc_id: str = "text") -> ParseResult:
    """Parse one text: `geomap.parse("Drones hit Kyiv on Friday.", published="2024-10-27")`."""
    from geomap.text.ingest import new_document, parse_date

    if isinstance(published, str):
        published = parse_date(published, Origin("published"))
    return parse_document(new_document(doc_id, text, published=published, origin=Origin("text")))  # cleaned as read
