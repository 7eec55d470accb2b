"""`geomap parse [FILE|-] [--published YYYY-MM-DD] [--json]` and `geomap parse --jsonl IN|-`.

A FILE is read by `geomap.parse_file`, as `geomap build` reads it; standard input is plain text."""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import sys
from datetime import date
from pathlib import Path

import click

import gazetteer as gazetteer_package
import geomap
from geomap.errors import InputError, Origin
from geomap.outputs.parse_json import result_json
from geomap.pipeline import parse_document, parse_or_failure
from geomap.records import Failure, ParseResult
from geomap.text.decoding import decode
from geomap.text.documents import parse_date
from geomap.text.ingest import (
    document_from_text,
    read_file_bytes,
    read_jsonl_lines,
    read_stream_bytes,
)


@click.command(epilog="A FILE is read as `geomap build` reads it, by its suffix: .txt/.md (a `date YYYY-MM-DD` "
                      "line or YAML front matter), .html/.htm pages, .json, .jsonl, RSS/Atom feeds (.xml, .rss, "
                      ".atom). A file of several documents (a feed, a JSON list, JSONL) prints one result per "
                      "document, in order; with --json one JSON object per line, as --jsonl does, and a part that "
                      "cannot be used prints {\"error\", \"file\", \"line\"} in its place (without --json, a "
                      "'failed:' line on standard error); the exit status is then 1. Standard input (-) is plain "
                      "text.")
@click.argument("file", required=False, type=click.Path(allow_dash=True, dir_okay=False, path_type=Path))
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (overrides a date line).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON: one object per document, a line each.")
@click.option("--jsonl", "jsonl", type=click.Path(allow_dash=True, dir_okay=False, path_type=Path),
              help="Parse many documents: JSONL in (file or -), one JSON result a line out, in order.")
def parse_command(file: Path | None, published: str | None, as_json: bool, jsonl: Path | None) -> None:
    """Find places and events in one document (FILE, or - for standard input), or in each document of FILE."""
    if jsonl is not None:
        if file is not None:
            raise click.UsageError("give either FILE or --jsonl, not both")
        _parse_jsonl(jsonl)
        return
    date_override = parse_date(published, Origin("--published")) if published else None
    if file is not None and str(file) != "-":
        _parse_file(file, date_override, as_json)
        return
    data = read_stream_bytes(sys.stdin.buffer, "<stdin>")
    document = document_from_text(decode(data, "<stdin>"), "stdin", file="<stdin>")
    if date_override is not None:
        document = dataclasses.replace(document, published=date_override)
    _echo(parse_document(document), as_json)


def _parse_file(path: Path, published: date | None, as_json: bool) -> None:
    """Every document of `path` (`geomap.parse_file`), printed as it comes; a file that is one unusable
    document is one error, several print each failure in its place and exit 1 at the end."""
    if not path.exists():
        raise InputError(str(path), None, "no such file; give a .txt or .md document, or - for standard input")
    items = geomap.parse_file(path, published)
    first = next(items, None)
    if first is None:
        raise InputError(str(path), None, "the file holds no document")
    second = next(items, None)
    if isinstance(first, Failure) and second is None:  # the file was one document, or could not be read at all
        raise InputError(first.file, first.line, first.reason)
    failed = 0
    for number, item in enumerate(itertools.chain((first, second), items)):
        if item is None:
            continue
        if isinstance(item, Failure):
            failed += 1
            _echo_failure(item, as_json)
            continue
        if number and not as_json:
            click.echo("")  # a blank line between documents
        _echo(item, as_json)
    if failed:
        raise InputError(f"{failed} part(s) of {path} could not be used; see the "
                         + ('"error" lines in the output' if as_json else "'failed:' lines above"))


def _echo(result: ParseResult, as_json: bool) -> None:
    click.echo(json.dumps(result_json(result), ensure_ascii=False) if as_json else _format(result))


def _echo_failure(failure: Failure, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"error": failure.reason, "file": failure.file, "line": failure.line},
                              ensure_ascii=False))
    else:
        where = f"{failure.file}:{failure.line}" if failure.line else failure.file
        click.echo(f"failed: {where}: {failure.reason}", err=True)


def _parse_jsonl(source: Path) -> None:
    """Results in input order; a bad line prints `{"error": ...}` in its place and sets exit status 1."""
    lines = sys.stdin.buffer if str(source) == "-" else _open_lines(source)
    gaz = gazetteer_package.open()
    failed = 0
    for item in read_jsonl_lines(lines, "<stdin>" if str(source) == "-" else str(source)):
        if isinstance(item, Failure):
            failed += 1
            click.echo(json.dumps({"error": item.reason, "file": item.file, "line": item.line}, ensure_ascii=False))
            continue
        result = parse_or_failure(item, gaz)  # under --debug a stage's own exception stops the run
        if isinstance(result, Failure):
            failed += 1
            click.echo(json.dumps({"id": item.id, "error": result.reason, "file": result.file, "line": result.line},
                                  ensure_ascii=False))
        else:
            click.echo(json.dumps(result_json(result), ensure_ascii=False))
    if failed:
        raise InputError(f"{failed} input line(s) could not be parsed; see the \"error\" lines in the output")


def _open_lines(path: Path):
    if not path.exists():
        raise InputError(str(path), None, "no such file; give a JSONL file or - for standard input")
    return io.BytesIO(read_file_bytes(path))  # bounded and regular files only; lines one at a time


def _format(result: ParseResult) -> str:
    doc = result.document
    lines = [f"document {doc.id}  published {doc.published or 'unknown'}"]
    lines.append(f"mentions ({len(result.resolutions)}):")
    for r in result.resolutions:
        m = r.mention
        where = (f"{r.place.name} [{r.place.kind.value}, {r.place.country_code}] {r.place.lat:.4f},{r.place.lon:.4f}"
                 if r.place else "no place")
        lines.append(f"  {m.start:>6}-{m.end:<6} {m.text!r:24} {m.role.value:8} -> {where}  ({r.reason})")
    lines.append(f"events ({len(result.events)}):")
    for e in result.events:
        where = ", ".join(f"{loc.place.name} ({loc.role.value}, prec {loc.precision})" for loc in e.locations)
        when = f"{e.date_start}" if e.date_start == e.date_end else f"{e.date_start}..{e.date_end}"
        extra = [f"{q.qualifier} {q.value} {q.what}" for q in e.quantities]
        if e.sources:
            extra.append("per " + "; ".join(e.sources))
        lines.append(f"  {e.id}  {e.type.value}/{e.sub_type}  {when} ({e.date_precision.value}) "
                     f"{e.certainty.value}  at {where}" + (f"  [{' | '.join(extra)}]" if extra else ""))
    return "\n".join(lines)
