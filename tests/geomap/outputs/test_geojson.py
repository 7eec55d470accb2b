"""Exports written by `geomap.build`: RFC 7946 GeoJSON, failures as JSON lines, the run report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas
import pytest

import geomap
from geomap.batch.build import BuildResult
from geomap.outputs.geojson import geojson_position

KYIV = "geonames:703448"
TBILISI = "geonames:611717"
KHARKIV = "geonames:706483"
OUTPUT_FILES = [".geomap.lock", "events.csv", "events.geojson", "events.kml", "failures.jsonl", "map.html",
                "places.geojson", "regions.geojson", "report.json", "situation.gpkg"]  # the lock file stays
BAD_DATE_REASON = "'2024-13-45' is not a date; expected YYYY-MM-DD, e.g. 2024-10-27"


def write_inputs(folder: Path) -> Path:
    """Two good documents (a .txt and one good .jsonl line), a bad .txt, a bad .jsonl line and a README."""
    folder.mkdir(parents=True)
    (folder / "a_kyiv.txt").write_text(
        "date 2024-10-27\nNight attack on the capital\n\n"
        "Russian drones struck Kyiv on Friday. Protesters rallied in Tbilisi.\n", encoding="utf-8")
    (folder / "b_bad_date.txt").write_text("date 2024-13-45\nArtillery shelled Kharkiv.\n", encoding="utf-8")
    (folder / "README.md").write_text("Not a document.\n", encoding="utf-8")
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": "Artillery shelled Kharkiv.", "published": "2024-10-26"}) + "\n{broken\n",
        encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("exports") / "in")


@pytest.fixture(scope="module")
def built(inputs, gaz) -> BuildResult:
    return geomap.build([inputs], inputs.parent / "out")


def load(built: BuildResult, name: str):
    return json.loads((built.out / name).read_text(encoding="utf-8"))


def by_id(collection: dict) -> dict[str, dict]:
    return {f["id"]: f for f in collection["features"]}


# --- [lon, lat] -----------------------------------------------------------------------------------


def test_geojson_position_is_lon_then_lat():
    assert geojson_position(lat=50.45, lon=30.52) == [30.52, 50.45]


def test_geojson_position_rounds_to_six_decimals():
    assert geojson_position(lat=50.123456789, lon=-30.987654321) == [-30.987654, 50.123457]


# --- events.geojson -------------------------------------------------------------------------------


def test_events_file_is_a_feature_collection_without_crs(built):
    events = load(built, "events.geojson")
    assert set(events) == {"type", "features"}
    assert events["type"] == "FeatureCollection"
    assert {(f["type"], f["geometry"]["type"]) for f in events["features"]} == {("Feature", "Point")}


def test_events_file_has_one_feature_per_event_and_place(built):
    assert sorted(by_id(load(built, "events.geojson"))) == [
        f"a_kyiv#e1@{KYIV}", f"a_kyiv#e2@{TBILISI}", f"w1#e1@{KHARKIV}"]
    assert built.event_features == 3


def test_event_feature_is_drawn_at_its_place_in_lon_lat_order(built, gaz):
    for feature in load(built, "events.geojson")["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        place = gaz.place(feature["properties"]["place_id"])
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
        assert (lon, lat) == pytest.approx((place.lon, place.lat), abs=1e-6)


def test_kyiv_event_coordinates_are_lon_30_lat_50(built):
    lon, lat = by_id(load(built, "events.geojson"))[f"a_kyiv#e1@{KYIV}"]["geometry"]["coordinates"]
    assert (int(lon), int(lat)) == (30, 50)


def test_event_feature_properties_describe_event_place_and_source(built):
    props = by_id(load(built, "events.geojson"))[f"a_kyiv#e1@{KYIV}"]["properties"]
    assert props == {
        "event_id": "a_kyiv#e1", "type": "explosions_remote_violence", "sub_type": "air_drone_strike",
        "cameo": "195", "date_start": "2024-10-25", "date_end": "2024-10-25", "date_precision": "day",
        "date_text": "on Friday", "certainty": "confirmed", "actors": "Russian", "quantities": "", "sources": "",
        "source_count": 1, "doc_ids": "a_kyiv",
        "place_id": KYIV, "place_name": "Kyiv", "mention": "Kyiv", "location_role": "where", "where_prec": 1,
        "location_note": "", "precision": "populated_place", "country_code": "UA",
        "quote": "Russian drones struck Kyiv on Friday.", "doc_id": "a_kyiv",
        "doc_title": "Night attack on the capital", "doc_url": None, "published": "2024-10-27",
        "language": "en",
    }


# --- places.geojson -------------------------------------------------------------------------------


def test_places_file_is_a_feature_collection_sorted_by_place_id(built):
    places = load(built, "places.geojson")
    assert set(places) == {"type", "features"}
    assert [f["id"] for f in places["features"]] == sorted([KYIV, TBILISI, KHARKIV])
    assert built.places == 3


def test_place_feature_is_drawn_at_the_place_in_lon_lat_order(built, gaz):
    for feature in load(built, "places.geojson")["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        place = gaz.place(feature["id"])
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
        assert (lon, lat) == pytest.approx((place.lon, place.lat), abs=1e-6)


def test_place_feature_counts_mentions_documents_and_events(built):
    props = by_id(load(built, "places.geojson"))[KYIV]["properties"]
    assert props == {
        "place_id": KYIV, "name": "Kyiv", "kind": "populated_place", "country_code": "UA", "geonameid": 703448,
        "population": props["population"], "mentions": 1, "names": "Kyiv", "documents": 1, "doc_ids": "a_kyiv",
        "events": 1, "event_ids": "a_kyiv#e1",
    }
    assert props["population"] > 1_000_000


# --- failures.jsonl and report.json ---------------------------------------------------------------


def test_failures_file_has_one_line_per_unusable_input_with_file_line_and_reason(built, inputs):
    lines = (built.out / "failures.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"file": str(inputs / "b_bad_date.txt"), "line": 1, "reason": BAD_DATE_REASON},
        {"file": str(inputs / "wire.jsonl"), "line": 2,
         "reason": "invalid JSON (Expecting property name enclosed in double quotes at column 2); one object per line"},
    ]


def test_failures_file_is_empty_when_every_input_was_used(tmp_path, gaz):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kyiv.txt").write_text("Drones struck Kyiv.\n", encoding="utf-8")
    result = geomap.build([tmp_path / "in"], tmp_path / "out")
    assert (result.out / "failures.jsonl").read_bytes() == b""


def test_report_accounts_for_every_document_failure_and_skipped_file(built, inputs):
    report = load(built, "report.json")
    counts = ("doc_id", "file", "line", "mentions", "resolved", "unresolved", "events")
    assert [{k: d[k] for k in counts} for d in report["documents"]] == [
        {"doc_id": "a_kyiv", "file": str(inputs / "a_kyiv.txt"), "line": None, "mentions": 3, "resolved": 3,
         "unresolved": 0, "events": 2},  # "Russian" (an actor), Kyiv, Tbilisi
        {"doc_id": "w1", "file": str(inputs / "wire.jsonl"), "line": 1, "mentions": 1, "resolved": 1,
         "unresolved": 0, "events": 1},
    ]
    first = report["documents"][0]
    assert (first["title"], first["published"], first["language"], first["warnings"]) == (
        "Night attack on the capital", "2024-10-27", "en", [])
    assert [(f["file"], f["line"]) for f in report["failures"]] == [
        (str(inputs / "b_bad_date.txt"), 1), (str(inputs / "wire.jsonl"), 2)]
    assert report["skipped_files"] == [str(inputs / "README.md")]


def test_output_folder_holds_only_the_outputs_and_no_temporary_files(built):
    assert sorted(os.listdir(built.out)) == OUTPUT_FILES


# --- reproducible output --------------------------------------------------------------------------


def test_building_twice_gives_byte_identical_files(inputs, built, tmp_path):
    again = geomap.build([inputs], tmp_path / "again")
    for name in OUTPUT_FILES:
        assert (again.out / name).read_bytes() == (built.out / name).read_bytes(), name


def test_building_in_another_process_gives_byte_identical_files(inputs, built, tmp_path):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    code = "import sys, geomap; geomap.build([sys.argv[1]], sys.argv[2])"
    subprocess.run([sys.executable, "-c", code, str(inputs), str(tmp_path / "other")], env=env, check=True)
    for name in OUTPUT_FILES:
        assert (tmp_path / "other" / name).read_bytes() == (built.out / name).read_bytes(), name


# --- GIS tools read the exports -------------------------------------------------------------------


def test_geopandas_reads_events_with_one_row_per_feature(built):
    frame = geopandas.read_file(built.out / "events.geojson")
    assert len(frame) == 3
    assert {"event_id", "type", "sub_type", "date_start", "certainty", "place_id", "quote", "doc_id"} <= set(frame)
    assert frame.crs.to_epsg() == 4326
    row = frame.set_index("event_id").loc["a_kyiv#e1"]
    assert (row["type"], row["place_name"]) == ("explosions_remote_violence", "Kyiv")
    assert (int(row.geometry.x), int(row.geometry.y)) == (30, 50)


# --- build ----------------------------------------------------------------------------------------


def test_build_without_inputs_is_an_error(tmp_path, gaz):
    with pytest.raises(geomap.GeomapError) as info:
        geomap.build([], tmp_path / "out")
    assert str(info.value) == "no inputs given; name folders or files (default: seeds/), or a --store"
    assert not (tmp_path / "out").exists()
