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
    """ACLED's six event types (the sub-types are in `event_types.SUB_TYPES`)."""

    BATTLES = "battles"
    EXPLOSIONS = "explosions_remote_violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians"
    PROTESTS = "protests"
    RIOTS = "riots"
    STRATEGIC = "strategic_developments"


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"  # "last week": Monday to Sunday
    MONTH = "month"  # "in August"
    YEAR = "year"  # "in 2023"
    RANGE = "range"  # "between early and mid-October", "by December", "since early August", "overnight"
    ON_OR_BEFORE = "on_or_before"  # no date of its own: the week up to the day it was reported
    UNKNOWN = "unknown"  # no date in the text and the document has none


class Certainty(StrEnum):
    CONFIRMED = "confirmed"  # the document, or an official it cites as confirming, says it happened
    REPORTED = "reported"  # attributed to someone else ("reportedly", "according to", "X said")
    CLAIMED = "claimed"  # a party claims it ("claimed responsibility", "Russia claimed")
    EXPECTED = "expected"  # expected, planned or feared, not (yet) happened


class LocationRole(StrEnum):
    WHERE = "where"  # where it happened
    ORIGIN = "origin"  # "moved from Belarus ..."
    DESTINATION = "destination"  # "... into the Kursk region", "arrived in Russia"


@dataclass(frozen=True, slots=True)
class EventLocation:
    """A place of an event. `precision` is UCDP's `where_prec` scale (see `event_places.PRECISION`):
    1 the place itself ... 7 international waters or a wider area; `note` says when it was inherited."""

    place: Place
    name: str  # the text of the mention
    role: LocationRole = LocationRole.WHERE
    precision: int = 1
    note: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """How many: "at least 3,000 soldiers" -> Quantity("soldiers", 3000, "at least", "at least 3,000 soldiers")."""

    what: str
    value: int
    qualifier: str  # exact, about, at least, at most, up to
    text: str


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
    date_text: str = ""  # the words that dated it ("between early and mid-October"), empty when none
    quantities: tuple[Quantity, ...] = ()
    sources: tuple[str, ...] = ()  # who says so, as named ("The New York Times", "the regional governor")
    doc_ids: tuple[str, ...] = ()  # every document that reports it (several after corroboration)
    merged_ids: tuple[str, ...] = ()  # ids of the reports merged into this one

    @property
    def source_count(self) -> int:
        """How many documents report this event."""
        return max(len(self.doc_ids), 1)


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
