"""Geometry on the gazetteer's places: the one great-circle distance, containment, and each kind's
spatial precision (UCDP's `where_prec`, `records.WherePrecision`).

Distances are haversine on a sphere of EARTH_RADIUS_KM: geopy's objects cost more than the code that
calls them, and the ellipsoid's extra accuracy (under 0.5 %) changes no answer at the scales used here.
"""

from __future__ import annotations

import math

import numpy as np

from gazetteer import Place, PlaceKind
from geomap.records import WherePrecision

EARTH_RADIUS_KM = 6371.0

KIND_PRECISION = {
    PlaceKind.POPULATED_PLACE: WherePrecision.PLACE,
    PlaceKind.ADMIN2: WherePrecision.ADMIN2,
    PlaceKind.ADMIN1: WherePrecision.ADMIN1,
    PlaceKind.REGION: WherePrecision.REGION,
    PlaceKind.DIRECTIONAL: WherePrecision.REGION,
    PlaceKind.COUNTRY: WherePrecision.COUNTRY,
    PlaceKind.CONTINENT: WherePrecision.WIDER,
}


def precision_of(place: Place) -> WherePrecision:
    """How precisely the place locates an event: 1 a town ... 7 a continent."""
    return KIND_PRECISION[place.kind]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((phi2 - phi1) / 2) ** 2 \
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places' points."""
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def equirectangular_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Distances between points in radians (numpy broadcasting), by the equirectangular approximation: as good
    as the great circle within a few hundred kilometres, and cheap for a matrix of pairs."""
    dx = (lon1 - lon2) * np.cos((lat1 + lat2) / 2)
    return np.hypot(dx, lat1 - lat2) * EARTH_RADIUS_KM


def contains(outer: Place, inner: Place) -> bool:
    """True when `outer` is a larger unit that holds `inner` (a country its cities, an oblast its towns)."""
    if outer.id == inner.id or precision_of(outer) <= precision_of(inner):
        return False
    if outer.kind is PlaceKind.CONTINENT:
        return False  # continents are rarely what an event is "in"; keep both
    if outer.kind is PlaceKind.COUNTRY:
        return inner.country_code == outer.country_code
    if outer.kind is PlaceKind.ADMIN1:
        return inner.admin1 is not None and inner.admin1 == outer.admin1
    if outer.bbox is not None:
        west, south, east, north = outer.bbox
        inside_lon = west <= inner.lon <= east if west <= east else (inner.lon >= west or inner.lon <= east)
        return south <= inner.lat <= north and inside_lon and inner.country_code == outer.country_code
    return False
