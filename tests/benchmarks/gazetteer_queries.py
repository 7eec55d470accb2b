"""Gazetteer query benchmark (prints figures; not a timed test).

    python -m tests.benchmarks.gazetteer_queries ../shared/eval/toponyms_dev.tsv [more.tsv ...]

For each TSV of place queries (`query kind cc lat lon tol_km note`), prints the share whose top
candidate lies within the tolerance (overall and per kind), lists the misses, and times in-process
lookups without the answer cache (p50 / p95 / max over all queries, best of 5 rounds).
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from geopy.distance import great_circle

import gazetteer


def read_queries(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh, delimiter="\t") if row.get("query")]


def check(gaz: gazetteer.Gazetteer, rows: list[dict]) -> tuple[dict[str, list[int]], list[str]]:
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for row in rows:
        candidates = gaz.lookup(row["query"], limit=1)
        tol = float(row["tol_km"])
        ok = False
        got = "nothing"
        if candidates:
            place = candidates[0].place
            km = great_circle((float(row["lat"]), float(row["lon"])), (place.lat, place.lon)).km
            ok = km <= tol
            got = f"{place.name} [{place.kind.value}, {place.country_code}] {km:.0f} km"
        per_kind[row["kind"]][0] += ok
        per_kind[row["kind"]][1] += 1
        if not ok:
            misses.append(f"{row['query']!r} ({row['kind']}, tol {tol:.0f} km): got {got}")
    return per_kind, misses


def main() -> None:
    gaz = gazetteer.open()
    all_rows = []
    for arg in sys.argv[1:]:
        rows = read_queries(Path(arg))
        all_rows.extend(rows)
        per_kind, misses = check(gaz, rows)
        hits = sum(h for h, _ in per_kind.values())
        print(f"{arg}: {hits}/{len(rows)} = {hits / len(rows):.3f} top candidate within tolerance")
        for kind, (h, n) in sorted(per_kind.items()):
            print(f"  {kind:14s} {h}/{n}")
        for miss in misses:
            print(f"  miss: {miss}")
    timings = []
    for _ in range(5):
        round_times = []
        gaz.clear_cache()
        for row in all_rows:
            started = time.perf_counter()
            gaz.lookup(row["query"], limit=5)
            round_times.append((time.perf_counter() - started) * 1000)
        timings = round_times if not timings else [min(a, b) for a, b in zip(timings, round_times, strict=True)]
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"lookup latency over {len(timings)} queries: p50 {statistics.median(timings):.3f} ms, "
          f"p95 {p95:.3f} ms, max {timings[-1]:.3f} ms")


if __name__ == "__main__":
    main()
