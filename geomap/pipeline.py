"""The pipeline: one loop runs the stages of one document and names the stage that failed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import gazetteer as gazetteer_package
from gazetteer import Gazetteer
from geomap.errors import StageError
from geomap.events import extract_events
from geomap.recognize import find_mentions
from geomap.records import Document, Event, Mention, ParseResult, Resolution
from geomap.resolve import resolve_mentions
from geomap.sentences import split_sentences


@dataclass
class _Work:
    """What the stages of one document hand each other."""

    document: Document
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def _sentences(work: _Work, gaz: Gazetteer) -> None:
    work.sentences = split_sentences(work.document.text)


def _recognize(work: _Work, gaz: Gazetteer) -> None:
    work.mentions = find_mentions(work.document.text, gaz, frozenset(start for start, _ in work.sentences))


def _resolve(work: _Work, gaz: Gazetteer) -> None:
    work.resolutions = resolve_mentions(work.mentions, gaz, work.document.text)


def _events(work: _Work, gaz: Gazetteer) -> None:
    work.events = extract_events(work.document, work.sentences, work.resolutions, gaz)


STAGES: tuple[tuple[str, Callable[[_Work, Gazetteer], None]], ...] = (
    ("sentences", _sentences),
    ("recognize", _recognize),
    ("resolve", _resolve),
    ("events", _events),
)


def parse_document(document: Document, gaz: Gazetteer | None = None) -> ParseResult:
    """Run every stage on one document; a failing stage raises StageError naming it."""
    gaz = gaz or gazetteer_package.open()
    work = _Work(document)
    for name, stage in STAGES:
        try:
            stage(work, gaz)
        except Exception as exc:  # re-raised with the stage and document named
            raise StageError(name, document.id, exc) from exc
    return ParseResult(document, tuple(work.resolutions), tuple(work.events))


def parse(text: str, published: date | str | None = None, doc_id: str = "text") -> ParseResult:
    """Parse one text: `geomap.parse("Drones hit Kyiv on Friday.", published="2024-10-27")`."""
    from geomap.ingest import new_document, parse_date

    if isinstance(published, str):
        published = parse_date(published, "published")
    return parse_document(new_document(doc_id, text, published=published, where="text"))  # cleaned as read
