"""Engines: run the per-document stage (parse, then digest) over a stream of documents, in input order.

- `local`, one worker: in this process.
- `local`, N workers: a pool of N processes forked after the gazetteer is loaded, so they share its pages
  and start at once; documents go out in chunks and come back in order (`imap`), so memory stays bounded
  by the chunks in flight.
- `dask`: a `distributed` cluster, local (`workers` processes, one thread each) or an existing scheduler
  (`scheduler` address). Each worker loads the gazetteer once, on its first batch (`gazetteer.open()` is
  per process); batches of documents are submitted a window at a time and gathered in order.

Every engine yields the same Digests (or Failures for documents whose parse failed) for the same input.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

import gazetteer as gazetteer_package
from geomap.digest import Digest, digest
from geomap.errors import GeomapError
from geomap.pipeline import parse_document
from geomap.records import Document, Failure

ENGINES = ("local", "dask")
CHUNK = 16  # documents per task for the process pool
BATCH = 64  # documents per Dask task
WINDOW = 4  # Dask batches in flight per worker
CONNECT_TIMEOUT_S = 10  # to reach an existing scheduler


def available_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def digest_one(item: Document | Failure) -> Digest | Failure:
    """Parse one document into its Digest (a Failure passes through; a failing parse becomes one)."""
    if isinstance(item, Failure):
        return item
    try:
        return digest(parse_document(item, gazetteer_package.open()))
    except GeomapError as exc:
        return Failure(item.file or item.id, item.line, str(exc))


def digest_batch(items: list[Document | Failure]) -> list[Digest | Failure]:
    return [digest_one(item) for item in items]


def run(items: Iterable[Document | Failure], engine: str = "local", workers: int = 1,
        scheduler: str | None = None) -> Iterator[Digest | Failure]:
    """Digests of `items`, in their order, computed by `engine`."""
    if engine not in ENGINES:
        raise GeomapError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if workers < 1:
        raise GeomapError(f"--workers must be 1 or more, not {workers}")
    if engine == "dask":
        yield from _dask(items, workers, scheduler)
    elif workers == 1:
        gazetteer_package.open()
        yield from map(digest_one, items)
    else:
        yield from _pool(items, workers)


def _pool(items: Iterable[Document | Failure], workers: int) -> Iterator[Digest | Failure]:
    gazetteer_package.open().prepare()  # loaded before the fork: the workers share it
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(digest_one, items, chunksize=CHUNK)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _dask(items: Iterable[Document | Failure], workers: int, scheduler: str | None) -> Iterator[Digest | Failure]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GeomapError("--engine dask needs Dask: pip install 'geomap[dask]'") from None
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, ValueError) as exc:
            raise GeomapError(f"cannot reach the Dask scheduler {scheduler!r} ({exc}); check the address "
                              f"(tcp://host:8786) or leave --scheduler out for a local cluster") from None
    else:
        try:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=40)
            client = Client(cluster)
        except OSError as exc:
            raise GeomapError(f"cannot start a local Dask cluster of {workers} workers ({exc}); try --engine "
                              f"local") from None
    try:
        in_flight: deque = deque()
        limit = WINDOW * max(workers, len(client.scheduler_info().get("workers", {})) or 1)
        for batch in _batches(items, BATCH):
            in_flight.append(client.submit(digest_batch, batch, pure=False))
            if len(in_flight) >= limit:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
