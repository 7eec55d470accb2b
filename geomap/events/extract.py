"""Event extraction: what happened, when, where and who says so, clause by clause.

For each sentence:
1. split it into clauses at connectors ("..., where", "..., with", "said that ...", ";");
2. find the trigger of each event type in each clause (`event_types.TRIGGERS`), skipping denied ones and
   the weaker readings a stronger one rules out (a protest's "clashed" is not a battle);
3. date the event from its clause, else from the clause-free parts of the sentence, else the week up to
   the day it was reported (`dates`);
4. place it: the places of its clause, else of its sentence, else of the two sentences before
   (inherited, one step coarser, and said so) (`event_places`); an event with no place is dropped;
5. add certainty, sources, actors and quantities (`attribution`, `quantities`).
Reports of one event within the document (the caption, the lead and a later detail) are merged
(`corroborate.merge_events`), and the events are numbered in text order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from gazetteer import Gazetteer, PlaceKind
from geomap.events.attribution import EXPECTED, certainty, find_actors, find_sources
from geomap.events.clauses import APPOSITIVE, REPORTING_CLAUSE, Clause, clause_triggers, split_clauses
from geomap.events.corroborate import merge_events
from geomap.events.dates import EventDate, find_dates, report_window
from geomap.events.quantities import find_quantities
from geomap.events.sites import SPELLED_OTHERWISE_SCORE, event_places_for, town_named, with_sender
from geomap.events.vocabulary import (
    keyword_hits,
    triggers_of,
)
from geomap.records import (
    Certainty,
    DatePrecision,
    Document,
    Event,
    EventType,
    Mention,
    MentionRole,
    Resolution,
)

_DATELINE_LINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'’/-]+(?:,\s+[A-Z][\w .'’-]+)?\s+[—–-]\s")
_DATELINE_NAME = re.compile(r"[ \t]*([A-Z][A-Z .'’-]+?)(?:,|\s+[—–-]\s)")
_ACROSS = re.compile(r"\b(?:across|throughout|all over)\s+(?:the\s+)?\w+(?:\s+\w+)?")
# "along the Lebanese border", "on the Mozambican side": a demonym that names a country's ground.
_AREA_NOUN = re.compile(r"\s+(?:border|borders|frontier|side|coast|coastline|territory|waters|airspace|soil)\b")
_SAME_DAY = re.compile(r"\b(the same day|that day|later that day|hours later|the day before|the previous day|"
                       r"the next day|the following day|a day later)\b")
_SAME_DAY_SHIFT = {"the same day": 0, "that day": 0, "later that day": 0, "hours later": 0, "the day before": -1,
                   "the previous day": -1, "the next day": 1, "the following day": 1, "a day later": 1}
INHERIT_SENTENCES = 2
MIN_SENTENCE_WORDS = 3  # "Ground fighting." is a heading; "Drones struck Kyiv." is news
BACKGROUND_DAYS = 365  # an event without a place of its own may take one from this many sentences back


def extract_events(document: Document, sentences: list[tuple[int, int]],
                   resolutions: list[Resolution], gazetteer: Gazetteer | None = None,
                   check: Callable[[], None] | None = None) -> list[Event]:
    """Events reported in the document, merged within it and numbered in text order. With the gazetteer,
    "Mali's capital" is placed at Bamako. `check()`, when given, is called once a sentence and raises when
    the document's time is up (`pipeline.Deadline`)."""
    capital_of = gazetteer.capital if gazetteer is not None else None
    named_place = (lambda name, country: town_named(gazetteer, name, country)) if gazetteer is not None else None
    text = document.text
    located = [r for r in resolutions if r.place is not None and (
        r.mention.role is MentionRole.LOCATION or _AREA_NOUN.match(text, r.mention.end))]
    actors = sorted((r for r in resolutions if r.place is not None and r.mention.role is MentionRole.ACTOR),
                    key=lambda r: r.mention.start)  # in text order already; sorted for the bisection below
    actor_starts = [r.mention.start for r in actors]
    home = _home_country(located)
    spans = [(d.start(), d.end()) for d in _DATELINE_LINE.finditer(text)] if any(
        dash in text for dash in ("—", "–", " - ")) else []
    dateline_starts = [a for a, _ in spans]
    if gazetteer is not None and spans:
        located = _dateline_places(text, spans, located, gazetteer)
    datelines = frozenset(r.mention.start for r in located if any(a <= r.mention.start < b for a, b in spans))
    drafts: list[Event] = []
    last_day = None  # the last day an event was dated to: "the same day", "the day before"
    starts = [r.mention.start for r in located]
    sentence_starts = [start for start, _ in sentences]
    sentence_of = [bisect_right(sentence_starts, start) - 1 for start in starts]  # per located mention
    lower_text = text.lower()
    hits = keyword_hits(text, lower_text)  # one automaton pass; most sentences have no trigger keyword at all
    hit_starts = [start for start, _ in hits]
    for index in sorted({bisect_right(sentence_starts, start) - 1 for start in hit_starts} - {-1}):
        if check is not None:
            check()
        s_start, s_end = sentences[index]
        if text.count(" ", s_start, s_end) < MIN_SENTENCE_WORDS - 1:
            continue  # a heading ("Ground fighting."), not a report
        first, last = bisect_left(starts, s_start), bisect_left(starts, s_end)
        in_sentence = located[first:last]
        recent = _recent(located, sentence_of, first, floor=_last_dateline(dateline_starts, s_start))
        if not (in_sentence or recent):  # no place in reach: no event can be placed
            continue
        lower_sentence = lower_text[s_start:s_end]
        matching = {id(t) for t in triggers_of(hits[bisect_left(hit_starts, s_start):bisect_left(hit_starts, s_end)])
                    if t.pattern.search(lower_sentence)}  # one search per candidate over the whole sentence
        if not matching:
            continue
        clauses = [Clause(a, b, clause_triggers(text[a:b], [t for t in triggers_of(
            hits[bisect_left(hit_starts, a):bisect_left(hit_starts, b)]) if id(t) in matching], lower_text[a:b]),
            False) for a, b in split_clauses(text, s_start, s_end)]
        if not any(c.triggers for c in clauses):
            continue
        clauses = [Clause(c.start, c.end, c.triggers, not c.triggers and (
            REPORTING_CLAUSE.search(lower_text, c.start, c.end) is not None
            or APPOSITIVE.match(lower_text, c.start, c.end) is not None)) for c in clauses]
        # a clause looks only at its own actors: the document's whole list for every sentence was quadratic
        sentence_actors = actors[bisect_left(actor_starts, s_start):bisect_left(actor_starts, s_end)]
        new = _sentence_events(document, s_start, s_end, clauses, in_sentence, sentence_actors, recent, capital_of,
                               last_day, home, datelines, named_place)
        drafts.extend(new)
        last_day = next((e.date_start for e in reversed(new) if e.date_precision is DatePrecision.DAY), last_day)
    riots: dict[int, list[set[str]]] = {}  # per sentence start, the places of its riots
    for e in drafts:
        if e.type is EventType.RIOTS:
            riots.setdefault(e.quote_start, []).append({loc.place.id for loc in e.locations})
    kept = []
    reported: set[EventType] = set()  # the types of the events reported (not expected) before this one
    for e in drafts:
        if not (_background(e, document) or _too_vague(e, text) or _back_reference(e, reported)
                or _riot_reported(e, riots)):
            kept.append(e)
        if e.certainty is not Certainty.EXPECTED:
            reported.add(e.type)
    merged = merge_events(kept, within_document=True, check=check)
    return [_numbered(event, document.id, n) for n, event in enumerate(merged, start=1)]


def _dateline_places(text: str, spans: list[tuple[int, int]], located: list[Resolution],
                     gazetteer: Gazetteer) -> list[Resolution]:
    """Dateline towns the recognizer left unread ("STOKE-ON-TRENT —", "GOMA, Democratic Republic of Congo —":
    capitals and hyphens) looked up as towns."""
    added = []
    for start, end in spans:
        m = _DATELINE_NAME.match(text, start, end)
        if m is None or any(m.start(1) <= r.mention.start < m.end(1) for r in located):
            continue  # the dateline's town was read already
        name = m.group(1).strip()
        for c in gazetteer.lookup(name.title(), limit=1, fuzzy=False):
            if c.place.kind is PlaceKind.POPULATED_PLACE and c.score >= SPELLED_OTHERWISE_SCORE:
                mention = Mention(m.start(1), m.start(1) + len(name), name)
                added.append(Resolution(mention, c.place, (c,), c.score, f"dateline; {c.reason}"))
    return sorted([*located, *added], key=lambda r: r.mention.start) if added else located


def _home_country(located: list[Resolution]) -> str | None:
    """The country the report is about: the one its places lie in most often (first named on ties)."""
    counts = Counter(r.place.country_code for r in located if r.place.country_code)
    return counts.most_common(1)[0][0] if counts else None


def _last_dateline(dateline_starts: list[int], offset: int) -> int:
    """Where the story that `offset` belongs to starts: its dateline ("STOKE-ON-TRENT — ..."), else 0."""
    i = bisect_right(dateline_starts, offset)
    return dateline_starts[i - 1] if i else 0


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


def _background(event: Event, document: Document) -> bool:
    """History, not news: an event that ended more than BACKGROUND_DAYS before the document was published
    ("the military seized power in a coup in February 2021"), or a situation running for longer than that
    ("in turmoil since February 2021")."""
    if document.published is None or event.date_end is None or event.date_start is None:
        return False
    return (document.published - event.date_end).days > BACKGROUND_DAYS or (
        event.date_precision is DatePrecision.RANGE and (event.date_end - event.date_start).days > BACKGROUND_DAYS)


def _riot_reported(event: Event, riots: dict[int, list[set[str]]]) -> bool:
    """A protest the same sentence also reports as a riot at the same place is that riot (ACLED codes the
    gathering once, by its most violent form). `riots`: the places of the riots of each sentence start."""
    return event.type is EventType.PROTESTS and any(
        places & {loc.place.id for loc in event.locations} for places in riots.get(event.quote_start, ()))


def _too_vague(event: Event, text: str) -> bool:
    """Placed only at a continent ("protests in European capitals"), or only at a country it spans
    ("shot down 34 drones launched across Ukraine": a tally, not one event): nothing to put on the map."""
    return all(loc.precision >= 7 for loc in event.locations) or all(
        loc.precision >= 6 and _ACROSS.search(text, max(0, event.quote_start), event.quote_end) is not None
        and loc.name in _ACROSS.search(text, max(0, event.quote_start), event.quote_end).group(0)
        for loc in event.locations)


def _back_reference(event: Event, reported: set[EventType]) -> bool:
    """"The strikes were a deliberate attempt ...": a clause with neither a place nor a date of its own that
    names a kind of event the document already reported refers back to it (what is expected is new);
    "at least four people were killed, the governor said" after a strike counts its victims. `reported`: the
    types of the events the document reported (not expected) before this one."""
    victims = event.type is EventType.VIOLENCE_AGAINST_CIVILIANS and event.sub_type == "attack"
    related = {event.type} | ({EventType.EXPLOSIONS, EventType.BATTLES} if victims else set())
    return (event.certainty is not Certainty.EXPECTED
            and event.date_precision in (DatePrecision.ON_OR_BEFORE, DatePrecision.UNKNOWN)
            and all(loc.note.startswith("inherited") for loc in event.locations)
            and not related.isdisjoint(reported))


def _numbered(event: Event, doc_id: str, number: int) -> Event:
    return replace(event, id=f"{doc_id}#e{number}")


def _sentence_events(document: Document, s_start: int, s_end: int, clauses: list[Clause],
                     in_sentence: list[Resolution], actor_mentions: list[Resolution],
                     recent: list[list[Resolution]], capital_of, last_day, home: str | None = None,
                     datelines: frozenset[int] = frozenset(), named_place=None) -> list[Event]:
    text = document.text
    sentence = text[s_start:s_end]
    published = document.published
    found: dict[tuple[int, bool], list] = {}  # the places of a clause depend on the trigger only by `movement`
    placed = []
    for clause in clauses:
        for trigger in clause.triggers:
            key = (clause.start, trigger.movement)
            if key not in found:
                found[key] = event_places_for(text, clause, clauses, in_sentence, recent, trigger, capital_of, home,
                                     datelines, named_place)
                if trigger.movement:
                    found[key] = [with_sender(text, clause, locations, actor_mentions, in_sentence)
                                  for locations in found[key]]
            placed.extend((clause, trigger, locations) for locations in found[key])
    if not placed:  # no place, no event: skip the dating and attribution work
        return []
    dates = find_dates(sentence, published)
    report_day = next((d.date.end for d in dates if d.reporting), None)
    if report_day is not None and any(not d.reporting for d in dates):  # relative to the statement's day
        dates = find_dates(sentence, published, anchor=report_day)
    for d in dates:  # a date in a reporting clause ("In a briefing on Wednesday, X said that") dates the report
        clause = _clause_at(clauses, s_start + d.start)
        if clause is not None and clause.reporting:
            report_day = report_day or d.date.end
    free = [c for c in clauses if not c.triggers and not c.reporting]
    sources = find_sources(sentence)
    events = []
    described: dict[int, tuple] = {}  # per clause: date, certainty, actors, quantities
    for clause, trigger, locations in placed:
        if id(clause) not in described:
            described[id(clause)] = _describe(clause, text, sentence, dates, free, clauses, s_start,
                                              report_day or published, published, last_day, sources,
                                              actor_mentions)
        when, sure, actors, quantities = described[id(clause)]
        events.append(Event(
            id="", doc_id=document.id, type=trigger.type, sub_type=trigger.sub_type,
            date_start=when.start, date_end=when.end, date_precision=when.precision,
            date_text=when.text, certainty=sure, actors=actors, quantities=quantities,
            sources=sources, quote=sentence.strip(), quote_start=s_start, quote_end=s_end,
            locations=tuple(locations), doc_ids=(document.id,),
        ))
    return events


def _describe(clause: Clause, text: str, sentence: str, dates, free, clauses, s_start: int, report_day,
              published, last_day, sources, actor_mentions):
    """When, how sure, who and how many, for the events of one clause."""
    clause_text = text[clause.start:clause.end]
    expected = EXPECTED.search(clause_text) is not None
    when = _clause_date(dates, clause, free, clauses, s_start, report_day, expected)
    same_day = _SAME_DAY.search(clause_text.lower()) if last_day is not None else None
    if same_day and when.precision is DatePrecision.ON_OR_BEFORE:
        day = last_day + timedelta(days=_SAME_DAY_SHIFT[same_day.group(1)])
        when = EventDate(day, day, DatePrecision.DAY, clause_text[same_day.start():same_day.end()])
    future = when.start is not None and published is not None and when.start > published
    sure = certainty(clause_text, sentence, sources, future, expected)
    demonyms = [r.mention.text for r in actor_mentions if clause.start <= r.mention.start < clause.end]
    return when, sure, find_actors(clause_text, demonyms), find_quantities(clause_text)


def _clause_at(clauses: list[Clause], offset: int) -> Clause | None:
    return next((c for c in clauses if c.start <= offset < c.end), None)


def _clause_date(dates, clause: Clause, free: list[Clause], clauses: list[Clause], s_start: int,
                 report_day, expected: bool = False) -> EventDate:
    """The clause's own most precise date, else one from a trigger-free clause, else one from the other
    clauses of the sentence ("clashes near Sake on December 28, when shells landed"), else the report
    window. An expected event borrows no date: "to be deployed ..., which Kyiv's troops entered in August"."""
    others = [c for c in clauses if c is not clause and not c.reporting]
    pools = ([clause],) if expected else ([clause], free, others)
    for pool in pools:
        own = [d.date for d in dates if not d.reporting
               and any(c.start <= s_start + d.start < c.end for c in pool)]
        if own:
            return min(own, key=lambda d: (d.end - d.start) if d.start and d.end else 10**6)
    return report_window(report_day)
