import random
import tracemalloc

import numpy as np
import pytest

from gazetteer import Candidate, Place, PlaceKind
from geomap.places.resolve import (
    EARTH_RADIUS_KM,
    MAX_NEIGHBOURS,
    NEAR_KM,
    SPATIAL_CANDIDATES,
    _neighbours,
    resolve_mention,
    resolve_mentions,
)
from geomap.records import Mention, ResolutionBasis


def test_resolution_keeps_candidates_score_and_reason(gaz):
    r = resolve_mention(Mention(0, 5, "Paris"), gaz)
    assert r.place.country_code == "FR"
    assert len(r.candidates) > 1 and r.candidates[0].place == r.place
    assert 0 < r.score <= 1 and "population" in r.reason


def test_unknown_name_resolves_to_no_place_with_reason(gaz):
    r = resolve_mention(Mention(0, 11, "Qwxzzyplace"), gaz)
    assert r.place is None and r.candidates == () and r.score == 0.0
    assert r.reason == "no place in the gazetteer has this name"


def test_one_sense_per_document(gaz):
    mentions = [Mention(0, 8, "Pokrovsk"), Mention(40, 48, "Pokrovsk")]
    first, second = resolve_mentions(mentions, gaz)
    assert first.place == second.place
    assert second.reason.startswith("same phrase earlier in the document")


def _mentions(text: str, *names: str) -> list[Mention]:
    return [Mention(text.index(n), text.index(n) + len(n), n) for n in names]


def test_a_hamlet_sharing_a_common_word_is_no_evidence_for_its_state(gaz):
    # "English" alone names only a hamlet in Indiana (630 people); it must not pull "Liverpool" to the
    # Indiana town that GeoNames also lists under that name.
    text = "Coaches in Liverpool teach the boys in English."
    liverpool, _english = resolve_mentions(_mentions(text, "Liverpool", "English"), gaz, text)
    assert liverpool.place.country_code == "GB"


# --- the basis of each resolution: one test per ResolutionBasis that resolve_mentions gives ----------------


def _in_order(text: str, *names: str) -> list[Mention]:
    """Mentions of `names` in `text`, each found after the one before (a name may repeat)."""
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Mention(start, start + len(name), name))
        pos = start + len(name)
    return out


def test_basis_lookup_for_a_phrase_with_candidates(gaz):
    text = "Shells fell on Kharkiv at dawn."
    [kharkiv] = resolve_mentions(_in_order(text, "Kharkiv"), gaz, text)
    assert kharkiv.basis is ResolutionBasis.LOOKUP and kharkiv.place.name == "Kharkiv"
    assert kharkiv.candidates[0].place == kharkiv.place


def test_basis_repeated_for_the_same_phrase_again(gaz):
    text = "Pokrovsk was shelled; later Pokrovsk was shelled again."
    first, second = resolve_mentions(_in_order(text, "Pokrovsk", "Pokrovsk"), gaz, text)
    assert (first.basis, second.basis) == (ResolutionBasis.LOOKUP, ResolutionBasis.REPEATED)
    assert second.place == first.place
    assert second.reason == "same phrase earlier in the document: " + first.reason


def test_basis_inner_name_for_an_unknown_phrase_holding_a_place_name(gaz):
    text = "Shells fell on the Kharkiv Qwxzzy Park."
    [park] = resolve_mentions(_in_order(text, "Kharkiv Qwxzzy Park"), gaz, text)
    assert park.basis is ResolutionBasis.INNER_NAME and park.place.name == "Kharkiv"
    assert park.reason.startswith("no place is called 'Kharkiv Qwxzzy Park'; the name 'Kharkiv' inside it: ")


def test_basis_local_focus_at_the_town_named_nearby(gaz):
    # Odesa is the document's focus (named twice), but Lviv is named just before the street.
    text = "Odesa and Odesa were named. Police in Lviv said the Qwxzzy Street fire began at night."
    *_, lviv, street = resolve_mentions(_in_order(text, "Odesa", "Odesa", "Lviv", "Qwxzzy Street"), gaz, text)
    assert street.basis is ResolutionBasis.LOCAL_FOCUS and street.place == lviv.place
    assert street.reason == "no place is called 'Qwxzzy Street'; a local feature, placed at the local focus Lviv"


def test_basis_local_focus_at_the_document_focus_when_no_town_is_near(gaz):
    text = "Odesa and Odesa were named. " + "Nothing else happened. " * 30 + "The Qwxzzy Street was hit."
    *_, street = resolve_mentions(_in_order(text, "Odesa", "Odesa", "Qwxzzy Street"), gaz, text)
    assert street.basis is ResolutionBasis.LOCAL_FOCUS and street.place.name == "Odesa"
    assert street.reason == "no place is called 'Qwxzzy Street'; a local feature, placed at the document's focus Odesa"


def test_basis_unresolved_for_no_place_even_when_repeated(gaz):
    text = "Qwxzzyplace was named, and Qwxzzyplace again."
    first, second = resolve_mentions(_in_order(text, "Qwxzzyplace", "Qwxzzyplace"), gaz, text)
    assert (first.place, second.place) == (None, None)
    assert (first.basis, second.basis) == (ResolutionBasis.UNRESOLVED, ResolutionBasis.UNRESOLVED)
    assert second.reason == "same phrase earlier in the document: no place in the gazetteer has this name"


# --- spatial coherence: bounded, and the same counts as comparing every pair -------------------------------


def _reference_neighbours(ranked):
    """The first way of counting: the matrix of every pair of candidates (memory: rows squared)."""
    folded = {}
    rows = [(folded.setdefault(phrase.casefold(), len(folded)), c.place.id, c.place.lat, c.place.lon)
            for phrase, candidates in ranked.items() for c in candidates[:SPATIAL_CANDIDATES]
            if c.place.kind in (PlaceKind.POPULATED_PLACE, PlaceKind.ADMIN1)]
    if len({r[0] for r in rows}) < 2:
        return {}
    phrase_of = np.array([r[0] for r in rows])
    lat = np.radians([r[2] for r in rows])
    lon = np.radians([r[3] for r in rows])
    dx = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
    near = np.hypot(dx, lat[:, None] - lat[None, :]) * EARTH_RADIUS_KM <= NEAR_KM
    near &= phrase_of[:, None] != phrase_of[None, :]
    counts = {}
    for i, row in enumerate(rows):
        counts[row[1]] = max(counts.get(row[1], 0), min(len(set(phrase_of[near[i]].tolist())), MAX_NEIGHBOURS))
    return counts


def _ranked(rng, phrases, places):
    """Phrases (some differing only in case, hostile spellings) with up to 10 candidates drawn from `places`."""
    ranked = {}
    for n in range(phrases):
        name = rng.choice((f"Town{n}", f"town{n - 1}", f"<img src=x>{n}", f"TOWN{n - 2}", f"Ｔｏｗｎ\u200b{n}"))
        ranked[name] = tuple(Candidate(p, 0.5, "test") for p in rng.sample(places, rng.randint(0, 10)))
    return ranked


def _random_places(rng, count):
    """Clusters (many within NEAR_KM of each other), points either side of 150 km, the poles, the date line,
    a few countries (which take no part)."""
    centres = [(50.0, 36.0), (89.9, 10.0), (-89.95, -170.0), (0.0, 179.9), (0.0, -179.9), (64.0, 25.0)]
    places = []
    for i in range(count):
        lat0, lon0 = rng.choice(centres)
        spread = rng.choice((0.05, 1.0, 3.0))
        lat = max(-90.0, min(90.0, lat0 + rng.uniform(-spread, spread)))
        lon = max(-180.0, min(180.0, lon0 + rng.uniform(-spread, spread) * 3))
        kind = rng.choice((PlaceKind.POPULATED_PLACE, PlaceKind.POPULATED_PLACE, PlaceKind.ADMIN1, PlaceKind.COUNTRY))
        places.append(Place(f"p{i}", f"p{i}", kind, "XX", "", lat, lon, 1000, None))
    return places


@pytest.mark.parametrize(("seed", "phrases"), [(0, 30), (1, 120), (2, 400), (3, 900), (4, 1500)])
def test_neighbour_counts_equal_those_of_every_pair(seed, phrases):
    """Small documents (every pair at once) and large ones (the grid) count exactly as the pairwise matrix."""
    rng = random.Random(seed)
    ranked = _ranked(rng, phrases, _random_places(rng, phrases * 3))
    expected = _reference_neighbours(ranked)
    assert _neighbours(ranked) == expected
    assert len(set(expected.values())) > 2, "the random places must give several different counts"


def test_neighbours_of_sixteen_thousand_candidates_stay_small_in_memory():
    """2,000 phrases with 8 candidates each: the pairwise matrix takes 2 GB per array (the first way of
    counting peaked at 5 GB for a document naming 10,000 places)."""
    rng = random.Random(5)
    places = [Place(f"p{i}", f"p{i}", PlaceKind.POPULATED_PLACE, "XX", "", rng.uniform(-70, 70),
                    rng.uniform(-180, 180), 1000, None) for i in range(16_000)]
    ranked = {f"Town {n}": tuple(Candidate(places[n * 8 + k], 0.5, "test") for k in range(8)) for n in range(2000)}
    tracemalloc.start()
    try:
        counts = _neighbours(ranked)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(counts) == 16_000 and max(counts.values()) == MAX_NEIGHBOURS
    assert peak < 100e6, f"{peak / 1e6:.0f} MB"
