"""Hostile document text through every export, read back with the readers a user has: the csv module and
pandas for events.csv, GDAL (pyogrio, geopandas) for the GeoPackage, lxml for the KML, json for GeoJSON.

Formula starts (`=`, `+`, `-`, `@`, tab, carriage return) must reach a spreadsheet as text, template syntax
and markup must stay literal, quotes, separators, line breaks and non-ASCII text must survive exactly, and a
NUL that reaches an export must neither cut a GeoPackage value short nor break the KML.
"""

from __future__ import annotations

import csv
import html
import json
from datetime import date
from pathlib import Path

import geopandas
import pyogrio
import pytest
from lxml import etree

import geomap
from gazetteer import PlaceKind
from gazetteer.records import Place
from geomap.outputs.geojson import export_event_features, export_place_features, write_feature_collection
from geomap.outputs.gis import (
    frame,
    read_events,
    spreadsheet_safe,
    write_csv,
    write_events_csv,
    write_events_kml,
    write_geopackage,
)
from geomap.records import Certainty, DatePrecision, Document, Event, EventLocation, EventType, PlaceLink

HOSTILE = [
    '=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "{{ 6*7 }}", "{% endif %}",
    "{# c #}", "<script>alert(1)</script>", '"quotes", commas,; semicolons', "first line\nsecond line",
    "Кузнецк", "東京", "'=already quoted", " =1 after a space",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_FIELDS = ("event_id", "actors", "sources", "doc_ids", "mention", "quote", "doc_id", "doc_title", "doc_url")
KML = "{http://www.opengis.net/kml/2.2}"
SANTIAGO = Place(id="geonames:3871336", name="Santiago", kind=PlaceKind.POPULATED_PLACE, country_code="CL",
                 admin1="12", lat=-33.45694, lon=-70.64827, population=4_837_295, geonameid=3871336)


def hostile_event(text: str) -> tuple[Event, Document]:
    """An event whose document id, title, URL, quote, source, actor and mention are all `text`."""
    event = Event(
        id=f"{text}#e1", doc_id=text, type=EventType.EXPLOSIONS, sub_type="air_drone_strike",
        date_start=date(2024, 10, 25), date_end=date(2024, 10, 25), date_precision=DatePrecision.DAY,
        certainty=Certainty.REPORTED, actors=(text, "Russian"), quote=text, quote_start=0, quote_end=len(text),
        locations=(EventLocation(place=SANTIAGO, name=text),), sources=(text,), doc_ids=(text,))
    return event, Document(id=text, text=text, published=date(2024, 10, 27), title=text, url=text)


def rows_for(texts: list[str]) -> list[dict]:
    pairs = [hostile_event(text) for text in texts]
    return export_event_features([event for event, _ in pairs], {doc.id: doc for _, doc in pairs})


def write_all(out: Path, texts: list[str]) -> list[dict]:
    """events.geojson, situation.gpkg (events and places), events.csv and events.kml; the rows written."""
    rows = rows_for(texts)
    out.mkdir(parents=True, exist_ok=True)
    link = PlaceLink(place=SANTIAGO, mentions=len(texts), names=tuple(sorted(texts)), doc_ids=tuple(sorted(texts)),
                     event_ids=tuple(sorted(f"{text}#e1" for text in texts)))
    events = frame(rows, "Point")
    write_feature_collection(out / "events.geojson", rows)
    places = frame(export_place_features([link]), "Point")
    write_geopackage(out / "situation.gpkg", {"events": events, "places": places})
    write_events_csv(out / "events.csv", events)
    write_events_kml(out / "events.kml", events)
    return rows


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("hostile")
    return out, write_all(out, HOSTILE)


def expected_text(rows: list[dict]) -> list[dict]:
    return [{field: row["properties"][field] for field in TEXT_FIELDS} for row in rows]


def xml_lines(text: str) -> str:
    """What any XML parser gives for `text`: line ends normalised to newlines (XML 1.0 section 2.11)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- the rule ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "cell"), [
    ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("\tplain", "'\tplain"),
    (" =1", "' =1"), ("\x00=1", "'\x00=1"), ("'=1", "''=1"),  # what a spreadsheet trims or drops hides nothing
    ("plain", "plain"), ("a=b", "a=b"), ("'quoted'", "'quoted'"), ("", ""), ("Кузнецк", "Кузнецк"),
    (-33.9, -33.9), (-70, -70), (0.0, 0.0), (None, None), (date(2024, 1, 1), date(2024, 1, 1)),
])
def test_spreadsheet_safe_prefixes_formula_text_and_leaves_numbers_alone(value, cell):
    assert spreadsheet_safe(value) == cell
    assert type(spreadsheet_safe(value)) is type(cell)


# --- events.csv ---------------------------------------------------------------------------------------


def test_csv_has_one_row_per_event_and_no_cell_starts_a_formula(written):
    out, rows = written
    with (out / "events.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == len(rows) == len(HOSTILE)  # a newline or carriage return in a cell stays in its cell
    for read, row in zip(table, rows, strict=True):
        for field in TEXT_FIELDS:
            cell, raw = read[field], row["properties"][field]
            assert not cell.startswith(FORMULA_START), (field, cell)
            assert cell == (f"'{raw}" if raw.lstrip("' ").startswith(FORMULA_START) else raw), (field, cell)


def test_csv_keeps_numbers_as_numbers_even_negative_ones(written):
    out, _ = written
    with (out / "events.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert {(row["lat"], row["lon"], row["source_count"], row["where_prec"]) for row in table} == {
        ("-33.45694", "-70.64827", "1", "1")}


def test_csv_cells_for_the_hostile_strings(written):
    out, _ = written
    with (out / "events.csv").open(encoding="utf-8", newline="") as fh:
        quotes = [row["quote"] for row in csv.DictReader(fh)]
    assert quotes == [
        '\'=HYPERLINK("http://x","click")', "'+1+1", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "{{ 6*7 }}",
        "{% endif %}", "{# c #}", "<script>alert(1)</script>", '"quotes", commas,; semicolons',
        "first line\nsecond line", "Кузнецк", "東京", "''=already quoted", "' =1 after a space"]


def test_read_events_gives_the_raw_text_back_from_the_csv(written):
    out, rows = written
    events = read_events(out / "events.csv")
    assert events[list(TEXT_FIELDS)].to_dict("records") == expected_text(rows)
    assert list(events.geometry.x.round(5)) == [-70.64827] * len(HOSTILE)


def test_write_csv_is_the_rule_for_any_table(tmp_path):
    """A later CSV (an ACLED-style table, say) gets the same protection by writing through write_csv."""
    import pandas as pd

    write_csv(tmp_path / "t.csv", pd.DataFrame({"note": ["=1+1", "ok", None], "lon": [-33.9, 2.5, -0.1],
                                                "n": [-1, 0, 2]}))
    assert (tmp_path / "t.csv").read_bytes() == b"note,lon,n\r\n'=1+1,-33.9,-1\r\nok,2.5,0\r\n,-0.1,2\r\n"


# --- situation.gpkg, events.geojson, events.kml --------------------------------------------------


def test_geopackage_keeps_every_string_exactly(written):
    out, rows = written
    for events in (pyogrio.read_dataframe(out / "situation.gpkg", layer="events"),
                   geopandas.read_file(out / "situation.gpkg", layer="events", engine="pyogrio")):
        assert events[list(TEXT_FIELDS)].to_dict("records") == expected_text(rows)
    places = pyogrio.read_dataframe(out / "situation.gpkg", layer="places")
    assert places["names"].iloc[0] == "; ".join(sorted(HOSTILE))


def test_geojson_keeps_every_string_exactly(written):
    out, rows = written
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert [{f: feature["properties"][f] for f in TEXT_FIELDS} for feature in features] == expected_text(rows)
    assert features[6]["properties"]["quote"] == "{{ 6*7 }}"


def test_kml_is_well_formed_and_keeps_the_text_literal(written):
    out, _ = written
    placemarks = etree.parse(str(out / "events.kml")).getroot().iter(f"{KML}Placemark")  # raises if malformed
    seen = 0
    for placemark, text in zip(placemarks, HOSTILE, strict=True):
        description = placemark.findtext(f"{KML}description")
        parts = [html.unescape(part) for part in description.split("<br>")]  # the text's own "<" is escaped
        assert parts == [xml_lines(text), f"Says so: {xml_lines(text)}", f"Source: {xml_lines(text)}"]
        event_id = placemark.find(f".//{KML}SimpleData[@name='event_id']").text
        # a character reference keeps a carriage return in a value (CDATA cannot: the parser makes it "\n")
        assert html.unescape(event_id) == f"{text}#e1" and "<" not in event_id
        seen += 1
    assert seen == len(HOSTILE)
    kml = (out / "events.kml").read_text(encoding="utf-8")
    assert "{{ 6*7 }}" in kml and "<script>" not in kml


def test_kml_reads_back_through_gdal(written):
    out, _ = written
    kml = pyogrio.read_dataframe(out / "events.kml")
    assert len(kml) == len(HOSTILE)
    # GDAL's reader trims leading spaces (" =1" reads back as "=1"); the file has them (above)
    assert [html.unescape(i) for i in kml["event_id"]] == [f"{t}#e1".lstrip(" ") for t in HOSTILE]
    assert kml["event_id"].iloc[6] == "{{ 6*7 }}#e1"


# --- NUL and other control characters -----------------------------------------------------------------


CONTROLS = "before\x00after \x01\x08\x0b\x0c\x1f\ufffe\uffff end\ttab"


def test_a_nul_does_not_cut_a_geopackage_value_short(tmp_path):
    rows = write_all(tmp_path, [CONTROLS])
    events = pyogrio.read_dataframe(tmp_path / "situation.gpkg", layer="events")
    assert events["quote"].iloc[0] == CONTROLS.replace("\x00", "")  # only the NUL goes
    assert events["doc_id"].iloc[0] == rows[0]["properties"]["doc_id"].replace("\x00", "")
    assert pyogrio.read_dataframe(tmp_path / "situation.gpkg", layer="places")["names"].iloc[0] == \
        CONTROLS.replace("\x00", "")


def test_kml_drops_what_xml_forbids_and_keeps_the_rest(tmp_path):
    write_all(tmp_path, [CONTROLS])
    placemark = next(etree.parse(str(tmp_path / "events.kml")).getroot().iter(f"{KML}Placemark"))
    assert placemark.findtext(f"{KML}description").split("<br>")[0] == "beforeafter  end\ttab"
    assert placemark.find(f".//{KML}SimpleData[@name='event_id']").text == "beforeafter  end\ttab#e1"


def test_csv_and_geojson_keep_control_characters_and_a_hidden_formula_is_still_prefixed(tmp_path):
    write_all(tmp_path, [CONTROLS, "\x00=1+1"])
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as fh:
        assert [row["quote"] for row in csv.DictReader(fh)] == [CONTROLS, "'\x00=1+1"]
    features = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["quote"] for f in features] == [CONTROLS, "\x00=1+1"]


# --- reproducible -------------------------------------------------------------------------------------


def test_hostile_exports_are_byte_identical_on_rewrite(written, tmp_path):
    out, _ = written
    write_all(tmp_path, HOSTILE)
    for name in ("events.geojson", "situation.gpkg", "events.csv", "events.kml"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


# --- through a whole build ----------------------------------------------------------------------------


def test_a_hostile_document_builds_spreadsheet_safe_csv_and_literal_exports(tmp_path, gaz):
    doc = {"id": "=HYPERLINK(\"http://x\",\"click\")", "title": "@SUM(A1) {{ 6*7 }}", "url": "-2+3",
           "source": "+1+1", "published": "2024-10-27",
           "text": "Russian drones struck Kyiv on Friday, \"quotes\", commas,; semicolons {% endif %} 東京."}
    (tmp_path / "in.jsonl").write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    result = geomap.build([tmp_path / "in.jsonl"], tmp_path / "out")
    assert result.event_features > 0
    with (result.out / "events.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert {(row["doc_id"], row["doc_title"], row["doc_url"]) for row in table} == {
        ("'=HYPERLINK(\"http://x\",\"click\")", "'@SUM(A1) {{ 6*7 }}", "")}  # "-2+3" is no web URL: dropped
    assert all(not cell.startswith(FORMULA_START) for row in table for name, cell in row.items()
               if name not in ("lat", "lon"))  # Kyiv: both positive
    gpkg = pyogrio.read_dataframe(result.out / "situation.gpkg", layer="events")
    assert set(gpkg["doc_title"]) == {"@SUM(A1) {{ 6*7 }}"} and set(gpkg["doc_id"]) == {doc["id"]}
    assert "{% endif %}" in gpkg["quote"].iloc[0]
    etree.parse(str(result.out / "events.kml"))
