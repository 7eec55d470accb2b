"""Spatial coherence: bounded in memory, and the same counts as comparing every pair."""

import random
import tracemalloc

import numpy as np
import pytest

from gazetteer import Candidate, Place, PlaceKind
from geomap.places.coherence import MAX_NEIGHBOURS, NEAR_KM, SPATIAL_CANDIDATES, count_neighbours
from geomap.places.geometry import EARTH_RADIUS_KM


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
    assert count_neighbours(ranked) == expected
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
        counts = count_neighbours(ranked)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(counts) == 16_000 and max(counts.values()) == MAX_NEIGHBOURS
    assert peak < 100e6, f"{peak / 1e6:.0f} MB"
