"""The store's file: the schema version, foreign and damaged files as clear errors, schema 0 upgraded, and
an interrupted ingest recovered."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import geomap.batch.store.connection as store_connection
from geomap.batch.digest import digest_to_json
from geomap.batch.engine import run
from geomap.batch.store import ingest, list_documents, load
from geomap.errors import GeomapError
from geomap.records import Document
from geomap.text.ingest import read_inputs
from tests.geomap.batch.store_helpers import KYIV, NEW, NOT_A_STORE, counts, geomap

# --- schema, foreign and damaged files ------------------------------------------------------------


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


# --- an interrupted ingest ------------------------------------------------------------------------


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
