"""report.json per document: what it is (title, date, URL, language, length of its text), what was found in it
(mentions, resolved, unresolved, events) and its warnings; the store keeps the same; `geomap build` names the
documents with warnings."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from click.testing import CliRunner

import geomap
from geomap.batch.digest import digest, digest_from_json, digest_to_json
from geomap.cli import main as geomap_main
from geomap.cli.build_command import warning_lines
from geomap.outputs.geojson import status_json, write_report
from geomap.records import Document, DocumentStatus, Mention, ParseResult, Resolution, ResolutionBasis, RunReport

KEYS = ["doc_id", "file", "line", "title", "published", "url", "language", "text_chars", "mentions", "resolved",
        "unresolved", "events", "warnings"]
ARTICLE = """---
title: Shelling in Kherson
date: 2024-10-25
url: https://example.org/news/kherson-shelling
---
Shelling hit Kherson on Thursday, killing two people, officials said.
"""


def test_report_json_lists_each_document_s_title_date_url_length_and_counts(tmp_path, gaz):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kherson.md").write_text(ARTICLE, encoding="utf-8")
    geomap.build([tmp_path / "in"], tmp_path / "out")
    [doc] = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["documents"]
    assert list(doc) == KEYS
    body = "Shelling hit Kherson on Thursday, killing two people, officials said.\n"
    assert {k: doc[k] for k in KEYS if k not in ("language", "warnings")} == {
        "doc_id": "kherson", "file": str(tmp_path / "in" / "kherson.md"), "line": None,
        "title": "Shelling in Kherson", "published": "2024-10-25", "url": "https://example.org/news/kherson-shelling",
        "text_chars": len(body), "mentions": 1, "resolved": 1, "unresolved": 0, "events": 1}
    assert doc["language"] in (None, "en")  # filled by the language reader, where it runs
    assert isinstance(doc["warnings"], list)


def kyiv_result(gaz) -> ParseResult:
    """Kyiv resolved, "Zzyzx Flats" with no place: the resolver's explicit "none of these"."""
    text = "Drones struck Kyiv and Zzyzx Flats."
    kyiv = gaz.place("geonames:703448")
    return ParseResult(
        Document("d1", text, published=date(2024, 10, 27), title="Strike", url="https://example.org/d1",
                 file="wire.jsonl", line=3, language="en", warnings=("the page is short: perhaps a teaser",)),
        (Resolution(Mention(14, 18, "Kyiv"), kyiv, (), 1.0, "lookup"),
         Resolution(Mention(23, 34, "Zzyzx Flats"), None, (), 0.0, "no place in the gazetteer has this name",
                    ResolutionBasis.UNRESOLVED)),
        ())


def test_unresolved_counts_the_mentions_whose_resolution_has_no_place(gaz):
    status = digest(kyiv_result(gaz)).status
    assert (status.mentions, status.resolved, status.unresolved) == (2, 1, 1)
    assert status_json(status) == {
        "doc_id": "d1", "file": "wire.jsonl", "line": 3, "title": "Strike", "published": "2024-10-27",
        "url": "https://example.org/d1", "language": "en", "text_chars": 35, "mentions": 2, "resolved": 1,
        "unresolved": 1, "events": 0, "warnings": ["the page is short: perhaps a teaser"]}


def test_the_store_keeps_language_warnings_and_length(gaz):
    d = digest(kyiv_result(gaz))
    again = digest_from_json(json.loads(json.dumps(digest_to_json(d))), gaz)
    assert again.status == d.status
    assert again.document.warnings == ("the page is short: perhaps a teaser",)


def test_a_store_written_before_the_new_fields_still_loads(gaz):
    data = digest_to_json(digest(kyiv_result(gaz)))
    del data["text_chars"]
    del data["document"]["language"]
    del data["document"]["warnings"]
    status = digest_from_json(data, gaz).status
    assert (status.language, status.warnings, status.text_chars) == (None, (), 0)
    assert (status.title, status.published, status.mentions, status.resolved) == ("Strike", date(2024, 10, 27), 2, 1)


def test_write_report_is_plain_json_with_dates_as_text(tmp_path):
    status = DocumentStatus("a", "a.txt", None, 0, 0, 0, published=date(2024, 1, 2), warnings=("w",))
    write_report(tmp_path / "report.json", RunReport(documents=(status,)))
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["documents"][0]["published"] == "2024-01-02"
    assert data["documents"][0]["warnings"] == ["w"]


def statuses(n: int) -> list[DocumentStatus]:
    quiet = DocumentStatus("quiet", "quiet.txt", None, 0, 0, 0)
    return [quiet] + [replace(quiet, doc_id=f"p{i:02}", file="feed.xml", line=i + 1,
                              warnings=("undated entry", "short")) for i in range(n)]


def test_build_summary_names_each_document_with_warnings():
    assert warning_lines(statuses(2)) == ["  warning: p00 (feed.xml:1): undated entry; short",
                                          "  warning: p01 (feed.xml:2): undated entry; short"]
    assert warning_lines(statuses(0)) == []


def test_build_summary_lists_the_first_ten_documents_with_warnings_then_counts_the_rest():
    lines = warning_lines(statuses(13))
    assert len(lines) == 11
    assert lines[9].startswith("  warning: p09 ")
    assert lines[10] == "  and 3 more document(s) with warnings; see report.json"


def test_geomap_build_names_the_documents_with_warnings_on_standard_error(tmp_path, gaz, monkeypatch):
    from geomap.text import ingest

    read = ingest.read_text_file

    def warned(path, doc_id):  # a reader that has something to say about one of the documents
        doc = read(path, doc_id)
        return replace(doc, warnings=("no date found; dated by the file",)) if doc_id == "odd" else doc

    monkeypatch.setattr(ingest, "read_text_file", warned)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kherson.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "odd.txt").write_text("Protesters rallied in Tbilisi.\n", encoding="utf-8")
    run = CliRunner().invoke(geomap_main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                           "--workers", "1"])
    assert run.exit_code == 0, run.output
    assert run.stderr == f"  warning: odd ({tmp_path / 'in' / 'odd.txt'}): no date found; dated by the file\n"
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [(d["doc_id"], d["warnings"]) for d in report["documents"]] == [
        ("kherson", []), ("odd", ["no date found; dated by the file"])]
