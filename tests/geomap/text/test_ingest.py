"""geomap.text.ingest: every input becomes a Document or a Failure naming the file, the line and the fix."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import geomap
from geomap.cli import main as geomap_main
from geomap.errors import InputError
from geomap.evaluation.places import evaluate
from geomap.records import Document, Failure
from geomap.text.clean import clean_offset, clean_text
from geomap.text.ingest import document_from_text, read_inputs, read_jsonl_lines, read_text_file
from geomap.text.json_files import json_depth

BAD_DATE_REASON = "'2024-13-45' is not a date; expected YYYY-MM-DD, e.g. 2024-10-27"
NO_TEXT_REASON = "the document has no text; write the article after the date line"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read_all(*inputs: Path) -> list[Document | Failure]:
    return list(read_inputs(list(inputs)))


def jsonl(*records: object) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r) for r in records]


# --- .txt / .md documents -------------------------------------------------------------------------


def test_date_line_alone_sets_published_and_is_left_out_of_text(tmp_path):
    path = write(tmp_path / "a.txt", "date 2024-10-27\nDrones struck Kyiv overnight.\n")
    [doc] = read_all(path)
    assert doc.published == date(2024, 10, 27)
    assert doc.text == "Drones struck Kyiv overnight.\n"


def test_date_followed_by_caption_on_same_line_keeps_caption_as_text_and_title(tmp_path):
    raw = " date 2024-10-27 Smoke over Kharkiv after a night attack. (Wire)\n\nThe body names Kharkiv again.\n"
    [doc] = read_all(write(tmp_path / "a.txt", raw))
    assert doc.published == date(2024, 10, 27)
    assert doc.text == "Smoke over Kharkiv after a night attack. (Wire)\n\nThe body names Kharkiv again.\n"
    assert doc.title == "Smoke over Kharkiv after a night attack. (Wire)"


def test_seed_article_text_follows_the_date_and_its_first_line_is_the_title(seed_article):
    """Ours has the date on a line of its own, as in seeds/; the original has its photo caption on the
    date's line."""
    raw = seed_article.read_text(encoding="utf-8")
    doc = read_text_file(seed_article, "seed")
    assert doc.published == date(2024, 10, 27)
    text = raw.split("2024-10-27", 1)[1][1:]  # after the date and the space or line break that ends it
    assert doc.text == text
    assert doc.title == text.split("\n", 1)[0]


def test_document_without_date_line_has_no_published_date_and_keeps_all_text(tmp_path):
    raw = "Protesters rallied in Tbilisi.\n"
    [doc] = read_all(write(tmp_path / "a.md", raw))
    assert doc.published is None
    assert doc.text == raw


def test_title_needs_a_body_after_a_blank_line():
    assert document_from_text("One line about Kyiv.", "d").title is None
    assert document_from_text("Kyiv headline\n\nBody.", "d").title == "Kyiv headline"


def test_first_line_starting_with_the_word_date_is_not_a_date_line():
    raw = "Date palms grow along the river in Basra.\nNothing happened.\n"
    doc = document_from_text(raw, "d", file="palms.txt")
    assert doc.published is None
    assert doc.text == raw


def test_byte_order_mark_does_not_hide_the_date_line():
    doc = document_from_text("\ufeffdate 2024-10-27\nDrones struck Kyiv.", "d")
    assert doc.published == date(2024, 10, 27)
    assert doc.text == "Drones struck Kyiv."


def test_invalid_date_is_an_input_error_naming_file_and_line_1():
    with pytest.raises(InputError) as info:
        document_from_text("date 2024-13-45\nDrones struck Kyiv.", "a", file="news/a.txt")
    assert str(info.value) == f"news/a.txt:1: {BAD_DATE_REASON}"
    assert isinstance(info.value, ValueError)


def test_invalid_date_in_a_file_becomes_a_failure_on_line_1(tmp_path):
    path = write(tmp_path / "a.txt", "date 2024-13-45\nDrones struck Kyiv.\n")
    assert read_all(path) == [Failure(str(path), 1, BAD_DATE_REASON)]


@pytest.mark.parametrize("raw", ["", "   \n\n", "date 2024-10-27\n", "date 2024-10-27\n\n  \n"])
def test_document_with_no_text_is_an_input_error(raw):
    with pytest.raises(InputError) as info:
        document_from_text(raw, "a", file="a.txt")
    assert str(info.value) == f"a.txt: {NO_TEXT_REASON}"


def test_empty_file_becomes_a_failure_without_line(tmp_path):
    path = write(tmp_path / "empty.txt", "")
    assert read_all(path) == [Failure(str(path), None, NO_TEXT_REASON)]


def test_text_in_another_encoding_is_detected_and_read(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("date 2024-10-27\nDrones struck Kyiv on Friday, the café owner said. Müller, Pérez and "
                     "Gonçalves agreed.\n".encode("cp1252"))
    [doc] = read_all(path)
    assert "café" in doc.text and "Gonçalves" in doc.text and doc.published.isoformat() == "2024-10-27"


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("date 2024-10-27\nDrones struck Kyiv on Friday.\n".encode("utf-16"))
    [doc] = read_all(path)
    assert doc.text.startswith("Drones struck Kyiv")


def test_a_binary_file_with_a_text_name_is_a_failure(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert read_all(path) == [Failure(str(path), None, "a binary file, not text; give geomap text, HTML, JSON "
                                                       "or a feed")]


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path):
    (tmp_path / "in" / "a_bad.txt").parent.mkdir()
    (tmp_path / "in" / "a_bad.txt").write_bytes(b"\xff\xfe")
    write(tmp_path / "in" / "b_good.txt", "Drones struck Kyiv.")
    items = read_all(tmp_path / "in")
    assert [type(i).__name__ for i in items] == ["Failure", "Document"]
    assert items[1].id == "b_good"


# --- .jsonl documents -----------------------------------------------------------------------------


def test_jsonl_lines_become_documents_with_their_line_numbers():
    lines = jsonl(
        {"id": "w1", "text": "Drones struck Kyiv.", "published": "2024-10-27", "title": "Kyiv", "url": "https://x.test/1",
         "source": "Wire"},
        "",
        {"id": 7, "text": "Protesters rallied in Tbilisi."},
    )
    assert list(read_jsonl_lines(lines, "wire.jsonl")) == [
        Document("w1", "Drones struck Kyiv.", date(2024, 10, 27), "Kyiv", "https://x.test/1", "Wire", "wire.jsonl", 1),
        Document("7", "Protesters rallied in Tbilisi.", None, None, None, None, "wire.jsonl", 3),
    ]


def test_jsonl_invalid_json_line_is_a_failure_and_the_next_line_is_still_read():
    lines = ['{"id": "a", "text": "Kyiv"', json.dumps({"id": "b", "text": "Kyiv"})]
    items = list(read_jsonl_lines(lines, "wire.jsonl"))
    reason = "invalid JSON (Expecting ',' delimiter at column 27); one object per line"
    assert items[0] == Failure("wire.jsonl", 1, reason)
    assert items[1].id == "b"
    assert items[1].line == 2


@pytest.mark.parametrize(("record", "reason"), [
    ({"text": "Kyiv"}, 'missing or invalid "id"; give each line a string id'),
    ({"id": "", "text": "Kyiv"}, 'missing or invalid "id"; give each line a string id'),
    ({"id": True, "text": "Kyiv"}, 'missing or invalid "id"; give each line a string id'),
    ({"id": "a"}, 'missing or empty "text"; each line needs the article text'),
    ({"id": "a", "text": "  "}, 'missing or empty "text"; each line needs the article text'),
    ({"id": "a", "text": "Kyiv", "title": 3}, '"title" must be a string'),
    (["a", "Kyiv"], "expected a JSON object, got list"),
])
def test_jsonl_record_without_usable_id_or_text_is_a_failure(record, reason):
    assert list(read_jsonl_lines(jsonl(record), "wire.jsonl")) == [Failure("wire.jsonl", 1, reason)]


def test_jsonl_duplicate_id_is_a_failure_and_the_first_is_kept():
    lines = jsonl({"id": "a", "text": "Kyiv first."}, {"id": "a", "text": "Kyiv second."})
    first, second = read_jsonl_lines(lines, "wire.jsonl")
    assert first.text == "Kyiv first."
    assert second == Failure("wire.jsonl", 2, "duplicate id 'a'; ids must be unique within a file")


def test_jsonl_published_timestamp_is_cut_to_its_date():
    [doc] = read_jsonl_lines(jsonl({"id": "a", "text": "Kyiv", "published": "2024-10-27T23:30:00+02:00"}), "w.jsonl")
    assert doc.published == date(2024, 10, 27)


@pytest.mark.parametrize(("published", "reason"), [
    ("yesterday", "'yesterday' is not a date; expected YYYY-MM-DD, e.g. 2024-10-27"),
    ("2024-02-30", "'2024-02-30' is not a date; expected YYYY-MM-DD, e.g. 2024-10-27"),
    (20241027, '"published" must be a string YYYY-MM-DD'),
])
def test_jsonl_bad_published_is_a_failure(published, reason):
    lines = jsonl({"id": "a", "text": "Kyiv", "published": published})
    assert list(read_jsonl_lines(lines, "wire.jsonl")) == [Failure("wire.jsonl", 1, reason)]


def test_jsonl_line_with_non_utf8_byte_fails_alone(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Drones struck Kyiv."}\n'
                     b'{"id": "b", "text": "caf\xe9 in Kyiv"}\n'
                     b'{"id": "c", "text": "Protesters rallied in Tbilisi."}\n')
    items = read_all(path)
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "c"]
    assert [(f.file, f.line) for f in items if isinstance(f, Failure)] == [(str(path), 2)]


# --- folders --------------------------------------------------------------------------------------


def test_folder_is_walked_in_sorted_order(tmp_path):
    folder = tmp_path / "in"
    write(folder / "zeta.txt", "Kyiv z")
    write(folder / "sub" / "c.txt", "Kyiv c")
    write(folder / "b.txt", "Kyiv b")
    write(folder / "a.md", "Kyiv a")
    write(folder / "wire.jsonl", "\n".join(jsonl({"id": "w2", "text": "Kyiv"}, {"id": "w1", "text": "Kyiv"})))
    assert [d.id for d in read_all(folder)] == ["a", "b", "sub/c", "w2", "w1", "zeta"]


def test_readme_files_and_unknown_suffixes_in_a_folder_are_skipped_not_failed(tmp_path):
    folder = tmp_path / "in"
    write(folder / "README.md", "About these files.")
    write(folder / "README", "About these files.")
    write(folder / "sub" / "readme.txt", "About these files.")
    write(folder / "notes.csv", "a,b")
    write(folder / "photo.JPG", "x")
    write(folder / "kyiv.txt", "Drones struck Kyiv.")
    skipped: list[str] = []
    items = list(read_inputs([folder], skipped))
    assert [i.id for i in items] == ["kyiv"]
    assert skipped == sorted(str(folder / name) for name in ("README", "README.md", "notes.csv", "photo.JPG",
                                                               "sub/readme.txt"))


def test_dotfiles_and_dot_folders_are_ignored(tmp_path):
    folder = tmp_path / "in"
    write(folder / ".hidden.txt", "Kyiv hidden")
    write(folder / ".git" / "notes.txt", "Kyiv in git")
    write(folder / ".cache.csv", "x")
    write(folder / "kyiv.txt", "Drones struck Kyiv.")
    skipped: list[str] = []
    assert [i.id for i in read_inputs([folder], skipped)] == ["kyiv"]
    assert skipped == []


def test_explicitly_named_unsupported_file_is_a_failure(tmp_path):
    path = write(tmp_path / "data.csv", "a,b")
    skipped: list[str] = []
    assert list(read_inputs([path], skipped)) == [
        Failure(str(path), None, "unsupported file type '.csv'; use .txt, .md, .jsonl, .json, .html or an "
                                 ".xml/.rss/.atom feed")
    ]
    assert skipped == []


def test_explicitly_named_missing_file_is_a_failure(tmp_path):
    path = tmp_path / "missing.txt"
    assert read_all(path) == [Failure(str(path), None, "no such file or folder; check the path")]


def test_doc_ids_are_folder_relative_paths_without_suffix(tmp_path):
    folder = tmp_path / "in"
    write(folder / "kyiv.txt", "Kyiv")
    write(folder / "2024" / "oct" / "kharkiv.md", "Kharkiv")
    assert [d.id for d in read_all(folder)] == ["2024/oct/kharkiv", "kyiv"]


def test_file_named_directly_has_its_stem_as_id(tmp_path):
    [doc] = read_all(write(tmp_path / "deep" / "kyiv.txt", "Kyiv"))
    assert doc.id == "kyiv"
    assert doc.file == str(tmp_path / "deep" / "kyiv.txt")


def test_documents_in_one_folder_get_distinct_ids(tmp_path):
    folder = tmp_path / "in"
    write(folder / "kyiv.txt", "Drones struck Kyiv.")
    write(folder / "kyiv.md", "Protesters rallied in Kyiv.")
    ids = [d.id for d in read_all(folder)]
    assert len(ids) == 2
    assert len(set(ids)) == 2


# --- hostile inputs: special files, sizes, nesting, characters, dates -------------------------------

HOSTILE = Path(__file__).parents[2] / "data" / "hostile"
NOT_REGULAR = "not a regular file; geomap reads only regular files"


@contextlib.contextmanager
def within(seconds: int):
    """Fail instead of hanging: an alarm interrupts a read that blocks (a named pipe opened for reading)."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_special_files_in_a_folder_are_skipped_with_their_reason_and_never_opened(tmp_path):
    folder = tmp_path / "in"
    write(folder / "a_good.txt", "Drones struck Kyiv.")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.md").symlink_to("missing.md")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "elsewhere").symlink_to(tmp_path)
    write(folder / "z_good.md", "Shelling hit Kharkiv.")
    skipped: list[str] = []
    with within(10):
        items = list(read_inputs([folder], skipped))
    assert [i.id for i in items] == ["a_good", "z_good"]
    assert skipped == [
        f"{folder / 'dangling.md'}: a symbolic link to 'missing.md', which does not exist; fix or remove the link",
        f"{folder / 'elsewhere'}: a symbolic link to a folder, not followed; name the folder itself to read it",
        f"{folder / 'loop.txt'}: a symbolic link loop; fix or remove the link",
        f"{folder / 'pipe.txt'}: a named pipe (FIFO), {NOT_REGULAR}",
        f"{folder / 'zero.txt'}: a character device, {NOT_REGULAR}",
    ]


def test_special_files_named_directly_are_failures_not_hangs(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.jsonl").symlink_to("loop.jsonl")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    good = write(tmp_path / "good.txt", "Drones struck Kyiv.")
    with within(10):
        items = read_all(tmp_path / "pipe.txt", tmp_path / "loop.jsonl", tmp_path / "zero.txt", good)
    assert items[:3] == [
        Failure(str(tmp_path / "pipe.txt"), None, f"a named pipe (FIFO), {NOT_REGULAR}"),
        Failure(str(tmp_path / "loop.jsonl"), None, "a symbolic link loop; fix or remove the link"),
        Failure(str(tmp_path / "zero.txt"), None, f"a character device, {NOT_REGULAR}"),
    ]
    assert items[3].id == "good"


def test_the_read_stops_one_byte_past_the_file_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_MAX_FILE_BYTES", "1000")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 64 GiB, sparse: only a read without a bound would notice
        handle.truncate(64 * 2**30)
    exact = write(tmp_path / "exact.txt", "Kyiv " * 200)
    with within(10):
        items = read_all(huge, exact, write(tmp_path / "over.jsonl", json.dumps({"id": "a", "text": "Kyiv " * 200})))
    assert items[0] == Failure(str(huge), None, f"the file has {64 * 2**30:,} bytes, more than 1,000 (limit "
                                                "max_file_bytes); split it, or set GEOMAP_MAX_FILE_BYTES higher")
    assert items[1].id == "exact"
    assert items[2].reason.startswith("the file has 1,023 bytes, more than 1,000 (limit max_file_bytes)")


def test_a_document_over_max_document_chars_is_a_failure_and_the_next_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_MAX_DOCUMENT_CHARS", "40")
    path = write(tmp_path / "long.txt", "date 2024-10-27\n" + "Drones struck Kyiv again. " * 2)
    lines = jsonl({"id": "a", "text": "x" * 41}, {"id": "b", "text": "Drones struck Kyiv."},
                  {"id": "c", "text": "\ufdfa" * 3})  # 3 characters that NFKC writes as 54
    items = read_all(path) + list(read_jsonl_lines(lines, "w.jsonl"))
    reason = ("the text has {} characters{}, more than 40 (limit max_document_chars); split the document, or set "
              "GEOMAP_MAX_DOCUMENT_CHARS higher")
    assert items == [Failure(str(path), None, reason.format(52, "")), Failure("w.jsonl", 1, reason.format(41, "")),
                     items[2], Failure("w.jsonl", 3, reason.format(54, " once normalised"))]
    assert items[2].id == "b"


def test_jsonl_nested_100000_deep_fails_alone_before_json_recurses():
    deep = "[" * 100_000 + "]" * 100_000
    lines = jsonl({"id": "a", "text": "Drones struck Kyiv."}, deep, '{"id": "x", "text": ' + "{" * 100_000,
                  {"id": "b", "text": "Shelling hit Kharkiv."})
    items = list(read_jsonl_lines(lines, "w.jsonl"))
    assert [(type(i).__name__, i.line) for i in items] == [("Document", 1), ("Failure", 2), ("Failure", 3),
                                                            ("Document", 4)]
    assert items[1].reason == ("JSON nested 100,000 levels deep, more than 64 (limit max_json_depth); give flat "
                               "objects, or set GEOMAP_MAX_JSON_DEPTH higher")
    assert items[2].reason.startswith("JSON nested 100,001 levels deep")


def test_jsonl_depth_counts_brackets_outside_strings_only(tmp_path):
    text = 'Kyiv ' + "[" * 500 + ' \\" {{ ' + "]" * 500
    nested = {"id": "c", "text": "Kyiv", "extra": json.loads("[" * 63 + "]" * 63)}  # 64 levels with the object
    path = write(tmp_path / "w.jsonl", "\n".join(jsonl({"id": "a", "text": text}, nested)))
    assert [d.id for d in read_all(path)] == ["a", "c"]
    assert json_depth('{"a": "[[[", "b": [{"c": "\\"]"}]}') == 3
    assert json_depth(b'"\\"\\"\\"' * 10_000) == 0  # an unterminated run of escaped quotes: one linear scan


def test_geomap_parse_jsonl_prints_an_error_record_for_a_deep_line(tmp_path, gaz):
    path = write(tmp_path / "w.jsonl", "\n".join(jsonl({"id": "a", "text": "Drones struck Kyiv on Friday.",
                                                         "published": "2024-10-27"}, "[" * 100_000 + "]" * 100_000,
                                                        {"id": "b", "text": "Shelling hit Kharkiv."})) + "\n")
    run = CliRunner().invoke(geomap_main, ["parse", "--jsonl", str(path)])
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert 'Error: 1 input line(s) could not be parsed; see the "error" lines in the output' in run.output
    records = [json.loads(line) for line in run.output.splitlines() if line.startswith("{")]
    assert [r.get("id") or r["error"][:20] for r in records] == ["a", "JSON nested 100,000 ", "b"]
    assert records[1]["line"] == 2 and "GEOMAP_MAX_JSON_DEPTH" in records[1]["error"]


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


def test_publication_dates_outside_1900_2100_fail_their_document_only(tmp_path):
    items = read_all(HOSTILE / "published_out_of_range.jsonl")
    reason = ("the publication date {} is outside 1900-2100; give the day the document was published "
              "(YYYY-MM-DD), or leave the date out")
    name = str(HOSTILE / "published_out_of_range.jsonl")
    assert items == [Failure(name, 1, reason.format("0001-01-01")), items[1],
                     Failure(name, 3, reason.format("9999-12-31"))]
    assert items[1].id == "good"
    path = write(tmp_path / "late.txt", "date 2101-01-01\nDrones struck Kyiv.")
    assert read_all(path) == [Failure(str(path), 1, reason.format("2101-01-01"))]
    with pytest.raises(InputError, match="outside 1900-2100"):
        geomap.parse("Drones struck Kyiv.", published=date(9999, 12, 31))


def test_a_date_phrase_outside_1900_2100_is_not_used_and_the_document_is_read(gaz):
    [doc] = read_all(HOSTILE / "year_0001.txt")
    result = geomap.parse_document(doc, gaz)
    assert {(e.date_start, e.date_end, e.date_text) for e in result.events} == {
        (date(2024, 10, 21), date(2024, 10, 27), "")}  # neither 2024-01-01 nor 2023-12-31


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
