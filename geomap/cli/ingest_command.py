"""`geomap ingest INPUT ... --store PATH`: add documents to a situation store by upserts."""

from __future__ import annotations

from pathlib import Path

import click
from tqdm import tqdm

import gazetteer as gazetteer_package
from geomap.batch.store import ingest
from geomap.cli.options import engine_options
from geomap.text.ingest import read_inputs


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The store file (SQLite), created when missing.")
@engine_options
def ingest_command(inputs: tuple[Path, ...], store: Path, engine: str, workers: int, scheduler: str | None) -> None:
    """Add INPUT documents to a situation store: new ones are parsed and added, changed ones replaced,
    unchanged ones skipped, so re-ingesting changes nothing, by whatever path the files are named.

    A document is known by its content (text, date, title, URL, source): one stored already from another
    file or under another id is a duplicate and is not added again. An interrupted ingest keeps what it
    committed (every 500 documents); run it again to finish.

    \b
    Examples:
      geomap ingest inbox/ --store situation.db && geomap build --store situation.db --out today
      geomap ingest feed.xml reports/ --store situation.db --workers 2
      geomap store list --store situation.db                 # what it holds; `geomap store remove ID`
    """
    skipped: list[str] = []
    items = tqdm(read_inputs(list(inputs), skipped), desc="documents", unit=" doc", disable=None)
    report = ingest(items, store, gazetteer_package.open(), engine, workers, scheduler)
    duplicates = (f"  duplicates {report.duplicates} (stored already from another file; not added)"
                  if report.duplicates else "")
    click.echo(f"store {store}: added {report.added}  updated {report.updated}  unchanged {report.unchanged}  "
               f"failures {report.failures}{duplicates}")
