"""`geomap build`: documents in, map and exports out; every input accounted for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

from tqdm import tqdm

import gazetteer as gazetteer_package
from geomap.batch.digest import shared
from geomap.batch.engine import run
from geomap.batch.link import PlaceTally, link_places
from geomap.batch.store import ingest, load
from geomap.errors import GeomapError
from geomap.events.corroborate import merge_events
from geomap.outputs.geojson import (
    export_event_features,
    export_place_features,
    write_failures,
    write_feature_collection,
    write_report,
)
from geomap.outputs.map_features import DEFAULT_TITLE
from geomap.outputs.staging import LOCK_FILE, file_digest, locked, prepare_folder, staged  # noqa: F401 (LOCK_FILE: named from here)
from geomap.records import BuildFrames, Digest, Document, Event, Failure, PlaceLink, RunReport
from geomap.text.ingest import read_inputs

MAP_FILE = "map.html"
EVENTS_FILE = "events.geojson"
PLACES_FILE = "places.geojson"
FAILURES_FILE = "failures.jsonl"
REPORT_FILE = "report.json"
REGIONS_FILE = "regions.geojson"
GEOPACKAGE_FILE = "situation.gpkg"
CSV_FILE = "events.csv"
KML_FILE = "events.kml"
OUTPUT_FILES = (MAP_FILE, EVENTS_FILE, PLACES_FILE, REGIONS_FILE, GEOPACKAGE_FILE, CSV_FILE, KML_FILE,
                FAILURES_FILE, REPORT_FILE)


@dataclass(frozen=True, slots=True)
class BuildResult:
    report: RunReport
    places: int
    event_features: int
    out: Path
    events: int = 0  # after corroboration
    frames: BuildFrames | None = None  # the layers the GeoPackage, CSV and KML were written from

    @property
    def events_frame(self):
        return self.frames.events

    @property
    def places_frame(self):
        return self.frames.places

    @property
    def regions_frame(self):
        return self.frames.regions


def build(inputs: Sequence[Path | str], out: Path | str, *, self_contained: bool = True,
          title: str = DEFAULT_TITLE, progress: bool | None = False, engine: str = "local", workers: int = 1,
          scheduler: str | None = None, store: Path | str | None = None) -> BuildResult:
    """Parse every document in `inputs` and write the map and exports into `out`.

    `self_contained` (default): the map carries its scripts and styles inline and opens with no network;
    False loads them from the web addresses folium uses (`geomap build --web-assets`).
    `progress`: a progress bar on standard error (None: only when it is a terminal). `engine`, `workers`,
    `scheduler`: where documents are parsed (geomap.batch.engine). `store`: a situation store (geomap.batch.store):
    the inputs, if any, are ingested into it first, and the map is built from everything it holds.

    A missing or unusable input is recorded as a failure and the others are still processed; only when
    no input could be read at all is it an error (after failures.jsonl and report.json are written; the
    previous map and exports are left as they were). Two builds into the same folder at once take turns
    (a lock file in `out`), so neither corrupts it.
    """
    inputs = [Path(p) for p in inputs]
    out = Path(out)
    if not inputs and store is None:
        raise GeomapError("no inputs given; name folders or files (default: seeds/), or a --store")
    gaz = gazetteer_package.open()
    skipped: list[str] = []
    bar = {"desc": "documents", "unit": " doc", "disable": None if progress is None else not progress}
    tally = None
    if store is not None:
        if inputs:
            ingest(tqdm(read_inputs(inputs, skipped), **bar), Path(store), gaz, engine, workers, scheduler)
        digests, failures = load(Path(store), gaz)
    else:
        parsed = tqdm(run(read_inputs(inputs, skipped), engine, workers, scheduler), **bar)
        digests, failures, tally = _tally_places(parsed)
    return write_outputs(digests, failures, skipped, out, gaz, inputs=inputs or [Path(store)],
                         self_contained=self_contained, title=title, tally=tally)


def _tally_places(results: Iterable[Digest | Failure]) -> tuple[list[Digest], list[Failure], PlaceTally]:
    """The digests and the failures of a build without a store. The places each digest names are counted
    in a PlaceTally as it arrives and dropped from it, so a large build does not keep every list."""
    digests: list[Digest] = []
    failures: list[Failure] = []
    places: dict = {}
    tally = PlaceTally()
    for item in results:
        if isinstance(item, Failure):
            failures.append(item)
        else:
            item = shared(item, places)
            tally.add(item)
            digests.append(replace(item, located=()))  # counted: the list itself is not kept
    return digests, failures, tally


def write_outputs(digests: list[Digest], failures: list[Failure], skipped: list[str], out: Path, gaz,
                  inputs: Sequence[Path], self_contained: bool = True, title: str = DEFAULT_TITLE,
                  tally: PlaceTally | None = None) -> BuildResult:
    """Corroborate, link and write the map and every export from the documents' digests."""
    # the map and GIS libraries (folium, geopandas) load here, not when geomap is imported
    from geomap.outputs.map import OUTLINE_TOLERANCE_DEG, write_map

    events = merge_events([e for d in digests for e in d.events])  # one event, many reports
    documents = {d.document.id: d.document for d in digests}
    links = tally.links(events) if tally is not None else link_places(digests, events)
    prepare_folder(out)
    report = RunReport(documents=tuple(d.status for d in digests), failures=tuple(failures),
                       skipped_files=tuple(skipped))
    if not digests and failures:  # nothing usable: record why, but keep the previous map and exports
        _write_failures_only(out, report, failures, inputs)
    with locked(out), staged(out, OUTPUT_FILES) as stage:
        # the map first, then the tables: the largest pieces are never in memory together
        write_map(stage / MAP_FILE, events, documents, links, gaz.country_outlines(OUTLINE_TOLERANCE_DEG),
                  gaz.geometry, title=title, self_contained=self_contained)
        n_features, frames = _write_layers(stage, events, documents, links, gaz)
        write_failures(stage / FAILURES_FILE, failures)
        outputs = {name: file_digest(stage / name) for name in OUTPUT_FILES if name != REPORT_FILE}
        write_report(stage / REPORT_FILE, report, outputs)  # moved last: it vouches for the others
    return BuildResult(report, len(links), n_features, out, len(events), frames)


def _write_failures_only(out: Path, report: RunReport, failures: list[Failure], inputs: Sequence[Path]) -> NoReturn:
    """No input was usable: write why (failures.jsonl, report.json), leave the map and exports as they
    were, and raise the error that names the first reasons."""
    with locked(out), staged(out, (FAILURES_FILE, REPORT_FILE)) as stage:
        write_failures(stage / FAILURES_FILE, failures)
        write_report(stage / REPORT_FILE, report)
    reasons = "; ".join(f"{f.file}: {f.reason}" for f in failures[:3])
    raise GeomapError(f"no usable documents in {', '.join(map(str, inputs))} ({reasons}); "
                      f"see {out / FAILURES_FILE}")


def _write_layers(stage: Path, events: Sequence[Event], documents: Mapping[str, Document],
                  links: Sequence[PlaceLink], gaz) -> tuple[int, BuildFrames]:
    """The events, places and regions as GeoJSON, then as frames, written as the GeoPackage, CSV and KML;
    the number of event features and the frames."""
    from geomap.outputs.gis import export_region_features, frame, write_events_csv, write_events_kml, write_geopackage

    event_rows, place_rows = export_event_features(events, documents), export_place_features(links)
    regions = export_region_features(events, links, gaz.geometry)
    n_features = write_feature_collection(stage / EVENTS_FILE, event_rows)
    write_feature_collection(stage / PLACES_FILE, place_rows)
    write_feature_collection(stage / REGIONS_FILE, regions)
    frames = BuildFrames(frame(event_rows, "Point"), frame(place_rows, "Point"), frame(regions, "MultiPolygon"))
    del event_rows, place_rows
    write_geopackage(stage / GEOPACKAGE_FILE, frames.layers())
    write_events_csv(stage / CSV_FILE, frames.events)
    write_events_kml(stage / KML_FILE, frames.events)
    return n_features, frames
