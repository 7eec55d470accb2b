"""GIS exports beyond the GeoJSON files: regions.geojson, situation.gpkg, events.csv and events.kml.

The GeoPackage is written through GDAL (pyogrio), the CSV through pandas and the KML with lxml; the region
features also go to regions.geojson, written like the other GeoJSON files (geomap.outputs.geojson). Every
file goes to a temporary name in the output folder first and is renamed into place (gazetteer.atomic).

- situation.gpkg: layers `events` (points), `places` (points), `regions` (multipolygons), EPSG:4326.
  GeoPackage 1.2 rather than GDAL's default 1.4, which the GDAL 3.6 of QGIS 3.22 LTS reports as only
  partially supported; GDAL's timestamps are pinned (OGR_CURRENT_DATE) so reruns give the same bytes.
- events.csv: the events table with `lat` and `lon` columns (WGS 84), one row per event and location,
  written through `write_csv`: RFC 4180 (CRLF between rows, so a carriage return inside a cell is quoted
  rather than ending the row) with every text cell made spreadsheet-safe (`spreadsheet_safe`).
- events.kml: one placemark per event and location, `name` (type and place), `description` (the quoted
  sentence and who says so) and a TimeSpan from the event's first to last day, for Google Earth's slider.

Document text is hostile data. GDAL passes strings on as C strings, so a NUL would cut a GeoPackage or KML
value short: the GeoPackage loses NULs only, and KML every character XML 1.0 forbids. GeoJSON and the
GeoPackage otherwise keep the text exactly as the documents gave it; only the CSV changes it, for
spreadsheets.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
import shapely.geometry
from lxml import etree

from gazetteer.atomic import write_chunks_atomic, write_path_atomic, write_stream_atomic
from geomap.outputs.geojson import COORDINATE_DECIMALS, REGION_KINDS
from geomap.places.geometry import precision_of
from geomap.records import Event, PlaceLink

CRS = "EPSG:4326"
GPKG_OPTIONS = {"VERSION": "1.2"}
_FIXED_TIME = {"OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z"}  # reproducible GeoPackage metadata
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula
# skipped before looking for a formula character: a spreadsheet may trim spaces and drop control characters
_FORMULA_HIDERS = "' " + "".join(chr(c) for c in range(32) if chr(c) not in "\t\r")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # outside XML 1.0's Char


def frame(features: list[dict], geometry_type: str) -> gpd.GeoDataFrame:
    """A GeoDataFrame from GeoJSON-like feature dicts (an empty one keeps its geometry type)."""
    if not features:
        return gpd.GeoDataFrame({"geometry": gpd.GeoSeries([], crs=CRS)}, geometry="geometry", crs=CRS)
    gdf = gpd.GeoDataFrame.from_features(features, crs=CRS)
    if geometry_type == "MultiPolygon":
        gdf["geometry"] = [shapely.geometry.MultiPolygon([g]) if g.geom_type == "Polygon" else g
                           for g in gdf.geometry]
    return gdf


def export_region_features(events: Sequence[Event], links: Sequence[PlaceLink],
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
                           "country_code": place.country_code, "where_prec": int(precision_of(place)),
                           "mentions": link.mentions, "events": len(event_ids), "event_ids": "; ".join(event_ids)},
        })
    return features


def _with_text(table: pd.DataFrame, change: Callable[[str], str]) -> pd.DataFrame:
    """`table` with `change` applied to every string cell; numbers, missing values and the geometry stay as
    they are. Only the columns with a cell to change are copied: the event table is a large build's biggest part."""
    changed = {}
    for column in table.columns:
        values = table[column]
        if values.dtype != object and not isinstance(values.dtype, pd.StringDtype):
            continue
        cells = values.tolist()  # a list: iterating a pyarrow-backed column cell by cell is five times slower
        new = [change(v) if isinstance(v, str) else v for v in cells]
        if new != cells:
            changed[column] = pd.Series(new, index=values.index, dtype=values.dtype, name=column)
    return table.assign(**changed) if changed else table


def write_geopackage(path: Path, layers: dict[str, gpd.GeoDataFrame]) -> None:
    """One GeoPackage with a layer per frame (events, places, regions), written atomically. NULs are
    dropped from the text (GDAL would end the value at the first one); everything else is kept as it is."""
    def write_layers(tmp: Path) -> None:
        previous = {key: pyogrio.get_gdal_config_option(key) for key in _FIXED_TIME}
        pyogrio.set_gdal_config_options(_FIXED_TIME)
        try:
            for name, gdf in layers.items():
                gdf = _with_text(gdf, lambda text: text.replace("\x00", ""))
                pyogrio.write_dataframe(gdf, tmp, layer=name, driver="GPKG", dataset_options=GPKG_OPTIONS,
                                        geometry_type=_GEOMETRY_TYPES[name])
        finally:
            pyogrio.set_gdal_config_options(previous)
    write_path_atomic(path, write_layers)


_GEOMETRY_TYPES = {"events": "Point", "places": "Point", "regions": "MultiPolygon"}


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text instead of running it as a formula (OWASP's rule against
    CSV injection): text whose first character is `=`, `+`, `-`, `@`, a tab or a carriage return gets a
    leading apostrophe, which spreadsheets take as "this cell is text". Leading spaces, apostrophes and
    other control characters are looked past first, because a spreadsheet may trim or drop them and find
    the formula behind them; that also makes the prefix reversible (`read_events` takes it off again).

    Only `str` values change: numbers (including negative ones, such as a longitude of -33.9), None and
    dates come back as they are, so write numbers as numbers, not as preformatted text. Apply it at the
    output boundary only, to CSV cells (`write_csv` does, for every text cell): GeoJSON and the GeoPackage
    keep the documents' raw text.
    """
    if isinstance(value, str) and value.lstrip(_FORMULA_HIDERS).startswith(_FORMULA_START):
        return "'" + value
    return value


def _restore_spreadsheet_text(value: object) -> object:
    """The text `spreadsheet_safe` was given: its apostrophe removed again (for reading geomap's CSV)."""
    if isinstance(value, str) and value.startswith("'") and spreadsheet_safe(value[1:]) == value:
        return value[1:]
    return value


def write_csv(path: Path, table: pd.DataFrame) -> None:
    """A table as CSV, atomically: RFC 4180 (comma, double quotes, CRLF between rows, so that a carriage
    return or newline inside a cell is quoted and stays in its cell), UTF-8, every text cell passed
    through `spreadsheet_safe`. Every CSV geomap writes goes through here."""
    write_chunks_atomic(path, _csv_chunks(table))


_CSV_CHUNK = 20_000  # rows converted at a time: the whole table is never one string


def _csv_chunks(table: pd.DataFrame) -> Iterator[str]:
    for start in range(0, max(len(table), 1), _CSV_CHUNK):
        part = _with_text(table.iloc[start:start + _CSV_CHUNK], spreadsheet_safe)
        yield part.to_csv(index=False, header=start == 0, lineterminator="\r\n")


def write_events_csv(path: Path, events: gpd.GeoDataFrame) -> None:
    """The events table with lat/lon columns instead of a geometry."""
    table = pd.DataFrame(events.drop(columns="geometry"))
    if len(events):
        table.insert(0, "lon", events.geometry.x.round(COORDINATE_DECIMALS))
        table.insert(0, "lat", events.geometry.y.round(COORDINATE_DECIMALS))
    else:
        table["lat"], table["lon"] = [], []
    write_csv(path, table)


KML_NS = "http://www.opengis.net/kml/2.2"
_NSMAP = {None: KML_NS}
_KML_FIELDS = (("event_id", "string"), ("type", "string"), ("certainty", "string"), ("where_prec", "int"))
_KML_CHUNK = 2_000  # placemarks between flushes of the incremental writer


def write_events_kml(path: Path, events: gpd.GeoDataFrame) -> None:
    """Placemarks with name, description, a TimeSpan (Google Earth's time slider) and the event's id, type,
    certainty and where_prec as ExtendedData typed by a Schema; GDAL (LIBKML) and QGIS read it as a layer.

    Written here with lxml's incremental writer rather than through GDAL: GDAL's LIBKML driver holds the
    whole document in memory (a 100,000-report build's KML took 550 MB more than the rest of the build).
    The description is HTML-escaped and written as CDATA, the document id in `event_id` HTML-escaped too
    (Google Earth's balloon shows ExtendedData values as HTML). Characters XML 1.0 forbids (NUL and the
    other C0 controls but tab, newline and carriage return; lone surrogates; U+FFFE, U+FFFF) are dropped
    from every string, since they would make the file unreadable.
    """
    columns = {name: events[name].tolist() if name in events else [None] * len(events)
               for name in ("sub_type", "place_name", "quote", "sources", "doc_title", "doc_id", "date_start",
                            "date_end", "event_id", "type", "certainty", "where_prec")}
    xs, ys = (events.geometry.x.tolist(), events.geometry.y.tolist()) if len(events) else ([], [])

    def write_document(fh) -> None:
        with etree.xmlfile(fh, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(_kml("kml"), nsmap=_NSMAP), xf.element(_kml("Document"), id="root_doc"):
                schema = etree.Element(_kml("Schema"), id="events.schema", nsmap=_NSMAP)
                for name, kind in _KML_FIELDS:
                    etree.SubElement(schema, _kml("SimpleField"), name=name, type=kind)
                xf.write(schema, pretty_print=True)
                with xf.element(_kml("Document"), id="events"):
                    xf.write(_kml_text("name", "events"), pretty_print=True)
                    for i in range(len(xs)):
                        xf.write(_placemark(i, {k: v[i] for k, v in columns.items()}, xs[i], ys[i]),
                                 pretty_print=True)
                        if i % _KML_CHUNK == _KML_CHUNK - 1:
                            xf.flush()
    write_stream_atomic(path, write_document)


def _kml(tag: str) -> str:
    return f"{{{KML_NS}}}{tag}"


def _kml_text(tag: str, text: object, parent: etree._Element | None = None) -> etree._Element:
    element = etree.Element(_kml(tag), nsmap=_NSMAP) if parent is None else etree.SubElement(parent, _kml(tag))
    element.text = text if isinstance(text, etree.CDATA) else _NOT_XML.sub("", str(text))
    return element


def _placemark(index: int, row: dict, x: float, y: float) -> etree._Element:
    mark = etree.Element(_kml("Placemark"), id=f"events.{index + 1}", nsmap=_NSMAP)
    _kml_text("name", f"{(row['sub_type'] or '').replace('_', ' ')}: {row['place_name'] or ''}", mark)
    _kml_text("description", etree.CDATA(_NOT_XML.sub("", _description(row))), mark)
    days = [(tag, row[name]) for tag, name in (("begin", "date_start"), ("end", "date_end")) if _given(row[name])]
    if days:
        span = etree.SubElement(mark, _kml("TimeSpan"))
        for tag, day in days:
            _kml_text(tag, day, span)
    data = etree.SubElement(etree.SubElement(mark, _kml("ExtendedData")), _kml("SchemaData"),
                            schemaUrl="#events.schema")
    for name, _ in _KML_FIELDS:
        value = row[name]
        if not _given(value):
            continue
        cell = etree.SubElement(data, _kml("SimpleData"), name=name)
        cell.text = _NOT_XML.sub("", html.escape(value, quote=False) if name == "event_id" else str(value))
    point = etree.SubElement(mark, _kml("Point"))
    _kml_text("coordinates", f"{round(x, COORDINATE_DECIMALS)!r},{round(y, COORDINATE_DECIMALS)!r}", point)
    return mark


def _given(value: object) -> bool:
    """Not None, NaN or empty text (what a frame's missing cell may be)."""
    return value is not None and value == value and value != ""


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
    dates as datetime64 columns; the CSV's text comes back without its spreadsheet apostrophes."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        table = _with_text(pd.read_csv(path, dtype={"doc_id": str, "event_id": str}), _restore_spreadsheet_text)
        gdf = gpd.GeoDataFrame(table.drop(columns=["lat", "lon"]),
                               geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=CRS)
    else:
        layer = "events" if path.suffix.lower() == ".gpkg" else None
        gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
    for column in ("date_start", "date_end", "published"):
        if column in gdf:
            gdf[column] = pd.to_datetime(gdf[column], errors="coerce")
    return gdf
