"""`geomap build [INPUT ...] [--out DIR]`."""

from __future__ import annotations

from pathlib import Path

import click

from geomap.build import EVENTS_FILE, FAILURES_FILE, MAP_FILE, PLACES_FILE, build


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder for map.html, events.geojson, places.geojson, failures.jsonl.")
def build_command(inputs: tuple[Path, ...], out: Path) -> None:
    """Build the situation map and exports from INPUT folders or files (default: seeds/)."""
    result = build(inputs or (Path("seeds"),), out)
    report = result.report
    click.echo(f"documents: {len(report.documents)}  events: {report.events} reports, {result.events} after "
               f"merging ({result.event_features} event-place features)  places: {result.places}  "
               f"failures: {len(report.failures)}")
    for failure in report.failures:
        where = f"{failure.file}:{failure.line}" if failure.line else failure.file
        click.echo(f"  failed: {where}: {failure.reason}", err=True)
    click.echo(f"wrote {out / MAP_FILE}, {out / EVENTS_FILE}, {out / PLACES_FILE}, {out / FAILURES_FILE}")
