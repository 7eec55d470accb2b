"""Event extraction: what happened, when, where and who says so, clause by clause.

For each sentence with a trigger keyword (`vocabulary.keyword_hits`):
1. split it into clauses at connectors ("..., where", "..., with", "said that ...", ";") (`clauses`);
2. find the trigger of each event type in each clause (`vocabulary.TRIGGERS`), skipping denied ones and
   the weaker readings a stronger one rules out (a protest's "clashed" is not a battle);
3. place it: the places of its clause, else of its sentence, else of the two sentences before
   (inherited, one step coarser, and said so) (`sites`); an event with no place is dropped;
4. date the event from its clause, else from the clause-free parts of the sentence, else the week up to
   the day it was reported (`dates`);
5. add certainty, sources, actors and quantities (`attribution`, `quantities`).
What is history, too vague or a reference back is dropped (`screening`); reports of one event within the
document (the caption, the lead and a later detail) are merged (`corroborate`), and the events are
numbered in text order. The document-wide facts every sentence reads are a `_DocumentScope`, a sentence's
own a `_SentenceScope`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from gazetteer import Gazetteer
from geomap.events.attribution import EXPECTED, certainty, find_actors, find_sources
from geomap.events.clauses import APPOSITIVE, REPORTING_CLAUSE, Clause, clause_triggers, split_clauses
from geomap.events.corroborate import merge_repeated_reports
from geomap.events.datelines import dateline_places, dateline_spans, story_start
from geomap.events.dates import DateMention, EventDate, find_dates, report_window
from geomap.events.quantities import find_quantities
from geomap.events.screening import screen_drafts
from geomap.events.sites import SentencePlaces, event_places_for, with_sender
from geomap.events.vocabulary import Trigger, keyword_hits, triggers_of
from geomap.records import (
    Certainty,
    DatePrecision,
    Document,
    Event,
    EventLocation,
    MentionRole,
    Quantity,
    Resolution,
)

# "along the Lebanese border", "on the Mozambican side": a demonym that names a country's ground.
_AREA_NOUN = re.compile(r"\s+(?:border|borders|frontier|side|coast|coastline|territory|waters|airspace|soil)\b")
_SAME_DAY = re.compile(r"\b(the same day|that day|later that day|hours later|the day before|the previous day|"
                       r"the next day|the following day|a day later)\b")
_SAME_DAY_SHIFT = {"the same day": 0, "that day": 0, "later that day": 0, "hours later": 0, "the day before": -1,
                   "the previous day": -1, "the next day": 1, "the following day": 1, "a day later": 1}
INHERIT_SENTENCES = 2
MIN_SENTENCE_WORDS = 3  # "Ground fighting." is a heading; "Drones struck Kyiv." is news


@dataclass(frozen=True, slots=True)
class _DocumentScope:
    """What every sentence of one document reads: the text (and its lowercase), the gazetteer, the location
    mentions with places (dateline towns added) with the sentence of each, the actor mentions, the country
    the report is about, the datelines, and the trigger keywords found in the text."""

    document: Document
    lower: str
    gazetteer: Gazetteer
    located: list[Resolution]  # in text order
    located_starts: list[int]
    sentence_of: list[int]  # per located mention, the index of its sentence
    actors: list[Resolution]  # in text order
    actor_starts: list[int]
    home: str | None
    dateline_starts: list[int]
    datelines: frozenset[int]  # starts of the location mentions inside a dateline
    hits: list[tuple[int, tuple[int, ...]]]  # `vocabulary.keyword_hits` of the text
    hit_starts: list[int]

    @property
    def text(self) -> str:
        return self.document.text

    def triggers_between(self, start: int, end: int) -> list[Trigger]:
        """The triggers whose keywords start in text[start:end]."""
        return triggers_of(self.hits[bisect_left(self.hit_starts, start):bisect_left(self.hit_starts, end)])


@dataclass(frozen=True, slots=True)
class _SentenceScope:
    """One sentence that can report an event: where its events can be placed from (its clauses, at least
    one with a trigger, and its mentions) and the last day an event was dated to."""

    start: int
    end: int
    places: SentencePlaces
    last_day: date | None  # for "the same day", "the day before"

    @property
    def clauses(self) -> list[Clause]:
        return self.places.clauses

    @property
    def free_clauses(self) -> list[Clause]:
        """The clauses with neither a trigger nor a report: they lend dates and places to the others."""
        return [c for c in self.clauses if not c.triggers and not c.reporting]


@dataclass(frozen=True, slots=True)
class _Telling:
    """What a sentence says about when and who says so: its date expressions, the day it was reported
    (else the publication day) and its named sources."""

    sentence: str
    dates: list[DateMention]
    report_day: date | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Reading:
    """When, how sure, who and how many, for the events of one clause."""

    when: EventDate
    certainty: Certainty
    actors: tuple[str, ...]
    quantities: tuple[Quantity, ...]


def extract_events(document: Document, sentences: list[tuple[int, int]],
                   resolutions: list[Resolution], gazetteer: Gazetteer,
                   check: Callable[[], None] | None = None) -> list[Event]:
    """Events reported in the document, merged within it and numbered in text order. The gazetteer places
    "Mali's capital" at Bamako and reads dateline towns and towns the recognizer missed. `check()`, when
    given, is called once a sentence and raises when the document's time is up (`pipeline.Deadline`)."""
    scope = _document_scope(document, [start for start, _ in sentences], resolutions, gazetteer)
    drafts: list[Event] = []
    last_day = None  # the last day an event was dated to: "the same day", "the day before"
    for index in _sentences_with_keywords(scope, sentences):
        if check is not None:
            check()
        sentence = _sentence_scope(scope, *sentences[index], last_day)
        if sentence is None:
            continue
        new = _sentence_events(scope, sentence)
        drafts.extend(new)
        last_day = next((e.date_start for e in reversed(new) if e.date_precision is DatePrecision.DAY), last_day)
    merged = merge_repeated_reports(screen_drafts(drafts, document), check=check)
    return [_numbered(event, document.id, n) for n, event in enumerate(merged, start=1)]


def _document_scope(document: Document, sentence_starts: list[int], resolutions: list[Resolution],
                    gazetteer: Gazetteer) -> _DocumentScope:
    text = document.text
    located = [r for r in resolutions if r.place is not None and (
        r.mention.role is MentionRole.LOCATION or _AREA_NOUN.match(text, r.mention.end))]
    actors = sorted((r for r in resolutions if r.place is not None and r.mention.role is MentionRole.ACTOR),
                    key=lambda r: r.mention.start)  # in text order already; sorted for the bisection
    home = _home_country(located)  # before the dateline towns are added
    spans = dateline_spans(text)
    if spans:
        located = dateline_places(text, spans, located, gazetteer)
    starts = [r.mention.start for r in located]
    lower = text.lower()
    hits = keyword_hits(text, lower)  # one automaton pass; most sentences have no trigger keyword at all
    return _DocumentScope(
        document, lower, gazetteer, located, starts, [bisect_right(sentence_starts, s) - 1 for s in starts],
        actors, [r.mention.start for r in actors], home, [a for a, _ in spans],
        frozenset(r.mention.start for r in located if any(a <= r.mention.start < b for a, b in spans)),
        hits, [start for start, _ in hits])


def _sentences_with_keywords(scope: _DocumentScope, sentences: list[tuple[int, int]]) -> list[int]:
    """Indices of the sentences in which a trigger keyword starts, in text order."""
    sentence_starts = [start for start, _ in sentences]
    return sorted({bisect_right(sentence_starts, start) - 1 for start in scope.hit_starts} - {-1})


def _sentence_scope(scope: _DocumentScope, start: int, end: int, last_day: date | None) -> _SentenceScope | None:
    """The sentence text[start:end] ready for its events, or None when it can have none: a heading, no
    place in reach, or no clause with a trigger."""
    if scope.text.count(" ", start, end) < MIN_SENTENCE_WORDS - 1:
        return None  # a heading ("Ground fighting."), not a report
    first, last = bisect_left(scope.located_starts, start), bisect_left(scope.located_starts, end)
    in_sentence = scope.located[first:last]
    recent = _recent(scope.located, scope.sentence_of, first, floor=story_start(scope.dateline_starts, start))
    if not (in_sentence or recent):  # no place in reach: no event can be placed
        return None
    clauses = _clauses(scope, start, end)
    if not clauses:
        return None
    # a clause looks only at its own actors: the document's whole list for every sentence was quadratic
    actors = scope.actors[bisect_left(scope.actor_starts, start):bisect_left(scope.actor_starts, end)]
    places = SentencePlaces(scope.text, scope.gazetteer, clauses, in_sentence, recent, actors, scope.home,
                            scope.datelines)
    return _SentenceScope(start, end, places, last_day)


def _clauses(scope: _DocumentScope, start: int, end: int) -> list[Clause]:
    """The clauses of the sentence text[start:end] with their triggers, or [] when none has one."""
    lower, text = scope.lower, scope.text
    lower_sentence = lower[start:end]
    matching = {id(t) for t in scope.triggers_between(start, end)
                if t.pattern.search(lower_sentence)}  # one search per candidate over the whole sentence
    if not matching:
        return []
    clauses = [Clause(a, b, clause_triggers(text[a:b], [t for t in scope.triggers_between(a, b) if id(t) in matching],
                                            lower[a:b]), False) for a, b in split_clauses(text, start, end)]
    if not any(c.triggers for c in clauses):
        return []
    return [Clause(c.start, c.end, c.triggers, not c.triggers and (
        REPORTING_CLAUSE.search(lower, c.start, c.end) is not None
        or APPOSITIVE.match(lower, c.start, c.end) is not None)) for c in clauses]


def _home_country(located: list[Resolution]) -> str | None:
    """The country the report is about: the one its places lie in most often (first named on ties)."""
    counts = Counter(r.place.country_code for r in located if r.place.country_code)
    return counts.most_common(1)[0][0] if counts else None


def _recent(located: list[Resolution], sentence_of: list[int], before: int,
            floor: int = 0) -> list[list[Resolution]]:
    """The location mentions of the last INHERIT_SENTENCES sentences (with places) before mention `before`
    and not before `floor` (a round-up's next dateline starts a new story), one list per sentence."""
    groups: list[list[Resolution]] = []
    i = before - 1
    while i >= 0 and len(groups) < INHERIT_SENTENCES and located[i].mention.start >= floor:
        j = i
        while j > 0 and sentence_of[j - 1] == sentence_of[i]:
            j -= 1
        groups.insert(0, located[j:i + 1])
        i = j - 1
    return groups


def _numbered(event: Event, doc_id: str, number: int) -> Event:
    return replace(event, id=f"{doc_id}#e{number}")


def _sentence_events(scope: _DocumentScope, sentence: _SentenceScope) -> list[Event]:
    """The events of one sentence: one per trigger and place list, described clause by clause."""
    placed = _placed_triggers(sentence)
    if not placed:  # no place, no event: skip the dating and attribution work
        return []
    telling = _telling(scope, sentence)
    readings: dict[int, _Reading] = {}  # per clause
    events = []
    for clause, trigger, locations in placed:
        if id(clause) not in readings:
            readings[id(clause)] = _read_clause(scope, sentence, telling, clause)
        events.append(_event(scope.document, sentence, telling, trigger, locations, readings[id(clause)]))
    return events


def _placed_triggers(sentence: _SentenceScope) -> list[tuple[Clause, Trigger, list[EventLocation]]]:
    """Each trigger of the sentence with each location list it gets (none when it has no place)."""
    found: dict[tuple[int, bool], list] = {}  # the places of a clause depend on the trigger only by `movement`
    placed = []
    for clause in sentence.clauses:
        for trigger in clause.triggers:
            key = (clause.start, trigger.movement)
            if key not in found:
                found[key] = _places(sentence, clause, trigger)
            placed.extend((clause, trigger, locations) for locations in found[key])
    return placed


def _places(sentence: _SentenceScope, clause: Clause, trigger: Trigger) -> list[list[EventLocation]]:
    lists = event_places_for(sentence.places, clause, trigger)
    if trigger.movement:
        lists = [with_sender(sentence.places, clause, locations) for locations in lists]
    return lists


def _telling(scope: _DocumentScope, sentence: _SentenceScope) -> _Telling:
    """The sentence's dates (relative ones from the day of the statement it reports, when it gives one),
    the day it was reported and its sources."""
    text = scope.text[sentence.start:sentence.end]
    published = scope.document.published
    dates = find_dates(text, published)
    report_day = next((d.date.end for d in dates if d.reporting), None)
    if report_day is not None and any(not d.reporting for d in dates):  # relative to the statement's day
        dates = find_dates(text, published, anchor=report_day)
    for d in dates:  # a date in a reporting clause ("In a briefing on Wednesday, X said that") dates the report
        clause = _clause_at(sentence.clauses, sentence.start + d.start)
        if clause is not None and clause.reporting:
            report_day = report_day or d.date.end
    return _Telling(text, dates, report_day or published, find_sources(text))


def _read_clause(scope: _DocumentScope, sentence: _SentenceScope, telling: _Telling, clause: Clause) -> _Reading:
    """When, how sure, who and how many, for the events of one clause."""
    clause_text = scope.text[clause.start:clause.end]
    expected = EXPECTED.search(clause_text) is not None
    when = _same_day(clause_text, _clause_date(sentence, telling, clause, expected), sentence.last_day)
    published = scope.document.published
    future = when.start is not None and published is not None and when.start > published
    sure = certainty(clause_text, telling.sentence, telling.sources, future, expected)
    demonyms = [r.mention.text for r in sentence.places.actors if clause.start <= r.mention.start < clause.end]
    return _Reading(when, sure, find_actors(clause_text, demonyms), find_quantities(clause_text))


def _same_day(clause_text: str, when: EventDate, last_day: date | None) -> EventDate:
    """An undated clause that says "the same day" or "the day before" is dated from the last dated event."""
    same_day = _SAME_DAY.search(clause_text.lower()) if last_day is not None else None
    if same_day and when.precision is DatePrecision.ON_OR_BEFORE:
        day = last_day + timedelta(days=_SAME_DAY_SHIFT[same_day.group(1)])
        return EventDate(day, day, DatePrecision.DAY, clause_text[same_day.start():same_day.end()])
    return when


def _event(document: Document, sentence: _SentenceScope, telling: _Telling, trigger: Trigger,
           locations: list[EventLocation], reading: _Reading) -> Event:
    when = reading.when
    return Event(
        id="", doc_id=document.id, type=trigger.type, sub_type=trigger.sub_type,
        date_start=when.start, date_end=when.end, date_precision=when.precision,
        date_text=when.text, certainty=reading.certainty, actors=reading.actors, quantities=reading.quantities,
        sources=telling.sources, quote=telling.sentence.strip(), quote_start=sentence.start,
        quote_end=sentence.end, locations=tuple(locations), doc_ids=(document.id,),
    )


def _clause_at(clauses: list[Clause], offset: int) -> Clause | None:
    return next((c for c in clauses if c.start <= offset < c.end), None)


def _clause_date(sentence: _SentenceScope, telling: _Telling, clause: Clause, expected: bool = False) -> EventDate:
    """The clause's own most precise date, else one from a trigger-free clause, else one from the other
    clauses of the sentence ("clashes near Sake on December 28, when shells landed"), else the report
    window. An expected event borrows no date: "to be deployed ..., which Kyiv's troops entered in August"."""
    others = [c for c in sentence.clauses if c is not clause and not c.reporting]
    pools = ([clause],) if expected else ([clause], sentence.free_clauses, others)
    for pool in pools:
        own = [d.date for d in telling.dates if not d.reporting
               and any(c.start <= sentence.start + d.start < c.end for c in pool)]
        if own:
            return min(own, key=lambda d: (d.end - d.start) if d.start and d.end else 10**6)
    return report_window(telling.report_day)
