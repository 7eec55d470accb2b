"""Records that cross the gazetteer's boundary: places and scored candidates."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gazetteer.errors import InvalidPlaceError


class PlaceKind(StrEnum):
    """What sort of place a record is; later kinds (regions, directional areas) extend this."""

    CONTINENT = "continent"
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    REGION = "region"
    POPULATED_PLACE = "populated_place"
    DIRECTIONAL = "directional"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. `id` is stable across rebuilds (`geonames:703448`)."""

    id: str
    name: str
    kind: PlaceKind
    country_code: str
    admin1: str
    lat: float
    lon: float
    population: int
    geonameid: int | None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north; None for points

    def __post_init__(self) -> None:
        if not -90.0 <= self.lat <= 90.0:
            hint = " (latitude and longitude may be swapped)" if -180.0 <= self.lat <= 180.0 else ""
            raise InvalidPlaceError(f"place {self.id}: latitude {self.lat} is outside -90..90{hint}")
        if not -180.0 <= self.lon <= 180.0:
            raise InvalidPlaceError(f"place {self.id}: longitude {self.lon} is outside -180..180")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place proposed for a name, with a score in [0, 1] and why it was ranked there."""

    place: Place
    score: float
    reason: str
