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

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache

from gazetteer import Gazetteer, PlaceKind
from gazetteer.names import fold
from geomap.attribution import EXPECTED, certainty, find_actors, find_sources
from geomap.corroborate import merge_events
from geomap.dates import EventDate, find_dates, report_window
from geomap.event_places import LIST_JOIN, contains, event_locations, names_an_actor
from geomap.event_types import (
    DIPLOMACY,
    NOT_CONFLICT,
    Trigger,
    candidate_triggers,
    denied_or_habitual,
    keyword_hits,
    triggers_of,
)
from geomap.quantities import find_quantities
from geomap.recognize import COMMON_WORDS
from geomap.records import (
    Certainty,
    DatePrecision,
    Document,
    Event,
    EventLocation,
    EventType,
    LocationRole,
    Mention,
    MentionRole,
    Resolution,
)

_CONNECTOR = (r"where|while|whereas|with|following|after|as|but|though|although|amid|which|who|when|before|"
              r"even as|prompting|forcing")
# Clause breaks: punctuation followed by a connector, and "said (Friday) that". Each punctuation mark found
# is tested with an anchored pattern (much cheaper than one alternation tried at every position).
_PUNCTUATION = re.compile(r"[,;—–]")
_AFTER_COMMA = re.compile(
    r",\s+(?=(?!killing|wounding|injuring|leaving|including|according|citing|targeting|hitting|using|saying)"
    r"[a-z]+ing\b)|"
    r",\s+and\s+(?=(?:the|a|an|several|some|many|more|at|two|three|four|five|dozens|hundreds|thousands|[a-z]+ed)\b)|"
    rf";\s+|,\s+(?=(?:{_CONNECTOR})\b)|[—–]\s+|"
    r",\s+(?=(?:a|an|the)\s+(?:\w+\s+)?(?:town|city|village|port|region|district|province|capital|suburb|hub)\b)"
)
_DASH_BEFORE = re.compile(r"\s+$")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(?:,\s+[A-Z][\w .'’-]+)?")
_THAT = re.compile(r"\bthat\s+")
_REPORTING_BEFORE_THAT = re.compile(
    r"\b(?:said|says|reported|confirmed|announced|told \w+|claimed|estimated|warned|noted|added|believes?|"
    r"stated)\s+(?:(?:on\s+)?\w+\s+)?$"
)
_REPORTING_CLAUSE = re.compile(r"\b(said|says|reported|reports|confirmed|announced|told|claimed|stated|noted|"
                               r"according to|debrief\w*|statement|briefing)\b")
_COUNT_WORD = r"(?:\d[\d,]*|dozens|hundreds|scores|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)"
_COUNTED_ARREST = re.compile(rf"\b{_COUNT_WORD}\b.{{0,40}}\b(arrested|detained|taken into custody)\b|"
                             rf"\b(arrested|detained)\s+(at least\s+|more than\s+|about\s+|around\s+)?{_COUNT_WORD}\b")
# "..., a town close to the border that has been contested since May": describes a place, dates nothing.
_APPOSITIVE = re.compile(r"(?:a|an|the)\s+(?:\w+\s+)?(?:town|city|village|port|region|district|province|capital|"
                         r"suburb|hub)\b")
_CROWD_CONTROL = re.compile(r"\b(tear ?gas|smoke|rubber|water cannons?|stun|pepper)\b")
_NOT_VIOLENCE = re.compile(r"\b(crisis|deal|balance|chord)\b")
_CIVILIAN_WORDS = re.compile(r"\b(civilians|villagers|residents|worshippers|farmers|students|passengers|people|"
                             r"children|women|families|shoppers|mourners|herders|displaced|diners|patients)\b")
_DATELINE_LINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'’/-]+(?:,\s+[A-Z][\w .'’-]+)?\s+[—–-]\s")
_TOWN_AFTER = re.compile(r"\b(?:(?:town|village|city|district|camp|port|area|outskirts) of|in|near|at|outside|into|"
                         r"around|toward|towards|captured|seized|overran|retook|recaptured|stormed|entered) "
                         r"(?P<name>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)")
SPELLED_OTHERWISE_SCORE = 0.5
_DATELINE_NAME = re.compile(r"[ \t]*([A-Z][A-Z .'’-]+?)(?:,|\s+[—–-]\s)")
_THE_CAPITAL = re.compile(r"\bthe (?:country's |nation's )?capital\b")
_WHERE = re.compile(r"\s*(?:where|in which)\b")
_ACROSS = re.compile(r"\b(?:across|throughout|all over)\s+(?:the\s+)?\w+(?:\s+\w+)?")
# "along the Lebanese border", "on the Mozambican side": a demonym that names a country's ground.
_AREA_NOUN = re.compile(r"\s+(?:border|borders|frontier|side|coast|coastline|territory|waters|airspace|soil)\b")
_SAME_DAY = re.compile(r"\b(the same day|that day|later that day|hours later|the day before|the previous day|"
                       r"the next day|the following day|a day later)\b")
_SAME_DAY_SHIFT = {"the same day": 0, "that day": 0, "later that day": 0, "hours later": 0, "the day before": -1,
                   "the previous day": -1, "the next day": 1, "the following day": 1, "a day later": 1}
INHERIT_SENTENCES = 2
_SENDER_AFTER = re.compile(r"(?:['’]s)?\s+(?:has |had |have |is |was |will |would )?(?:also )?(?:sent|sends|"
                           r"sending|deployed|deploys|deploying|dispatched|dispatches|moved|moves|transferred)\b")
_SPEAKER_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:intelligence|officials?|ministry|government|president|"
                            r"spy|agency|media|news|sources?|lawmakers?|leader|said|says|told|reported|claimed)\b")
MIN_SENTENCE_WORDS = 3  # "Ground fighting." is a heading; "Drones struck Kyiv." is news
BACKGROUND_DAYS = 365  # an event without a place of its own may take one from this many sentences back


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int  # offsets in the document text
    end: int
    triggers: tuple[Trigger, ...]
    reporting: bool  # a reporting or describing clause: lends neither date nor place to the others


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans (document offsets) of the sentence text[start:end]."""
    sentence = text[start:end]
    if not any(mark in sentence for mark in ",;—–") and " that " not in sentence:
        return [(start, end)]  # nothing to split at
    breaks = []
    for p in _PUNCTUATION.finditer(text, start, end):
        m = _AFTER_COMMA.match(text, p.start(), end)
        if m is None:
            continue
        if text[p.start()] in "—–":  # a dash breaks only between spaces: "Russia-Ukraine" does not
            space = _DASH_BEFORE.search(text, max(start, p.start() - 3), p.start())
            if space is None or _DATELINE.fullmatch(text, start, space.start()):
                continue  # "KHARKIV, Ukraine — Drones struck ...": the dateline belongs to the report
            breaks.append((space.start(), m.end()))
        else:
            breaks.append((m.start(), m.end()))
    for t in _THAT.finditer(text, start, end):
        verb = _REPORTING_BEFORE_THAT.search(text, max(start, t.start() - 40), t.start())
        if verb is not None:
            breaks.append((verb.start(), t.end()))
    spans = []
    at = start
    for b_start, b_end in sorted(breaks):
        if b_start > at:
            spans.append((at, b_start))
        at = max(at, b_end)
    if at < end:
        spans.append((at, end))
    return spans


def clause_triggers(clause: str, candidates: list[Trigger] | None = None, lower: str | None = None,
                    ) -> tuple[Trigger, ...]:
    """The trigger of each event type the clause reports, stronger readings ruling out weaker ones.

    Per type the most specific trigger wins (a protest dispersed with tear gas is a protest with
    intervention), except for strategic developments, where the one that comes first does (the main verb
    more often than not: "arrived in Russia to oversee troops stationed there" is an arrival)."""
    candidates = candidate_triggers(clause) if candidates is None else candidates
    if not candidates:
        return ()
    found: dict[EventType, tuple[bool, int, Trigger]] = {}
    lower = clause.lower() if lower is None else lower
    for trigger in candidates:
        m = trigger.pattern.search(lower)
        if not m:
            continue
        # Strategic developments: the earliest match; other types: the first (most specific) in the list.
        position = m.start() if trigger.type is EventType.STRATEGIC else 0
        if trigger.type not in found or (trigger.weak, position) < found[trigger.type][:2]:
            found[trigger.type] = (trigger.weak, position, trigger)
    if not found or denied_or_habitual(clause):
        return ()
    chosen = {event_type: trigger for event_type, (_, _, trigger) in found.items()}
    types = set(chosen)
    not_conflict = NOT_CONFLICT.search(lower) is not None
    weak = EventType.EXPLOSIONS in chosen and chosen[EventType.EXPLOSIONS].weak
    if weak and (EventType.PROTESTS in types or not_conflict or _NOT_VIOLENCE.search(lower)):
        del chosen[EventType.EXPLOSIONS]
    if not_conflict:  # sport, fires, disasters: their "battles", "clashes" and deaths are not political violence
        chosen.pop(EventType.BATTLES, None)
        if EventType.VIOLENCE_AGAINST_CIVILIANS in chosen and \
                chosen[EventType.VIOLENCE_AGAINST_CIVILIANS].sub_type == "attack":
            del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]
    if EventType.VIOLENCE_AGAINST_CIVILIANS in chosen and chosen[EventType.VIOLENCE_AGAINST_CIVILIANS].sub_type == \
            "attack" and EventType.BATTLES in chosen and not _CIVILIAN_WORDS.search(lower):
        del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]  # "gunmen attacked a military post" is a battle
    if EventType.RIOTS in types:  # "threw petrol bombs at riot police": the riot's weapons, not a bombing
        for weaker in (EventType.PROTESTS, EventType.BATTLES, EventType.EXPLOSIONS):
            chosen.pop(weaker, None)
    if EventType.PROTESTS in types or EventType.RIOTS in types:
        chosen.pop(EventType.BATTLES, None)
        strategic = chosen.get(EventType.STRATEGIC)
        # Arrests at a protest are its police intervention (ACLED), unless counted: "23 people were arrested"
        # is also an arrests event of its own, which analysts count.
        if strategic is not None and (strategic.sub_type == "looting_property_destruction" or (
                strategic.sub_type == "arrests" and not _COUNTED_ARREST.search(lower))):
            del chosen[EventType.STRATEGIC]
    if EventType.PROTESTS in chosen and EventType.EXPLOSIONS in chosen and _CROWD_CONTROL.search(lower):
        del chosen[EventType.EXPLOSIONS]  # "fired tear gas and smoke shells at students"
    if EventType.EXPLOSIONS in chosen and EventType.VIOLENCE_AGAINST_CIVILIANS in chosen \
            and chosen[EventType.VIOLENCE_AGAINST_CIVILIANS].sub_type == "attack":
        del chosen[EventType.VIOLENCE_AGAINST_CIVILIANS]
    if EventType.STRATEGIC in chosen and chosen[EventType.STRATEGIC].sub_type == "arrival" and DIPLOMACY.search(lower):
        del chosen[EventType.STRATEGIC]
    if EventType.VIOLENCE_AGAINST_CIVILIANS in chosen and EventType.BATTLES in chosen \
            and chosen[EventType.BATTLES].sub_type == "non_state_actor_overtakes_territory":
        del chosen[EventType.BATTLES]
    return tuple(chosen.values())


def extract_events(document: Document, sentences: list[tuple[int, int]],
                   resolutions: list[Resolution], gazetteer: Gazetteer | None = None) -> list[Event]:
    """Events reported in the document, merged within it and numbered in text order. With the gazetteer,
    "Mali's capital" is placed at Bamako."""
    capital_of = gazetteer.capital if gazetteer is not None else None
    named_place = (lambda name, country: _town_named(gazetteer, name, country)) if gazetteer is not None else None
    text = document.text
    located = [r for r in resolutions if r.place is not None and (
        r.mention.role is MentionRole.LOCATION or _AREA_NOUN.match(text, r.mention.end))]
    actors = [r for r in resolutions if r.place is not None and r.mention.role is MentionRole.ACTOR]
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
        clauses = [_Clause(a, b, clause_triggers(text[a:b], [t for t in triggers_of(
            hits[bisect_left(hit_starts, a):bisect_left(hit_starts, b)]) if id(t) in matching], lower_text[a:b]),
            False) for a, b in split_clauses(text, s_start, s_end)]
        if not any(c.triggers for c in clauses):
            continue
        clauses = [_Clause(c.start, c.end, c.triggers, not c.triggers and (
            _REPORTING_CLAUSE.search(lower_text, c.start, c.end) is not None
            or _APPOSITIVE.match(lower_text, c.start, c.end) is not None)) for c in clauses]
        new = _sentence_events(document, s_start, s_end, clauses, in_sentence, actors, recent, capital_of, last_day,
                               home, datelines, named_place)
        drafts.extend(new)
        last_day = next((e.date_start for e in reversed(new) if e.date_precision is DatePrecision.DAY), last_day)
    drafts = [e for i, e in enumerate(drafts)
              if not _background(e, document) and not _too_vague(e, text) and not _back_reference(e, drafts[:i])
              and not _riot_reported(e, drafts)]
    merged = merge_events(drafts, within_document=True)
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


def _riot_reported(event: Event, drafts: list[Event]) -> bool:
    """A protest the same sentence also reports as a riot at the same place is that riot (ACLED codes the
    gathering once, by its most violent form)."""
    return event.type is EventType.PROTESTS and any(
        e.type is EventType.RIOTS and e.quote_start == event.quote_start
        and {loc.place.id for loc in e.locations} & {loc.place.id for loc in event.locations} for e in drafts)


def _too_vague(event: Event, text: str) -> bool:
    """Placed only at a continent ("protests in European capitals"), or only at a country it spans
    ("shot down 34 drones launched across Ukraine": a tally, not one event): nothing to put on the map."""
    return all(loc.precision >= 7 for loc in event.locations) or all(
        loc.precision >= 6 and _ACROSS.search(text, max(0, event.quote_start), event.quote_end) is not None
        and loc.name in _ACROSS.search(text, max(0, event.quote_start), event.quote_end).group(0)
        for loc in event.locations)


def _back_reference(event: Event, earlier: list[Event]) -> bool:
    """"The strikes were a deliberate attempt ...": a clause with neither a place nor a date of its own that
    names a kind of event the document already reported refers back to it (what is expected is new);
    "at least four people were killed, the governor said" after a strike counts its victims."""
    victims = event.type is EventType.VIOLENCE_AGAINST_CIVILIANS and event.sub_type == "attack"
    related = {event.type} | ({EventType.EXPLOSIONS, EventType.BATTLES} if victims else set())
    return (event.certainty is not Certainty.EXPECTED
            and event.date_precision in (DatePrecision.ON_OR_BEFORE, DatePrecision.UNKNOWN)
            and all(loc.note.startswith("inherited") for loc in event.locations)
            and any(e.type in related and e.certainty is not Certainty.EXPECTED for e in earlier))


def _numbered(event: Event, doc_id: str, number: int) -> Event:
    return replace(event, id=f"{doc_id}#e{number}")


def _sentence_events(document: Document, s_start: int, s_end: int, clauses: list[_Clause],
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
                found[key] = _places(text, clause, clauses, in_sentence, recent, trigger, capital_of, home,
                                     datelines, named_place)
                if trigger.movement:
                    found[key] = [_with_sender(text, clause, locations, actor_mentions, in_sentence)
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


def _describe(clause: _Clause, text: str, sentence: str, dates, free, clauses, s_start: int, report_day,
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


def _clause_at(clauses: list[_Clause], offset: int) -> _Clause | None:
    return next((c for c in clauses if c.start <= offset < c.end), None)


def _clause_date(dates, clause: _Clause, free: list[_Clause], clauses: list[_Clause], s_start: int,
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


def _places(text: str, clause: _Clause, clauses: list[_Clause], in_sentence: list[Resolution],
            recent: list[list[Resolution]], trigger: Trigger, capital_of=None, home: str | None = None,
            datelines: frozenset[int] = frozenset(), named_place=None):
    """Location lists, one per event: a movement is one event with all its places; any other event is one
    per distinct place ("drones struck Kyiv and Odesa": two strikes)."""
    def inside(spans):
        found = [r for r in in_sentence if any(c.start <= r.mention.start < c.end for c in spans)]
        # "DUBAI — Yemen's Houthis fired ...": the dateline says where the report was filed; it places the
        # event only when nothing else does.
        filed = [r.place for r in found if r.mention.start in datelines]
        if not filed:
            return found
        # Another place wins over the dateline when it is in the dateline's country (more local), or is a
        # country or region elsewhere ("DUBAI — ... off Yemen"); a town abroad is more likely a misread
        # ("MEXICO CITY — ... from the Angel of Independence").
        elsewhere = [r for r in found if r.mention.start not in datelines and not names_an_actor(text, r)
                     and not any(contains(r.place, place) for place in filed)
                     and (any(r.place.country_code == place.country_code for place in filed)
                          or r.place.kind is not PlaceKind.POPULATED_PLACE)]
        if elsewhere:
            return elsewhere
        return [r for r in found if r.mention.start in datelines or any(contains(r.place, p) for p in filed)]

    locations = []
    index = clauses.index(clause)
    if index and _WHERE.match(text, clause.start):  # "..., where they fought": the place named just before
        before = inside([clauses[index - 1]])
        if before:
            listed = [before[-1]]  # with the places listed with it: "in Nairobi and Mombasa, where ..."
            for r in reversed(before[:-1]):
                if not LIST_JOIN.fullmatch(text[r.mention.end:listed[0].mention.start]):
                    break
                listed.insert(0, r)
            spans = {r.mention.text: (r.mention.start, r.mention.end) for r in listed}
            return _split(event_locations(text, 0, listed, trigger.movement, capital_of=capital_of), trigger,
                          text, spans)
    spans = {}
    filed: tuple = ()  # a pool that offers only the dateline: the last resort
    for pool in ([clause], [c for c in clauses if not c.triggers and not c.reporting],
                 [c for c in clauses if c is not clause]):
        mentions = inside(pool)
        if mentions and all(r.mention.start in datelines for r in mentions):
            filed = filed or (pool, mentions)
            continue
        if mentions:
            locations = event_locations(text, pool[0].start if len(pool) == 1 else 0, mentions, trigger.movement,
                                        capital_of=capital_of)
            spans = {r.mention.text: (r.mention.start, r.mention.end) for r in mentions}
            if locations:
                break
    if not locations and filed:
        pool, mentions = filed
        locations = event_locations(text, pool[0].start if len(pool) == 1 else 0, mentions, trigger.movement,
                                    capital_of=capital_of)
        spans = {r.mention.text: (r.mention.start, r.mention.end) for r in mentions}
    filed_only = bool(locations) and all(spans.get(loc.name, (-1, -1))[0] in datelines for loc in locations)
    if named_place is not None and (not locations or filed_only or min(loc.precision for loc in locations) >= 4):
        country = next((loc.place.country_code for loc in locations if loc.place.country_code), None) or next(
            (r.place.country_code for group in reversed(recent) for r in group if r.place.country_code), home)
        town = _town_spelled_otherwise(text, clause.start, clause.end, in_sentence, country, named_place, trigger)
        if town is None and filed_only:  # "MOGADISHU — fighters stormed a base near Bulo Burte, sending ..."
            town = _town_spelled_otherwise(text, clauses[0].start, clauses[-1].end, in_sentence, country,
                                           named_place, trigger)
        if town is not None:
            return [[town]]
    if not locations and capital_of is not None and _THE_CAPITAL.search(text, clause.start, clause.end):
        # "stormed a neighbourhood of the capital": the capital of the country named last, else the story's
        named = [r for group in recent for r in group] + [r for r in in_sentence if r.mention.start < clause.start]
        country = next((r.place.country_code for r in reversed(named) if r.place.country_code), home)
        city = capital_of(country) if country else None
        if city is not None:
            return [[EventLocation(city, "the capital", LocationRole.DESTINATION if trigger.movement
                                   else LocationRole.WHERE, 1, "the capital of the country the report is about")]]
    if not locations:
        for earlier in reversed(recent):
            names = ", ".join(dict.fromkeys(r.mention.text for r in earlier))
            locations = event_locations(text, 0, earlier, trigger.movement,
                                        note=f"inherited from an earlier sentence ({names})", coarser=1,
                                        capital_of=capital_of)
            if locations:
                break
    anchor = trigger.pattern.search(text[clause.start:clause.end].lower())
    return _split(locations, trigger, text, spans, clause.start + anchor.start() if anchor else clause.start)


def _with_sender(text: str, clause: _Clause, locations: list[EventLocation], actor_mentions: list[Resolution],
                 in_sentence: list[Resolution]) -> list[EventLocation]:
    """A movement with no stated origin starts in the country that sends it, when the clause names one as
    the actor ("North Korean troops arrived in Kursk", "North Korea has sent troops to Russia"): that
    country becomes the origin, at precision 6, and says how it was found."""
    if any(loc.role is LocationRole.ORIGIN for loc in locations):
        return locations
    arriving = {loc.place.country_code for loc in locations}
    for r in sorted(actor_mentions + in_sentence, key=lambda r: r.mention.start):
        if not clause.start <= r.mention.start < clause.end or r.place.kind is not PlaceKind.COUNTRY:
            continue
        if r.mention.role is not MentionRole.ACTOR and not _SENDER_AFTER.match(text, r.mention.end):
            continue
        if r.place.country_code in arriving or _SPEAKER_AFTER.match(text, r.mention.end):
            continue  # "South Korea's spy agency said ...": who says so, not who moves
        return [EventLocation(r.place, r.mention.text, LocationRole.ORIGIN, 6,
                              f"origin: the sending country, named as the actor ({r.mention.text})"), *locations]
    return locations


@lru_cache(maxsize=4096)
def _town_named(gazetteer: Gazetteer, name: str, country: str):
    """A town of `country` that the name may spell otherwise ("Hodeidah" for Al Hudaydah), or None."""
    # a name the gazetteer knows elsewhere is that place, not a misspelling of one here: no fuzzy search
    for c in gazetteer.lookup(name, country=country, limit=1, fuzzy=not gazetteer.has_name(name)):
        if c.place.kind is PlaceKind.POPULATED_PLACE and c.score >= SPELLED_OTHERWISE_SCORE:
            return c.place
    return None


def _town_spelled_otherwise(text: str, start: int, end: int, in_sentence: list[Resolution], country: str | None,
                            named_place, trigger: Trigger) -> EventLocation | None:
    """An event the recognizer placed only at a region (or nowhere) but whose clause names a town after a
    place word ("in Tal Rifaat", "the town of Hodeidah"): that town, looked up (with fuzzy spelling) among
    the towns of the event's country. Precision 2: the spelling is a guess."""
    if not country:
        return None
    taken = {r.mention.start for r in in_sentence}
    for m in _TOWN_AFTER.finditer(text, start, end):
        name = m.group("name")
        if m.start("name") in taken or fold(name.split()[0]) in COMMON_WORDS or len(name) < 4:
            continue
        place = named_place(name, country)
        if place is not None:
            return EventLocation(place, name, LocationRole.DESTINATION if trigger.movement else LocationRole.WHERE,
                                 2, f"'{name}' taken as {place.name}, the town of that spelling nearest in {country}")
    return None


def _split(locations: list, trigger: Trigger, text: str = "", spans: dict | None = None,
           anchor: int | None = None) -> list[list]:
    """One location list per event. A movement keeps all its places. Any other event is one per place
    when the places are listed ("struck Kyiv and Odesa", "in Córdoba, Rosario and Mendoza"); otherwise
    it is one event at its most precise place ("seized Masisi in North Kivu" when the gazetteer cannot tell
    that Masisi lies in North Kivu)."""
    if not locations:
        return []
    if trigger.movement or len(locations) == 1:
        return [locations]
    spans = spans or {}
    joins = [text[spans[a.name][1]:spans[b.name][0]] for a, b in itertools.pairwise(locations)
             if a.name in spans and b.name in spans]
    if joins and all(LIST_JOIN.fullmatch(join) for join in joins):
        return [[loc] for loc in locations]
    # the most precise place; among equals the one nearest the trigger ("In Arauca, the army said rebels
    # abducted two soldiers in Saravena": Saravena)
    def gap(loc) -> int:
        if anchor is None or loc.name not in spans:
            return 0
        start, end = spans[loc.name]
        return min(abs(start - anchor), abs(end - anchor))
    return [[min(locations, key=lambda loc: (loc.precision, gap(loc)))]]
