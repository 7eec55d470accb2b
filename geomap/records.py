"""Typed, frozen records that cross geomap's module boundaries.

Dicts exist only at the I/O edges (JSON in; GeoJSON, JSON and the store out): see `geomap.outputs` and
`geomap.batch.digest`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

from gazetteer import Candidate, Place

FIRST_YEAR = 1900  # news dates are read in these years: the date rules' patterns name 19xx and 20xx years
LAST_YEAR = 2100  # (a publication date outside them is refused at ingest, `text.documents.checked_date`)


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
    language: str | None = None  # ISO 639-1 code, identified from the text (`text.language`); None: not known
    warnings: tuple[str, ...] = ()  # what a reader should know: a page too short to be the article, an undated entry


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


class ResolutionBasis(StrEnum):
    """Why a mention got its place; `Resolution.reason` says it in words for a reader."""

    LOOKUP = "lookup"  # the phrase's own candidates, ranked
    INNER_NAME = "inner_name"  # no place has the phrase's name; a place name inside it stands for it
    LOCAL_FOCUS = "local_focus"  # no place has the name; a local feature, at the nearest town named or the focus
    REPEATED = "repeated"  # the same phrase earlier in the document, resolved the same way (to a place)
    DATELINE = "dateline"  # the document's dateline ("KYIV, Oct 3 (Reuters) -")
    UNRESOLVED = "unresolved"  # no place: no candidate, no place name inside the phrase, no focus (repeated too)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a mention was resolved to. `place` is None when no candidate was good enough ("no place")."""

    mention: Mention
    place: Place | None
    candidates: tuple[Candidate, ...]
    score: float
    reason: str
    basis: ResolutionBasis = ResolutionBasis.LOOKUP


class EventType(StrEnum):
    """ACLED's six event types (the sub-types are in `geomap.events.vocabulary.SUB_TYPES`)."""

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


class WherePrecision(IntEnum):
    """UCDP's spatial precision scale (`where_prec`), as geomap uses it; defined here once."""

    PLACE = 1  # the place itself
    NEAR = 2  # near a named place, or a place inherited from an earlier sentence
    ADMIN2 = 3  # a district or county
    ADMIN1 = 4  # a province or oblast
    REGION = 5  # part of a country larger than a province ("eastern Ukraine", "Donbas")
    COUNTRY = 6  # the country
    WIDER = 7  # wider than a country (a continent, a sea)

    @property
    def label(self) -> str:
        return WHERE_PRECISION_LABELS[self]


WHERE_PRECISION_LABELS = {
    WherePrecision.PLACE: "the place itself", WherePrecision.NEAR: "near a named place",
    WherePrecision.ADMIN2: "a district or county", WherePrecision.ADMIN1: "a province or oblast",
    WherePrecision.REGION: "part of a country larger than a province", WherePrecision.COUNTRY: "the country",
    WherePrecision.WIDER: "wider than a country",
}


@dataclass(frozen=True, slots=True)
class EventLocation:
    """A place of an event. `precision` is UCDP's `where_prec` scale (WherePrecision); `inherited` is True
    when the place comes from an earlier sentence, and `note` then says from where, for a reader."""

    place: Place
    name: str  # the text of the mention
    role: LocationRole = LocationRole.WHERE
    precision: WherePrecision = WherePrecision.PLACE
    note: str = ""
    inherited: bool = False


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
    resolved: int  # mentions whose resolution has a place
    events: int
    title: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    text_chars: int = 0  # the length of the document's text (what offsets refer to)
    warnings: tuple[str, ...] = ()

    @property
    def unresolved(self) -> int:
        """Mentions whose resolution has no place ("no place in the gazetteer has this name")."""
        return self.mentions - self.resolved


@dataclass(frozen=True, slots=True)
class RunReport:
    """Accounts for every input: each document's status and every failure."""

    documents: tuple[DocumentStatus, ...] = ()
    failures: tuple[Failure, ...] = ()
    skipped_files: tuple[str, ...] = field(default=())

    @property
    def events(self) -> int:
        return sum(d.events for d in self.documents)


@dataclass(frozen=True, slots=True)
class Digest:
    """What a build keeps of a parsed document (`geomap.batch.digest`): no text, no candidates."""

    document: Document  # with text ""
    mentions: int
    resolved: int
    located: tuple[tuple[Place, str], ...]  # each location mention: its place and the words used
    events: tuple[Event, ...]
    text_chars: int = 0  # the length of the text the digest no longer holds

    @property
    def status(self) -> DocumentStatus:
        d = self.document
        return DocumentStatus(d.id, d.file, d.line, self.mentions, self.resolved, len(self.events), title=d.title,
                              published=d.published, url=d.url, language=d.language, text_chars=self.text_chars,
                              warnings=d.warnings)


@dataclass(frozen=True, slots=True)
class PlaceLink:
    """A place used as a location, with the mentions, documents and events that refer to it."""

    place: Place
    mentions: int
    names: tuple[str, ...]  # the spellings used in the documents, sorted
    doc_ids: tuple[str, ...]
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BuildFrames:
    """A build's layers as GeoDataFrames (EPSG:4326): what the GeoPackage, CSV and KML are written from."""

    events: Any  # geopandas.GeoDataFrame; typed loosely so that importing the records does not import geopandas
    places: Any
    regions: Any

    def layers(self) -> dict[str, Any]:
        """The frames by GeoPackage layer name, in the order the layers are written (events, places, regions)."""
        return {"events": self.events, "places": self.places, "regions": self.regions}
