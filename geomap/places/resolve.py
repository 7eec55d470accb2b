"""Resolution: choose a place for each mention among the gazetteer's candidates, in document context.

1. Each distinct phrase gets the gazetteer's ranked candidates (kind, population, name quality).
2. Evidence from the rest of the document: the countries and admin-1 units that other phrases name or
   confidently stand in (a phrase never counts as evidence for itself).
3. Candidates in an evidenced admin-1 unit or country are raised, and so are those near other phrases'
   candidates (`coherence`) or paired with their container ("Paris, Kentucky"); then the scores are
   normalised again: "Paris" in an article that names "Ky." and "Kentucky" is Paris, Kentucky.
4. One sense per document: every mention of a phrase gets the same place.
A phrase with no candidate resolves to "no place", and a weak pick among close rivals is marked ambiguous.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from gazetteer import Candidate, Gazetteer, Place, PlaceKind
from gazetteer.names import fold
from geomap.places.coherence import MAX_NEIGHBOURS, NEAR_KM, count_neighbours
from geomap.records import Mention, Resolution, ResolutionBasis
from geomap.text.words import COMMON_WORDS

CANDIDATE_LIMIT = 20
_WATER = re.compile(r"\b(ocean|sea|gulf|bay|strait|channel|river|lake)$", re.IGNORECASE)
SPATIAL_WEIGHT = 1.5  # log-odds per other phrase with a candidate within NEAR_KM
APPOSITION_WEIGHT = 6.0  # "Paris, Kentucky": the pairing outweighs fame
COUNTRY_EVIDENCE_WEIGHT = 1.5  # log-odds added to a candidate in a country named elsewhere in the document
ADMIN1_EVIDENCE_WEIGHT = 4.0  # ... in an admin-1 unit named elsewhere ("Ky.", "Kentucky")
CONFIDENT_AREA_SCORE = 0.6  # an area phrase (country, admin-1, region, demonym) this sure is evidence
CONFIDENT_PLACE_SCORE = 0.9  # a city this sure is evidence for its country and admin-1 unit
VOTE_MIN_POPULATION = 20_000  # ... if it is this large: a hamlet named "English" says nothing about Indiana
AMBIGUOUS_SCORE = 0.5
CONTAINED_NAME_MIN_POPULATION = 20_000  # "Court" in "Cloverhill District Court" is no Swiss village
CONTAINED_NAME_FACTOR = 0.7  # confidence kept when only a name inside the phrase is known
FOCUS_SCORE = 0.3  # confidence of placing an unknown local feature at the document's focus
LOCAL_FOCUS_CHARS = 600  # a town named this close to an unknown local feature is where the feature is
LOCAL_AFTER_PENALTY = 200  # a town named after the feature counts as this much farther than one before it
AREA_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION,
                        PlaceKind.DIRECTIONAL})


@dataclass(frozen=True, slots=True)
class _Evidence:
    countries: Counter
    admin1: Counter
    own_countries: frozenset[str] = frozenset()  # the phrase's own votes, which are no evidence for itself
    own_admin1: frozenset[str] = frozenset()

    def country(self, code: str) -> bool:
        return self.countries.get(code, 0) - (code in self.own_countries) > 0

    def region(self, code: str) -> bool:
        return self.admin1.get(code, 0) - (code in self.own_admin1) > 0


@dataclass(frozen=True, slots=True)
class _Choice:
    """A phrase's place (None: no place), the candidates ranked in context, the score, and why."""

    place: Place | None
    candidates: tuple[Candidate, ...]
    score: float
    reason: str
    basis: ResolutionBasis


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer, text: str | None = None,
                     check: Callable[[], None] | None = None) -> list[Resolution]:
    """One Resolution per mention, in the same order. With the document `text`, "Atlanta, Georgia"-style
    appositions tell which Georgia (the one that contains an Atlanta) and which Atlanta. `check()`, when
    given, is called once a phrase and once a mention and raises when the document's time is up
    (`pipeline.Deadline`)."""
    tick = check or _no_check
    ranked = _rank_phrases(mentions, gazetteer, tick)
    chosen, evidence = _choose_in_context(mentions, text, ranked, tick)
    chosen.update(_place_unknown_phrases(ranked, chosen, evidence, gazetteer))
    resolutions = []
    seen: set[str] = set()
    for mention in mentions:
        tick()
        phrase = _phrase(mention)
        resolutions.append(_resolution(mention, chosen[phrase], phrase in seen, mentions, chosen))
        seen.add(phrase)
    return resolutions


def _no_check() -> None:
    """The deadline check when there is none."""


def _rank_phrases(mentions: list[Mention], gazetteer: Gazetteer,
                  tick: Callable[[], None]) -> dict[str, tuple[Candidate, ...]]:
    """Each distinct phrase, in order of first mention, with the gazetteer's ranked candidates."""
    ranked = {}
    for phrase in dict.fromkeys(_phrase(m) for m in mentions):
        tick()
        ranked[phrase] = tuple(gazetteer.lookup(phrase, limit=CANDIDATE_LIMIT, fuzzy=False))
    return ranked


def _choose_in_context(mentions: list[Mention], text: str | None, ranked: dict[str, tuple[Candidate, ...]],
                       tick: Callable[[], None]) -> tuple[dict[str, _Choice], _Evidence]:
    """Each phrase's place among its candidates, raised by the rest of the document (its areas, nearby places,
    appositions); also the document's evidence, counting every phrase's votes."""
    nested = _apposition_bonus(mentions, text, ranked) if text else {}
    votes = {p: _votes(candidates) for p, candidates in ranked.items()}
    total = _Evidence(Counter(), Counter())
    for countries, admin1 in votes.values():
        total.countries.update(countries)
        total.admin1.update(admin1)
    neighbours = count_neighbours(ranked)
    chosen = {}
    for phrase, candidates in ranked.items():
        tick()
        own_countries, own_admin1 = votes[phrase]
        evidence = _Evidence(total.countries, total.admin1, frozenset(own_countries), frozenset(own_admin1))
        chosen[phrase] = _choose(candidates, evidence, neighbours, nested.get(phrase, {}))
    return chosen, total


def _place_unknown_phrases(ranked: dict[str, tuple[Candidate, ...]], chosen: dict[str, _Choice],
                           evidence: _Evidence, gazetteer: Gazetteer) -> dict[str, _Choice]:
    """Places for phrases no place is called: a place name inside the phrase ("Orange County" -> Orange, in
    context), else the document's focus for an unknown local feature ("Royal Street", "Khayelitsha")."""
    focus = _focus(chosen)
    out = {}
    for phrase, candidates in ranked.items():
        if candidates or _WATER.search(phrase):  # "Indian Ocean" is not in India
            continue
        name, inner = _contained_name(phrase, gazetteer)
        if inner:
            best = _choose(inner, evidence)
            out[phrase] = _Choice(best.place, best.candidates, best.score * CONTAINED_NAME_FACTOR,
                                  f"no place is called '{phrase}'; the name '{name}' inside it: {best.reason}",
                                  ResolutionBasis.INNER_NAME)
        elif focus is not None:
            out[phrase] = _Choice(focus, (), FOCUS_SCORE,
                                  f"no place is called '{phrase}'; a local feature, placed at the document's focus "
                                  f"{focus.name}", ResolutionBasis.LOCAL_FOCUS)
    return out


def _resolution(mention: Mention, choice: _Choice, repeated: bool, mentions: list[Mention],
                chosen: dict[str, _Choice]) -> Resolution:
    """The mention's Resolution: its phrase's choice, a local feature moved to the town named nearest it,
    a repeated phrase saying so (a phrase with no place stays UNRESOLVED)."""
    if choice.basis is ResolutionBasis.LOCAL_FOCUS:
        nearby = _nearest_town(mention, mentions, chosen)
        if nearby is None:
            return _resolved(mention, choice, choice.reason)
        return Resolution(mention, nearby, choice.candidates, choice.score,
                          f"no place is called '{_phrase(mention)}'; a local feature, placed at the local focus "
                          f"{nearby.name}", ResolutionBasis.LOCAL_FOCUS)
    if repeated:
        basis = ResolutionBasis.REPEATED if choice.place is not None else ResolutionBasis.UNRESOLVED
        return _resolved(mention, choice, "same phrase earlier in the document: " + choice.reason, basis)
    return _resolved(mention, choice, choice.reason)


def _resolved(mention: Mention, choice: _Choice, reason: str, basis: ResolutionBasis | None = None) -> Resolution:
    return Resolution(mention, choice.place, choice.candidates, choice.score, reason, basis or choice.basis)


def _nearest_town(mention: Mention, mentions: list[Mention], chosen: dict[str, _Choice]) -> Place | None:
    """The confidently placed town or county named closest before (else after) `mention`, within reach
    (local features, placed at a focus themselves, are no town)."""
    best = None
    for other in mentions:
        choice = chosen[_phrase(other)]
        place = choice.place
        if choice.basis is ResolutionBasis.LOCAL_FOCUS or place is None or choice.score < 0.5 \
                or place.kind not in (PlaceKind.POPULATED_PLACE, PlaceKind.ADMIN2):
            continue
        before = other.end <= mention.start
        gap = mention.start - other.end if before else other.start - mention.end + LOCAL_AFTER_PENALTY
        if 0 <= gap <= LOCAL_FOCUS_CHARS and (best is None or gap < best[0]):
            best = (gap, place)
    return best[1] if best else None


def resolve_mention(mention: Mention, gazetteer: Gazetteer) -> Resolution:
    """Resolve one mention on its own, by the gazetteer's ranking alone."""
    return resolve_mentions([mention], gazetteer)[0]


def _contained_name(phrase: str, gazetteer: Gazetteer) -> tuple[str, tuple[Candidate, ...]]:
    """The longest run of whole words inside `phrase` that names a place ("Orange" in "Orange County")."""
    words = phrase.split()
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            name = " ".join(words[first:first + size])
            if name[:1].isupper() and len(name) > 2 and fold(name) not in COMMON_WORDS \
                    and not gazetteer.is_minor_name(name, max_population=CONTAINED_NAME_MIN_POPULATION):
                candidates = tuple(gazetteer.lookup(name, limit=CANDIDATE_LIMIT, fuzzy=False))
                if candidates:
                    return name, candidates
    return "", ()


def _focus(chosen: dict[str, _Choice]) -> Place | None:
    """The town the document names most often, else its most named admin-1 unit (ties: first named)."""
    for kind in (PlaceKind.POPULATED_PLACE, PlaceKind.ADMIN1):
        counts: Counter = Counter()
        places = {}
        for choice in chosen.values():
            place = choice.place
            if place is not None and place.kind is kind and choice.score >= 0.5:
                counts[place.id] += 1
                places[place.id] = place
        if counts:
            return places[counts.most_common(1)[0][0]]
    return None


def _phrase(mention: Mention) -> str:
    return mention.query or mention.text


def _votes(candidates: tuple[Candidate, ...]) -> tuple[set[str], set[str]]:
    """The countries and admin-1 units this phrase is evidence for (none when it is unsure)."""
    if not candidates:
        return set(), set()
    best = candidates[0]
    place = best.place
    if place.kind in AREA_KINDS:
        sure = best.score >= CONFIDENT_AREA_SCORE
    else:
        sure = best.score >= CONFIDENT_PLACE_SCORE and place.population >= VOTE_MIN_POPULATION
    if not sure:
        return set(), set()
    countries = {place.country_code} if place.country_code else set()
    admin1 = {place.admin1} if place.admin1 and place.kind is not PlaceKind.COUNTRY else set()
    return countries, admin1


def _apposition_bonus(mentions: list[Mention], text: str,
                      ranked: dict[str, tuple[Candidate, ...]]) -> dict[str, dict[str, float]]:
    """Log-odds for candidates that fit "Place, Container" ("Paris, Kentucky", "Tbilisi, Georgia")."""
    bonus: dict[str, dict[str, float]] = {}
    for first, second in itertools.pairwise(mentions):
        if text[first.end:second.start] != ", ":
            continue
        inner, outer = _phrase(first), _phrase(second)
        for container in ranked.get(outer, ()):
            kind = container.place.kind
            if kind not in (PlaceKind.ADMIN1, PlaceKind.COUNTRY):
                continue
            for place in ranked.get(inner, ()):
                inside = (place.place.admin1 == container.place.admin1 if kind is PlaceKind.ADMIN1
                          else place.place.country_code == container.place.country_code)
                if inside and place.place.id != container.place.id:
                    bonus.setdefault(outer, {})[container.place.id] = APPOSITION_WEIGHT
                    bonus.setdefault(inner, {})[place.place.id] = APPOSITION_WEIGHT
    return bonus


def _choose(candidates: tuple[Candidate, ...], evidence: _Evidence, neighbours: dict[str, int] | None = None,
            nested: dict[str, float] | None = None) -> _Choice:
    if not candidates:
        return _Choice(None, (), 0.0, "no place in the gazetteer has this name", ResolutionBasis.UNRESOLVED)
    logits = []
    notes = []
    for c in candidates:
        boost = 0.0
        note = ""
        if c.place.admin1 and evidence.region(c.place.admin1):
            boost += ADMIN1_EVIDENCE_WEIGHT
            note = f"its region {c.place.admin1} is named elsewhere in the document"
        if c.place.country_code and evidence.country(c.place.country_code):
            boost += COUNTRY_EVIDENCE_WEIGHT
            note = note or f"its country {c.place.country_code} is named elsewhere in the document"
        if nested and c.place.id in nested:
            boost += nested[c.place.id]
            note = "the text pairs it with the place that contains it ('X, Y')"
        near = min((neighbours or {}).get(c.place.id, 0), MAX_NEIGHBOURS)
        if near:
            boost += SPATIAL_WEIGHT * near
            note = note or f"{near} other place(s) of the document lie within {NEAR_KM:.0f} km"
        logits.append(math.log(max(c.score, 1e-9)) + boost)
        notes.append(note)
    top = max(logits)
    weights = [math.exp(v - top) for v in logits]
    total = sum(weights)
    rescored = tuple(Candidate(c.place, round(w / total, 4), c.reason) for c, w in zip(candidates, weights,
                                                                                        strict=True))
    order = sorted(range(len(rescored)), key=lambda i: -rescored[i].score)
    best_index = order[0]
    best = rescored[best_index]
    reason = best.reason
    if notes[best_index] and best_index != 0:
        reason = f"{notes[best_index]}; {reason}"
    if best.score < AMBIGUOUS_SCORE and len(rescored) > 1:
        reason = f"ambiguous (score {best.score:.2f}); {reason}"
    return _Choice(best.place, tuple(rescored[i] for i in order), best.score, reason, ResolutionBasis.LOOKUP)
