"""Time per pipeline stage (prints figures; not a timed test).

    python -m tests.benchmarks.stage_times CORPUS.jsonl [CORPUS.jsonl ...] [--repeat 3] [--min-kb 3]

Runs the stages of `geomap.pipeline.STAGES` one by one over every document and prints each stage's share
of the parse time (best of `--repeat` passes, the gazetteer loaded and warm), and how much the events
stage adds to the rest of the parse.
"""

from __future__ import annotations

import time

import gazetteer
from geomap.pipeline import STAGES, StageContext
from tests.benchmarks.throughput import corpus_arguments, load_documents


def main() -> None:
    args = corpus_arguments(__doc__.splitlines()[0])
    gaz = gazetteer.open()
    gaz.prepare()
    docs = load_documents(args)
    best: dict[str, float] = {}
    events = 0
    for _ in range(args.repeat):
        spent = dict.fromkeys((name for name, _ in STAGES), 0.0)
        events = 0
        for doc in docs:
            context, output = StageContext(doc, gaz, lambda: None), doc
            for name, stage in STAGES:
                started = time.perf_counter()
                output = stage(context, output)
                spent[name] += time.perf_counter() - started
            events += len(output.events)
        best = {name: min(best.get(name, float("inf")), spent[name]) for name in spent}
    total = sum(best.values())
    print(f"corpus {' + '.join(c.name for c in args.corpus)}: {len(docs)} docs, {events} events, "
          f"{total / len(docs) * 1000:.2f} ms/doc")
    for name, seconds in best.items():
        print(f"  {name:10s} {seconds / len(docs) * 1000:7.3f} ms/doc  {seconds / total:6.1%}")
    rest = total - best["events"]
    print(f"events stage adds {best['events'] / rest:.1%} to the rest of the parse")


if __name__ == "__main__":
    main()
