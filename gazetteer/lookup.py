"""Answering name queries: the `Gazetteer` object over a loaded index."""

from __future__ import annotations

import math
from functools import cached_property

import ahocorasick
import shapely

from gazetteer.errors import InvalidQueryError, UnknownPlaceError
from gazetteer.index import IndexData, load_automaton, load_index
from gazetteer.names import name_key
from gazetteer.records import Candidate, Place, PlaceKind
from gazetteer.sources import COUNTRIES_FILE, data_file

# Prior weights: a country or region named in news is far more often meant than a village of the
# same name; within a kind, population decides; the primary name beats an alternate spelling.
KIND_BONUS = {PlaceKind.COUNTRY: 6.0, PlaceKind.ADMIN1: 3.0, PlaceKind.REGION: 3.0}
PRIMARY_NAME_BONUS = 1.0
MINOR_POPULATION = 100_000


class Gazetteer:
    """Offline world gazetteer. Create with `gazetteer.open()`."""

    def __init__(self, data: IndexData) -> None:
        self._data = data
        self._by_id = {pid: i for i, pid in enumerate(data.ids)}

    @property
    def fingerprint(self) -> str:
        return self._data.fingerprint

    def __len__(self) -> int:
        return len(self._data.ids)

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """Aho-Corasick automaton over every indexed name key (values: key length)."""
        return load_automaton(self._data.fingerprint)

    def place(self, place_id: str) -> Place:
        """The place with this id; `UnknownPlaceError` names the id when it is not in the index."""
        try:
            return self._place_at(self._by_id[place_id])
        except KeyError:
            raise UnknownPlaceError(
                f"no place with id {place_id!r} in the gazetteer (ids look like 'geonames:703448')"
            ) from None

    def country(self, code: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code, if the gazetteer has it."""
        i = self._country_index.get(code.upper())
        return None if i is None else self._place_at(i)

    @cached_property
    def _country_index(self) -> dict[str, int]:
        d = self._data
        return {d.country_codes[i]: i for i, kind in enumerate(d.kinds) if kind is PlaceKind.COUNTRY}

    def counts_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kind in self._data.kinds:
            counts[kind.value] = counts.get(kind.value, 0) + 1
        return counts

    def has_name(self, name: str) -> bool:
        return name_key(name) in self._data.by_key

    def is_code_only(self, name: str) -> bool:
        """True when every source spells `name` in capitals (a code such as "FAR"): "Far" is not it."""
        return name_key(name) in self._data.caps_only

    def is_minor_alternate_name(self, name: str, max_population: int = MINOR_POPULATION) -> bool:
        """True when `name` is only an alternate spelling of small populated places (e.g. "Drone")."""
        d = self._data
        key = name_key(name)
        return all(
            d.kinds[i] is PlaceKind.POPULATED_PLACE and d.populations[i] < max_population
            and name_key(d.names[i]) != key
            for i in d.by_key.get(key, ())
        )

    def lookup(self, name: str, country: str | None = None, limit: int = 10) -> list[Candidate]:
        """Candidates for `name`, best first; `country` (ISO alpha-2) keeps only places in that country."""
        key = name_key(name)
        if not key:
            raise InvalidQueryError("cannot look up an empty name; pass a place name such as 'Kyiv'")
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise InvalidQueryError(f"country {country!r} is not an ISO 3166-1 alpha-2 code such as 'UA'")
        if limit < 1:
            raise InvalidQueryError(f"limit must be at least 1, got {limit}")
        indices = self._data.by_key.get(key, ())
        if country:
            indices = tuple(i for i in indices if self._data.country_codes[i] == country.upper())
        if not indices:
            return []
        priors = [(self._prior(i, key), i) for i in indices]
        priors.sort(key=lambda pair: (-pair[0], self._data.ids[pair[1]]))
        top = priors[0][0]
        total = sum(math.exp(p - top) for p, _ in priors)
        return [
            Candidate(self._place_at(i), round(math.exp(p - top) / total, 4), self._reason(i, key, len(priors)))
            for p, i in priors[:limit]
        ]

    def geometry(self, place_id: str) -> shapely.Geometry:
        """Polygon of a country (a point for places without a shape)."""
        place = self.place(place_id)
        if place.kind is PlaceKind.COUNTRY:
            shape = self._country_shapes.get(place.country_code)
            if shape is not None:
                return shape
        return shapely.Point(place.lon, place.lat)

    def country_outlines(self, tolerance_deg: float = 0.05) -> dict[str, shapely.Geometry]:
        """Every country's polygon keyed by ISO alpha-2, simplified for drawing (a basemap without tiles)."""
        return {code: shapely.set_precision(shapely.simplify(shape, tolerance_deg, preserve_topology=True),
                                            tolerance_deg / 5)
                for code, shape in sorted(self._country_shapes.items())}

    @cached_property
    def _country_shapes(self) -> dict[str, shapely.Geometry]:
        import geopandas

        frame = geopandas.read_parquet(data_file(COUNTRIES_FILE))
        return dict(zip(frame["iso2"], frame.geometry, strict=True))

    def _prior(self, i: int, key: str) -> float:
        d = self._data
        primary = PRIMARY_NAME_BONUS if name_key(d.names[i]) == key else 0.0
        return KIND_BONUS.get(d.kinds[i], 0.0) + math.log10(d.populations[i] + 10) + primary

    def _reason(self, i: int, key: str, n: int) -> str:
        d = self._data
        kind = d.kinds[i]
        how = "name" if name_key(d.names[i]) == key else "alternate name"
        parts = [f"{kind.value} {how}", f"population {d.populations[i]:,}"]
        if n > 1:
            parts.append(f"ranked among {n} places with this name")
        return ", ".join(parts)

    def _place_at(self, i: int) -> Place:
        d = self._data
        return Place(
            id=d.ids[i], name=d.names[i], kind=d.kinds[i], country_code=d.country_codes[i],
            admin1=d.admin1[i], lat=d.lats[i], lon=d.lons[i], population=d.populations[i],
            geonameid=d.geonameids[i] or None,
        )


def open_gazetteer(rebuild: bool = False) -> Gazetteer:
    """Load (building if needed) the offline gazetteer."""
    return Gazetteer(load_index(force_rebuild=rebuild))
