"""Scale: the local process pool and a 2-worker Dask cluster give exactly the events of one process; the
situation store upserts by stable ids, re-ingesting changes nothing, and a map built from the store is the
map built from the inputs."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import geomap
from geomap.batch.digest import digest_to_json
from geomap.batch.engine import run
from geomap.batch.store import fingerprint, ingest
from geomap.errors import GeomapError
from geomap.records import Failure
from geomap.text.ingest import read_inputs
from tests.conftest import NEWS_SLICE, SHARED_EVAL, with_shared


@dataclass(frozen=True)
class Corpus:
    """A JSONL file of news documents with one broken line in the middle."""

    path: Path
    documents: int  # the good ones


def _news_lines(source: str) -> list[str]:
    if source == "ours":
        return NEWS_SLICE.read_text(encoding="utf-8").splitlines()
    return [line for name in ("trnews.jsonl", "geowebnews.jsonl")
            for line in (SHARED_EVAL / name).read_text(encoding="utf-8").splitlines()[:30]]


@pytest.fixture(scope="module", params=["ours", *with_shared("shared")])
def corpus(request, tmp_path_factory) -> Corpus:
    """Our 30 news reports (tests/data/corpus/); with ../shared present, also the first 30 documents of
    each shared eval corpus."""
    lines = _news_lines(request.param)
    middle = len(lines) // 2
    path = tmp_path_factory.mktemp("scale") / "news.jsonl"
    path.write_text("\n".join([*lines[:middle], "{broken", *lines[middle:]]) + "\n", encoding="utf-8")
    return Corpus(path, len(lines))


def _results(corpus: Corpus, **engine) -> list:
    return [item if isinstance(item, Failure) else digest_to_json(item)
            for item in run(read_inputs([corpus.path]), **engine)]


@pytest.fixture(scope="module")
def one_process(corpus, gaz):
    results = _results(corpus)
    assert sum(isinstance(r, Failure) for r in results) == 1 and sum(len(r["events"]) for r in results
                                                                     if isinstance(r, dict)) > 10
    return results


def test_the_local_pool_gives_the_events_of_one_process(corpus, one_process):
    assert _results(corpus, workers=2) == one_process


def test_a_two_worker_dask_cluster_gives_the_events_of_the_local_engine(corpus, one_process):
    pytest.importorskip("distributed", reason="geomap[dask] is part of the dev install; CI has it")
    assert _results(corpus, engine="dask", workers=2) == one_process


def test_an_unreachable_scheduler_is_a_clear_error(corpus):
    pytest.importorskip("distributed")
    with pytest.raises(GeomapError, match="cannot reach the Dask scheduler"):
        list(run(read_inputs([corpus.path]), engine="dask", scheduler="tcp://127.0.0.1:1"))


def test_reingesting_the_same_documents_changes_nothing(tmp_path, corpus, gaz):
    store = tmp_path / "situation.db"
    first = ingest(read_inputs([corpus.path]), store, gaz)
    assert (first.added, first.updated, first.unchanged, first.failures) == (corpus.documents, 0, 0, 1)
    before, data = fingerprint(store), store.read_bytes()
    again = ingest(read_inputs([corpus.path]), store, gaz)
    assert (again.added, again.updated, again.unchanged) == (0, 0, corpus.documents)
    assert fingerprint(store) == before and store.read_bytes() == data


def test_a_changed_document_is_replaced_and_a_new_report_corroborates(tmp_path, gaz):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("date 2024-10-27\nDrones struck Kyiv on Friday, officials said.\n", "utf-8")
    store = tmp_path / "situation.db"
    ingest(read_inputs([inbox]), store, gaz)
    (inbox / "a.txt").write_text("date 2024-10-27\nDrones struck Kyiv on Friday, the mayor said.\n", "utf-8")
    (inbox / "b.txt").write_text("date 2024-10-26\nA Russian drone hit Kyiv on Friday.\n", "utf-8")
    report = ingest(read_inputs([inbox]), store, gaz)
    assert (report.added, report.updated, report.unchanged) == (1, 1, 0)
    result = geomap.build([], tmp_path / "out", store=store)
    [strike] = [f["properties"] for f in
                json.loads((tmp_path / "out" / "events.geojson").read_text("utf-8"))["features"]]
    assert strike["source_count"] == 2 and "the mayor" in strike["sources"]
    assert len(result.report.documents) == 2


def test_a_map_built_from_the_store_is_the_map_built_from_the_inputs(tmp_path, corpus, seed_article):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(corpus.path, inbox / "news.jsonl")
    shutil.copy(seed_article, inbox / "article.txt")
    store = tmp_path / "situation.db"
    geomap.build([inbox], tmp_path / "direct")
    geomap.build([inbox], tmp_path / "stored", store=store)  # ingest, then build from the store
    for name in ("events.geojson", "places.geojson", "situation.gpkg", "map.html", "failures.jsonl"):
        assert (tmp_path / "direct" / name).read_bytes() == (tmp_path / "stored" / name).read_bytes(), name


def test_the_same_id_from_two_folders_keeps_both_documents(tmp_path, gaz):
    for day, text in (("mon", "Drones struck Kyiv on Monday."), ("tue", "Shelling hit Kharkiv on Tuesday.")):
        (tmp_path / day).mkdir()
        (tmp_path / day / "report.txt").write_text(f"date 2024-10-27\n{text}\n", encoding="utf-8")
    store = tmp_path / "situation.db"
    ingest(read_inputs([tmp_path / "mon"]), store, gaz)
    second = ingest(read_inputs([tmp_path / "tue"]), store, gaz)
    assert (second.added, second.updated) == (1, 0)
    again = ingest(read_inputs([tmp_path / "mon"]), store, gaz)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    result = geomap.build([], tmp_path / "out", store=store)
    assert sorted(d.doc_id for d in result.report.documents) == ["report", "report@report.txt"]


def test_a_fixed_file_loses_its_stored_failure(tmp_path, gaz):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text("---\ndate: yesterday\n---\nDrones struck Kyiv.\n", encoding="utf-8")
    (inbox / "b.txt").write_text("date 2024-10-27\nShelling hit Kharkiv on Friday.\n", encoding="utf-8")
    store = tmp_path / "situation.db"
    assert ingest(read_inputs([inbox]), store, gaz).failures == 1
    (inbox / "a.md").write_text("---\ndate: 2024-10-27\n---\nDrones struck Kyiv on Friday.\n", encoding="utf-8")
    ingest(read_inputs([inbox]), store, gaz)
    result = geomap.build([], tmp_path / "out", store=store)
    assert result.report.failures == () and len(result.report.documents) == 2


def test_building_from_a_file_that_is_no_store_is_an_error_and_changes_nothing(tmp_path, seed_article):
    geomap.build([seed_article], tmp_path / "out")
    before = (tmp_path / "out" / "events.geojson").read_bytes()
    with pytest.raises(GeomapError, match="is not a geomap store"):
        geomap.build([], tmp_path / "out", store=tmp_path / "out" / "situation.gpkg")
    assert (tmp_path / "out" / "events.geojson").read_bytes() == before


def test_two_ingests_into_one_store_at_once_take_turns(tmp_path, corpus):
    import subprocess
    import sys

    store = tmp_path / "situation.db"
    command = [sys.executable, "-c", "from geomap.cli import main; main()", "ingest", str(corpus.path), "--store",
               str(store), "--workers", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err.decode()[-500:] for _, err in outputs]
    reports = sorted(out.decode().strip() for out, _ in outputs)
    count = corpus.documents
    assert reports == [f"store {store}: added 0  updated 0  unchanged {count}  failures 1",
                       f"store {store}: added {count}  updated 0  unchanged 0  failures 1"]
