"""Ingesting into the situation store: a document is stored once whatever path or copy it arrives by, a
changed one replaces its stored version, hostile text round-trips, and writes commit in batches with any
engine."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import geomap.batch.store.ingestion as store_ingestion
from geomap.batch.digest import digest_to_json
from geomap.batch.engine import run
from geomap.batch.store import content_key, fingerprint, ingest, list_documents, load
from geomap.records import Document, Failure
from geomap.text.ingest import read_inputs
from tests.geomap.batch.store_helpers import KHARKIV, KYIV, counts, events, geomap

# --- one document, whatever its path --------------------------------------------------------------


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


# --- hostile text round-trips ---------------------------------------------------------------------


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


# --- batches and engines --------------------------------------------------------------------------


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
