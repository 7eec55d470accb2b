"""Robustness: property-based tests of ingest and parse on arbitrary input (hypothesis), and a build over a
fuzz corpus of broken files (tests/data/fuzz). Nothing may raise an undocumented exception; offsets must
always point into the text; every input must end as documents or as a listed failure."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geomap
from geomap.errors import InputError
from geomap.records import Document, Failure
from geomap.text.clean import clean_text
from geomap.text.decoding import decode
from geomap.text.feeds import feed_documents
from geomap.text.html_pages import html_document
from geomap.text.ingest import document_from_text, read_inputs, read_jsonl_lines
from geomap.text.json_files import json_documents

FUZZ = Path(__file__).parent / "data" / "fuzz"
FRAGMENTS = ["Drones struck Kyiv on Friday.", " North Korean troops arrived in Russia's Kursk region", " —", "\n\n",
             "KYIV, Ukraine — ", " between early and mid-October", " at least 3,000 soldiers", " eastern Russia",
             " The New York Times reported", " President Volodymyr Zelensky said", " Georgia", ", ", ".", "'s",
             " protesters clashed with police in Tbilisi on Saturday", " 2024-10-25", " by December", "(", ")",
             "\u200b", "é", "Київ", " Mr.", " U.S.", "\t", "  "]
NEWSY = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=NEWSY, published=st.one_of(st.none(), st.dates()))
def test_parse_never_fails_and_offsets_point_into_the_text(gaz, text, published):
    result = geomap.parse_document(Document(id="x", text=text, published=published), gaz)
    for r in result.resolutions:
        assert 0 <= r.mention.start < r.mention.end <= len(text)
        assert text[r.mention.start:r.mention.end] == r.mention.text
    for event in result.events:
        assert 0 <= event.quote_start <= event.quote_end <= len(text)
        assert event.quote.strip() == text[event.quote_start:event.quote_end].strip()
        assert event.locations and all(1 <= loc.precision <= 7 for loc in event.locations)
        if event.date_start and event.date_end:
            assert event.date_start <= event.date_end


@SETTINGS
@given(raw=st.text(max_size=300))
def test_text_documents_are_read_or_refused_with_an_input_error(raw):
    try:
        doc = document_from_text(raw, "x", "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt")
        return
    assert doc.text.strip() and doc.text in clean_text(raw)  # text is normalised as read (NFKC, no controls)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_with_an_input_error(data):
    try:
        text = decode(data, "f.txt")
    except InputError as exc:
        assert str(exc).startswith("f.txt")
        return
    assert isinstance(text, str)


@SETTINGS
@given(lines=st.lists(st.one_of(st.binary(max_size=60), st.text(max_size=60).map(str.encode),
                                st.builds(lambda i, t: json.dumps({"id": i, "text": t}).encode(),
                                          st.text(max_size=5), st.text(max_size=30))), max_size=8))
def test_jsonl_lines_become_documents_or_failures_with_line_numbers(lines):
    for item in read_jsonl_lines(lines, "feed.jsonl"):
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Failure):
            assert 1 <= item.line <= len(lines) and item.reason


@SETTINGS
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_json_feed_and_html_readers_never_raise_anything_undocumented(data):
    from geomap.text.ingest import document_from_json

    assert all(isinstance(i, (Document, Failure)) for i in json_documents(data, "a.json", document_from_json))
    assert all(isinstance(i, (Document, Failure)) for i in feed_documents(data, "a.xml"))
    with contextlib.suppress(InputError):  # the documented refusal; anything else fails the test
        html_document(data, "page", "page.html")


def test_every_fuzz_file_ends_as_documents_or_listed_failures(tmp_path):
    files = sorted(p for p in FUZZ.iterdir() if p.name != "README.md")
    assert len(files) >= 20
    items = list(read_inputs([FUZZ]))
    failed = {Path(i.file).name for i in items if isinstance(i, Failure)}
    read = {Path(i.file).name for i in items if isinstance(i, Document)}
    assert {p.name for p in files} <= failed | read  # nothing silently lost
    assert all(i.reason for i in items if isinstance(i, Failure))
    assert {"truncated.json", "nul_bytes.txt", "binary.rss", "gzip_named.txt", "empty.html"} <= failed
    assert {"latin1.md", "mixed_newlines.txt", "broken_tags.html"} <= read


@pytest.mark.parametrize("strict", [False, True])
def test_build_over_the_fuzz_corpus_writes_everything_and_lists_failures(tmp_path, strict):
    from click.testing import CliRunner

    from geomap.cli import main

    args = ["build", str(FUZZ), "--out", str(tmp_path)] + (["--strict"] if strict else [])
    run = CliRunner().invoke(main, args)
    assert run.exit_code == (3 if strict else 0), run.output
    assert "Traceback" not in run.output
    failures = (tmp_path / "failures.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(failures) >= 10 and all(json.loads(line)["reason"] for line in failures)
    assert (tmp_path / "map.html").exists() and (tmp_path / "situation.gpkg").exists()
