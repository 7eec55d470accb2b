"""The pipeline: document -> sentences -> mentions -> resolutions -> events, one document at a time.

Every stage has one shape, (StageContext, the previous stage's output) -> its own output, a frozen record
(`Sentences`, `Mentions`, `Resolutions`, and the `ParseResult` last); the context holds the document, the
gazetteer and the deadline's check. One loop (`parse_document`) runs them and names the stage that failed.

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
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

import gazetteer as gazetteer_package
from gazetteer import Gazetteer
from gazetteer.errors import SourceDataError
from gazetteer.names import fold
from geomap.errors import InputError, Origin, StageError, debugging
from geomap.events.extract import extract_events
from geomap.limits import Limits, current
from geomap.places.recognize import find_mentions
from geomap.places.resolve import resolve_mentions
from geomap.records import Document, Failure, Mention, ParseResult, Resolution
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


@dataclass(frozen=True, slots=True)
class StageContext:
    """What every stage of one document reads besides the previous stage's output: the document, the
    gazetteer, and `check`, which raises once the document's time budget is spent (`Deadline.check`)."""

    document: Document
    gazetteer: Gazetteer
    check: Callable[[], None]


@dataclass(frozen=True, slots=True)
class Sentences:
    """The sentences stage's output: (start, end) of each sentence, none longer than MAX_SENTENCE_CHARS."""

    spans: tuple[tuple[int, int], ...]

    @property
    def starts(self) -> frozenset[int]:
        return frozenset(start for start, _ in self.spans)


@dataclass(frozen=True, slots=True)
class Mentions:
    """The recognize stage's output: the place-name mentions, with the sentences the events stage reads."""

    sentences: Sentences
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Resolutions:
    """The resolve stage's output: one resolution a mention, with the sentences the events stage reads."""

    sentences: Sentences
    resolutions: tuple[Resolution, ...]


MAX_SENTENCE_CHARS = 2_000  # the longest sentence of the evaluation corpora (7,311 sentences) has 774


def split_into_sentences(context: StageContext, document: Document) -> Sentences:
    """Stage 1, document -> sentences (long ones cut, see the module's docstring)."""
    return Sentences(tuple(bounded_sentences(document.text, split_sentences(document.text))))


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


EVENT_LANGUAGES = frozenset({"en"})
"""The languages the events stage reads (its trigger words and patterns are English); a document identified
as written in another gets no events and a warning, and its places are still read."""


def events_read(language: str | None) -> bool:
    """True when the events stage reads text in `language`; None (not known) is read as English."""
    return language is None or language in EVENT_LANGUAGES


@lru_cache(maxsize=64)
def function_words(language: str | None) -> frozenset[str]:
    """The folded stop words of `language` (stopwordsiso's list), which never become a one-word place in a
    text in that language ("Die", "Bei" in German, "Sin", "Para" in Spanish); empty for English, whose are
    `text.words.COMMON_WORDS` already, and for a language with no list or not known."""
    if language is None or language == "en":
        return frozenset()
    import stopwordsiso  # only for a document in another language: 30 ms of start-up otherwise

    if not stopwordsiso.has_lang(language):
        return frozenset()
    return frozenset(fold(word) for word in stopwordsiso.stopwords(language))


def recognize(context: StageContext, sentences: Sentences) -> Mentions:
    """Stage 2, sentences -> mentions: the spans of text that name places, never one of the function words
    of the document's language."""
    mentions = find_mentions(context.document.text, context.gazetteer, sentences.starts, check=context.check,
                             function_words=function_words(context.document.language))
    return Mentions(sentences, tuple(mentions))


def resolve(context: StageContext, mentions: Mentions) -> Resolutions:
    """Stage 3, mentions -> resolutions: each mention's place, or none."""
    resolutions = resolve_mentions(list(mentions.mentions), context.gazetteer, context.document.text,
                                   check=context.check)
    return Resolutions(mentions.sentences, tuple(resolutions))


def extract(context: StageContext, resolutions: Resolutions) -> ParseResult:
    """Stage 4, resolutions -> events: what happened where and when; the document's whole result. A document
    in a language the stage does not read (`events_read`) gets no events and a warning saying so."""
    document = context.document
    if not events_read(document.language):
        warning = (f"language {document.language}: geomap extracts events from English text only; "
                   f"places are still read")
        return ParseResult(replace(document, warnings=(*document.warnings, warning)), resolutions.resolutions, ())
    events = extract_events(context.document, list(resolutions.sentences.spans), list(resolutions.resolutions),
                            context.gazetteer, check=context.check)
    return ParseResult(context.document, resolutions.resolutions, tuple(events))


Stage = Callable[[StageContext, Any], Any]
"""A stage: (context, the previous stage's output) -> its own output; the first reads the document."""

STAGES: tuple[tuple[str, Stage], ...] = (
    ("sentences", split_into_sentences),
    ("recognize", recognize),
    ("resolve", resolve),
    ("events", extract),
)


def parse_document(document: Document, gaz: Gazetteer | None = None, seconds: float | None = None) -> ParseResult:
    """Run every stage on one document, each on the output of the one before; a failing stage raises
    StageError naming it, a parse that takes longer than `seconds` (default: `limits.max_document_seconds`)
    DocumentTimeoutError naming the limit. Broken gazetteer data (SourceDataError) is raised as it is: no
    document can be parsed until it is fixed. Under `geomap --debug` (`errors.debugging()`) a failing stage
    raises its own exception, traceback and all, instead of a StageError."""
    deadline = Deadline(document.id, current().max_document_seconds if seconds is None else seconds)
    context = StageContext(document, gaz or gazetteer_package.open(), deadline.check)
    output: Any = document
    for name, stage in STAGES:
        deadline.stage = name
        deadline.check()
        try:
            output = stage(context, output)
        except (DocumentTimeoutError, SourceDataError):  # the budget's own error; broken gazetteer data fails all
            raise
        except Exception as exc:  # re-raised with the stage and document named
            if debugging():  # geomap --debug: the stage's own exception, with its traceback
                raise
            raise StageError(name, document.id, exc) from exc
    return output


def parse_or_failure(document: Document, gaz: Gazetteer | None = None,
                     seconds: float | None = None) -> ParseResult | Failure:
    """`parse_document`, with a failing stage or a spent time budget turned into the document's Failure (how
    a build, `geomap parse` and `geomap.parse_file` go on with the next document)."""
    try:
        return parse_document(document, gaz, seconds)
    except (StageError, DocumentTimeoutError) as exc:
        return Failure(document.file or document.id, document.line, str(exc))


def parse(text: str, published: date | str | None = None, doc_id: str = "text") -> ParseResult:
    """Parse one text: `geomap.parse("Drones hit Kyiv on Friday.", published="2024-10-27")`."""
    from geomap.text.documents import new_document, parse_date

    if isinstance(published, str):
        published = parse_date(published, Origin("published"))
    return parse_document(new_document(doc_id, text, published=published, origin=Origin("text")))  # cleaned as read
