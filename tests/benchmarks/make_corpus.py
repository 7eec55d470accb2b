"""A large news corpus for scale benchmarks (writes JSONL; not a test).

    python -m tests.benchmarks.make_corpus N OUT.jsonl [--seed 1]

Recombines the sentences of the shared development corpora (TR-News and GeoWebNews, 318 real news
documents) into N documents of 3-5 KB: each document takes consecutive runs of sentences from a few
source documents, so it reads like news (places, dates, events) without repeating any one document. The
corpora are evaluation data under GPL-3.0: the output is for local benchmarking only and is never
committed. Publication dates are drawn from the source documents' range.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from geomap.text.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval"


def sentences_of(paths: list[Path]) -> list[list[str]]:
    docs = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            docs.append([text[a:b].strip() for a, b in split_sentences(text) if b - a > 20])
    return [d for d in docs if d]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    docs = sentences_of([SHARED / "trnews.jsonl", SHARED / "geowebnews.jsonl"])
    with args.out.open("w", encoding="utf-8") as out:
        for i in range(args.n):
            target = rng.randint(3000, 5000)
            parts: list[str] = []
            size = 0
            while size < target:
                source = rng.choice(docs)
                start = rng.randrange(len(source))
                for sentence in source[start:start + rng.randint(3, 8)]:
                    parts.append(sentence)
                    size += len(sentence) + 1
            published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.write(json.dumps({"id": f"news-{i:06d}", "published": published, "title": parts[0][:80],
                                  "text": " ".join(parts)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
