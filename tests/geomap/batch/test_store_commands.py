"""`geomap store list` and `geomap store remove`."""

from __future__ import annotations

from datetime import date

from geomap.batch.store import ingest, load, remove_documents
from geomap.records import Document
from geomap.text.ingest import read_inputs
from tests.geomap.batch.store_helpers import events, geomap


def test_list_escapes_control_characters_of_ids_and_titles(tmp_path, gaz):
    doc = Document(id="t\x07", text="Drones struck Kyiv.", title="a\tb\x1b[31mred\nx\u202e",
                   published=date(2024, 10, 27))
    ingest([doc], tmp_path / "s.db", gaz)
    result = geomap("store", "list", "--store", str(tmp_path / "s.db"))
    assert result.exit_code == 0
    assert result.stdout == "t\\x07\ta\\tb\\x1b[31mred\\nx\\u202e\t2024-10-27\n"
    assert result.stderr == f"1 document(s) in {tmp_path / 's.db'}\n"


def test_store_list_prints_id_title_and_date(stored):
    result = geomap("store", "list", "--store", str(stored))
    assert result.exit_code == 0
    assert result.stdout == "kharkiv\t\t2024-10-26\nkyiv\t\t2024-10-27\n"


def test_store_remove_removes_the_found_ids_and_names_the_others(stored, tmp_path):
    result = geomap("store", "remove", "kyiv", "nope", "kyiv", "--store", str(stored))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"removed 1 document(s) from {stored}\n"
    assert result.stderr == "not in the store: nope\n"
    assert [e["place_name"] for e in events(stored, tmp_path / "out")] == ["Kharkiv"]


def test_store_remove_of_unknown_ids_only_is_an_error(stored):
    data = stored.read_bytes()
    result = geomap("store", "remove", "nope", "x\x1by", "--store", str(stored))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no document with id nope, x\\x1by in {stored}; `geomap store list --store "
                             f"{stored}` prints the stored ids\n")
    assert stored.read_bytes() == data


def test_removing_the_last_document_of_a_file_removes_its_failures(tmp_path, gaz):
    feed = tmp_path / "news.jsonl"
    feed.write_text('{"id": "a", "text": "Drones struck Kyiv on Friday."}\n{broken\n', encoding="utf-8")
    store = tmp_path / "situation.db"
    ingest(read_inputs([feed]), store, gaz)
    report = remove_documents(store, ["a"])
    assert (report.removed, report.missing, report.failures) == (("a",), (), 1)
    assert load(store, gaz) == ([], [])


def test_store_commands_have_help_with_examples():
    for args, words in ((["store", "--help"], "geomap store remove kyiv-0412 report@report.txt"),
                        (["store", "list", "--help"], "Print the stored documents: id, title, published date."),
                        (["store", "remove", "--help"], "geomap store remove kyiv-0412 --store situation.db"),
                        (["ingest", "--help"], "geomap store list --store situation.db")):
        result = geomap(*args)
        assert result.exit_code == 0 and words in result.stdout, args
    assert "store" in geomap().stdout
