"""Resolution: choose a place for each mention among the gazetteer's candidates, in document context.

1. Each distinct phrase gets the gazetteer's ranked candidates (kind, population, name quality).
2. Evidence from the rest of the document: the countries and admin-1 units that other phrases name or
   confidently stand in (a phrase never counts as evidence for itself).
3. Candidates in an evidenced admin-1 unit or country are raised, then the scores are normalised again:
   "Paris" in an article that names "Ky." and "Kentucky" is Paris, Kentucky.
4. One sense per document: every mention of a phrase gets the same place.
A phrase with no candidate resolves to "no place", and a weak pick among close rivals is marked ambiguous.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from gazetteer import Candidate, Gazetteer, PlaceKind
from geomap.records import Mention, Resolution

CANDIDATE_LIMIT = 20
COUNTRY_EVIDENCE_WEIGHT = 1.5  # log-odds added to a candidate in a country named elsewhere in the document
ADMIN1_EVIDENCE_WEIGHT = 4.0  # ... in an admin-1 unit named elsewhere ("Ky.", "Kentucky")
CONFIDENT_AREA_SCORE = 0.6  # an area phrase (country, admin-1, region, demonym) this sure is evidence
CONFIDENT_PLACE_SCORE = 0.9  # a city this sure is evidence for its country and admin-1 unit
AMBIGUOUS_SCORE = 0.5
AREA_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.REGION, PlaceKind.DIRECTIONAL})


@dataclass(frozen=True, slots=True)
class _Evidence:
    countries: Counter
    admin1: Counter


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer) -> list[Resolution]:
    """One Resolution per mention, in the same order."""
    phrases = list(dict.fromkeys(_phrase(m) for m in mentions))
    ranked = {p: tuple(gazetteer.lookup(p, limit=CANDIDATE_LIMIT)) for p in phrases}
    votes = {p: _votes(candidates) for p, candidates in ranked.items()}
    total = _Evidence(Counter(), Counter())
    for countries, admin1 in votes.values():
        total.countries.update(countries)
        total.admin1.update(admin1)
    chosen = {}
    for phrase, candidates in ranked.items():
        own_countries, own_admin1 = votes[phrase]
        evidence = _Evidence(total.countries - Counter(own_countries), total.admin1 - Counter(own_admin1))
        chosen[phrase] = _choose(candidates, evidence)
    resolutions = []
    seen: set[str] = set()
    for mention in mentions:
        phrase = _phrase(mention)
        place, candidates, score, reason = chosen[phrase]
        if phrase in seen:
            reason = "same phrase earlier in the document: " + reason
        seen.add(phrase)
        resolutions.append(Resolution(mention, place, candidates, score, reason))
    return resolutions


def resolve_mention(mention: Mention, gazetteer: Gazetteer) -> Resolution:
    """Resolve one mention on its own, by the gazetteer's ranking alone."""
    return resolve_mentions([mention], gazetteer)[0]


def _phrase(mention: Mention) -> str:
    return mention.query or mention.text


def _votes(candidates: tuple[Candidate, ...]) -> tuple[set[str], set[str]]:
    """The countries and admin-1 units this phrase is evidence for (none when it is unsure)."""
    if not candidates:
        return set(), set()
    best = candidates[0]
    place = best.place
    sure = best.score >= (CONFIDENT_AREA_SCORE if place.kind in AREA_KINDS else CONFIDENT_PLACE_SCORE)
    if not sure:
        return set(), set()
    countries = {place.country_code} if place.country_code else set()
    admin1 = {place.admin1} if place.admin1 and place.kind is not PlaceKind.COUNTRY else set()
    return countries, admin1


def _choose(candidates: tuple[Candidate, ...], evidence: _Evidence):
    if not candidates:
        return None, (), 0.0, "no place in the gazetteer has this name"
    logits = []
    notes = []
    for c in candidates:
        boost = 0.0
        note = ""
        if c.place.admin1 and evidence.admin1.get(c.place.admin1):
            boost += ADMIN1_EVIDENCE_WEIGHT
            note = f"its region {c.place.admin1} is named elsewhere in the document"
        if c.place.country_code and evidence.countries.get(c.place.country_code):
            boost += COUNTRY_EVIDENCE_WEIGHT
            note = note or f"its country {c.place.country_code} is named elsewhere in the document"
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
    return best.place, tuple(rescored[i] for i in order), best.score, reason
