"""Typed, frozen records that cross geomap's module boundaries.

Dicts exist only at the I/O edges (JSON in, GeoJSON/JSON out); see `serialize` and `export`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gazetteer import Candidate, Place


@dataclass(frozen=True, slots=True)
class Document:
    """One news document. `text` is what offsets refer to (for .txt files: everything after the date line)."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    file: str = ""  # where the document was read from
    line: int | None = None  # its line in a .jsonl file


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be used: which file, which line if any, and why."""

    file: str
    line: int | None
    reason: str


class MentionRole(StrEnum):
    LOCATION = "location"  # a place used as a place: "fighting in Kursk"
    ACTOR = "actor"  # a nationality or demonym use: "Russian forces"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the document text that names a place."""

    start: int
    end: int
    text: str
    role: MentionRole = MentionRole.LOCATION
    query: str | None = None  # the phrase to look up when it differs from `text` ("Russia's Kursk region")


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a mention was resolved to. `place` is None when no candidate was good enough ("no place")."""

    mention: Mention
    place: Place | None
    candidates: tuple[Candidate, ...]
    score: float
    reason: str


class EventType(StrEnum):
    STRIKE = "strike"
    BATTLE = "battle"
    DEPLOYMENT = "deployment"
    PROTEST = "protest"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    ON_OR_BEFORE = "on_or_before"  # no date of the event itself: the day it was reported, an upper bound
    UNKNOWN = "unknown"  # no date in the sentence and the document has none


class Certainty(StrEnum):
    STATED = "stated"  # the document says it happened
    REPORTED = "reported"  # attributed to someone else ("reportedly", "according to", "said")
    POSSIBLE = "possible"  # expected, planned or feared, not (yet) happened


@dataclass(frozen=True, slots=True)
class EventLocation:
    place: Place
    name: str  # the text of the mention
    role: str = "location"


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    doc_id: str
    type: EventType
    sub_type: str
    date_start: date | None
    date_end: date | None
    date_precision: DatePrecision
    certainty: Certainty
    actors: tuple[str, ...]
    quote: str
    quote_start: int
    quote_end: int
    locations: tuple[EventLocation, ...]


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Everything geomap found in one document."""

    document: Document
    resolutions: tuple[Resolution, ...]
    events: tuple[Event, ...]

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(r.place for r in self.resolutions if r.place is not None)


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """How one input document ended: with events, with places only, or with nothing mapped."""

    doc_id: str
    file: str
    line: int | None
    mentions: int
    resolved: int
    events: int


@dataclass(frozen=True, slots=True)
class RunReport:
    """Accounts for every input: each document's status and every failure."""

    documents: tuple[DocumentStatus, ...] = ()
    failures: tuple[Failure, ...] = ()
    skipped_files: tuple[str, ...] = field(default=())

    @property
    def events(self) -> int:
        return sum(d.events for d in self.documents)
