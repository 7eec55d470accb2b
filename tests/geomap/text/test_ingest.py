"""geomap.text.ingest: every input becomes a Document or a Failure naming the file, the line and the fix."""

from __future__ import annotations

import json
from datetime import date

import pytest

import geomap
from geomap.errors import InputError
from geomap.records import Document, Failure
from geomap.text.ingest import document_from_text, read_inputs, read_jsonl_lines, read_text_file
from tests.geomap.text.inputs import HOSTILE, jsonl, read_all, write

BAD_DATE_REASON = "'2024-13-45' is not a date; expected YYYY-MM-DD, e.g. 2024-10-27"
NO_TEXT_REASON = "the document has no text; write the article after the date line"


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
    ]  # neither is long or clear enough to tell its language: read as English (geomap.text.language)


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


# --- publication dates outside the years dates are read in ---------------------------------------


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


