"""geomap's errors: an InputError carries where and why as fields, and reads as the message users see."""

from __future__ import annotations

import pickle

import pytest

from geomap.errors import GeomapError, InputError, Origin
from geomap.records import Failure
from geomap.text.feeds import feed_documents
from geomap.text.ingest import document_from_json, document_from_text
from geomap.text.json_files import json_documents


@pytest.mark.parametrize(("error", "file", "line", "reason", "text"), [
    (InputError("a.txt", 3, "not a date"), "a.txt", 3, "not a date", "a.txt:3: not a date"),
    (InputError("a.txt", None, "empty"), "a.txt", None, "empty", "a.txt: empty"),
    (InputError("GEOMAP_X='y' is not a number"), "", None, "GEOMAP_X='y' is not a number",
     "GEOMAP_X='y' is not a number"),
])
def test_an_input_error_has_its_fields_and_reads_as_file_line_reason(error, file, line, reason, text):
    assert (error.file, error.line, error.reason, str(error)) == (file, line, reason, text)
    assert isinstance(error, GeomapError) and isinstance(error, ValueError)


def test_an_input_error_survives_pickling_for_worker_processes():
    again = pickle.loads(pickle.dumps(InputError("a.jsonl", 7, "missing \"id\"")))
    assert (again.file, again.line, again.reason) == ("a.jsonl", 7, "missing \"id\"")
    assert str(pickle.loads(pickle.dumps(InputError("no file")))) == "no file"


def test_an_origin_names_its_part_at_the_start_of_the_reason():
    error = Origin("feed.xml", None, "entry 2").error("no text")
    assert (error.file, error.line, error.reason, str(error)) == ("feed.xml", None, "entry 2: no text",
                                                                   "feed.xml: entry 2: no text")


def test_readers_raise_the_file_and_line_as_fields():
    with pytest.raises(InputError) as info:
        document_from_text("date 2024-13-45\nDrones struck Kyiv.", "a", file="news/a.txt")
    assert (info.value.file, info.value.line) == ("news/a.txt", 1)
    with pytest.raises(InputError) as info:
        document_from_json({"id": "a"}, "wire.jsonl", 4)
    assert (info.value.file, info.value.line, info.value.reason) == (
        "wire.jsonl", 4, "missing or empty \"text\"; each line needs the article text")


def test_failures_of_many_document_files_name_the_item_or_entry_in_the_reason(monkeypatch):
    [failure] = json_documents(b'[{"id": "a"}]', "list.json", document_from_json)
    assert failure == Failure("list.json", None, "item 1: missing or empty \"text\"; each line needs the article text")
    monkeypatch.setenv("GEOMAP_MAX_HTML_ATTRIBUTES", "2")
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x</title>'
            b'<description>&lt;p class="1" title="2" lang="3"&gt;Drones struck Kyiv.&lt;/p&gt;</description></item>'
            b'</channel></rss>')
    assert list(feed_documents(feed, "wire.xml")) == [Failure(
        "wire.xml", None, "entry 1: a <p> element has 3 attributes, more than 2 (limit max_html_attributes); "
                          "save the article's text, or set GEOMAP_MAX_HTML_ATTRIBUTES higher")]
