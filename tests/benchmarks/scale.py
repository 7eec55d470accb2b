"""Scale benchmark: `geomap build` over a large JSONL corpus, by engine (prints figures; not a test).

    python -m tests.benchmarks.scale CORPUS.jsonl [--workers 1 2] [--engine local dask] [--out /tmp/scale]

Runs each configuration as its own `geomap build` process and samples, every 0.1 s, the resident memory
of that process and of its children (pool or Dask workers): "peak RSS" is the build process's own peak,
"peak total" the largest sum over the whole process tree (shared gazetteer pages count once per process,
so it overstates real use for forked workers), and the proportional total (PSS: a shared page counts
once, split between the processes that share it). Documents/s are over the whole run, start-up,
parsing and every output included. Make corpora with tests.benchmarks.make_corpus.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import psutil


def measure(command: list[str]) -> tuple[float, float, float, float]:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watched = psutil.Process(process.pid)
    own = total = shared_once = 0
    while process.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            rss = [p.memory_info().rss for p in tree]
            own, total = max(own, rss[0]), max(total, sum(rss))
            shared_once = max(shared_once, sum(p.memory_full_info().pss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    _, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {err.decode()[-2000:]}")
    return time.perf_counter() - started, own / 1e6, total / 1e6, shared_once / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engine", nargs="+", default=["local"], choices=["local", "dask"])
    parser.add_argument("--out", type=Path, default=Path("/tmp/geomap-scale"))
    args = parser.parse_args()
    documents = sum(1 for line in args.corpus.open(encoding="utf-8") if line.strip())
    for engine in args.engine:
        for workers in args.workers:
            out = args.out / f"{engine}-{workers}"
            command = [sys.executable, "-c", "from geomap.cli import main; main()", "build", str(args.corpus),
                       "--out", str(out), "--engine", engine, "--workers", str(workers)]
            seconds, own, total, pss = measure(command)
            size = (out / "map.html").stat().st_size / 1e6
            print(f"{args.corpus.name}: {documents} docs, engine {engine}, {workers} worker(s): {seconds:6.1f} s, "
                  f"{documents / seconds:5.0f} docs/s, peak RSS {own:5.0f} MB, peak total {total:5.0f} MB "
                  f"(proportional, shared pages counted once: {pss:5.0f} MB), "
                  f"map {size:.1f} MB", flush=True)


if __name__ == "__main__":
    main()
