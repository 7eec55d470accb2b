"""The compact on-disk index: built once from the sources into the cache directory.

The file name carries the sources' content hash, so a changed source or a new index format builds a
new file; a corrupt or partial file is rebuilt with a warning.
"""

from __future__ import annotations

import os
import pickle
import warnings
from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import platformdirs
from tqdm import tqdm

from gazetteer.atomic import write_bytes_atomic
from gazetteer.errors import CacheWarning
from gazetteer.names import is_latin, name_key
from gazetteer.records import PlaceKind
from gazetteer.sources import SourcePlace, read_cities, read_countries, sources_fingerprint

FORMAT_VERSION = 2
MIN_KEY_LENGTH = 2


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
    by_key: dict[str, tuple[int, ...]]
    caps_only: frozenset[str]  # keys whose every source spelling is upper-case: codes such as "FAR", "NYC"


def cache_dir() -> Path:
    """`$GEOMAP_CACHE_DIR` when set, else the user cache directory."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir("geomap"))


def index_paths(fingerprint: str) -> tuple[Path, Path]:
    """Paths of the place index and of the name automaton for these sources."""
    stem = f"gazetteer-v{FORMAT_VERSION}-{fingerprint[:16]}"
    return cache_dir() / f"{stem}.index.pickle", cache_dir() / f"{stem}.names.pickle"


def _collect(places: list[SourcePlace]) -> IndexData:
    keys: dict[str, list[int]] = defaultdict(list)
    spelled_otherwise: set[str] = set()
    for i, place in enumerate(places):
        seen = set()
        for name in (place.name, *place.alt_names):
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
    return IndexData(
        fingerprint="",
        ids=[p.id for p in places],
        names=[p.name for p in places],
        kinds=[p.kind for p in places],
        country_codes=[p.country_code for p in places],
        admin1=[p.admin1 for p in places],
        lats=array("d", (p.lat for p in places)),
        lons=array("d", (p.lon for p in places)),
        populations=array("q", (p.population for p in places)),
        geonameids=array("q", (p.geonameid or 0 for p in places)),
        by_key={k: tuple(v) for k, v in sorted(keys.items())},
        caps_only=frozenset(keys.keys() - spelled_otherwise),
    )


def build_index(fingerprint: str | None = None) -> IndexData:
    """Read every source and write the index and the name automaton into the cache."""
    fingerprint = fingerprint or sources_fingerprint()
    places = list(read_countries())
    places.extend(tqdm(read_cities(), desc="gazetteer: places", unit=" places", total=234_908,
                       disable=None, leave=False))
    collected = _collect(places)
    data = IndexData(**{**{f: getattr(collected, f) for f in IndexData.__slots__}, "fingerprint": fingerprint})
    automaton = ahocorasick.Automaton()
    for key in data.by_key:
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    index_path, names_path = index_paths(fingerprint)
    write_bytes_atomic(names_path, pickle.dumps(automaton, protocol=pickle.HIGHEST_PROTOCOL))
    write_bytes_atomic(index_path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return data


def _load_pickle(path: Path, expected: type):
    with path.open("rb") as fh:
        obj = pickle.load(fh)
    if not isinstance(obj, expected):
        raise TypeError(f"{path} holds {type(obj).__name__}, expected {expected.__name__}")
    return obj


def load_index(force_rebuild: bool = False) -> IndexData:
    """The index for the current sources: loaded from the cache, built when missing or corrupt."""
    fingerprint = sources_fingerprint()
    index_path, _ = index_paths(fingerprint)
    if force_rebuild or not index_path.exists():
        return build_index(fingerprint)
    try:
        data = _load_pickle(index_path, IndexData)
        if data.fingerprint != fingerprint:
            raise ValueError("fingerprint mismatch")
        return data
    except Exception as exc:  # any unreadable cache is rebuilt, never fatal
        warnings.warn(f"gazetteer cache {index_path} is unusable ({exc}); rebuilding it", CacheWarning,
                      stacklevel=2)
        return build_index(fingerprint)


def load_automaton(fingerprint: str) -> ahocorasick.Automaton:
    """The name automaton for recognisers; rebuilt with the index if missing or corrupt."""
    _, names_path = index_paths(fingerprint)
    try:
        return _load_pickle(names_path, ahocorasick.Automaton)
    except Exception as exc:
        if names_path.exists():
            warnings.warn(f"gazetteer cache {names_path} is unusable ({exc}); rebuilding it", CacheWarning,
                          stacklevel=2)
        build_index(fingerprint)
        return _load_pickle(names_path, ahocorasick.Automaton)
