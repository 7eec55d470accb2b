"""The situation store: a document is stored once whatever path or copy it arrives by, the schema version
and damaged or foreign files are clear errors, an interrupted ingest is recovered, and `geomap store`
lists and removes documents. Documents are one-liners so that each test parses in milliseconds."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import geomap.batch.store.connection as store_connection
import geomap.batch.store.ingestion as store_ingestion
from geomap.batch.digest import digest_to_json
from geomap.batch.engine import run
from geomap.batch.store import content_key, fingerprint, ingest, list_documents, load, remove_documents
from geomap.cli import main as geomap_main
from geomap.errors import GeomapError
from geomap.records import Document, Failure
from geomap.text.ingest import read_inputs

KYIV = "date 2024-10-27\nDrones struck Kyiv on Friday, officials said.\n"
KHARKIV = "date 2024-10-26\nShelling hit Kharkiv on Friday, the governor said.\n"
NEW = "store {store} was written by a newer geomap (schema 7, this one reads 1); upgrade geomap"
NOT_A_STORE = "give the file that `geomap ingest --store` wrote, or a new file name to start a store"


def geomap(*args: str) -> Result:
    return CliRunner().invoke(geomap_main, ["--help"] if not args else list(args))


def counts(report) -> tuple[int, int, int, int, int]:
    return report.added, report.updated, report.unchanged, report.duplicates, report.failures


def events(store: Path, out: Path) -> list[dict]:
    result = geomap("build", "--store", str(store), "--out", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    return [f["properties"] for f in json.loads((out / "events.geojson").read_text("utf-8"))["features"]]


@pytest.fixture
def inbox(tmp_path, monkeypatch) -> Path:
    """inbox/sub/kyiv.txt, with the test running in tmp_path so that relative paths mean something."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inbox" / "sub").mkdir(parents=True)
    (tmp_path / "inbox" / "sub" / "kyiv.txt").write_text(KYIV, encoding="utf-8")
    return tmp_path / "inbox"


# --- one document, whatever its path ----------------------------------------------------------------


def test_the_same_file_by_any_path_is_stored_once(inbox, tmp_path, gaz):
    store = tmp_path / "situation.db"
    assert counts(ingest(read_inputs([Path("inbox")]), store, gaz)) == (1, 0, 0, 0, 0)  # id "sub/kyiv"
    data = store.read_bytes()
    (tmp_path / "link.txt").symlink_to(inbox / "sub" / "kyiv.txt")
    for path in ("inbox/sub/kyiv.txt", "./inbox/sub/kyiv.txt", str(inbox / "sub" / "kyiv.txt"),
                 "inbox/sub/../sub/kyiv.txt", "link.txt"):
        assert counts(ingest(read_inputs([Path(path)]), store, gaz)) == (0, 0, 1, 0, 0), path
    assert store.read_bytes() == data
    [event] = events(store, tmp_path / "out")
    assert (event["source_count"], event["doc_ids"]) == (1, "sub/kyiv")


def test_a_copy_at_another_path_is_a_duplicate_not_a_second_report(inbox, tmp_path, gaz):
    store = tmp_path / "situation.db"
    ingest(read_inputs([inbox]), store, gaz)
    (tmp_path / "copies").mkdir()
    shutil.copy(inbox / "sub" / "kyiv.txt", tmp_path / "copies" / "kyiv.txt")
    assert counts(ingest(read_inputs([tmp_path / "copies"]), store, gaz)) == (0, 0, 0, 1, 0)
    [event] = events(store, tmp_path / "out")
    assert event["source_count"] == 1


def test_ingest_prints_the_duplicates(inbox, tmp_path, gaz):
    geomap("ingest", "inbox", "--store", "s.db", "--workers", "1")
    shutil.copy(inbox / "sub" / "kyiv.txt", tmp_path / "copy.txt")
    result = geomap("ingest", "copy.txt", "inbox", "--store", "s.db", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("store s.db: added 0  updated 0  unchanged 1  failures 0  duplicates 1 (stored already "
                             "from another file; not added)\n")


def test_a_changed_file_named_by_another_path_replaces_its_document_under_the_stored_id(inbox, tmp_path, gaz):
    store = tmp_path / "situation.db"
    ingest(read_inputs([inbox]), store, gaz)
    (inbox / "sub" / "kyiv.txt").write_text(KYIV.replace("officials", "the mayor"), encoding="utf-8")
    assert counts(ingest(read_inputs([inbox / "sub" / "kyiv.txt"]), store, gaz)) == (0, 1, 0, 0, 0)
    [event] = events(store, tmp_path / "out")
    assert (event["source_count"], event["doc_ids"], event["sources"]) == (1, "sub/kyiv", "the mayor")


def test_a_jsonl_record_changed_is_replaced_and_the_others_stay(tmp_path, gaz, monkeypatch):
    monkeypatch.chdir(tmp_path)
    records = [{"id": "a", "text": "Drones struck Kyiv on Friday.", "published": "2024-10-27"},
               {"id": "b", "text": "Shelling hit Kharkiv on Friday.", "published": "2024-10-27"}]
    feed = tmp_path / "news.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (tmp_path / "a.txt").write_text("date 2024-10-20\nA protest in Lviv on Monday.\n", encoding="utf-8")
    store = tmp_path / "situation.db"
    ingest(read_inputs([Path("a.txt"), Path("news.jsonl")]), store, gaz)  # the record "a" becomes a@news.jsonl
    records[0]["text"] = "Drones struck Odesa on Friday."
    feed.write_text("\n" + "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")  # lines move too
    assert counts(ingest(read_inputs([feed]), store, gaz)) == (0, 1, 1, 0, 0)
    assert [d.id for d in list_documents(store)] == ["a", "a@news.jsonl", "b"]
    assert "Odesa" in {e["place_name"] for e in events(store, tmp_path / "out")}


def test_a_file_that_becomes_a_copy_of_another_loses_its_old_version(tmp_path, gaz):
    (tmp_path / "f.txt").write_text(KYIV, encoding="utf-8")
    (tmp_path / "g.txt").write_text(KHARKIV, encoding="utf-8")
    store = tmp_path / "situation.db"
    ingest(read_inputs([tmp_path / "f.txt", tmp_path / "g.txt"]), store, gaz)
    (tmp_path / "f.txt").write_text(KHARKIV, encoding="utf-8")
    assert counts(ingest(read_inputs([tmp_path / "f.txt"]), store, gaz)) == (0, 1, 0, 0, 0)
    assert [d.id for d in list_documents(store)] == ["g"]


def test_a_failure_read_by_another_path_is_stored_once(tmp_path, gaz, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bad.md").write_text("---\ndate: yesterday\n---\nDrones struck Kyiv.\n", encoding="utf-8")
    Path("kyiv.txt").write_text(KYIV, encoding="utf-8")
    store = tmp_path / "situation.db"
    ingest(read_inputs([Path("bad.md"), Path("kyiv.txt")]), store, gaz)
    before = fingerprint(store)
    assert counts(ingest(read_inputs([tmp_path / "bad.md"]), store, gaz)) == (0, 0, 0, 0, 1)
    assert fingerprint(store) == before
    assert len(load(store, gaz)[1]) == 1


def test_the_content_key_cannot_be_forged_by_moving_text_between_fields():
    one = Document(id="x", text="Drones struck Kyiv.\x1f", title="Kyiv")
    other = Document(id="y", text="Drones struck Kyiv.", title="\x1fKyiv")
    assert content_key(one) != content_key(other)
    assert content_key(one) == content_key(Document(id="z", text="Drones struck Kyiv.\x1f", title="Kyiv", file="f"))


# --- hostile text round-trips -------------------------------------------------------------------------


def test_template_syntax_and_markup_in_a_document_round_trip_exactly(tmp_path, gaz):
    """Documents straight to the store (input cleaning is geomap.text.ingest's business): what is stored is
    what the parse gave, string for string."""
    title = "{% endif %}{{ 6*7 }}</script><b>\u202eKyiv"
    text = "Drones struck Kyiv on Friday {{ 6*7 }} {% endif, officials said {% raw %}."
    doc = Document(id="{{ 6*7 }}", text=text, title=title, published=date(2024, 10, 27), url="https://x.test/?a={{b}}",
                   source="{% endif", file=str(tmp_path / "hostile.jsonl"), line=1)
    store = tmp_path / "situation.db"
    ingest([doc], store, gaz)
    [direct] = [digest_to_json(d) for d in run([doc])]
    with sqlite3.connect(store) as db:
        [(stored,)] = db.execute("SELECT digest FROM documents").fetchall()
    assert json.loads(stored) == direct
    assert direct["document"]["title"] == title and "{{ 6*7 }} {% endif" in direct["events"][0]["quote"]
    [loaded] = load(store, gaz)[0]
    assert (loaded.document.id, loaded.document.title, loaded.document.source) == ("{{ 6*7 }}", title, "{% endif")
    assert list_documents(store)[0].title == title


def test_a_lone_surrogate_is_a_failure_not_a_crash(tmp_path, gaz):
    store = tmp_path / "situation.db"
    report = ingest([Document(id="s", text="Drones struck Kyiv.", title="x\udfff", file="s.jsonl", line=1)], store, gaz)
    assert counts(report) == (0, 0, 0, 0, 1)
    [failure] = load(store, gaz)[1]
    assert (failure.file, failure.line) == ("s.jsonl", 1) and "lone UTF-16 surrogate" in failure.reason


def test_a_file_name_that_is_not_utf8_is_a_stored_failure_not_a_crash(tmp_path, gaz):
    name = str(tmp_path / "kyiv\udcff.txt")  # how Python spells the byte 0xff of a file name
    store = tmp_path / "situation.db"
    report = ingest([Document(id="kyiv", text="Drones struck Kyiv.", file=name),
                     Failure(name.replace("kyiv", "bad"), None, "unsupported")], store, gaz)
    assert counts(report) == (0, 0, 0, 0, 2)
    assert sorted((f.file, f.reason) for f in load(store, gaz)[1]) == [
        (f"{tmp_path}/bad\\udcff.txt", "unsupported"),
        (f"{tmp_path}/kyiv\\udcff.txt", "the file name is not valid UTF-8; rename the file")]


def test_list_escapes_control_characters_of_ids_and_titles(tmp_path, gaz):
    doc = Document(id="t\x07", text="Drones struck Kyiv.", title="a\tb\x1b[31mred\nx\u202e",
                   published=date(2024, 10, 27))
    ingest([doc], tmp_path / "s.db", gaz)
    result = geomap("store", "list", "--store", str(tmp_path / "s.db"))
    assert result.exit_code == 0
    assert result.stdout == "t\\x07\ta\\tb\\x1b[31mred\\nx\\u202e\t2024-10-27\n"
    assert result.stderr == f"1 document(s) in {tmp_path / 's.db'}\n"


# --- schema, foreign and damaged files ------------------------------------------------------------------


@pytest.fixture
def stored(tmp_path, gaz) -> Path:
    """A store holding kyiv.txt and kharkiv.txt."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kyiv.txt").write_text(KYIV, encoding="utf-8")
    (tmp_path / "in" / "kharkiv.txt").write_text(KHARKIV, encoding="utf-8")
    store = tmp_path / "situation.db"
    ingest(read_inputs([tmp_path / "in"]), store, gaz)
    return store


def test_a_store_of_a_newer_schema_is_refused_with_the_fix(stored, gaz):
    with sqlite3.connect(stored) as db:
        db.execute("PRAGMA user_version = 7")
    data = stored.read_bytes()
    for args in (["build", "--store", str(stored)], ["ingest", str(stored.parent / "in"), "--store", str(stored)],
                 ["store", "list", "--store", str(stored)], ["store", "remove", "kyiv", "--store", str(stored)]):
        result = geomap(*args)
        assert (result.exit_code, result.stderr) == (1, f"Error: {NEW.format(store=stored)}\n"), args
    assert stored.read_bytes() == data


def test_a_file_that_is_no_sqlite_database_is_refused_and_left_alone(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100, encoding="utf-8")
    for args in (["build", "--store", str(notes)], ["ingest", str(notes), "--store", str(notes)]):
        result = geomap(*args)
        assert result.exit_code == 1
        assert result.stderr == f"Error: {notes} is not a geomap store (not an SQLite database); {NOT_A_STORE}\n"
    assert notes.read_text(encoding="utf-8") == "not a database\n" * 100


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path, inbox):
    other = tmp_path / "layers.gpkg"
    with sqlite3.connect(other) as db:
        db.execute("PRAGMA application_id = 1196444487")  # GPKG
        db.execute("CREATE TABLE gpkg_contents (table_name TEXT)")
    data = other.read_bytes()
    result = geomap("ingest", str(inbox), "--store", str(other))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {other} is not a geomap store (an SQLite database of another kind, "
                             f"application id 0x47504b47, tables gpkg_contents); {NOT_A_STORE}\n")
    assert other.read_bytes() == data


def test_a_damaged_store_is_named_with_the_fix(stored):
    with sqlite3.connect(stored) as db:
        [(root,)] = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchall()
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    with stored.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)
    result = geomap("build", "--store", str(stored), "--out", str(stored.parent / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {stored} is damaged (database disk image is malformed); restore it from a "
                             f"backup, or move it aside and ingest the documents again: geomap ingest INPUT ... "
                             f"--store {stored}\n")


def test_a_folder_or_a_missing_store_is_an_error_with_the_fix(tmp_path):
    result = geomap("store", "list", "--store", str(tmp_path))  # click checks the option first
    assert result.exit_code == 2 and f"Error: Invalid value for '--store': File '{tmp_path}' is a directory." in \
        result.stderr
    with pytest.raises(GeomapError, match=r"is a folder; give a file path such as situation\.db$"):
        list_documents(tmp_path)
    missing = tmp_path / "nope.db"
    for args in (["store", "list", "--store", str(missing)], ["store", "remove", "x", "--store", str(missing)],
                 ["build", "--store", str(missing)]):
        result = geomap(*args)
        assert (result.exit_code, result.stderr) == (1, f"Error: no store at {missing}; create it with `geomap "
                                                        f"ingest INPUT ... --store {missing}`\n"), args
    assert not missing.exists() and not (tmp_path / "nope.db.lock").exists()


SCHEMA_0 = """
CREATE TABLE documents (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, file TEXT NOT NULL,
                        hash TEXT NOT NULL, digest TEXT NOT NULL);
CREATE TABLE failures (file TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL,
                       PRIMARY KEY (file, line, reason));
"""


def test_a_store_of_schema_0_is_read_and_upgraded_without_doubling(tmp_path, gaz, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("kyiv.txt").write_text(KYIV, encoding="utf-8")
    [digest] = run(read_inputs([Path("kyiv.txt")]))
    store = tmp_path / "old.db"
    with sqlite3.connect(store) as db:
        db.executescript(SCHEMA_0)
        db.execute("INSERT INTO documents (id, file, hash, digest) VALUES (?, ?, ?, ?)",
                   ("kyiv", "kyiv.txt", "old", json.dumps(digest_to_json(digest))))
        db.execute("INSERT INTO failures VALUES ('bad.md', 2, 'not a date')")
    assert len(load(store, gaz)[0]) == 1  # read as it is
    assert counts(ingest(read_inputs([tmp_path / "kyiv.txt"]), store, gaz)) == (0, 1, 0, 0, 0)
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert db.execute("SELECT source FROM failures").fetchall() == [(str(tmp_path / "bad.md"),)]
    assert [d.id for d in list_documents(store)] == ["kyiv"]


# --- an interrupted ingest --------------------------------------------------------------------------------

KILLED_INGEST = textwrap.dedent("""
    import os, signal, sys
    import gazetteer
    from geomap.batch import store
    from geomap.batch.store import ingestion
    from geomap.records import Document, Failure

    opened = ingestion.open_store

    def small_cache(path, *, write):  # pages spill into the file before commit, as in a large ingest
        db = opened(path, write=write)
        db.execute("PRAGMA cache_size = 1")
        return db

    ingestion.open_store, ingestion.BATCH_DOCUMENTS = small_cache, 2
    docs = [Document(id=f"d{i}", text=f"Drones struck Kyiv on Friday ({i}).", file=f"d{i}.txt") for i in (1, 2, 3)]

    def items():
        yield from docs  # the third is written, uncommitted, when the process dies
        os.kill(os.getpid(), signal.SIGKILL)

    store.ingest(items(), sys.argv[1], gazetteer.open(), workers=1)
""")


@pytest.fixture
def killed(tmp_path) -> Path:
    """A store whose ingest was SIGKILLed after one batch of two documents, within the second batch."""
    store = tmp_path / "situation.db"
    done = subprocess.run([sys.executable, "-c", KILLED_INGEST, str(store)], capture_output=True, timeout=120)
    assert done.returncode == -9, done.stderr.decode()[-2000:]
    assert Path(f"{store}-journal").is_file()
    return store


def test_a_killed_ingest_keeps_its_committed_batches_and_the_next_read_recovers_it(killed, tmp_path):
    result = geomap("build", "--store", str(killed), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("documents: 2 ")
    assert not Path(f"{killed}-journal").exists()
    with sqlite3.connect(killed) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_killed_ingest_in_a_store_this_process_may_only_read_says_how_to_recover(killed, gaz, monkeypatch):
    monkeypatch.setattr(store_connection, "writable", lambda path: False)
    with pytest.raises(GeomapError) as error:
        load(killed, gaz)
    assert str(error.value) == (f"{killed} holds an ingest that was interrupted, which this process cannot roll "
                                f"back because it may only read the store; run `geomap ingest` again on it to "
                                f"recover (as a user who may write {killed} and its folder)")
    monkeypatch.undo()
    report = ingest([Document(id=f"d{i}", text=f"Drones struck Kyiv on Friday ({i}).", file=f"d{i}.txt")
                     for i in (1, 2, 3)], killed, gaz)
    assert counts(report) == (1, 0, 2, 0, 0)


def test_ingest_commits_in_batches(tmp_path, gaz, monkeypatch):
    monkeypatch.setattr(store_ingestion, "BATCH_DOCUMENTS", 2)
    store = tmp_path / "situation.db"
    seen = []

    def documents():
        for i in range(5):
            if i and i % 2 == 0:  # a reader sees every batch committed so far
                seen.append(len(list_documents(store)))
            yield Document(id=f"d{i}", text=f"Drones struck Kyiv on Friday ({i}).", file=f"d{i}.txt")

    assert counts(ingest(documents(), store, gaz)) == (5, 0, 0, 0, 0)
    assert seen == [2, 4]



def test_a_process_pool_skips_and_deduplicates_as_one_process_does(tmp_path, gaz):
    """With workers the engine reads the documents in its own thread: the store decides there."""
    docs = [Document(id=f"d{i}", text=f"Drones struck Kyiv on Friday ({i % 4}).", file=f"d{i}.txt") for i in range(6)]
    store = tmp_path / "situation.db"
    assert counts(ingest(docs, store, gaz, workers=2)) == (4, 0, 0, 2, 0)
    assert counts(ingest(docs, store, gaz, workers=2)) == (0, 0, 4, 2, 0)
    assert [d.id for d in list_documents(store)] == ["d0", "d1", "d2", "d3"]

# --- geomap store list / remove -----------------------------------------------------------------------------


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

