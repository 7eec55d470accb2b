"""Directional areas: "eastern Ukraine" as a sector of Ukraine's outline.

A sector is the parent shape cut by a third (north, south, east, west, central) or a quadrant
(northeast ...) of its bounding box. Very large countries use curated macro-regions instead
(regions.toml), because "eastern Russia" means Siberia and the Far East, not a slice of a box.
Shapes that cross the antimeridian are unwrapped to 0..360° longitude first.
"""

from __future__ import annotations

import shapely

from gazetteer.shapes import unwrap, wrap


def sector_box(bounds: tuple[float, float, float, float], direction: str) -> shapely.Geometry:
    """The part of a bounding box that a direction names."""
    west, south, east, north = bounds
    dx, dy = (east - west) / 3, (north - south) / 3
    mx, my = (west + east) / 2, (south + north) / 2
    boxes = {
        "north": (west, north - dy, east, north),
        "south": (west, south, east, south + dy),
        "east": (east - dx, south, east, north),
        "west": (west, south, west + dx, north),
        "central": (west + dx, south + dy, east - dx, north - dy),
        "northeast": (mx, my, east, north),
        "northwest": (west, my, mx, north),
        "southeast": (mx, south, east, my),
        "southwest": (west, south, mx, my),
    }
    return shapely.box(*boxes[direction])


def sector(shape: shapely.Geometry, direction: str) -> shapely.Geometry:
    """The part of `shape` in `direction`; the whole shape when the cut leaves nothing."""
    unwrapped, shifted = unwrap(shape)
    part = shapely.intersection(unwrapped, sector_box(unwrapped.bounds, direction))
    if part.is_empty or part.area == 0:
        return shape
    return wrap(part) if shifted else part
