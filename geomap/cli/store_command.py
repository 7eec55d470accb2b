"""`geomap store list --store PATH` and `geomap store remove ID ... --store PATH`: look after a situation
store (geomap.batch.store does the work)."""

from __future__ import annotations

from pathlib import Path

import click

from geomap.batch.store import list_documents, remove_documents
from geomap.errors import GeomapError
from geomap.outputs.event_fields import iso_date

_STORE = click.option("--store", required=True, type=click.Path(dir_okay=False, path_type=Path),
                      help="The store file (SQLite) that `geomap ingest` wrote.")


def printable(text: str) -> str:
    """`text` with control characters (tabs, line breaks, terminal escapes) written as escapes: stored
    titles and ids come from documents, which are hostile data, and must not drive the terminal."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


@click.group()
def store_command() -> None:
    """List or remove the documents of a situation store (made by `geomap ingest`).

    \b
    Examples:
      geomap store list --store situation.db              # id, title, date: one document a line
      geomap store list --store situation.db | grep -i kursk
      geomap store remove kyiv-0412 report@report.txt --store situation.db
      geomap build --store situation.db --out today       # the map without them
    """


@store_command.command("list")
@_STORE
def list_command(store: Path) -> None:
    """Print the stored documents: id, title, published date.

    One document a line, tab-separated, in ingestion order (control characters in titles and ids are
    printed as escapes); the count goes to standard error.
    """
    documents = list_documents(store)
    for doc in documents:
        published = iso_date(doc.published) or "-"
        click.echo(f"{printable(doc.id)}\t{printable(doc.title or '')}\t{published}")
    click.echo(f"{len(documents)} document(s) in {store}", err=True)


@store_command.command("remove")
@click.argument("ids", nargs=-1, required=True, metavar="ID [ID ...]")
@_STORE
def remove_command(ids: tuple[str, ...], store: Path) -> None:
    """Remove documents from the store by id.

    The stored failures of a file go with the last of its documents. Ingesting the file again adds
    them back. Exit code 1 when none of the ids is stored.

    \b
    Example:
      geomap store remove kyiv-0412 --store situation.db
    """
    report = remove_documents(store, ids)
    missing = ", ".join(printable(doc_id) for doc_id in report.missing)
    if not report.removed:
        raise GeomapError(f"no document with id {missing} in {store}; `geomap store list --store {store}` "
                          f"prints the stored ids")
    failures = f" and {report.failures} failure(s) of their files" if report.failures else ""
    click.echo(f"removed {len(report.removed)} document(s){failures} from {store}")
    if missing:
        click.echo(f"not in the store: {missing}", err=True)
