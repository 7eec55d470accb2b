"""Where end-to-end misses come from (prints figures; not a timed test).

    python -m tests.benchmarks.miss_breakdown ../shared/eval/geowebnews.jsonl [--split dev|heldout|all]

Each gold toponym that end-to-end evaluation counts as a miss is put in one bucket:
- coverage: no gazetteer candidate for the gold phrase lies within tolerance (the gazetteer cannot answer);
- recognition: the gazetteer could answer, but no predicted mention overlaps the gold span;
- ranking: a predicted mention overlaps, but its place is wrong although a right candidate exists.
It also prints the lookup ceiling: the share of gold toponyms for which any of the gazetteer's first 25
candidates for the gold phrase is right (what a perfect ranker handed the gold spans could reach without
guessing local features).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import gazetteer
from geomap.evaluation.places import SPLITS, gold_toponyms, is_hit, split_of
from geomap.pipeline import parse_document
from geomap.text.ingest import document_from_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--split", choices=SPLITS, default="all")
    args = parser.parse_args()
    gaz = gazetteer.open()
    buckets: Counter = Counter()
    examples: dict[str, Counter] = {"coverage": Counter(), "recognition": Counter(), "ranking": Counter()}
    total = 0
    answerable = 0
    for number, line in enumerate(args.corpus.read_text(encoding="utf-8").splitlines(), start=1):
        record = json.loads(line)
        if args.split != "all" and split_of(str(record["id"])) != args.split:
            continue
        document = document_from_json(record, str(args.corpus), number)
        result = parse_document(document, gaz)
        predicted = [r for r in result.resolutions if r.place is not None]
        for gold in gold_toponyms(record):
            total += 1
            candidates = gaz.lookup(gold.phrase, limit=25) if gold.phrase.strip() else []
            answerable += any(is_hit(gold, c.place) for c in candidates)
            overlapping = [r for r in predicted if r.mention.start < gold.end and gold.start < r.mention.end]
            if any(is_hit(gold, r.place) for r in overlapping):
                continue
            if not any(is_hit(gold, c.place) for c in candidates):
                bucket = "coverage"
            elif not overlapping:
                bucket = "recognition"
            else:
                bucket = "ranking"
            buckets[bucket] += 1
            examples[bucket][gold.phrase] += 1
    misses = sum(buckets.values())
    print(f"{args.corpus.name} ({args.split}): {total} gold, {misses} end-to-end misses; "
          f"lookup ceiling {answerable / total:.3f}")
    for bucket in ("coverage", "recognition", "ranking"):
        top = ", ".join(f"{phrase} ({n})" for phrase, n in examples[bucket].most_common(8))
        print(f"  {bucket:11s} {buckets[bucket]:4d} ({buckets[bucket] / total:.1%} of gold)  e.g. {top}")


if __name__ == "__main__":
    main()
