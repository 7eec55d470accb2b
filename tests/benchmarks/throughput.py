"""Throughput benchmark (prints figures; not a timed test).

    python -m tests.benchmarks.throughput CORPUS.jsonl [CORPUS.jsonl ...] [--repeat 3] [--min-kb 3]

Parses every document of a JSONL corpus in one process and prints documents/s, KB/s and peak RSS, for the
first pass (nothing cached but the gazetteer) and the best later pass (the gazetteer's answer cache warm,
as in a long news stream). `--min-kb` joins consecutive documents until each is at least that large, to
measure typical 3-5 KB articles. The gazetteer is loaded before the clock starts; start-up is reported
separately.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import gazetteer
from geomap.pipeline import parse_document
from geomap.records import Document
from geomap.text.ingest import read_jsonl_file


def _joined(docs: list[Document], min_kb: float) -> list[Document]:
    out, parts = [], []
    for doc in docs:
        parts.append(doc.text)
        if len("\n\n".join(parts).encode()) >= min_kb * 1024:
            out.append(Document(id=f"joined-{len(out)}", text="\n\n".join(parts), published=doc.published))
            parts = []
    return out


def corpus_arguments(description: str) -> argparse.Namespace:
    """CORPUS ... [--repeat N] [--min-kb K], shared by the timing benchmarks."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--min-kb", type=float, default=0.0)
    return parser.parse_args()


def load_documents(args: argparse.Namespace) -> list[Document]:
    """The documents of every corpus, joined into articles of at least `--min-kb` when asked."""
    docs = [d for corpus in args.corpus for d in read_jsonl_file(corpus) if isinstance(d, Document)]
    return _joined(docs, args.min_kb) if args.min_kb else docs


def main() -> None:
    args = corpus_arguments(__doc__.splitlines()[0])
    started = time.perf_counter()
    gaz = gazetteer.open()
    gaz.prepare()  # name automaton and fuzzy buckets: start-up, reported apart
    startup = time.perf_counter() - started
    docs = load_documents(args)
    size_kb = sum(len(d.text.encode()) for d in docs) / 1024
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for doc in docs:
            parse_document(doc, gaz)
        times.append(time.perf_counter() - started)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus {' + '.join(c.name for c in args.corpus)}: {len(docs)} docs, {size_kb / len(docs):.1f} KB/doc")
    print(f"gazetteer start-up {startup:.2f} s")
    print(f"first pass: {len(docs) / times[0]:.0f} docs/s, {size_kb / times[0]:.0f} KB/s")
    best = min(times[1:] or times)
    print(f"best of {args.repeat}: {len(docs) / best:.0f} docs/s, {size_kb / best:.0f} KB/s, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
