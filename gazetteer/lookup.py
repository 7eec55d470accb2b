"""Answering place queries: the `Gazetteer` object over a loaded index.

Order of attempts for a phrase: the whole phrase as a name; then its parts (`query.parse_query`):
possessive country ("Russia's ..."), directional qualifier ("eastern ..."), kind suffix ("... region",
"... City"); then a fuzzy match with a floor. Every candidate carries a score and the reason for it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cached_property, lru_cache

import ahocorasick
import shapely
from rapidfuzz import fuzz, process

from gazetteer.directional import sector
from gazetteer.errors import InvalidQueryError, UnknownPlaceError
from gazetteer.index import IndexData, load_automaton, load_index, load_shapes, macro_region_id
from gazetteer.names import name_key
from gazetteer.query import ADJECTIVES, DIRECTIONS, parse_query, strip_article
from gazetteer.records import Candidate, Place, PlaceKind
from gazetteer.shapes import representative_point

# Prior weights: a country or region named in news is far more often meant than a village of the
# same name; within a kind, population decides; the primary name beats an alternate spelling; capitals
# beat other places of the same name.
# Admin-1 units count the people of their places (index), so they need no bonus of their own.
KIND_BONUS = {PlaceKind.CONTINENT: 6.0, PlaceKind.COUNTRY: 6.0, PlaceKind.REGION: 4.5}
PRIMARY_NAME_BONUS = 0.5
CAPITAL_BONUS = 2.0
NAMESAKE_BONUS = 1.0  # a city named like its own admin-1 unit: the bare name means the city
MINOR_POPULATION = 100_000
FUZZY_FLOOR = 88.0  # rapidfuzz ratio (0-100) below which a fuzzy match is no match
KEPT_CANDIDATES = 25  # a name shared by hundreds of villages keeps its 25 most prominent
ANSWER_CACHE_SIZE = 100_000  # phrases whose candidates are kept in memory (answers are immutable)
AREA_KINDS = frozenset({PlaceKind.CONTINENT, PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.ADMIN2,
                        PlaceKind.REGION})


class Gazetteer:
    """Offline world gazetteer. Create with `gazetteer.open()`."""

    def __init__(self, data: IndexData) -> None:
        self._data = data
        self._by_id = {pid: i for i, pid in enumerate(data.ids)}
        self._derived: dict[str, tuple[Place, shapely.Geometry]] = {}
        # bounded memo of answers: a news stream repeats the same few thousand names
        self._cached_answer = lru_cache(maxsize=ANSWER_CACHE_SIZE)(self._answer)
        self._cached_minor = lru_cache(maxsize=ANSWER_CACHE_SIZE)(self._minor_name)

    @property
    def fingerprint(self) -> str:
        return self._data.fingerprint

    def __len__(self) -> int:
        return len(self._data.ids)

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """Aho-Corasick automaton over every indexed name key and demonym (values: key length)."""
        return load_automaton(self._data.fingerprint)

    # --- single places -------------------------------------------------------------------------

    def place(self, place_id: str) -> Place:
        """The place with this id; `UnknownPlaceError` names the id when it is not in the index."""
        i = self._by_id.get(place_id)
        if i is not None:
            return self._place_at(i)
        if place_id.startswith("dir:"):
            return self._directional_from_id(place_id)[0]
        raise UnknownPlaceError(f"no place with id {place_id!r} in the gazetteer "
                                "(ids look like 'geonames:703448', 'iso3166-2:UA-14', 'region:donbas')")

    def country(self, code: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code, if the gazetteer has it."""
        i = self._country_index.get(code.upper())
        return None if i is None else self._place_at(i)

    def demonym_country(self, text: str) -> Place | None:
        """The country of a demonym or nationality adjective ("North Korean" -> North Korea)."""
        i = self._data.demonyms.get(name_key(text))
        return None if i is None else self._place_at(i)

    def prepare(self) -> None:
        """Build now what the first queries would otherwise build: the name automaton and the fuzzy-match
        buckets (for long-running services and for benchmarks that time documents, not start-up)."""
        _ = self.automaton
        _ = self._keys_by_initial

    def capital(self, country_code: str) -> Place | None:
        """The national capital of a country (ISO alpha-2), the most populous when GeoNames marks several."""
        d = self._data
        best = max((i for i in d.capitals if d.country_codes[i] == country_code),
                   key=lambda i: d.populations[i], default=None)
        return None if best is None else self._place_at(best)

    def geometry(self, place_id: str) -> shapely.Geometry:
        """The outline of a country, admin-1 unit, region or directional area; a point for other places."""
        if place_id.startswith("dir:"):
            return self._directional_from_id(place_id)[1]
        place = self.place(place_id)
        wkb = self._shapes.get(place_id)
        return shapely.from_wkb(wkb) if wkb is not None else shapely.Point(place.lon, place.lat)

    def country_outlines(self, tolerance_deg: float = 0.05) -> dict[str, shapely.Geometry]:
        """Every country's polygon keyed by ISO alpha-2, simplified for drawing (a basemap without tiles)."""
        out = {}
        for code, i in sorted(self._country_index.items()):
            wkb = self._shapes.get(self._data.ids[i])
            if wkb is not None:
                shape = shapely.simplify(shapely.from_wkb(wkb), tolerance_deg, preserve_topology=True)
                out[code] = shapely.set_precision(shape, tolerance_deg / 5)
        return out

    # --- names ---------------------------------------------------------------------------------

    def counts_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for kind in self._data.kinds:
            counts[kind.value] += 1
        counts["demonym"] = len(self._data.demonyms)
        return dict(counts)

    def has_name(self, name: str) -> bool:
        key = name_key(name)
        return key in self._data.by_key or key in self._data.demonyms

    def is_code_only(self, name: str) -> bool:
        """True when every source spells `name` in capitals (a code such as "LAX"): "Lax" is not it."""
        return name_key(name) in self._data.caps_only

    def is_minor_name(self, name: str, max_population: int = MINOR_POPULATION, alternate_only: bool = False) -> bool:
        """True when `name` only names populated places smaller than `max_population` (no country, region,
        admin-1 unit or demonym); with `alternate_only`, only as an alternate spelling ("Drone")."""
        return self._cached_minor(name_key(name), max_population, alternate_only)

    def _minor_name(self, key: str, max_population: int, alternate_only: bool) -> bool:
        d = self._data
        return key not in d.demonyms and all(
            d.kinds[i] is PlaceKind.POPULATED_PLACE and d.populations[i] < max_population
            and not (alternate_only and name_key(d.names[i]) == key)
            for i in d.by_key.get(key, ())
        )

    # --- queries -------------------------------------------------------------------------------

    def clear_cache(self) -> None:
        """Forget remembered answers (for benchmarks that time uncached lookups)."""
        self._cached_answer.cache_clear()
        self._cached_minor.cache_clear()

    def lookup(self, name: str, country: str | None = None, limit: int = 10, fuzzy: bool = True) -> list[Candidate]:
        """Candidates for a place phrase, best first; `country` (ISO alpha-2) keeps only places there.

        `fuzzy=False` skips the near-spelling fallback (text recognisers found the exact spelling already).
        """
        text = strip_article(name)
        if not name_key(text):
            raise InvalidQueryError("cannot look up an empty name; pass a place name such as 'Kyiv'")
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise InvalidQueryError(f"country {country!r} is not an ISO 3166-1 alpha-2 code such as 'UA'")
        if limit < 1:
            raise InvalidQueryError(f"limit must be at least 1, got {limit}")
        country = country.upper() if country else None
        return self._cached_answer(text, country, fuzzy)[:limit]  # a slice: the cached list stays untouched

    def _answer(self, text: str, country: str | None, fuzzy: bool = True) -> list[Candidate]:
        key = name_key(text)
        whole = self._ranked(self._indices(key, country), key)
        query = parse_query(text)
        if query.possessor:
            owner = self._ranked(self._indices(name_key(query.possessor), None), name_key(query.possessor),
                                 kinds=frozenset({PlaceKind.COUNTRY}))
            if owner and (country is None or owner[0].place.country_code == country):
                country = owner[0].place.country_code
                rest = text[len(query.possessor):].lstrip("'’s ").strip()
                return self._answer(rest, country, fuzzy)
        if query.direction and not any(c.place.kind in AREA_KINDS for c in whole):
            directional = self._directional(query.direction, query.base, country)
            if directional:
                return directional
        if query.kind is not None:
            base_key = name_key(query.base)
            kinds = AREA_KINDS - {PlaceKind.COUNTRY, PlaceKind.CONTINENT} if query.kind is PlaceKind.ADMIN1 \
                else {query.kind}
            wanted = "a populated place" if query.kind is PlaceKind.POPULATED_PLACE else "a region"
            hinted = self._ranked(self._indices(base_key, country), base_key, kinds=frozenset(kinds),
                                  why=f"'{query.text}' asks for {wanted}")
            if hinted and not any(c.place.kind in kinds for c in whole):
                return hinted
        if whole or not fuzzy:
            return whole
        return self._fuzzy(key, country)

    def _indices(self, key: str, country: str | None) -> tuple[int, ...]:
        indices = self._data.by_key.get(key, ())
        demonym = self._data.demonyms.get(key)
        if demonym is not None and demonym not in indices:
            indices = (demonym, *indices)
        if country:
            indices = tuple(i for i in indices if self._data.country_codes[i] == country)
        return indices

    def _ranked(self, indices: tuple[int, ...], key: str, kinds: frozenset[PlaceKind] | None = None,
                why: str = "") -> list[Candidate]:
        if kinds is not None:
            indices = tuple(i for i in indices if self._data.kinds[i] in kinds)
        if not indices:
            return []
        d = self._data
        units = {d.admin1[i] for i in indices if d.kinds[i] is PlaceKind.ADMIN1}
        namesakes = {i for i in indices if d.kinds[i] is PlaceKind.POPULATED_PLACE and d.admin1[i] in units}
        priors = sorted(((self._prior(i, key) + (NAMESAKE_BONUS if i in namesakes else 0.0), i) for i in indices),
                        key=lambda p: (-p[0], d.ids[p[1]]))
        top = priors[0][0]
        total = sum(math.exp(p - top) for p, _ in priors)
        return [  # scores are shares of all candidates; only the best KEPT_CANDIDATES are built
            Candidate(self._place_at(i), round(math.exp(p - top) / total, 4),
                      "; ".join(filter(None, (why, self._reason(i, key, len(priors)),
                                              "named like its own region" if i in namesakes else ""))))
            for p, i in priors[:KEPT_CANDIDATES]
        ]

    def _directional(self, direction: str, base: str, country: str | None) -> list[Candidate]:
        """The part of the area that `base` names; the area is taken in the country of the best reading of
        `base` overall ("northern Gaza": Gaza the city is in Palestine, so the Gaza Strip, not Mozambique's
        Gaza province)."""
        key = name_key(base)
        everything = self._ranked(self._indices(key, country), key)
        if not everything:
            return []
        best_country = everything[0].place.country_code
        if direction == "central" and everything[0].place.kind is PlaceKind.POPULATED_PLACE:
            return everything  # "central Kharkiv", "central Buenos Aires": the city centre, not the province's
        areas = [c for c in everything if c.place.kind in AREA_KINDS]
        areas.sort(key=lambda c: c.place.country_code != best_country)  # stable: keeps the ranking within
        if not areas:
            return everything  # a point place ("northern Kyiv"): the place itself is the best answer
        parent = areas[0]
        place, _, how = self._directional_place(direction, parent.place)
        confidence = sum(c.score for c in everything if c.place.country_code == parent.place.country_code)
        return [Candidate(place, round(min(confidence, 1.0), 4), how)]

    def _directional_place(self, direction: str, parent: Place) -> tuple[Place, shapely.Geometry, str]:
        place_id = f"dir:{direction}:{parent.id}"
        macro = self._shapes.get(macro_region_id(parent.country_code, direction)) \
            if parent.kind is PlaceKind.COUNTRY else None
        if macro is not None:
            shape = shapely.from_wkb(macro)
            how = f"curated {ADJECTIVES[direction]} macro-region of {parent.name}"
        else:
            shape = sector(self.geometry(parent.id), direction)
            how = f"{ADJECTIVES[direction]} part of {parent.name}'s extent"
        point = representative_point(shape)
        place = Place(
            id=place_id, name=f"{ADJECTIVES[direction]} {parent.name}", kind=PlaceKind.DIRECTIONAL,
            country_code=parent.country_code, admin1=parent.admin1, lat=round(point.y, 5), lon=round(point.x, 5),
            population=0, geonameid=None, bbox=tuple(round(v, 4) for v in shape.bounds),
        )
        self._derived[place_id] = (place, shape)
        return place, shape, how

    def _directional_from_id(self, place_id: str) -> tuple[Place, shapely.Geometry]:
        if place_id not in self._derived:
            _, direction, parent_id = place_id.split(":", 2)
            if direction not in DIRECTIONS:
                raise UnknownPlaceError(f"no direction {direction!r} in {place_id!r}; use one of {DIRECTIONS}")
            self._directional_place(direction, self.place(parent_id))
        return self._derived[place_id][:2]

    def _fuzzy(self, key: str, country: str | None) -> list[Candidate]:
        """Closest indexed spelling with the same first letter, if it is close enough."""
        bucket = self._keys_by_initial.get(key[:1], [])
        match = process.extractOne(key, bucket, scorer=fuzz.ratio, score_cutoff=FUZZY_FLOOR)
        if match is None:
            return []
        found, similarity, _ = match
        candidates = self._ranked(self._indices(found, country), found,
                                  why=f"fuzzy match of '{found}' ({similarity:.0f}/100)")
        factor = similarity / 100
        return [Candidate(c.place, round(c.score * factor, 4), c.reason) for c in candidates]

    @cached_property
    def _keys_by_initial(self) -> dict[str, list[str]]:
        buckets: dict[str, list[str]] = defaultdict(list)
        for key in self._data.by_key:
            buckets[key[:1]].append(key)
        return buckets

    @cached_property
    def _shapes(self) -> dict[str, bytes]:
        return load_shapes(self._data.fingerprint)

    @cached_property
    def _country_index(self) -> dict[str, int]:
        d = self._data
        return {d.country_codes[i]: i for i, kind in enumerate(d.kinds) if kind is PlaceKind.COUNTRY}

    def _prior(self, i: int, key: str) -> float:
        d = self._data
        primary = PRIMARY_NAME_BONUS if name_key(d.names[i]) == key or d.demonyms.get(key) == i else 0.0
        capital = CAPITAL_BONUS if i in d.capitals else 0.0
        return KIND_BONUS.get(d.kinds[i], 0.0) + math.log10(d.populations[i] + 10) + primary + capital

    def _reason(self, i: int, key: str, n: int) -> str:
        d = self._data
        if d.demonyms.get(key) == i:
            how = f"demonym of {d.names[i]}"
        else:
            how = f"{d.kinds[i].value} {'name' if name_key(d.names[i]) == key else 'alternate name'}"
        parts = [how]
        if d.populations[i]:
            parts.append(f"population {d.populations[i]:,}")
        if i in d.capitals:
            parts.append("national capital")
        if n > 1:
            parts.append(f"ranked among {n} places with this name")
        return ", ".join(parts)

    def _place_at(self, i: int) -> Place:
        d = self._data
        return Place(
            id=d.ids[i], name=d.names[i], kind=d.kinds[i], country_code=d.country_codes[i],
            admin1=d.admin1[i], lat=d.lats[i], lon=d.lons[i], population=d.populations[i],
            geonameid=d.geonameids[i] or None, bbox=d.bboxes.get(i),
        )


def open_gazetteer(rebuild: bool = False) -> Gazetteer:
    """Load (building if needed) the offline gazetteer."""
    return Gazetteer(load_index(force_rebuild=rebuild))
