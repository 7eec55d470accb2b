"""`geomap parse [FILE|-] [--published YYYY-MM-DD] [--json]` and `geomap parse --jsonl IN|-`."""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from pathlib import Path

import click

import gazetteer as gazetteer_package
from geomap.errors import InputError, Origin, StageError
from geomap.outputs.parse_json import result_json
from geomap.pipeline import DocumentTimeoutError, parse_document
from geomap.records import Document, Failure, ParseResult
from geomap.text.decoding import decode
from geomap.text.documents import parse_date
from geomap.text.ingest import (
    document_from_text,
    read_file_bytes,
    read_jsonl_lines,
    read_stream_bytes,
    read_text_file,
)


@click.command()
@click.argument("file", required=False, type=click.Path(allow_dash=True, dir_okay=False, path_type=Path))
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (overrides a date line).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option("--jsonl", "jsonl", type=click.Path(allow_dash=True, dir_okay=False, path_type=Path),
              help="Parse many documents: JSONL in (file or -), one JSON result a line out, in order.")
def parse_command(file: Path | None, published: str | None, as_json: bool, jsonl: Path | None) -> None:
    """Find places and events in one document (FILE, or - for standard input)."""
    if jsonl is not None:
        if file is not None:
            raise click.UsageError("give either FILE or --jsonl, not both")
        _parse_jsonl(jsonl)
        return
    date_override = parse_date(published, Origin("--published")) if published else None
    document = _read_one(file or Path("-"))
    if date_override is not None:
        document = dataclasses.replace(document, published=date_override)
    result = parse_document(document)
    if as_json:
        click.echo(json.dumps(result_json(result), ensure_ascii=False))
    else:
        click.echo(_format(result))


def _read_one(path: Path) -> Document:
    if str(path) == "-":
        data = read_stream_bytes(sys.stdin.buffer, "<stdin>")
        return document_from_text(decode(data, "<stdin>"), "stdin", file="<stdin>")
    if not path.exists():
        raise InputError(str(path), None, "no such file; give a .txt or .md document, or - for standard input")
    return read_text_file(path, path.stem)


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
        try:
            click.echo(json.dumps(result_json(parse_document(item, gaz)), ensure_ascii=False))
        except (StageError, DocumentTimeoutError) as exc:  # under --debug a stage's own exception stops the run
            failed += 1
            click.echo(json.dumps({"id": item.id, "error": str(exc), "file": item.file, "line": item.line},
                                  ensure_ascii=False))
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
