"""The `geomap` and `gazetteer` commands, driven as a user would through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gazetteer.cli import main as gazetteer_main
from geomap.cli import main as geomap_main

MENTION_KEYS = {"start", "end", "text", "role", "place", "score", "reason"}
PLACE_KEYS = {"id", "name", "kind", "country_code", "lat", "lon", "geonameid", "precision"}
EVENT_KEYS = {"id", "doc_id", "type", "sub_type", "acled_sub_type", "cameo", "date_start", "date_end", "date_precision",
              "date_text", "certainty", "actors", "quantities", "sources", "doc_ids", "source_count", "quote",
              "locations"}
LOCATION_KEYS = {"place_id", "name", "place_name", "role", "precision", "lat", "lon", "geonameid", "note"}
CANDIDATE_KEYS = {"id", "name", "kind", "country_code", "admin1", "lat", "lon", "population", "geonameid", "score",
                  "reason"}
COUNTS = "documents: 1  events: 1 reports, 1 after merging (1 event-place features)  places: 1  failures: 1"
BAD_DATE_REASON = "'2024-13-45' is not a date; expected YYYY-MM-DD, e.g. 2024-10-27"


@pytest.fixture(autouse=True)
def _needs_gazetteer(gaz):
    """Most commands load the gazetteer; loading it once up front keeps each test's time its own."""


def geomap(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(geomap_main, list(args), input=stdin)


def lines_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


# --- geomap parse ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_json(seed_article) -> dict:
    result = CliRunner().invoke(geomap_main, ["parse", str(seed_article), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_parse_json_of_seed_article_has_id_and_published_date(seed_json, seed_article):
    assert set(seed_json) == {"id", "published", "language", "warnings", "mentions", "events"}
    assert (seed_json["language"], seed_json["warnings"]) == ("en", [])
    assert seed_json["id"] == seed_article.stem
    assert seed_json["published"] == "2024-10-27"


def test_parse_json_of_seed_article_finds_kyiv_ukraine_russia_and_kursk(seed_json):
    places = {m["place"]["name"]: m["place"] for m in seed_json["mentions"] if m["place"]}
    assert places["Kyiv"]["geonameid"] == 703448
    assert places["Kyiv"]["id"] == "geonames:703448"
    assert (places["Ukraine"]["kind"], places["Ukraine"]["country_code"]) == ("country", "UA")
    assert (places["Russia"]["kind"], places["Russia"]["country_code"]) == ("country", "RU")
    assert any("Kursk" in name for name in places)


def test_parse_json_mentions_and_places_have_exactly_the_documented_keys(seed_json):
    assert seed_json["mentions"]
    for mention in seed_json["mentions"]:
        assert set(mention) == MENTION_KEYS
        if mention["place"] is not None:
            assert set(mention["place"]) == PLACE_KEYS


def test_parse_json_events_and_locations_have_exactly_the_documented_keys(seed_json):
    assert seed_json["events"]
    for event in seed_json["events"]:
        assert set(event) == EVENT_KEYS
        assert event["locations"]
        for location in event["locations"]:
            assert set(location) == LOCATION_KEYS


def test_parse_json_offsets_point_at_the_mention_text_after_the_date_line(seed_json, seed_article):
    text = seed_article.read_text(encoding="utf-8").split("2024-10-27", 1)[1][1:]  # and the space or line break
    for mention in seed_json["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]


def test_parse_json_event_locations_carry_their_place_coordinates(seed_json):
    places = {m["place"]["id"]: m["place"] for m in seed_json["mentions"] if m["place"]}
    for event in seed_json["events"]:
        for location in event["locations"]:
            place = places[location["place_id"]]
            assert (location["lat"], location["lon"]) == (place["lat"], place["lon"])


def test_parse_reads_standard_input_with_a_dash():
    result = geomap("parse", "-", "--json", stdin="date 2024-10-27\nDrones struck Kyiv on Friday.\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["published"]) == ("stdin", "2024-10-27")
    assert [(e["type"], e["date_start"], e["locations"][0]["place_id"]) for e in data["events"]] == [
        ("explosions_remote_violence", "2024-10-25", "geonames:703448")]


def test_parse_published_option_overrides_the_date_line_and_dates_events_from_it():
    stdin = "date 2024-10-20\nDrones struck Kyiv on Friday.\n"
    data = json.loads(geomap("parse", "-", "--json", "--published", "2024-10-27", stdin=stdin).stdout)
    assert data["published"] == "2024-10-27"
    assert data["events"][0]["date_start"] == "2024-10-25"
    without = json.loads(geomap("parse", "-", "--json", stdin=stdin).stdout)
    assert without["events"][0]["date_start"] == "2024-10-18"


def test_parse_bad_published_option_is_an_error():
    result = geomap("parse", "-", "--published", "2024-13-45", stdin="Drones struck Kyiv.\n")
    assert result.exit_code == 1
    assert result.stderr == f"Error: --published: {BAD_DATE_REASON}\n"


def test_parse_without_json_prints_a_readable_summary():
    result = geomap("parse", "-", stdin="date 2024-10-27\nDrones struck Kyiv on Friday.\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "document stdin  published 2024-10-27"
    assert lines[1] == "mentions (1):"
    assert "'Kyiv'" in lines[2]
    assert "-> Kyiv [populated_place, UA] 50.4547,30.5238" in lines[2]
    assert lines[3:] == ["events (1):", "  stdin#e1  explosions_remote_violence/air_drone_strike  2024-10-25 (day) "
                                        "confirmed  at Kyiv (where, prec 1)"]


def test_parse_nonexistent_file_is_an_error(tmp_path):
    missing = tmp_path / "nope.txt"
    result = geomap("parse", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file; give a .txt or .md document, or - for standard input\n"
    assert result.stdout == ""


def test_parse_empty_file_is_an_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("date 2024-10-27\n", encoding="utf-8")
    result = geomap("parse", str(empty))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {empty}: the document has no text; write the article after the date line\n"


# --- geomap parse --jsonl -------------------------------------------------------------------------


def jsonl_with_bad_middle_line(path: Path) -> Path:
    path.write_text(
        json.dumps({"id": "a", "text": "Drones struck Kyiv on Friday.", "published": "2024-10-27"}) + "\n"
        + "{broken\n"
        + json.dumps({"id": "b", "text": "Protesters rallied in Tbilisi."}) + "\n", encoding="utf-8")
    return path


def test_parse_jsonl_prints_one_line_per_input_in_order_with_the_error_in_place(tmp_path):
    path = jsonl_with_bad_middle_line(tmp_path / "wire.jsonl")
    result = geomap("parse", "--jsonl", str(path))
    first, error, last = lines_of(result.stdout)
    assert (first["id"], first["published"], first["events"][0]["date_start"]) == ("a", "2024-10-27", "2024-10-25")
    assert error == {"error": "invalid JSON (Expecting property name enclosed in double quotes at column 2); "
                              "one object per line", "file": str(path), "line": 2}
    assert (last["id"], last["mentions"][0]["place"]["id"]) == ("b", "geonames:611717")


def test_parse_jsonl_with_a_bad_line_exits_1_with_an_error_message(tmp_path):
    result = geomap("parse", "--jsonl", str(jsonl_with_bad_middle_line(tmp_path / "wire.jsonl")))
    assert result.exit_code == 1
    assert result.stderr == 'Error: 1 input line(s) could not be parsed; see the "error" lines in the output\n'


def test_parse_jsonl_all_good_exits_0(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Drones struck Kyiv."}) + "\n", encoding="utf-8")
    result = geomap("parse", "--jsonl", str(path))
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in lines_of(result.stdout)] == ["a"]


def test_parse_jsonl_reads_standard_input_with_a_dash():
    stdin = "\n".join(json.dumps({"id": i, "text": f"Drones struck {city}."}) for i, city in
                      (("x", "Kyiv"), ("y", "Kharkiv"))) + "\n"
    result = geomap("parse", "--jsonl", "-", stdin=stdin)
    assert result.exit_code == 0, result.output
    assert [(d["id"], d["events"][0]["locations"][0]["name"]) for d in lines_of(result.stdout)] == [
        ("x", "Kyiv"), ("y", "Kharkiv")]


def test_parse_jsonl_nonexistent_file_is_an_error(tmp_path):
    missing = tmp_path / "nope.jsonl"
    result = geomap("parse", "--jsonl", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file; give a JSONL file or - for standard input\n"


def test_parse_file_and_jsonl_together_is_a_usage_error(tmp_path):
    path = jsonl_with_bad_middle_line(tmp_path / "wire.jsonl")
    result = geomap("parse", str(path), "--jsonl", str(path))
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: give either FILE or --jsonl, not both\n")


def test_parse_jsonl_file_with_non_utf8_byte_is_reported_not_a_crash(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Drones struck Kyiv."}\n{"id": "b", "text": "caf\xe9 in Kyiv"}\n')
    result = geomap("parse", "--jsonl", str(path))
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")


# --- geomap build ---------------------------------------------------------------------------------


@pytest.fixture
def mixed_inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("date 2024-10-27\nDrones struck Kyiv on Friday.\n", encoding="utf-8")
    (folder / "bad.txt").write_text("date 2024-13-45\nArtillery shelled Kharkiv.\n", encoding="utf-8")
    return folder


def test_build_prints_counts_and_exits_0_despite_a_bad_document(mixed_inputs, tmp_path):
    out = tmp_path / "out"
    result = geomap("build", str(mixed_inputs), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        COUNTS,
        f"wrote {out}/: map.html, events.geojson, places.geojson, regions.geojson, situation.gpkg, events.csv, "
        "events.kml, failures.jsonl, report.json",
    ]
    assert result.stderr == f"  failed: {mixed_inputs / 'bad.txt'}:1: {BAD_DATE_REASON}\n"


def test_build_records_the_bad_document_in_failures_jsonl(mixed_inputs, tmp_path):
    geomap("build", str(mixed_inputs), "--out", str(tmp_path / "out"))
    failures = lines_of((tmp_path / "out" / "failures.jsonl").read_text(encoding="utf-8"))
    assert failures == [{"file": str(mixed_inputs / "bad.txt"), "line": 1, "reason": BAD_DATE_REASON}]


def test_build_writes_the_map_and_exports(mixed_inputs, tmp_path):
    geomap("build", str(mixed_inputs), "--out", str(tmp_path / "out"))
    events = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))
    assert [f["id"] for f in events["features"]] == ["good#e1@geonames:703448"]
    assert (tmp_path / "out" / "map.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_build_with_only_a_missing_input_is_an_error_after_writing_failures(tmp_path):
    missing, out = tmp_path / "missing", tmp_path / "out"
    result = geomap("build", str(missing), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no usable documents in {missing} ({missing}: no such file or folder; "
                             f"check the path); see {out / 'failures.jsonl'}\n")
    assert lines_of((out / "failures.jsonl").read_text(encoding="utf-8")) == [
        {"file": str(missing), "line": None, "reason": "no such file or folder; check the path"}]


def test_build_with_a_missing_input_beside_a_good_one_maps_the_good_one(mixed_inputs, tmp_path):
    missing = tmp_path / "missing.txt"
    result = geomap("build", str(mixed_inputs / "good.txt"), str(missing), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == COUNTS
    assert result.stderr == f"  failed: {missing}: no such file or folder; check the path\n"


# --- geomap eval ----------------------------------------------------------------------------------


@pytest.fixture
def tiny_corpus(tmp_path, gaz) -> Path:
    path = tmp_path / "corpus.jsonl"
    records = [
        {"id": "d1", "text": "Drones struck Kyiv on Friday.", "published": "2024-10-27", "toponyms": [
            {"start": 14, "end": 18, "phrase": "Kyiv", "lat": 50.45466, "lon": 30.5238, "geonameid": "703448"}]},
        {"id": "d2", "text": "Russia massed troops near the border.", "toponyms": [
            {"start": 0, "end": 6, "phrase": "Russia", "lat": gaz.country("RU").lat - 2.0,
             "lon": gaz.country("RU").lon, "geonameid": None}]},
    ]  # Russia's gold 2 degrees south of the gazetteer's point: 222.39 km, a miss
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_eval_prints_the_metrics_table(tiny_corpus):
    result = geomap("eval", str(tiny_corpus))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:9] == [
        f"corpus: {tiny_corpus}  split: all  (2 documents, 2 gold)",
        "recognition_exact      P 1.000  R 1.000  F1 1.000",
        "recognition_overlap    P 1.000  R 1.000  F1 1.000",
        "end_to_end_accuracy    0.5",
        "gold_span_accuracy     0.5",
        "acc161_matched         0.5",
        "mean_error_km          111.2",
        "median_error_km        111.2",
        "auc                    0.273",
    ]
    assert [line.split()[0] for line in lines[9:]] == ["docs_per_second", "peak_rss_mb"]


def test_eval_json_prints_one_object(tiny_corpus):
    result = geomap("eval", str(tiny_corpus), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["end_to_end_accuracy"], summary["auc"]) == (2, 0.5, 0.273)


def test_eval_missing_corpus_is_a_usage_error(tmp_path):
    result = geomap("eval", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2
    assert "Error: Invalid value for 'CORPUS'" in result.stderr


# --- help -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("command", "summary"), [
    ("build", "Build the situation map and exports"),
    ("parse", "Find places and events in one document"),
    ("eval", "Score geoparsing on an annotated JSONL CORPUS"),
    ("eval", "docs/evaluation.md describes the corpus format"),
    ("eval-events", "Score event extraction on an event-annotated JSONL CORPUS"),
    ("eval-events", "docs/evaluation.md describes the corpus format"),
])
def test_every_command_has_help(command, summary):
    result = geomap(command, "--help")
    assert result.exit_code == 0
    assert summary in result.stdout


# --- gazetteer lookup -----------------------------------------------------------------------------


def test_gazetteer_lookup_json_puts_kyiv_first_with_the_documented_keys():
    result = CliRunner().invoke(gazetteer_main, ["lookup", "--json", "Kyiv"])
    assert result.exit_code == 0, result.output
    [answer] = lines_of(result.stdout)
    assert answer["query"] == "Kyiv"
    first = answer["candidates"][0]
    assert set(first) == CANDIDATE_KEYS
    assert (first["id"], first["geonameid"], first["country_code"]) == ("geonames:703448", 703448, "UA")


def test_gazetteer_lookup_bad_country_code_is_an_error():
    result = CliRunner().invoke(gazetteer_main, ["lookup", "--country", "XX1", "Kyiv"])
    assert result.exit_code == 1
    assert result.stderr == "Error: country 'XX1' is not an ISO 3166-1 alpha-2 code such as 'UA'\n"
