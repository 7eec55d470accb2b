"""`geomap build`: documents in, map and exports out; every input accounted for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock
from tqdm import tqdm

import gazetteer as gazetteer_package
from geomap.corroborate import merge_events
from geomap.errors import GeomapError
from geomap.export import (
    event_features,
    place_features,
    write_events_geojson,
    write_failures,
    write_places_geojson,
    write_report,
)
from geomap.gis_export import (
    frame,
    region_features,
    write_events_csv,
    write_events_kml,
    write_geopackage,
    write_regions_geojson,
)
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
REGIONS_FILE = "regions.geojson"
GEOPACKAGE_FILE = "situation.gpkg"
CSV_FILE = "events.csv"
KML_FILE = "events.kml"
LOCK_FILE = ".geomap.lock"
OUTPUT_FILES = (MAP_FILE, EVENTS_FILE, PLACES_FILE, REGIONS_FILE, GEOPACKAGE_FILE, CSV_FILE, KML_FILE,
                FAILURES_FILE, REPORT_FILE)


@dataclass(frozen=True, slots=True)
class BuildResult:
    report: RunReport
    places: int
    event_features: int
    out: Path
    events: int = 0  # after corroboration
    frames: dict = field(default_factory=dict)  # "events", "places", "regions" -> GeoDataFrame (EPSG:4326)

    @property
    def events_frame(self):
        return self.frames["events"]

    @property
    def places_frame(self):
        return self.frames["places"]

    @property
    def regions_frame(self):
        return self.frames["regions"]


def build(inputs: Sequence[Path | str], out: Path | str, *, self_contained: bool = False,
          title: str = DEFAULT_TITLE, progress: bool | None = False) -> BuildResult:
    """Parse every document in `inputs` and write the map and exports into `out`. `self_contained`: the
    map carries its scripts and styles inline and opens with no network. `progress`: a progress bar on
    standard error (None: only when it is a terminal).

    A missing or unusable input is recorded as a failure and the others are still processed; only when
    no input could be read at all is it an error (after failures.jsonl and report.json are written; the
    previous map and exports are left as they were).
    Two builds into the same folder at once take turns (a lock file in `out`), so neither corrupts it.
    """
    inputs = [Path(p) for p in inputs]
    out = Path(out)
    if not inputs:
        raise GeomapError("no inputs given; name folders or .txt/.md/.jsonl files (default: seeds/)")
    gaz = gazetteer_package.open()
    results: list[ParseResult] = []
    failures: list[Failure] = []
    skipped: list[str] = []
    items = read_inputs(inputs, skipped)
    for item in tqdm(items, desc="documents", unit=" doc", disable=None if progress is None else not progress):
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
    report = RunReport(
        documents=tuple(
            DocumentStatus(r.document.id, r.document.file, r.document.line, len(r.resolutions), len(r.places),
                           len(r.events))
            for r in results
        ),
        failures=tuple(failures),
        skipped_files=tuple(skipped),
    )
    if not results and failures:  # nothing usable: record why, but keep the previous map and exports
        with FileLock(out / LOCK_FILE):
            write_failures(out / FAILURES_FILE, failures)
            write_report(out / REPORT_FILE, report)
        reasons = "; ".join(f"{f.file}: {f.reason}" for f in failures[:3])
        raise GeomapError(f"no usable documents in {', '.join(map(str, inputs))} ({reasons}); "
                          f"see {out / FAILURES_FILE}")
    with FileLock(out / LOCK_FILE):
        n_features = write_events_geojson(out / EVENTS_FILE, events, documents)
        write_places_geojson(out / PLACES_FILE, links)
        regions = region_features(events, links, gaz.geometry)
        write_regions_geojson(out / REGIONS_FILE, regions)
        frames = {"events": frame(event_features(events, documents), "Point"),
                  "places": frame(place_features(links), "Point"),
                  "regions": frame(regions, "MultiPolygon")}
        write_geopackage(out / GEOPACKAGE_FILE, frames)
        write_events_csv(out / CSV_FILE, frames["events"])
        write_events_kml(out / KML_FILE, frames["events"])
        write_map(out / MAP_FILE, events, documents, links, gaz.country_outlines(OUTLINE_TOLERANCE_DEG),
                  gaz.geometry, title=title, self_contained=self_contained)
        write_failures(out / FAILURES_FILE, failures)
        write_report(out / REPORT_FILE, report)
    return BuildResult(report, len(links), n_features, out, len(events), frames)
