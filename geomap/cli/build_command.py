"""`geomap build [INPUT ...] [--out DIR] [--self-contained] [--title T]`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from geomap.build import OUTPUT_FILES, build
from geomap.render import DEFAULT_TITLE


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder for map.html, events.geojson, places.geojson, failures.jsonl.")
@click.option("--self-contained", is_flag=True,
              help="One HTML file that opens with no network: scripts and styles inline, country outlines "
                   "as the basemap when tiles cannot load.")
@click.option("--title", default=DEFAULT_TITLE, show_default=True, help="The map's title.")
def build_command(inputs: tuple[Path, ...], out: Path, self_contained: bool, title: str) -> None:
    """Build the situation map and exports from INPUT folders or files (default: seeds/).

    Example: geomap build seeds --out output --self-contained --title "Kursk, October 2024"
    """
    result = build(inputs or (Path("seeds"),), out, self_contained=self_contained, title=title)
    report = result.report
    click.echo(f"documents: {len(report.documents)}  events: {report.events} reports, {result.events} after "
               f"merging ({result.event_features} event-place features)  places: {result.places}  "
               f"failures: {len(report.failures)}")
    for failure in report.failures:
        where = f"{failure.file}:{failure.line}" if failure.line else failure.file
        click.echo(f"  failed: {where}: {failure.reason}", err=True)
    click.echo(f"wrote {out}{os.sep}: {', '.join(OUTPUT_FILES)}")
