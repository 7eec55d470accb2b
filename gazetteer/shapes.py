"""Geometry helpers shared by the index build and queries: antimeridian handling, representative points."""

from __future__ import annotations

import numpy as np
import shapely


def _shift_lon(shape: shapely.Geometry, delta: float, only_negative: bool = False) -> shapely.Geometry:
    def move(xy: np.ndarray) -> np.ndarray:
        lon = np.where(xy[:, 0] < 0, xy[:, 0] + delta, xy[:, 0]) if only_negative else xy[:, 0] + delta
        return np.column_stack([lon, xy[:, 1]])

    return shapely.transform(shape, move)


def unwrap(shape: shapely.Geometry) -> tuple[shapely.Geometry, bool]:
    """A shape that crosses the antimeridian (Russia, Fiji) moved to 0..360° longitude; and whether it was."""
    west, _, east, _ = shape.bounds
    if west < -170 and east > 170:
        return _shift_lon(shape, 360, only_negative=True), True
    return shape, False


def wrap(shape: shapely.Geometry) -> shapely.Geometry:
    """Back from 0..360° to -180..180° longitude."""
    west_half = shapely.intersection(shape, shapely.box(-180, -90, 180, 90))
    east_half = _shift_lon(shapely.intersection(shape, shapely.box(180, -90, 540, 90)), -360)
    return shapely.union(west_half, east_half)


def representative_point(shape: shapely.Geometry, label: tuple[float, float] | None = None) -> shapely.Point:
    """A point inside `shape` that stands for it on a map and in distance checks.

    The centroid of the largest part when it lies inside (the middle of Russia, not its European label
    point; the contiguous United States, not a centroid pulled towards Alaska); else the given
    cartographic label point (lon, lat) when inside (concave shapes such as Norway); else a point on the
    surface of the largest part.
    """
    unwrapped, shifted = unwrap(shape)
    parts = list(getattr(unwrapped, "geoms", [unwrapped]))
    largest = max(parts, key=lambda part: part.area)
    centroid = largest.centroid
    if largest.contains(centroid):
        return wrap(centroid) if shifted else centroid
    if label is not None and shape.contains(shapely.Point(label)):
        return shapely.Point(label)
    point = shapely.point_on_surface(largest)
    return wrap(point) if shifted else point
