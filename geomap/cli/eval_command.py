"""`geomap eval CORPUS.jsonl [--json]`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from geomap.evaluate import evaluate, format_summary


@click.command()
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
def eval_command(corpus: Path, as_json: bool) -> None:
    """Score geoparsing on an annotated JSONL CORPUS (see shared/eval/README.md for the format)."""
    summary = evaluate(corpus)
    click.echo(json.dumps(summary) if as_json else format_summary(summary))
