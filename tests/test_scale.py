"""Scale: the local process pool and a 2-worker Dask cluster give exactly the events of one process; the
situation store upserts by stable ids, re-ingesting changes nothing, and a map built from the store is the
map built from the inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import geomap
from geomap.digest import digest_to_json
from geomap.engine import run
from geomap.errors import GeomapError
from geomap.ingest import read_inputs
from geomap.records import Failure
from geomap.store import fingerprint, ingest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, shared_dir) -> Path:
    """60 news documents from the shared corpora, and one broken line."""
    lines = (shared_dir / "eval" / "trnews.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    lines += (shared_dir / "eval" / "geowebnews.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    path = tmp_path_factory.mktemp("scale") / "news.jsonl"
    path.write_text("\n".join([*lines[:30], "{broken", *lines[30:]]) + "\n", encoding="utf-8")
    return path


def _results(path: Path, **engine) -> list:
    return [item if isinstance(item, Failure) else digest_to_json(item)
            for item in run(read_inputs([path]), **engine)]


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
        list(run(read_inputs([corpus]), engine="dask", scheduler="tcp://127.0.0.1:1"))


def test_reingesting_the_same_documents_changes_nothing(tmp_path, corpus, gaz):
    store = tmp_path / "situation.db"
    first = ingest(read_inputs([corpus]), store, gaz)
    assert (first.added, first.updated, first.unchanged, first.failures) == (60, 0, 0, 1)
    before, data = fingerprint(store), store.read_bytes()
    again = ingest(read_inputs([corpus]), store, gaz)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 60)
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
    shutil.copy(corpus, inbox / "news.jsonl")
    shutil.copy(seed_article, inbox / "article.txt")
    store = tmp_path / "situation.db"
    geomap.build([inbox], tmp_path / "direct")
    geomap.build([inbox], tmp_path / "stored", store=store)  # ingest, then build from the store
    for name in ("events.geojson", "places.geojson", "situation.gpkg", "map.html", "failures.jsonl"):
        assert (tmp_path / "direct" / name).read_bytes() == (tmp_path / "stored" / name).read_bytes(), name
