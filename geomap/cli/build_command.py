"""`geomap build [INPUT ...] [--out DIR] [--web-assets] [--title T]`."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import click

from geomap.cli.options import engine_options
from geomap.outputs.map_features import DEFAULT_TITLE
from geomap.records import DocumentStatus

STRICT_EXIT = 3
MAX_WARNING_LINES = 10  # documents with warnings listed by name; the rest are counted


@click.command(epilog="Exit codes: 0 done (failed inputs are listed in failures.jsonl); 1 nothing usable, or "
                      "another error, printed as 'Error: ...'; 2 bad arguments; 3 with --strict, when any input "
                      "failed.")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder for the map and the exports (written atomically).")
@click.option("--self-contained/--web-assets", default=True, show_default=True,
              help="--self-contained (the default): one HTML file that opens with no network, scripts and styles "
                   "inline, country outlines as the basemap when tiles cannot load. --web-assets: a smaller page "
                   "that loads Leaflet and its plugins from the web addresses folium uses (needs a network).")
@click.option("--title", default=DEFAULT_TITLE, show_default=True, help="The map's title.")
@click.option("--strict", is_flag=True, help=f"Exit with code {STRICT_EXIT} when any input could not be used.")
@engine_options
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              help="A situation store (SQLite): INPUTs, if any, are ingested into it first; the map is built "
                   "from everything it holds.")
def build_command(inputs: tuple[Path, ...], out: Path, self_contained: bool, title: str, strict: bool,
                  engine: str, workers: int, scheduler: str | None, store: Path | None) -> None:
    """Build the situation map and exports from INPUT folders or files (default: seeds/).

    Inputs: folders (recursive), .txt/.md (a `date YYYY-MM-DD` line or YAML front matter), .html pages,
    .json/.jsonl ({"id", "text", "published", "title", "url", "source"}), RSS/Atom feeds (.xml, .rss,
    .atom). Outputs in --out: map.html, events/places/regions.geojson, situation.gpkg, events.csv,
    events.kml, failures.jsonl, report.json (each document's title, date, URL, language, length, mention,
    resolved, unresolved and event counts, and warnings; documents with warnings are also named here, the
    first 10).

    \b
    Examples:
      geomap build                                   # seeds/ -> output/
      geomap build reports/ feed.xml --out today --title "Kursk, October 2024"
      geomap build inbox/ --strict                   # exit 3 if any file or line was unusable
      geomap build big.jsonl --workers 2             # two processes; --engine dask for a Dask cluster
      geomap build --store situation.db --out today  # the map of everything ingested so far
    """
    from geomap.batch.build import OUTPUT_FILES, build  # the map and GIS libraries: only for this command

    if not inputs and store is None:
        inputs = (Path("seeds"),)
    result = build(inputs, out, self_contained=self_contained, title=title, progress=None, engine=engine,
                   workers=workers, scheduler=scheduler, store=store)
    report = result.report
    click.echo(f"documents: {len(report.documents)}  events: {report.events} reports, {result.events} after "
               f"merging ({result.event_features} event-place features)  places: {result.places}  "
               f"failures: {len(report.failures)}")
    for failure in report.failures:
        where = f"{failure.file}:{failure.line}" if failure.line else failure.file
        click.echo(f"  failed: {where}: {failure.reason}", err=True)
    for line in warning_lines(report.documents):
        click.echo(line, err=True)
    click.echo(f"wrote {out}{os.sep}: {', '.join(OUTPUT_FILES)}")
    if strict and report.failures:
        click.echo(f"Error: {len(report.failures)} input(s) could not be used (--strict); see "
                   f"{out / 'failures.jsonl'}", err=True)
        raise SystemExit(STRICT_EXIT)


def warning_lines(documents: Sequence[DocumentStatus], limit: int = MAX_WARNING_LINES) -> list[str]:
    """One line per document with warnings (its id, where it was read, its warnings), the first `limit`
    of them, then "and N more" pointing at report.json, which lists them all."""
    warned = [d for d in documents if d.warnings]
    lines = []
    for d in warned[:limit]:
        where = f"{d.file}:{d.line}" if d.line else d.file
        lines.append(f"  warning: {d.doc_id} ({where}): {'; '.join(d.warnings)}")
    if len(warned) > limit:
        lines.append(f"  and {len(warned) - limit} more document(s) with warnings; see report.json")
    return lines
