"""Every input a newsroom has: front matter, HTML pages, JSON files, RSS and Atom feeds; and the mixed
folder of the acceptance line (the article, a binary file named .txt, an empty file, a JSONL feed with a
broken line between two good ones) through `geomap build`, with and without --strict."""

from __future__ import annotations

import json
import os
import shutil
import time
import types
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from click.testing import CliRunner

import geomap
from geomap.cli import main as geomap_main
from geomap.errors import InputError, Origin
from geomap.records import Document, Failure
from geomap.text.html_pages import check_attributes, html_document
from geomap.text.ingest import read_inputs


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
    assert [(d.id, d.published and d.published.isoformat(), d.source) for d in docs] == [
        ("wire-1", "2024-10-27", "Example Wire"), ("https://example.org/2", None, "Example Wire"),
        ("https://example.org/3", "2024-10-26", "Example Wire"), ("urn:m:1", "2024-11-30", "Monitor")]
    assert docs[0].text == "Strike on Kyiv\n\nDrones struck Kyiv on Friday.\n" and docs[0].url == "https://example.org/1"
    assert (docs[1].text, docs[1].title) == ("Empty\n", "Empty")  # a headline alone is a report
    assert not [f for f in items if isinstance(f, Failure)]


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


# --- hostile inputs -----------------------------------------------------------------------------------

HOSTILE = Path(__file__).parents[2] / "data" / "hostile"
PLAIN = "the front matter must hold plain `key: value` lines (date, title, url, source, id); "


def front(tmp_path, body: str, name: str = "note.md"):
    path = tmp_path / name
    path.write_text("---\n" + body + "---\nDrones struck Kyiv on Friday.\n", encoding="utf-8")
    return path


def test_a_front_matter_alias_bomb_fails_at_once_and_the_next_file_is_read(tmp_path):
    good = front(tmp_path, "date: 2024-10-27\ntitle: Strike\n")
    started = time.perf_counter()
    bomb, doc = read_all(HOSTILE / "alias_bomb.md", good)
    assert time.perf_counter() - started < 5  # expanded, the bomb is 387,420,489 strings
    assert bomb == Failure(str(HOSTILE / "alias_bomb.md"), 2, PLAIN + "anchors and aliases (&a, *a) are not read; "
                                                                      "write each value out")
    assert doc.title == "Strike"


@pytest.mark.parametrize(("body", "line", "problem"), [
    ("source: &s Wire\ntitle: *s\n", 2, "anchors and aliases (&s, *s) are not read; write each value out"),
    ("date: 2024-10-27\ntitle: [Kyiv, Kharkiv]\n", 3, "`title` holds a list or mapping, not one value"),
    ("url:\n  href: https://example.org\n", 3, "`url` holds a list or mapping, not one value"),
    ("- date: 2024-10-27\n", 2, "it is not a list of `key: value` lines"),
    ("just words\n", 2, "it is not a list of `key: value` lines"),
    ("? [a, b]\n: c\n", 2, "a key must be a plain word"),
    ("tags: " + "[" * 10_000 + "]" * 10_000 + "\n", 2,
     "a value nested 65 levels deep, more than 64 (limit max_json_depth); flatten it, or set GEOMAP_MAX_JSON_DEPTH "
     "higher"),
])
def test_front_matter_is_plain_key_value_lines_or_a_failure(tmp_path, body, line, problem):
    path = front(tmp_path, body)
    started = time.perf_counter()
    assert read_all(path) == [Failure(str(path), line, PLAIN + problem)]
    assert time.perf_counter() - started < 5  # PyYAML's pure-Python scanner: 10,000 brackets took 53 s


def test_front_matter_keys_geomap_does_not_read_may_hold_lists():
    [doc] = read_all(HOSTILE / "front_matter_tags.md")
    assert (doc.published.isoformat(), doc.title, doc.text) == ("2024-10-27", "Strike on Kyiv",
                                                                "Drones struck Kyiv on Friday.\n")


def test_front_matter_over_its_limit_is_a_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_MAX_FRONT_MATTER_CHARS", "100")
    path = front(tmp_path, "date: 2024-10-27\ntitle: " + "long " * 20 + "\n")
    assert read_all(path) == [Failure(str(path), 2, "the front matter has 124 characters, more than 100 (limit "
                                      "max_front_matter_chars); keep it to `key: value` lines, or set "
                                      "GEOMAP_MAX_FRONT_MATTER_CHARS higher")]


def test_a_front_matter_date_outside_1900_2100_fails_the_document():
    assert read_all(HOSTILE / "published_9999.md") == [Failure(
        str(HOSTILE / "published_9999.md"), 2, "the publication date 9999-12-31 is outside 1900-2100; give the day "
                                               "the document was published (YYYY-MM-DD), or leave the date out")]


def test_front_matter_url_that_is_no_web_address_is_dropped_and_the_text_normalised(tmp_path):
    [doc] = read_all(HOSTILE / "javascript_url.md")
    assert (doc.url, doc.title, doc.published.isoformat()) == (None, "Strike on Kyiv", "2024-10-27")
    path = front(tmp_path, "title: Khar\u00adkiv\u202e\nsource: Wire\u200b\nid: kh\u00adarkiv-1\n"
                           "url: HTTPS://example.org/k\n")
    [doc] = read_all(path)
    assert (doc.id, doc.title, doc.source, doc.url) == ("kharkiv-1", "Kharkiv", "Wire", "HTTPS://example.org/k")


def test_an_html_page_over_max_html_bytes_is_a_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_MAX_HTML_BYTES", "300")
    big = tmp_path / "big.html"
    big.write_text("<html><body><p>" + "Drones struck Kyiv. " * 20 + "</p></body></html>", encoding="utf-8")
    [failure] = read_all(big)
    assert failure == Failure(str(big), None, "the file has 433 bytes, more than 300 (limit max_html_bytes); "
                                              "split it, or set GEOMAP_MAX_HTML_BYTES higher")
    with pytest.raises(InputError, match=r"the page has 433 bytes, more than 300 \(limit max_html_bytes\)"):
        html_document(big.read_bytes(), "big", "big.html")


def test_an_element_with_300000_attributes_fails_before_trafilatura_runs(tmp_path):
    page = tmp_path / "attributes.html"  # 3.5 MB: trafilatura had not finished after 400 s
    page.write_text("<html><body><article><p " + " ".join(f'a{i}="x"' for i in range(300_000))
                    + ">Drones struck Kyiv on Friday.</p></article></body></html>", encoding="utf-8")
    started = time.perf_counter()
    [failure] = read_all(page)
    assert time.perf_counter() - started < 10
    assert failure == Failure(str(page), None, "a <p> element has 300,000 attributes, more than 1,000 (limit "
                                               "max_html_attributes); save the article's text, or set "
                                               "GEOMAP_MAX_HTML_ATTRIBUTES higher")


def test_attribute_tricks_do_not_hide_an_element_from_the_count():
    many = " ".join(f"a{i}" for i in range(1_500))
    pages = (f"<!--><p {many}>x</p>-->", f"<p a='x>' {many}>x</p>", f"<script>'<b c=\"'</script><p {many}>x</p>\"",
             "<p " + "".join(f'c{i}="1"' for i in range(1_500)) + ">x</p>", f"<svg><p {many}/></svg>")
    for page in pages:  # each element lxml.html builds (as trafilatura does) with its 1,500 attributes is seen
        assert max(len(element.attrib) for element in lxml.html.fromstring(page).iter()) >= 1_500
        with pytest.raises(InputError, match="limit max_html_attributes"):
            check_attributes(page, Origin("page.html"))


def test_html_page_url_that_is_no_web_address_is_dropped(monkeypatch):
    [doc] = read_all(HOSTILE / "javascript_og_url.html")
    assert (doc.url, doc.title) == (None, "Drone strike hits Kyiv")
    assert "apartment block in Kyiv" in doc.text
    # trafilatura checks the addresses it finds today; geomap does not rely on it
    for url, kept in (("javascript:alert(1)", None), ("data:text/html,x", None), (" HTTPS://example.org/a", "HTTPS://example.org/a")):
        found = types.SimpleNamespace(text="Drones struck Kyiv.", date=None, title="T", url=url, sitename="S")
        monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, found=found, **kwargs: found)
        assert html_document(b"<html><body><p>Drones struck Kyiv.</p></body></html>", "p", "p.html").url == kept


def test_html_text_and_title_are_normalised(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Khar\u00adkiv \ufb01re</title></head><body><article>"
                    "<p>A Russian drone struck an apartment block in Khar\u00adkiv\u200b on Friday, officials said.</p>"
                    "<p>Rescue teams worked through the night in the city centre, the mayor said.</p>"
                    "</article></body></html>", encoding="utf-8")
    [doc] = read_all(path)
    assert doc.title == "Kharkiv fire"
    assert "apartment block in Kharkiv on Friday" in doc.text and "\u00ad" not in doc.text


def test_a_deep_json_file_fails_before_json_recurses(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    fine = tmp_path / "fine.json"
    fine.write_text(json.dumps([{"id": "a", "text": "Drones struck Kyiv.", "url": "javascript:alert(1)"},
                                {"id": "b", "text": "Khar\u00adkiv", "url": " https://example.org/b "}]), "utf-8")
    failure, first, second = read_all(deep, fine)
    assert failure == Failure(str(deep), None, "JSON nested 100,000 levels deep, more than 64 (limit max_json_depth); "
                                               "give flat objects, or set GEOMAP_MAX_JSON_DEPTH higher")
    assert (first.url, second.url, second.text) == (None, "https://example.org/b", "Kharkiv")


def test_feed_links_that_are_no_web_addresses_are_dropped_and_the_entries_kept():
    docs = read_all(HOSTILE / "bad_links.rss")
    assert [(d.id, d.url) for d in docs] == [("w1", None), ("w2", None), ("w3", "HTTPS://example.org/3")]


def test_feed_entries_are_normalised_and_a_bad_date_fails_its_entry_only(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire\u200b</title>
<item><title>Khar\u00adkiv\u202e</title><guid>k\u00ad1</guid><pubDate>Sun, 27 Oct 2024 08:00:00 GMT</pubDate>
<description>Shelling hit Khar\u00adkiv overnight.</description></item>
<item><title>Late</title><guid>late</guid><pubDate>2150-01-01T00:00:00Z</pubDate>
<description>Drones struck Kyiv.</description></item>
<item><title>Hidden</title><guid>hidden</guid><description>\u200b\u2060</description></item>
</channel></rss>""", encoding="utf-8")
    first, late, hidden = read_all(path)
    assert (first.id, first.title, first.source, first.text) == ("k1", "Kharkiv", "Wire",
                                                                 "Kharkiv\n\nShelling hit Kharkiv overnight.\n")
    assert late == Failure(str(path), None, "entry 2: the publication date 2150-01-01 is outside 1900-2100; give the "
                                            "day the document was published (YYYY-MM-DD), or leave the date out")
    assert (hidden.id, hidden.text, hidden.title) == ("hidden", "Hidden\n", "Hidden")  # its headline is its text


def test_a_build_over_hostile_inputs_maps_the_good_and_accounts_for_the_rest(tmp_path):
    folder = tmp_path / "inbox"
    shutil.copytree(HOSTILE, folder)
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.md").symlink_to("loop.md")
    out = tmp_path / "out"
    run = CliRunner().invoke(geomap_main, ["build", str(folder), "--out", str(out)])
    assert run.exit_code == 0, run.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["skipped_files"] == [f"{folder / 'loop.md'}: a symbolic link loop; fix or remove the link",
                                       f"{folder / 'pipe.txt'}: a named pipe (FIFO), not a regular file; geomap "
                                       f"reads only regular files"]
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(Path(f["file"]).name, f["line"]) for f in failures} == {
        ("alias_bomb.md", 2), ("front_matter_list_title.md", 3), ("invisible.jsonl", 4), ("published_9999.md", 2),
        ("published_out_of_range.jsonl", 1), ("published_out_of_range.jsonl", 3)}
    ids = {d["doc_id"] for d in report["documents"]}
    assert {"softhyphen", "nulid", "Kyiv", "good", "year_0001", "w1", "w3", "u3"} <= ids


def test_lone_surrogates_are_removed_so_every_output_can_be_written(tmp_path):
    """A JSON `\\ud800` escape decodes to half a UTF-16 pair, which no UTF-8 file can hold: it used to end
    the build with a UnicodeEncodeError while writing the map."""
    from geomap.text.clean import clean_text

    assert clean_text("Bad \ud800 title \udfff") == "Bad  title "
    source = tmp_path / "wire.jsonl"
    source.write_text('{"id": "s\\ud800", "title": "T \\ud800", "published": "2024-10-27", '
                      '"text": "Drones struck Kyiv \\udfff on Friday."}\n', encoding="utf-8")
    result = geomap.build([source], tmp_path / "out")
    assert result.report.events == 1 and not result.report.failures
    assert "\ud800" not in (tmp_path / "out" / "map.html").read_text(encoding="utf-8")
