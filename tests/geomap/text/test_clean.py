"""Text as geomap reads it (`geomap.text.clean`): every reader normalises text, titles, sources and ids,
keeps only web addresses as links, and offsets written against the raw text follow it."""

from __future__ import annotations

import json
import unicodedata

import pytest

import geomap
from geomap.evaluation.places import evaluate
from geomap.records import Document, Failure
from geomap.text.clean import clean_offset, clean_text
from geomap.text.ingest import read_jsonl_lines
from tests.geomap.text.inputs import HOSTILE, jsonl, read_all, write


def test_text_titles_sources_and_ids_are_normalised_on_every_reader():
    items = read_all(HOSTILE / "invisible.jsonl")
    first, second, third, failure = items
    assert (first.id, first.text, first.title, first.source) == ("softhyphen", "Drones struck Kharkiv on Friday.",
                                                                 "Kharkiv struck", "Wire")
    assert (second.id, second.text) == ("nulid", "Shelling hit Kyiv and Izium at night.")
    assert (third.id, third.text) == ("Kyiv", "200 drones struck Kyiv first.")  # full width and a ligature
    assert failure == Failure(str(HOSTILE / "invisible.jsonl"), 4,
                              'missing or empty "text"; each line needs the article text')


def test_text_files_are_normalised_with_their_title_and_their_id(tmp_path):
    folder = tmp_path / "in"
    write(folder / "Khar\u00adkiv.txt", "date 2024-10-27 Khar\u00adkiv\u200b headline\u202e\n\nShelling hit "
                                        "Khar\u00adkiv\x07 at night.\x0bMore.\r\n")  # (a NUL makes a file binary)
    write(folder / "Kharkiv.md", "Protesters marched in Kharkiv.")
    first, second = read_all(folder)
    assert (first.id, second.id) == ("Kharkiv", "Kharkiv@Kharkiv.txt")
    assert second.title == "Kharkiv headline"
    assert second.text == "Kharkiv headline\n\nShelling hit Kharkiv at night. More.\n"


def test_geomap_parse_normalises_its_text(gaz):
    result = geomap.parse("Drones struck Khar\u00adkiv\u200d on Friday.", published="2024-10-27")
    assert result.document.text == "Drones struck Kharkiv on Friday."
    assert [r.place.name for r in result.resolutions if r.place] == ["Kharkiv"]


@pytest.mark.parametrize(("raw", "clean"), [
    ("Khar\u00adkiv", "Kharkiv"),
    ("Ky\u200biv\u200c\u200d\u2060\ufeff", "Kyiv"),
    ("\u202eviyK\u202c \u2066Kyiv\u2069 \u061c", "viyK Kyiv "),
    ("a\x00b\x07c\x7fd\x9fe", "abcde"),
    ("line\none\ttab\r\nwindows\rmac", "line\none\ttab\nwindows\nmac"),
    ("page\x0cbreak\x0bvertical\x85next\x1fsep", "page break vertical next sep"),
    ("\uff12\uff10\uff12\uff14-\uff11\uff10 \uff2b\uff59\uff49\uff56", "2024-10 Kyiv"),
    ("\ufb01re \ufb02ight \u2460 km\u00b2", "fire flight 1 km2"),
    ("e\u0301 e\u200b\u0301", "\u00e9 \u00e9"),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_clean_text_is_idempotent_and_leaves_no_format_or_control_character():
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    once = clean_text(everything)
    assert clean_text(once) == once
    assert {c for c in once if unicodedata.category(c) in ("Cf", "Cc")} == {"\n", "\t"}


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a", "https://example.org/a"),
    (" HTTP://example.org/b\n", "HTTP://example.org/b"),
    ("https://exa\u200bmple.org/\tc", "https://example.org/c"),
    ("javascript:alert(1)", None),
    (" JaVaScRiPt:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("\x01javascript:alert(1)", None),
    ("\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54:alert(1)", None),  # full width
    ("data:text/html,<script>alert(1)</script>", None),
    ("file:///etc/passwd", None),
    ("vbscript:msgbox(1)", None),
    ("//example.org/relative", None),
    ("ftp://example.org/c", None),
    ("http://[::1", None),
])
def test_only_web_addresses_are_kept_as_urls(url, kept):
    [doc] = read_jsonl_lines(jsonl({"id": "a", "text": "Drones struck Kyiv.", "url": url}), "w.jsonl")
    assert doc.url == kept


def test_jsonl_urls_of_every_scheme_keep_the_document():
    docs = read_all(HOSTILE / "urls.jsonl")
    assert all(isinstance(d, Document) for d in docs) and len(docs) == 11
    assert [d.url for d in docs if d.url] == ["https://example.org/a", "HTTP://example.org/b"]


def test_offsets_written_against_the_raw_text_follow_it_into_the_clean_text():
    raw = "Shelling\u2026 hit Ky\u200biv, then \ufb01res in Kharkiv."
    clean = clean_text(raw)
    start = raw.index("Kharkiv")
    assert clean[clean_offset(raw, start):clean_offset(raw, start + len("Kharkiv"))] == "Kharkiv"
    assert clean_offset(raw, 0) == 0 and clean_offset(raw, len(raw)) == len(clean)


def test_evaluation_gold_spans_survive_normalisation(tmp_path, gaz):
    text = "Wait\u2026 shelling hit Khar\u00adkiv\u200b overnight."
    record = {"id": "e1", "text": text, "toponyms": [
        {"start": text.index("Khar"), "end": text.index("\u200b"), "phrase": "Khar\u00adkiv", "lat": 49.98,
         "lon": 36.25, "geonameid": 706483}]}
    corpus = write(tmp_path / "corpus.jsonl", json.dumps(record) + "\n")
    summary = evaluate(corpus)
    assert summary["recognition_exact"]["tp"] == 1 and summary["end_to_end_accuracy"] == 1.0
