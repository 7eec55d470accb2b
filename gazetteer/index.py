"""The compact on-disk index: built once from the sources into the cache directory.

Three files share one name stem that carries the index format and the sources' content hash, so a
changed source or a new format builds new files; a corrupt or partial file is rebuilt with a warning.
- `.index.pickle`: every place as columns, the name -> places map, demonyms
- `.names.pickle`: the Aho-Corasick automaton over every name (loaded only by recognisers)
- `.shapes.pickle`: outlines (WKB) of countries, admin-1 units, regions and macro-regions (loaded on demand)
"""

from __future__ import annotations

import os
import pickle
import warnings
from array import array
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import ahocorasick
import platformdirs
import shapely
from tqdm import tqdm

from gazetteer.atomic import write_bytes_atomic
from gazetteer.errors import CacheError, CacheWarning
from gazetteer.names import is_latin, name_key
from gazetteer.records import PlaceKind
from gazetteer.sources import (
    SourcePlace,
    read_admin1,
    read_cities,
    read_continents,
    read_countries,
    read_demonyms,
    read_region_definitions,
    read_regions,
    read_us_counties,
    region_shape,
    sources_fingerprint,
)

FORMAT_VERSION = 6
MIN_KEY_LENGTH = 2
NAMESAKE_MIN_POPULATION = 50_000
CITIES500_COUNT = 234_908  # for the progress bar only


@dataclass(frozen=True, slots=True)
class IndexData:
    """Column store of every place plus the name -> places map."""

    fingerprint: str
    ids: list[str]
    names: list[str]
    kinds: list[PlaceKind]
    country_codes: list[str]
    admin1: list[str]
    lats: array
    lons: array
    populations: array
    geonameids: array  # 0 where unknown
    capitals: frozenset[int]  # indices of national capitals
    bboxes: dict[int, tuple[float, float, float, float]]  # west, south, east, north of shaped places
    by_key: dict[str, tuple[int, ...]]
    caps_only: frozenset[str]  # keys whose every source spelling is upper-case: codes such as "LAX"
    demonyms: dict[str, int]  # demonym key ("north korean") -> index of its country


def cache_dir() -> Path:
    """`$GEOMAP_CACHE_DIR` when set, else the user cache directory."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir("geomap"))


def index_paths(fingerprint: str) -> tuple[Path, Path, Path]:
    """Paths of the place index, the name automaton and the shapes for these sources."""
    stem = cache_dir() / f"gazetteer-v{FORMAT_VERSION}-{fingerprint[:16]}"
    return Path(f"{stem}.index.pickle"), Path(f"{stem}.names.pickle"), Path(f"{stem}.shapes.pickle")


def _namesake_capitals(places: list[SourcePlace]) -> dict[int, tuple[str, ...]]:
    """Cities that give their name to their admin-1 unit (Zaporizhzhia, Kursk) take all its spellings.

    Natural Earth lists spellings of the oblast ("Zaporizhia") that GeoNames lacks for the city; in news
    the bare name means the city, the suffixed one ("Zaporizhia region") the oblast.
    """
    unit_names = {p.admin1: (p.name, *p.alt_names) for p in places if p.kind is PlaceKind.ADMIN1}
    unit_keys = {code: {name_key(n) for n in names} for code, names in unit_names.items()}
    return {
        i: unit_names[p.admin1]
        for i, p in enumerate(places)
        if p.kind is PlaceKind.POPULATED_PLACE and p.population >= NAMESAKE_MIN_POPULATION
        and p.admin1 in unit_keys and name_key(p.name) in unit_keys[p.admin1]
    }


def _name_keys(places: list[SourcePlace]) -> tuple[dict[str, tuple[int, ...]], frozenset[str]]:
    keys: dict[str, list[int]] = defaultdict(list)
    spelled_otherwise: set[str] = set()
    namesakes = _namesake_capitals(places)
    for i, place in enumerate(places):
        seen = set()
        for name in (place.name, *place.alt_names, *namesakes.get(i, ())):
            if not is_latin(name):
                continue
            key = name_key(name)
            if len(key) < MIN_KEY_LENGTH:
                continue
            if not name.isupper():
                spelled_otherwise.add(key)
            if key not in seen:
                seen.add(key)
                keys[key].append(i)
    return {k: tuple(v) for k, v in sorted(keys.items())}, frozenset(keys.keys() - spelled_otherwise)


def _read_places() -> tuple[list[SourcePlace], dict[str, bytes]]:
    """Every source place, and the shapes (WKB) of places and directional macro-regions by id."""
    countries = list(read_countries())
    admin1 = list(read_admin1())
    country_shapes = {p.country_code: shapely.from_wkb(p.shape) for p in countries}
    admin1_shapes = {p.admin1: shapely.from_wkb(p.shape) for p in admin1}
    regions = list(read_regions(admin1_shapes, country_shapes))
    places = list(read_continents()) + countries + admin1 + regions + list(read_us_counties())
    shapes = {p.id: p.shape for p in places if p.shape is not None}
    for entry in read_region_definitions().get("directional", []):
        shape = region_shape(entry, admin1_shapes, country_shapes)
        shapes[macro_region_id(entry["country"], entry["direction"])] = shapely.to_wkb(shape)
    cities = list(tqdm(read_cities(), desc="gazetteer: places", unit=" places", total=CITIES500_COUNT,
                       disable=None, leave=False))
    people: dict[str, int] = defaultdict(int)
    for city in cities:
        people[city.admin1] += city.population
    people.update(_people_by_shape([p for p in places if p.kind is PlaceKind.ADMIN2], cities))
    # Prominence of admin units: the people of their GeoNames places (the boundary sources carry none).
    places = [replace(p, shape=None, population=people.get(p.admin1 if p.kind is PlaceKind.ADMIN1 else p.id, 0)
                      if p.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2) else p.population) for p in places]
    return places + cities, shapes


def _people_by_shape(units: list[SourcePlace], cities: list[SourcePlace]) -> dict[str, int]:
    """Sum of the populations of the places that fall inside each unit's outline (by unit id)."""
    if not units:
        return {}
    countries = {u.country_code for u in units}
    inside = [c for c in cities if c.country_code in countries]
    tree = shapely.STRtree([shapely.from_wkb(u.shape) for u in units])
    points = shapely.points([c.lon for c in inside], [c.lat for c in inside])
    point_index, unit_index = tree.query(points, predicate="within")
    people: dict[str, int] = defaultdict(int)
    for p, u in zip(point_index.tolist(), unit_index.tolist(), strict=True):
        people[units[u].id] += inside[p].population
    return people


def macro_region_id(country_code: str, direction: str) -> str:
    """Shape id of a curated directional macro-region ("eastern Russia")."""
    return f"macro:{country_code}:{direction}"


def build_index(fingerprint: str | None = None) -> IndexData:
    """Read every source and write the index, the name automaton and the shapes into the cache."""
    fingerprint = fingerprint or sources_fingerprint()
    places, shapes = _read_places()
    by_key, caps_only = _name_keys(places)
    country_index = {p.country_code: i for i, p in enumerate(places) if p.kind is PlaceKind.COUNTRY}
    demonyms = {name_key(name): country_index[code] for name, code in read_demonyms().items()
                if code in country_index}
    index_of = {p.id: i for i, p in enumerate(places)}
    bboxes = {index_of[pid]: tuple(round(v, 4) for v in shapely.from_wkb(wkb).bounds)
              for pid, wkb in shapes.items() if pid in index_of}
    data = IndexData(
        fingerprint=fingerprint,
        ids=[p.id for p in places],
        names=[p.name for p in places],
        kinds=[p.kind for p in places],
        country_codes=[p.country_code for p in places],
        admin1=[p.admin1 for p in places],
        lats=array("d", (p.lat for p in places)),
        lons=array("d", (p.lon for p in places)),
        populations=array("q", (p.population for p in places)),
        geonameids=array("q", (p.geonameid or 0 for p in places)),
        capitals=frozenset(i for i, p in enumerate(places) if p.capital),
        bboxes=bboxes,
        by_key=by_key,
        caps_only=caps_only,
        demonyms=demonyms,
    )
    automaton = ahocorasick.Automaton()
    for key in sorted(by_key.keys() | demonyms.keys()):
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    index_path, names_path, shapes_path = index_paths(fingerprint)
    write_bytes_atomic(shapes_path, pickle.dumps(shapes, protocol=pickle.HIGHEST_PROTOCOL))
    write_bytes_atomic(names_path, pickle.dumps(automaton, protocol=pickle.HIGHEST_PROTOCOL))
    write_bytes_atomic(index_path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    _remove_stale(index_path.name.removesuffix(".index.pickle"))
    return data


def _remove_stale(current_stem: str) -> None:
    """Delete index files of earlier sources or formats so the cache does not grow with every update."""
    for path in cache_dir().glob("gazetteer-v*-*.pickle"):
        if not path.name.startswith(current_stem + "."):
            path.unlink(missing_ok=True)


def _load_pickle(path: Path, expected: type):
    with path.open("rb") as fh:
        obj = pickle.load(fh)
    if not isinstance(obj, expected):
        raise CacheError(f"{path} holds {type(obj).__name__}, expected {expected.__name__}")
    return obj


def load_index(force_rebuild: bool = False) -> IndexData:
    """The index for the current sources: loaded from the cache, built when missing or corrupt."""
    fingerprint = sources_fingerprint()
    index_path = index_paths(fingerprint)[0]
    if force_rebuild or not index_path.exists():
        return build_index(fingerprint)
    try:
        data = _load_pickle(index_path, IndexData)
        if data.fingerprint != fingerprint:
            raise CacheError("fingerprint mismatch")
        return data
    except Exception as exc:  # any unreadable cache is rebuilt, never fatal
        warnings.warn(f"gazetteer cache {index_path} is unusable ({exc}); rebuilding it", CacheWarning,
                      stacklevel=2)
        return build_index(fingerprint)


def _load_companion(fingerprint: str, position: int, expected: type):
    """The automaton (1) or shapes (2) file; rebuilt with the index if missing or corrupt."""
    path = index_paths(fingerprint)[position]
    try:
        return _load_pickle(path, expected)
    except Exception as exc:
        if path.exists():
            warnings.warn(f"gazetteer cache {path} is unusable ({exc}); rebuilding it", CacheWarning, stacklevel=3)
        build_index(fingerprint)
        return _load_pickle(path, expected)


def load_automaton(fingerprint: str) -> ahocorasick.Automaton:
    """The name automaton for recognisers."""
    return _load_companion(fingerprint, 1, ahocorasick.Automaton)


def load_shapes(fingerprint: str) -> dict[str, bytes]:
    """Outlines (WKB) by place id, plus directional macro-regions by `macro:CC:direction`."""
    return _load_companion(fingerprint, 2, dict)
