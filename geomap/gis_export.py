"""GIS exports beyond the GeoJSON files: regions.geojson, situation.gpkg, events.csv and events.kml.

All are written with geopandas/pyogrio (GDAL) except regions.geojson, which is written like the other
GeoJSON files (export.py) so that it is byte-identical from run to run. Every file goes to a temporary
name in the output folder first and is renamed into place.

- situation.gpkg: layers `events` (points), `places` (points), `regions` (multipolygons), EPSG:4326.
  GeoPackage 1.2 rather than GDAL's default 1.4, which the GDAL 3.6 of QGIS 3.22 LTS reports as only
  partially supported; GDAL's timestamps are pinned (OGR_CURRENT_DATE) so reruns give the same bytes.
- events.csv: the events table with `lat` and `lon` columns (WGS 84), one row per event and location.
- events.kml: one placemark per event and location, `name` (type and place), `description` (the quoted
  sentence and who says so) and a TimeSpan from the event's first to last day, for Google Earth's slider.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
import shapely.geometry

from gazetteer import PlaceKind
from gazetteer.atomic import write_text_atomic
from geomap.export import COORDINATE_DECIMALS
from geomap.link import PlaceLink
from geomap.records import Event

CRS = "EPSG:4326"
REGION_KINDS = (PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION, PlaceKind.DIRECTIONAL)
WHERE_PREC = {PlaceKind.ADMIN2: 3, PlaceKind.ADMIN1: 4, PlaceKind.REGION: 5, PlaceKind.DIRECTIONAL: 5}
GPKG_OPTIONS = {"VERSION": "1.2"}
_FIXED_TIME = {"OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z"}  # reproducible GeoPackage metadata


def frame(features: list[dict], geometry_type: str) -> gpd.GeoDataFrame:
    """A GeoDataFrame from GeoJSON-like feature dicts (an empty one keeps its geometry type)."""
    if not features:
        return gpd.GeoDataFrame({"geometry": gpd.GeoSeries([], crs=CRS)}, geometry="geometry", crs=CRS)
    gdf = gpd.GeoDataFrame.from_features(features, crs=CRS)
    if geometry_type == "MultiPolygon":
        gdf["geometry"] = [shapely.geometry.MultiPolygon([g]) if g.geom_type == "Polygon" else g
                           for g in gdf.geometry]
    return gdf


def region_features(events: Sequence[Event], links: Sequence[PlaceLink],
                    geometry: Callable[[str], shapely.Geometry]) -> list[dict]:
    """Outlines of the admin units, informal and directional regions named as places, with their events."""
    by_place: dict[str, list[str]] = {}
    for event in events:
        for loc in event.locations:
            by_place.setdefault(loc.place.id, []).append(event.id)
    features = []
    for link in sorted(links, key=lambda link: link.place.id):
        place = link.place
        if place.kind not in REGION_KINDS:
            continue
        shape = geometry(place.id)
        if shape is None or shape.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        shape = shapely.set_precision(shape, 10 ** -COORDINATE_DECIMALS)
        event_ids = sorted(set(by_place.get(place.id, [])))
        features.append({
            "type": "Feature", "id": place.id,
            "geometry": shapely.geometry.mapping(shapely.geometry.MultiPolygon([shape]) if shape.geom_type ==
                                                 "Polygon" else shape),
            "properties": {"place_id": place.id, "name": place.name, "kind": place.kind.value,
                           "country_code": place.country_code, "where_prec": WHERE_PREC[place.kind],
                           "mentions": link.mentions, "events": len(event_ids), "event_ids": "; ".join(event_ids)},
        })
    return features


def _temporary(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    os.unlink(tmp)  # GDAL creates the file itself
    return Path(tmp)


def _atomic_gdal(path: Path, write: Callable[[Path], None]) -> None:
    tmp = _temporary(path)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_geopackage(path: Path, layers: dict[str, gpd.GeoDataFrame]) -> None:
    """One GeoPackage with a layer per frame (events, places, regions), written atomically."""
    def write(tmp: Path) -> None:
        previous = {key: pyogrio.get_gdal_config_option(key) for key in _FIXED_TIME}
        pyogrio.set_gdal_config_options(_FIXED_TIME)
        try:
            for name, gdf in layers.items():
                pyogrio.write_dataframe(gdf, tmp, layer=name, driver="GPKG", dataset_options=GPKG_OPTIONS,
                                        geometry_type=_GEOMETRY_TYPES[name])
        finally:
            pyogrio.set_gdal_config_options(previous)
    _atomic_gdal(path, write)


_GEOMETRY_TYPES = {"events": "Point", "places": "Point", "regions": "MultiPolygon"}


def write_events_csv(path: Path, events: gpd.GeoDataFrame) -> None:
    """The events table with lat/lon columns instead of a geometry."""
    table = pd.DataFrame(events.drop(columns="geometry"))
    if len(events):
        table.insert(0, "lon", events.geometry.x.round(COORDINATE_DECIMALS))
        table.insert(0, "lat", events.geometry.y.round(COORDINATE_DECIMALS))
    else:
        table["lat"], table["lon"] = [], []
    write_text_atomic(path, table.to_csv(index=False, lineterminator="\n"))


def write_events_kml(path: Path, events: gpd.GeoDataFrame) -> None:
    """Placemarks with name, description and a TimeSpan (LIBKML reads `begin`/`end` columns as one)."""
    kml = gpd.GeoDataFrame({
        "name": [f"{t.replace('_', ' ')}: {p}" for t, p in zip(events.get("sub_type", []),
                                                                  events.get("place_name", []), strict=True)],
        "description": [_description(row) for row in events.to_dict("records")],
        "begin": events.get("date_start", pd.Series([], dtype=object)),
        "end": events.get("date_end", pd.Series([], dtype=object)),
        "event_id": events.get("event_id", pd.Series([], dtype=object)),
        "type": events.get("type", pd.Series([], dtype=object)),
        "certainty": events.get("certainty", pd.Series([], dtype=object)),
        "where_prec": events.get("where_prec", pd.Series([], dtype="int64")),
    }, geometry=list(events.geometry), crs=CRS)
    _atomic_gdal(path, lambda tmp: pyogrio.write_dataframe(kml, tmp, layer="events", driver="LIBKML"))


def _description(row: dict) -> str:
    """The balloon text, escaped: Google Earth renders a description as HTML (LIBKML writes it as CDATA)."""
    parts = [row.get("quote") or ""]
    if row.get("sources"):
        parts.append(f"Says so: {row['sources']}")
    if row.get("doc_title") or row.get("doc_id"):
        parts.append(f"Source: {row.get('doc_title') or row.get('doc_id')}")
    return "<br>".join(html.escape(part, quote=True) for part in parts)


def read_events(path: Path | str) -> gpd.GeoDataFrame:
    """Events from any geomap export (events.geojson, situation.gpkg, events.csv) as a GeoDataFrame with
    dates as datetime64 columns."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        table = pd.read_csv(path, dtype={"doc_id": str, "event_id": str})
        gdf = gpd.GeoDataFrame(table.drop(columns=["lat", "lon"]),
                               geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=CRS)
    else:
        layer = "events" if path.suffix.lower() == ".gpkg" else None
        gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
    for column in ("date_start", "date_end", "published"):
        if column in gdf:
            gdf[column] = pd.to_datetime(gdf[column], errors="coerce")
    return gdf
