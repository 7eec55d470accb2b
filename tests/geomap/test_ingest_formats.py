"""Every input a newsroom has: front matter, HTML pages, JSON files, RSS and Atom feeds; and the mixed
folder of the acceptance line (the article, a binary file named .txt, an empty file, a JSONL feed with a
broken line between two good ones) through `geomap build`, with and without --strict."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from geomap.cli import main as geomap_main
from geomap.ingest import read_inputs
from geomap.records import Document, Failure


def read_all(*paths):
    return list(read_inputs(list(paths)))


def test_markdown_with_yaml_front_matter(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ndate: 2024-10-27\ntitle: Strike on Kyiv\nurl: https://example.org/kyiv\n"
                    "source: Example Wire\n---\nDrones struck Kyiv on Friday.\n", encoding="utf-8")
    [doc] = read_all(path)
    assert (doc.published.isoformat(), doc.title, doc.url, doc.source) == (
        "2024-10-27", "Strike on Kyiv", "https://example.org/kyiv", "Example Wire")
    assert doc.text == "Drones struck Kyiv on Friday.\n"


def test_broken_front_matter_is_a_failure_with_its_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ndate: [2024\n---\nDrones struck Kyiv.\n", encoding="utf-8")
    [failure] = read_all(path)
    assert isinstance(failure, Failure) and failure.line is not None and "front matter" in failure.reason


def test_html_page_keeps_the_article_and_drops_the_boilerplate(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Drone strike hits Kyiv | Example News</title>"
        "<meta property='og:url' content='https://example.org/a'><meta name='date' content='2024-10-27'></head>"
        "<body><nav>Home | World | Sport | Weather</nav><article><h1>Drone strike hits Kyiv</h1>"
        "<p>A Russian drone struck an apartment block in Kyiv on Friday, the city's mayor said on Saturday.</p>"
        "<p>North Korean troops have arrived in the Kursk region, according to Ukrainian intelligence.</p>"
        "</article><footer>Copyright 2024 Example News. Subscribe now for unlimited access.</footer></body></html>",
        encoding="utf-8")
    [doc] = read_all(path)
    assert "struck an apartment block in Kyiv" in doc.text and "Kursk region" in doc.text
    assert "Subscribe" not in doc.text and "Weather" not in doc.text
    assert (doc.title, doc.published.isoformat(), doc.url) == ("Drone strike hits Kyiv", "2024-10-27",
                                                                "https://example.org/a")


def test_json_file_with_one_object_or_a_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "a", "text": "Drones struck Kyiv.", "published": "2024-10-27"}), "utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "b", "text": "Shelling hit Kharkiv."}, {"id": "c"},
                                {"id": "d", "text": "Protesters marched in Tbilisi."}]), "utf-8")
    items = read_all(one, many)
    assert [d.id for d in items if isinstance(d, Document)] == ["a", "b", "d"]
    [failure] = [f for f in items if isinstance(f, Failure)]
    assert failure.file == str(many) and failure.reason.startswith("item 2: missing or empty \"text\"")


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Strike on Kyiv</title><link>https://example.org/1</link><guid>wire-1</guid>
<pubDate>Sun, 27 Oct 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Drones struck Kyiv on Friday.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/2</link></item>
<item><title>Kharkiv</title><link>https://example.org/3</link><pubDate>Sat, 26 Oct 2024 08:00:00 GMT</pubDate>
<description>Artillery shelled Kharkiv overnight.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Monitor</title>
<entry><id>urn:m:1</id><title>Tbilisi</title><link href="https://example.org/t"/><updated>2024-11-30T10:00:00Z</updated>
<content type="html">&lt;p&gt;Thousands of protesters marched in Tbilisi on Saturday.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_and_atom_entries_become_documents(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "monitor.atom").write_text(ATOM, encoding="utf-8")
    items = read_all(tmp_path / "wire.rss", tmp_path / "monitor.atom")
    docs = [d for d in items if isinstance(d, Document)]
    assert [(d.id, d.published.isoformat(), d.source) for d in docs] == [
        ("wire-1", "2024-10-27", "Example Wire"), ("https://example.org/3", "2024-10-26", "Example Wire"),
        ("urn:m:1", "2024-11-30", "Monitor")]
    assert docs[0].text == "Drones struck Kyiv on Friday.\n" and docs[0].url == "https://example.org/1"
    [failure] = [f for f in items if isinstance(f, Failure)]
    assert failure.reason.startswith("entry 2 has no text")


def test_an_xml_file_that_is_no_feed_is_a_failure(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><root><row>1</row></root>", encoding="utf-8")
    [failure] = read_all(path)
    assert isinstance(failure, Failure) and "feed" in failure.reason


def _mixed_folder(tmp_path, seed_article):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(seed_article, folder / "article.txt")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "w1", "text": "Drones struck Kyiv on Friday.", "published": "2024-10-27"}) + "\n"
        + '{"id": "w2", "text": "broken\n'
        + json.dumps({"id": "w3", "text": "Shelling hit Kharkiv on Saturday.", "published": "2024-10-27"}) + "\n",
        encoding="utf-8")
    return folder


def test_mixed_folder_maps_the_good_and_lists_the_bad(tmp_path, seed_article):
    folder = _mixed_folder(tmp_path, seed_article)
    out = tmp_path / "out"
    run = CliRunner().invoke(geomap_main, ["build", str(folder), "--out", str(out)])
    assert run.exit_code == 0, run.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(d["doc_id"] for d in report["documents"]) == ["article", "w1", "w3"]
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(f["file"].rsplit("/", 1)[-1], f["line"]) for f in failures} == {
        ("empty.txt", None), ("feed.jsonl", 2), ("photo.txt", None)}
    assert any("binary" in f["reason"] for f in failures)
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    reporting = {doc for f in events for doc in f["properties"]["doc_ids"].split("; ")}
    assert {"article", "w1", "w3"} <= reporting  # w1's strike on Kyiv merges with the article's


def test_strict_makes_any_failure_exit_3(tmp_path, seed_article):
    folder = _mixed_folder(tmp_path, seed_article)
    run = CliRunner().invoke(geomap_main, ["build", str(folder), "--out", str(tmp_path / "out"), "--strict"])
    assert run.exit_code == 3
    assert "Error: 3 input(s) could not be used (--strict)" in run.output
    clean = tmp_path / "clean"
    clean.mkdir()
    shutil.copy(seed_article, clean / "article.txt")
    assert CliRunner().invoke(geomap_main, ["build", str(clean), "--out", str(tmp_path / "o2"), "--strict"]
                              ).exit_code == 0


def test_missing_input_exits_1_naming_the_path_without_a_traceback(tmp_path):
    run = CliRunner().invoke(geomap_main, ["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert run.output.startswith("Error: ") and str(tmp_path / "nowhere") in run.output
    assert not (tmp_path / "out" / "map.html").exists()  # an earlier map would have been left alone
