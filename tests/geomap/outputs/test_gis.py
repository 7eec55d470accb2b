"""Every export read back through GDAL (pyogrio): counts agree, Kyiv is where it should be, the GeoPackage
has its three layers at version 1.2, GeoJSON follows RFC 7946 with flat properties, reruns are identical."""

from __future__ import annotations

import json
import sqlite3

import pyogrio
import pytest

import geomap
from geomap.batch.build import CSV_FILE, EVENTS_FILE, GEOPACKAGE_FILE, KML_FILE, PLACES_FILE, REGIONS_FILE

KYIV = (30.52, 50.45)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, seed_article):
    root = tmp_path_factory.mktemp("gis")
    first = geomap.build([seed_article], root / "a")
    geomap.build([seed_article], root / "b")
    return first, root / "a", root / "b"


def test_every_export_reads_back_with_the_same_counts(runs):
    result, out, _ = runs
    events = result.event_features
    assert events > 0
    assert len(pyogrio.read_dataframe(out / EVENTS_FILE)) == events
    assert len(pyogrio.read_dataframe(out / GEOPACKAGE_FILE, layer="events")) == events
    assert len(pyogrio.read_dataframe(out / KML_FILE)) == events
    assert len(geomap.read_events(out / CSV_FILE)) == events
    assert len(pyogrio.read_dataframe(out / PLACES_FILE)) == result.places
    assert len(pyogrio.read_dataframe(out / GEOPACKAGE_FILE, layer="places")) == result.places
    regions = pyogrio.read_dataframe(out / REGIONS_FILE)
    assert len(regions) == len(pyogrio.read_dataframe(out / GEOPACKAGE_FILE, layer="regions")) > 0
    assert {"Kursk", "eastern Russia"} <= set(regions["name"])
    assert set(regions.geometry.geom_type) == {"MultiPolygon"} and regions.geometry.is_valid.all()


@pytest.mark.parametrize("name", [EVENTS_FILE, GEOPACKAGE_FILE, CSV_FILE, KML_FILE])
def test_the_kyiv_strike_reads_as_kyiv_in_every_format(runs, name):
    _, out, _ = runs
    events = geomap.read_events(out / name) if name != KML_FILE else pyogrio.read_dataframe(out / name)
    assert events.crs.to_epsg() == 4326
    label = "Name" if name == KML_FILE else "place_name"  # LIBKML reads <name> back as "Name"
    kyiv = events[events[label].str.contains("Kyiv")].geometry.iloc[0]
    assert (round(kyiv.x, 2), round(kyiv.y, 2)) == KYIV  # [lon, lat] = [30.5..., 50.4...]


def test_geopackage_has_three_layers_at_version_1_2(runs):
    _, out, _ = runs
    assert [tuple(row) for row in pyogrio.list_layers(out / GEOPACKAGE_FILE)] == [
        ("events", "Point"), ("places", "Point"), ("regions", "MultiPolygon")]
    with sqlite3.connect(out / GEOPACKAGE_FILE) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (10200,)


def test_geojson_is_rfc7946_with_flat_properties(runs):
    _, out, _ = runs
    for name in (EVENTS_FILE, PLACES_FILE, REGIONS_FILE):
        data = json.loads((out / name).read_text(encoding="utf-8"))
        assert "crs" not in data and data["type"] == "FeatureCollection"
        for feature in data["features"]:
            assert all(isinstance(v, (str, int, float, type(None))) for v in feature["properties"].values())
    event = json.loads((out / EVENTS_FILE).read_text(encoding="utf-8"))["features"][0]["properties"]
    assert len(event["date_start"]) == 10 and event["date_start"][4] == "-"


def test_kml_has_a_time_span_per_event(runs):
    _, out, _ = runs
    kml = (out / KML_FILE).read_text(encoding="utf-8")
    assert kml.count("<TimeSpan>") == kml.count("<Placemark") > 0
    assert "<begin>2024-10-25</begin>" in kml


def test_reruns_give_identical_files(runs):
    _, a, b = runs
    for name in (EVENTS_FILE, PLACES_FILE, REGIONS_FILE, GEOPACKAGE_FILE, CSV_FILE, KML_FILE, "map.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_build_returns_the_layers_as_geodataframes(runs):
    result, _, _ = runs
    assert len(result.events_frame) == result.event_features and result.events_frame.crs.to_epsg() == 4326
    assert len(result.places_frame) == result.places and len(result.regions_frame) > 0
    dated = geomap.read_events(result.out / EVENTS_FILE)
    assert str(dated["date_start"].dtype).startswith("datetime64")


def test_a_build_waits_for_another_build_of_the_same_folder(tmp_path, seed_article):
    """The lock: while one build holds the folder, a second one writes nothing; then it finishes."""
    import subprocess
    import sys
    import time

    from filelock import FileLock

    from geomap.batch.build import LOCK_FILE

    out = tmp_path / "shared_out"
    out.mkdir()
    command = [sys.executable, "-c", "from geomap.cli import main; main()", "build", str(seed_article), "--out",
               str(out)]
    with FileLock(out / LOCK_FILE):  # another build, mid-write
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        waited = time.monotonic() + 10  # start-up and parsing take about 3 s; after that it can only wait
        while time.monotonic() < waited and run.poll() is None:
            time.sleep(0.2)
        assert run.poll() is None, "the second build did not wait"
        assert not (out / EVENTS_FILE).exists()
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err.decode()
    assert len(json.loads((out / EVENTS_FILE).read_text(encoding="utf-8"))["features"]) > 0
    assert [row[0] for row in pyogrio.list_layers(out / GEOPACKAGE_FILE)] == ["events", "places", "regions"]


def test_kml_descriptions_are_escaped(tmp_path):
    doc = tmp_path / "hostile.txt"
    doc.write_text("date 2024-10-27\nDrones struck Kyiv on Friday <img src=x onerror=alert(1)>.\n", encoding="utf-8")
    geomap.build([doc], tmp_path / "out")
    kml = (tmp_path / "out" / KML_FILE).read_text(encoding="utf-8")
    assert "<img src=x" not in kml and "&lt;img src=x onerror=alert(1)&gt;" in kml


def test_a_geopackage_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    """GDAL writes the GeoPackage by name: to a temporary path beside it (gazetteer.atomic.write_path_atomic)."""
    import geopandas
    import shapely

    from geomap.outputs import gis

    path = tmp_path / GEOPACKAGE_FILE
    path.write_bytes(b"the previous build's GeoPackage")
    layer = geopandas.GeoDataFrame({"name": ["Kyiv"]}, geometry=[shapely.Point(30.52, 50.45)], crs="EPSG:4326")
    written = pyogrio.write_dataframe

    def write_then_fail(gdf, target, **options):
        written(gdf, target, **options)
        assert target.parent == tmp_path and target.name.startswith(f".{GEOPACKAGE_FILE}.")
        assert target.suffix == ".gpkg"  # GDAL may take the format from it
        raise OSError("disk full")

    monkeypatch.setattr(gis.pyogrio, "write_dataframe", write_then_fail)
    with pytest.raises(OSError, match="disk full"):
        gis.write_geopackage(path, {"places": layer})
    assert path.read_bytes() == b"the previous build's GeoPackage"
    assert [p.name for p in tmp_path.iterdir()] == [GEOPACKAGE_FILE]
    monkeypatch.setattr(gis.pyogrio, "write_dataframe", written)
    gis.write_geopackage(path, {"places": layer})
    assert [tuple(row) for row in pyogrio.list_layers(path)] == [("places", "Point")]
    assert [p.name for p in tmp_path.iterdir()] == [GEOPACKAGE_FILE]
