"""Spatial coherence for resolution: for each candidate place, how many other phrases of the document have a
candidate near it. Places named together tend to lie together ("Pokrovsk" near "Donetsk" is the Ukrainian
town), so `resolve` raises candidates with near neighbours.
"""

from __future__ import annotations

import math

import numpy as np

from gazetteer import Candidate, PlaceKind
from geomap.places.geometry import EARTH_RADIUS_KM, equirectangular_km

SPATIAL_CANDIDATES = 8  # candidates per phrase that take part in spatial coherence
NEAR_KM = 150.0
MAX_NEIGHBOURS = 3


def count_neighbours(ranked: dict[str, tuple[Candidate, ...]]) -> dict[str, int]:
    """Spatial coherence: for each candidate place (id), how many other phrases have a candidate near it, up
    to MAX_NEIGHBOURS (resolution counts no more).

    Only towns and admin-1 units take part (a country's point says little about nearness); each phrase
    offers its SPATIAL_CANDIDATES best candidates. Distances are equirectangular, plenty at this scale.
    Candidates are binned in a grid of cells NEAR_KM / 2 wide (any two in one cell are near), and each
    cell's candidates are compared only with those of the cells within reach, a block at a time: memory
    stays bounded whatever the number of places (the matrix of every pair took 3.9 GB for 8,000 places).
    """
    folded: dict[str, int] = {}  # "NANTERRE" (a dateline) and "Nanterre" are one phrase, not two neighbours
    rows = list(dict.fromkeys(  # a phrase offering a place twice (in two spellings) counts once
        (folded.setdefault(phrase.casefold(), len(folded)), c.place.id, c.place.lat, c.place.lon)
        for phrase, candidates in ranked.items()
        for c in candidates[:SPATIAL_CANDIDATES]
        if c.place.kind in (PlaceKind.POPULATED_PLACE, PlaceKind.ADMIN1)))
    if len({r[0] for r in rows}) < 2:
        return {}
    phrase_of = np.array([r[0] for r in rows])
    lat = np.radians([r[2] for r in rows])
    lon = np.radians([r[3] for r in rows])
    if len(rows) <= _BLOCK_COLUMNS // 4:  # a news article: every pair at once is quicker than the grid
        everyone = np.arange(len(rows))
        counts: dict[str, int] = {}
        for row, n in zip(rows, _near_phrases(everyone, everyone, phrase_of, lat, lon), strict=True):
            counts[row[1]] = max(counts.get(row[1], 0), n)
        return counts
    grid: dict[int, dict[int, list[int]]] = {}  # band of latitude -> column of longitude -> rows
    for i, (band, column) in enumerate(zip(np.floor(lat / _CELL_RAD).astype(int).tolist(),
                                           np.floor(lon / _CELL_RAD).astype(int).tolist(), strict=True)):
        grid.setdefault(band, {}).setdefault(column, []).append(i)
    counts = {}
    for band, columns in grid.items():
        for column, members in columns.items():
            if len(set(phrase_of[members].tolist())) > MAX_NEIGHBOURS:
                found = [MAX_NEIGHBOURS] * len(members)  # each has MAX_NEIGHBOURS other phrases in its own cell
            else:
                found = _near_phrases(np.array(members), _reach(grid, band, column), phrase_of, lat, lon)
            for i, n in zip(members, found, strict=True):
                counts[rows[i][1]] = max(counts.get(rows[i][1], 0), n)
    return counts


_CELL_RAD = NEAR_KM / 2 / EARTH_RADIUS_KM  # two points of one cell lie within NEAR_KM / sqrt(2)
_REACH_RAD = NEAR_KM / EARTH_RADIUS_KM  # no point farther in latitude than this is near
_BLOCK_COLUMNS = 4096  # candidates compared with a cell's at once (then stop if each has its neighbours)


def _reach(grid: dict[int, dict[int, list[int]]], band: int, column: int) -> np.ndarray:
    """The rows of every cell that could hold a point within NEAR_KM of cell (band, column), with a cell of
    margin for rounding. Across longitude the reach widens by 1 / cos(latitude): near a pole, every column."""
    bands = math.ceil(_REACH_RAD / _CELL_RAD) + 1
    worst = max(abs(band * _CELL_RAD - _REACH_RAD), abs((band + 1) * _CELL_RAD + _REACH_RAD))
    columns = math.ceil(_REACH_RAD / math.cos(worst) / _CELL_RAD) + 1 if worst < math.pi / 2 - 1e-6 else None
    out: list[int] = []
    for b in range(band - bands, band + bands + 1):
        row = grid.get(b, {})
        if columns is None or 2 * columns + 1 >= len(row):
            out.extend(i for c, members in row.items() if columns is None or abs(c - column) <= columns
                       for i in members)
        else:
            for c in range(column - columns, column + columns + 1):
                out.extend(row.get(c, ()))
    return np.array(out)


def _near_phrases(members: np.ndarray, others: np.ndarray, phrase_of: np.ndarray, lat: np.ndarray,
                  lon: np.ndarray) -> list[int]:
    """For each row of `members`, how many other phrases (up to MAX_NEIGHBOURS) have a row of `others` within
    NEAR_KM; `others` are compared a block at a time, until every member has its MAX_NEIGHBOURS."""
    found: list[set[int]] = [set() for _ in members]
    for first in range(0, len(others), _BLOCK_COLUMNS):
        block = others[first:first + _BLOCK_COLUMNS]
        near = equirectangular_km(lat[members][:, None], lon[members][:, None],
                                  lat[block][None, :], lon[block][None, :]) <= NEAR_KM
        near &= phrase_of[members][:, None] != phrase_of[block][None, :]
        for phrases, row in zip(found, near, strict=True):
            if len(phrases) < MAX_NEIGHBOURS:
                phrases.update(phrase_of[block][row].tolist())
        if all(len(phrases) >= MAX_NEIGHBOURS for phrases in found):
            break
    return [min(len(phrases), MAX_NEIGHBOURS) for phrases in found]
