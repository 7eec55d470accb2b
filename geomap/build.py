"""`geomap build`: documents in, map and exports out; every input accounted for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import gazetteer as gazetteer_package
from geomap.corroborate import merge_events
from geomap.errors import GeomapError
from geomap.export import write_events_geojson, write_failures, write_places_geojson, write_report
from geomap.ingest import read_inputs
from geomap.link import link_places
from geomap.pipeline import parse_document
from geomap.records import DocumentStatus, Failure, ParseResult, RunReport
from geomap.render import DEFAULT_TITLE, OUTLINE_TOLERANCE_DEG, write_map

MAP_FILE = "map.html"
EVENTS_FILE = "events.geojson"
PLACES_FILE = "places.geojson"
FAILURES_FILE = "failures.jsonl"
REPORT_FILE = "report.json"


@dataclass(frozen=True, slots=True)
class BuildResult:
    report: RunReport
    places: int
    event_features: int
    out: Path
    events: int = 0  # after corroboration


def build(inputs: Sequence[Path | str], out: Path | str, *, self_contained: bool = False,
          title: str = DEFAULT_TITLE) -> BuildResult:
    """Parse every document in `inputs` and write the map and exports into `out`. `self_contained`: the
    map carries its scripts and styles inline and opens with no network.

    A missing or unusable input is recorded as a failure and the others are still processed; only when
    no input could be read at all is it an error (after the outputs, failures included, are written).
    """
    inputs = [Path(p) for p in inputs]
    out = Path(out)
    if not inputs:
        raise GeomapError("no inputs given; name folders or .txt/.md/.jsonl files (default: seeds/)")
    gaz = gazetteer_package.open()
    results: list[ParseResult] = []
    failures: list[Failure] = []
    skipped: list[str] = []
    for item in read_inputs(inputs, skipped):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        try:
            results.append(parse_document(item, gaz))
        except GeomapError as exc:
            failures.append(Failure(item.file or item.id, item.line, str(exc)))
    events = merge_events([e for r in results for e in r.events])  # one event, many reports
    documents = {r.document.id: r.document for r in results}
    links = link_places(results, events)
    out.mkdir(parents=True, exist_ok=True)
    n_features = write_events_geojson(out / EVENTS_FILE, events, documents)
    write_places_geojson(out / PLACES_FILE, links)
    write_map(out / MAP_FILE, events, documents, links, gaz.country_outlines(OUTLINE_TOLERANCE_DEG), gaz.geometry,
              title=title, self_contained=self_contained)
    write_failures(out / FAILURES_FILE, failures)
    report = RunReport(
        documents=tuple(
            DocumentStatus(r.document.id, r.document.file, r.document.line, len(r.resolutions), len(r.places),
                           len(r.events))
            for r in results
        ),
        failures=tuple(failures),
        skipped_files=tuple(skipped),
    )
    write_report(out / REPORT_FILE, report)
    if not results and failures:
        reasons = "; ".join(f"{f.file}: {f.reason}" for f in failures[:3])
        raise GeomapError(f"no usable documents in {', '.join(map(str, inputs))} ({reasons}); "
                          f"see {out / FAILURES_FILE}")
    return BuildResult(report, len(links), n_features, out, len(events))
