"""The time budget of one document (limits.max_document_seconds) in every engine, and Dask's failures to
start or connect as errors that say what to do."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import date

import pytest

from geomap.batch.engine import run
from geomap.errors import GeomapError
from geomap.pipeline import MAX_SENTENCE_CHARS, DocumentTimeoutError, bounded_sentences, parse_document
from geomap.records import Digest, Document, Failure

SENTENCES = (
    "Russian drones struck Kharkiv on Monday, the regional governor said.",
    "Heavy fighting broke out near Pokrovsk on Tuesday, <script>alert(1)</script> the army said.",
    "Protesters rallied in Tbilisi on Wednesday =cmd|' /C calc'!A0 against the law.",
    "Troops were deployed to Kursk on Thursday, officials in Moscow said.",
    "A car bomb exploded in central Mogadishu on Friday {{ 7*7 }}, the police reported.",
)


def _document(doc_id: str, sentences: int) -> Document:
    text = " ".join(SENTENCES[i % len(SENTENCES)] for i in range(sentences))
    return Document(id=doc_id, text=text, published=date(2024, 10, 27), file=f"{doc_id}.txt")


@pytest.fixture(scope="module")
def slow(gaz) -> Document:
    """20,000 sentences (1.5 MB): about 5 s of parsing, ten times the budgets below."""
    return _document("slow\u202e", 20_000)


def test_a_document_over_its_budget_is_an_error_naming_the_limit_and_its_variable(gaz):
    with pytest.raises(DocumentTimeoutError) as caught:
        parse_document(_document("long", 40), gaz, seconds=1e-9)
    message = str(caught.value)
    assert "'long' took longer than 1e-09 s" in message and "max_document_seconds" in message
    assert "GEOMAP_MAX_DOCUMENT_SECONDS" in message and isinstance(caught.value, TimeoutError)


def test_the_budget_is_checked_inside_the_stages_not_only_between_them(gaz, slow):
    """A budget of 0.3 s stops a parse of several seconds within a sentence's time of it."""
    started = time.perf_counter()
    with pytest.raises(DocumentTimeoutError, match="stopped in stage"):
        parse_document(slow, gaz, seconds=0.3)
    assert time.perf_counter() - started < 1.5


def test_a_text_without_full_stops_is_read_in_bounded_sentences(gaz):
    """120 KB with no full stop: its events quote pieces of at most MAX_SENTENCE_CHARS, not the whole text
    (the work on one sentence grows faster than its length: 2 MB of it took 49 s, and no check ran inside)."""
    text = ", ".join(SENTENCES[i % len(SENTENCES)].rstrip(".") for i in range(1500))
    events = parse_document(Document(id="no stop", text=text, published=date(2024, 10, 27)), gaz).events
    assert len(events) > 20
    assert all(len(e.quote) <= MAX_SENTENCE_CHARS for e in events)


def test_long_sentences_are_cut_at_spaces_and_short_ones_kept():
    text = "Kyiv " * 1000 + "x" * 5000 + " end."
    pieces = bounded_sentences(text, [(0, 4), (0, len(text))])
    assert pieces[0] == (0, 4) and pieces[1][0] == 0 and pieces[-1][1] == len(text)
    assert all(0 < b - a <= MAX_SENTENCE_CHARS for a, b in pieces)
    assert all(text[b] == " " for a, b in pieces[1:3])  # a cut at a space where there is one
    assert "".join(text[a:b] for a, b in pieces[1:]).replace(" ", "") == text.replace(" ", "")


def test_a_document_within_its_budget_parses_as_before(gaz):
    short = _document("short", 5)
    assert parse_document(short, gaz, seconds=30).events == parse_document(short, gaz, seconds=1e9).events


@pytest.mark.parametrize("engine", [
    {"engine": "local", "workers": 1},
    {"engine": "local", "workers": 2},
    pytest.param({"engine": "dask", "workers": 2}, id="dask"),
])
def test_every_engine_turns_a_slow_document_into_a_failure_and_goes_on(monkeypatch, gaz, slow, engine):
    if engine["engine"] == "dask":
        pytest.importorskip("distributed", reason="geomap[dask] is part of the dev install; CI has it")
    monkeypatch.setenv("GEOMAP_MAX_DOCUMENT_SECONDS", "0.5")
    items = [_document("before", 3), slow, _document("after", 4)]
    started = time.perf_counter()
    before, failure, after = run(iter(items), **engine)
    assert isinstance(before, Digest) and isinstance(after, Digest) and after.events
    assert isinstance(failure, Failure) and failure.file == slow.file
    assert "max_document_seconds" in failure.reason and "GEOMAP_MAX_DOCUMENT_SECONDS" in failure.reason
    assert time.perf_counter() - started < 40  # a Dask cluster starts in a few seconds


def test_a_bad_budget_in_the_environment_stops_the_run_before_any_work(monkeypatch):
    monkeypatch.setenv("GEOMAP_MAX_DOCUMENT_SECONDS", "soon")
    with pytest.raises(GeomapError, match="GEOMAP_MAX_DOCUMENT_SECONDS='soon' is not a positive number"):
        next(run(iter([_document("x", 1)])))


# --- Dask: no loopback, no scheduler, something else on the port --------------------------------------


def test_dask_without_loopback_networking_is_an_error_that_names_the_local_engine(monkeypatch):
    pytest.importorskip("distributed")

    def unreachable(*args, **kwargs):
        raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(socket, "create_connection", unreachable)
    with pytest.raises(GeomapError, match=r"loopback network \(127\.0\.0\.1\).*Network is unreachable.*"
                                          r"use --engine local"):
        next(run(iter([_document("x", 1)]), engine="dask", workers=2))


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (util-linux) for a network namespace")
def test_the_cli_in_a_namespace_without_loopback_prints_an_error_not_a_traceback(tmp_path):
    pytest.importorskip("distributed")
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot make a network namespace here (needs root or user namespaces)")
    doc = tmp_path / "a.txt"
    doc.write_text("date 2024-10-27\nDrones hit Kyiv on Friday.\n", encoding="utf-8")
    done = subprocess.run(["unshare", "-n", sys.executable, "-c", "from geomap.cli import main; main()", "build",
                           str(doc), "--out", str(tmp_path / "out"), "--engine", "dask", "--workers", "2"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Error: --engine dask starts a local cluster") and "--engine local" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_port_where_no_scheduler_answers_is_an_error_not_a_memory_error():
    """Something that is not a Dask scheduler answers on the port with bytes that read as a huge frame."""
    pytest.importorskip("distributed")
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def answer_garbage():
        with server:
            connection, _ = server.accept()
            with connection:
                connection.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n" * 8)
                time.sleep(2)

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()
    with pytest.raises(GeomapError, match=f"cannot reach the Dask scheduler 'tcp://127.0.0.1:{port}'.*"
                                          "use --engine local"):
        next(run(iter([_document("x", 1)]), engine="dask", scheduler=f"tcp://127.0.0.1:{port}"))
    thread.join(timeout=5)
