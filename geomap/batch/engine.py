"""Engines: run the per-document stage (parse, then digest) over a stream of documents, in input order.

- `local`, one worker: in this process.
- `local`, N workers: a pool of N processes forked after the gazetteer is loaded, so they share its pages
  and start at once; documents go out in chunks and come back in order (`imap`), so memory stays bounded
  by the chunks in flight.
- `dask`: a `distributed` cluster, local (`workers` processes, one thread each) or an existing scheduler
  (`scheduler` address). Each worker loads the gazetteer once, on its first batch (`gazetteer.open()` is
  per process); batches of documents are submitted a window at a time and gathered in order.

Every engine yields the same Digests (or Failures for documents whose parse failed) for the same input.
The time budget of a document (`limits.max_document_seconds`) is read once, here, and sent with every task,
so workers of a cluster elsewhere, whose environment may differ, apply the same budget (`pipeline.Deadline`).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import socket
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

import gazetteer as gazetteer_package
from geomap.batch.digest import digest
from geomap.errors import GeomapError, debugging
from geomap.limits import current
from geomap.pipeline import parse_or_failure
from geomap.records import Digest, Document, Failure

ENGINES = ("local", "dask")
CHUNK = 16  # documents per task for the process pool
BATCH = 64  # documents per Dask task
WINDOW = 4  # Dask batches in flight per worker
CONNECT_TIMEOUT_S = 10  # to reach an existing scheduler


def available_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def digest_one(item: Document | Failure, seconds: float | None = None) -> Digest | Failure:
    """Parse one document into its Digest (a Failure passes through; a failing parse becomes one, and so
    does one that takes longer than `seconds`, default `limits.max_document_seconds`). Under `geomap
    --debug` a failing stage's own exception is no StageError and stops the run with its traceback."""
    if isinstance(item, Failure):
        return item
    gaz = gazetteer_package.open()
    gaz.prepare()  # a worker's first document is not charged with building the name automaton
    result = parse_or_failure(item, gaz, seconds)
    return result if isinstance(result, Failure) else digest(result)


def digest_batch(items: list[Document | Failure], seconds: float | None = None) -> list[Digest | Failure]:
    return [digest_one(item, seconds) for item in items]


def run(items: Iterable[Document | Failure], engine: str = "local", workers: int = 1,
        scheduler: str | None = None) -> Iterator[Digest | Failure]:
    """Digests of `items`, in their order, computed by `engine`."""
    if engine not in ENGINES:
        raise GeomapError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if workers < 1:
        raise GeomapError(f"--workers must be 1 or more, not {workers}")
    seconds = current().max_document_seconds  # a bad GEOMAP_MAX_DOCUMENT_SECONDS stops here, before any work
    if engine == "dask":
        yield from _dask(items, workers, scheduler, seconds)
    elif workers == 1:
        gazetteer_package.open()
        yield from (digest_one(item, seconds) for item in items)
    else:
        yield from _pool(items, workers, seconds)


def _pool(items: Iterable[Document | Failure], workers: int, seconds: float) -> Iterator[Digest | Failure]:
    gazetteer_package.open().prepare()  # loaded before the fork: the workers share it
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(functools.partial(digest_one, seconds=seconds), items, chunksize=CHUNK)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _loopback_error() -> OSError | None:
    """Why this machine cannot talk to itself over TCP on 127.0.0.1 (a local Dask cluster needs it), or None.
    Without loopback a local cluster only gives up after its 30 s connect timeout, with a traceback."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=CONNECT_TIMEOUT_S):
                return None
    except OSError as exc:
        return exc


def _dask(items: Iterable[Document | Failure], workers: int, scheduler: str | None,
          seconds: float) -> Iterator[Digest | Failure]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GeomapError("--engine dask needs Dask: pip install 'geomap[dask]'") from None
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        # distributed raises what its transport meets: OSError, ValueError, TimeoutError, CommClosedError, or a
        # MemoryError when something that is no scheduler answers on the port; every one means the same here
        except Exception as exc:
            raise GeomapError(f"cannot reach the Dask scheduler {scheduler!r} ({type(exc).__name__}: {exc}); "
                              f"check the address (tcp://host:8786) and that a scheduler runs there, or leave "
                              f"--scheduler out for a local cluster, or use --engine local") from None
    else:
        problem = _loopback_error()
        if problem is not None:
            raise GeomapError(f"--engine dask starts a local cluster whose processes talk over the loopback "
                              f"network (127.0.0.1), which this machine refuses ({problem}); use --engine local "
                              f"(--workers N for several processes), or --scheduler ADDRESS for a cluster "
                              f"elsewhere")
        try:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=40)
            client = Client(cluster)
        except Exception as exc:  # as above: a cluster that did not start, whatever distributed raised
            raise GeomapError(f"cannot start a local Dask cluster of {workers} workers ({type(exc).__name__}: "
                              f"{exc}); use --engine local (--workers N for several processes)") from None
    try:
        yield from _gather(client, items, workers, seconds, scheduler or "the local cluster")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _gather(client, items: Iterable[Document | Failure], workers: int, seconds: float,
            where: str) -> Iterator[Digest | Failure]:
    """Submit batches a window at a time and yield their digests in order."""
    in_flight: deque = deque()
    known = _from_cluster(lambda: client.scheduler_info().get("workers", {}), where)
    limit = WINDOW * max(workers, len(known) or 1)
    for batch in _batches(items, BATCH):
        in_flight.append(client.submit(digest_batch, batch, seconds, pure=False))
        if len(in_flight) >= limit:
            yield from _from_cluster(in_flight.popleft().result, where)
    while in_flight:
        yield from _from_cluster(in_flight.popleft().result, where)


def _from_cluster(ask, where: str):
    """`ask()`, with the cluster's own failures (a lost scheduler, a killed worker) as a GeomapError. A parse
    error is a Failure inside the batch already, so whatever `ask` raises is the cluster's (or, under
    --debug, a stage's own exception, which is raised as it is)."""
    try:
        return ask()
    except Exception as exc:  # distributed's errors: CommClosedError, KilledWorker, TimeoutError, ...
        if debugging():  # geomap --debug: a stage's own exception, raised again by the cluster
            raise
        raise GeomapError(f"the Dask cluster ({where}) failed while parsing ({type(exc).__name__}: {exc}); "
                          f"run again, or use --engine local") from None
