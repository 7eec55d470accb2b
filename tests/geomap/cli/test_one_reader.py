"""One reader for every command: `geomap parse FILE --json`, `geomap build FILE`, `geomap ingest FILE` and
`geomap.parse_file` read a file the same way, by its suffix, and so find the same documents, places and events.

The documents are ours, written for these tests. Each format holds its article the way a newsroom gets it
(a date line, front matter, a page with navigation, a JSON list, JSON lines, an RSS feed), so a command that
read it as plain text would find other places (markup words such as "Home" or "Date") or no date.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import geomap
from geomap.cli import main as geomap_main
from geomap.records import Failure, MentionRole, ParseResult

TXT = """date 2024-10-27
A night of sirens in Kharkiv

Drones struck Kharkiv on Friday, the regional governor said. Two apartment blocks were damaged.
"""

MD = """---
title: Protest in Tbilisi
date: 2024-11-02
url: https://example.org/news/tbilisi-protest
source: Example Wire
---
Thousands of protesters rallied in Tbilisi on Saturday against the new law, organisers said.
"""

HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Odesa port counts the damage | The Harbour Herald</title>
<meta property="og:title" content="Odesa port counts the damage">
<meta property="article:published_time" content="2024-10-27T06:30:00+00:00">
<link rel="canonical" href="https://herald.example.org/2024/10/27/odesa-port">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport/ajax">Ajax</a></li><li><a href="/archive">Date</a></li></ul></nav></header>
<main><article>
<h1>Odesa port counts the damage</h1>
<p>Russian drones struck the port of Odesa on Saturday night, damaging grain silos and a warehouse, the
regional governor said on Sunday morning.</p>
<p>Air defence units shot down most of the drones over the Black Sea coast, the air force said in a
statement, adding that fragments fell on a residential street near the harbour.</p>
<p>The port authority said that loading of grain ships would resume within days once engineers had
checked the damaged berths and cranes.</p>
</article></main>
<footer><p>Contact us | Subscribe | Cookie settings</p></footer>
</body></html>
"""

JSON_LIST = [
    {"id": "kherson-shelling", "text": "Shelling hit Kherson on Thursday, killing two people, officials said.",
     "published": "2024-10-25", "title": "Shelling in Kherson", "url": "https://example.org/kherson"},
    {"id": "yerevan-rally", "text": "Protesters rallied in Yerevan on Sunday.", "published": "2024-10-27"},
]

JSONL = [
    {"id": "sumy-drone", "text": "Drones struck Sumy on Friday, the regional governor said.",
     "published": "2024-10-26"},
    {"id": "minsk-quiet", "text": "The president met ministers in Minsk to discuss the harvest.",
     "published": "2024-10-26"},
]

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>Strike on Dnipro</title><link>https://wire.example.org/dnipro</link><guid>wire-dnipro</guid>
<pubDate>Sat, 26 Oct 2024 09:00:00 GMT</pubDate>
<description>Missiles struck Dnipro on Friday, the regional governor said.</description></item>
<item><title>Rally in Chisinau</title><link>https://wire.example.org/chisinau</link><guid>wire-chisinau</guid>
<pubDate>Sun, 27 Oct 2024 10:00:00 GMT</pubDate>
<description>Protesters rallied in Chisinau on Sunday.</description></item>
</channel></rss>
"""

# name, file name, content, the documents' ids and dates, the places every command must find (by name)
CASES = [
    ("txt", "kharkiv.txt", TXT, {"kharkiv": "2024-10-27"}, {"Kharkiv"}),
    ("md", "tbilisi.md", MD, {"tbilisi": "2024-11-02"}, {"Tbilisi"}),
    ("html", "odesa.html", HTML, {"odesa": "2024-10-27"}, {"Odesa"}),
    ("json", "desk.json", json.dumps(JSON_LIST), {"kherson-shelling": "2024-10-25", "yerevan-rally": "2024-10-27"},
     {"Kherson", "Yerevan"}),
    ("jsonl", "wire.jsonl", "".join(json.dumps(r) + "\n" for r in JSONL),
     {"sumy-drone": "2024-10-26", "minsk-quiet": "2024-10-26"}, {"Sumy", "Minsk"}),
    ("rss", "wire.rss", RSS, None, {"Dnipro", "Chisinau"}),  # feed entries' ids are the feed reader's to give
]
MARKUP_WORDS = {"Home", "Ajax", "Date", "World"}  # what a plain-text reading of the page would map


def write_case(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def from_parse_json(path: Path) -> dict[str, dict]:
    """Per document, from `geomap parse FILE --json`: date, location place ids, events (type, date, places)."""
    run = CliRunner().invoke(geomap_main, ["parse", str(path), "--json"])
    assert run.exit_code == 0, run.output
    out = {}
    for line in run.stdout.splitlines():
        data = json.loads(line)
        out[data["id"]] = {
            "published": data["published"],
            "places": sorted({m["place"]["id"] for m in data["mentions"] if m["place"] and m["role"] == "location"}),
            "mentions": len(data["mentions"]),
            "events": sorted((e["id"], e["sub_type"], e["date_start"], tuple(loc["place_id"] for loc in e["locations"]))
                             for e in data["events"]),
        }
    return out


def from_api(path: Path) -> dict[str, dict]:
    """The same, from `geomap.parse_file`."""
    items = list(geomap.parse_file(path))
    assert not [i for i in items if isinstance(i, Failure)]
    out = {}
    for r in items:
        assert isinstance(r, ParseResult)
        out[r.document.id] = {
            "published": r.document.published.isoformat() if r.document.published else None,
            "places": sorted({x.place.id for x in r.resolutions if x.place and x.mention.role is MentionRole.LOCATION}),
            "mentions": len(r.resolutions),
            "events": sorted((e.id, e.sub_type, e.date_start.isoformat() if e.date_start else None,
                              tuple(loc.place.id for loc in e.locations)) for e in r.events),
        }
    return out


def from_build(path: Path, out: Path) -> dict[str, dict]:
    """The same, from `geomap build FILE`: report.json, places.geojson and events.geojson."""
    run = CliRunner().invoke(geomap_main, ["build", str(path), "--out", str(out), "--workers", "1"])
    assert run.exit_code == 0, run.output
    return from_outputs(out)


def from_store(path: Path, store: Path, out: Path) -> dict[str, dict]:
    """The same, from `geomap ingest FILE --store S` then `geomap build --store S`."""
    run = CliRunner().invoke(geomap_main, ["ingest", str(path), "--store", str(store), "--workers", "1"])
    assert run.exit_code == 0, run.output
    run = CliRunner().invoke(geomap_main, ["build", "--store", str(store), "--out", str(out)])
    assert run.exit_code == 0, run.output
    return from_outputs(out)


def from_outputs(out: Path) -> dict[str, dict]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))["features"]
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    docs = {}
    for d in report["documents"]:
        rows: dict[str, list] = {}
        for f in events:
            p = f["properties"]
            if p["doc_id"] == d["doc_id"]:
                rows.setdefault(p["event_id"], [p["sub_type"], p["date_start"], []])[2].append(p["place_id"])
        docs[d["doc_id"]] = {
            "published": d["published"],
            "places": sorted(f["id"] for f in places if d["doc_id"] in f["properties"]["doc_ids"].split("; ")),
            "mentions": d["mentions"],
            "events": sorted((eid, sub, start, tuple(ids)) for eid, (sub, start, ids) in rows.items()),
        }
        assert d["events"] == len(docs[d["doc_id"]]["events"])
    return docs


@pytest.mark.parametrize(("name", "filename", "content", "dates", "places"), CASES, ids=[c[0] for c in CASES])
def test_parse_build_and_api_read_a_file_the_same_way(tmp_path, gaz, name, filename, content, dates, places):
    path = write_case(tmp_path, filename, content)
    parsed, api, built = from_parse_json(path), from_api(path), from_build(path, tmp_path / "out")
    assert parsed == api == built
    if dates is not None:
        assert {doc_id: d["published"] for doc_id, d in parsed.items()} == dates
    else:
        assert sorted(d["published"] for d in parsed.values()) == ["2024-10-26", "2024-10-27"]
    names = {gaz.place(pid).name for d in parsed.values() for pid in d["places"]}
    assert places <= names
    assert not names & MARKUP_WORDS
    assert any(d["events"] for d in parsed.values())


@pytest.mark.parametrize(("name", "filename", "content"), [c[:3] for c in CASES], ids=[c[0] for c in CASES])
def test_ingest_reads_a_file_as_parse_does(tmp_path, gaz, name, filename, content):
    path = write_case(tmp_path, filename, content)
    assert from_store(path, tmp_path / "situation.db", tmp_path / "out") == from_parse_json(path)


def test_parse_of_a_page_reads_the_article_not_the_markup(tmp_path):
    path = write_case(tmp_path, "odesa.html", HTML)
    run = CliRunner().invoke(geomap_main, ["parse", str(path)])
    assert run.exit_code == 0, run.output
    assert run.stdout.startswith("document odesa  published 2024-10-27\n")
    for word in ("'Home'", "'Ajax'", "'Date'", "<", "published_time"):
        assert word not in run.stdout


def test_parse_of_a_feed_prints_one_result_per_entry_separated_by_a_blank_line(tmp_path):
    path = write_case(tmp_path, "wire.rss", RSS)
    run = CliRunner().invoke(geomap_main, ["parse", str(path)])
    assert run.exit_code == 0, run.output
    blocks = run.stdout.split("\n\n")
    assert len(blocks) == 2
    assert [b.splitlines()[0].split("  published ")[1] for b in blocks] == ["2024-10-26", "2024-10-27"]
    assert "Dnipro" in blocks[0] and "Chisinau" not in blocks[0]
    assert "Chisinau" in blocks[1]


def test_parse_json_of_a_jsonl_file_with_a_bad_line_prints_the_error_in_place_and_exits_1(tmp_path):
    lines = [json.dumps(JSONL[0]), "{not json", json.dumps(JSONL[1])]
    path = write_case(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    run = CliRunner().invoke(geomap_main, ["parse", str(path), "--json"])
    assert run.exit_code == 1
    first, error, last = [json.loads(line) for line in run.stdout.splitlines()]
    assert (first["id"], last["id"]) == ("sumy-drone", "minsk-quiet")
    assert (error["file"], error["line"]) == (str(path), 2)
    assert run.stderr == f'Error: 1 part(s) of {path} could not be used; see the "error" lines in the output\n'


def test_parse_text_of_a_json_list_with_a_bad_item_names_it_on_standard_error(tmp_path):
    path = write_case(tmp_path, "desk.json", json.dumps([JSON_LIST[0], {"id": "no-text"}]))
    run = CliRunner().invoke(geomap_main, ["parse", str(path)])
    assert run.exit_code == 1
    assert run.stdout.startswith("document kherson-shelling  published 2024-10-25\n")
    assert run.stderr.startswith(f"failed: {path}: ")
    assert run.stderr.endswith(f"Error: 1 part(s) of {path} could not be used; see the 'failed:' lines above\n")


def test_parse_of_a_file_that_is_one_bad_document_is_one_error(tmp_path):
    path = write_case(tmp_path, "desk.json", '[{"id": "a", "text": "Drones struck Kyiv."}')  # the list never ends
    run = CliRunner().invoke(geomap_main, ["parse", str(path), "--json"])
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr.startswith(f"Error: {path}:1: invalid JSON")
    assert run.stderr.count("\n") == 1


def test_parse_of_standard_input_stays_plain_text():
    page = "<p>Drones struck Kyiv on Friday.</p>\n"
    run = CliRunner().invoke(geomap_main, ["parse", "-", "--json"], input=page)
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    assert data["id"] == "stdin"
    assert [m["text"] for m in data["mentions"]] == ["Kyiv"]


def test_parse_file_applies_published_to_every_document(tmp_path):
    path = write_case(tmp_path, "wire.jsonl", "".join(json.dumps(r) + "\n" for r in JSONL))
    results = list(geomap.parse_file(path, published="2024-11-05"))
    assert [r.document.published.isoformat() for r in results] == ["2024-11-05", "2024-11-05"]
