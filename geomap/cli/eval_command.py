"""`geomap eval CORPUS.jsonl [--json]` (places) and `geomap eval-events CORPUS.jsonl` (events)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from geomap.evaluation.events import evaluate_events, format_event_summary
from geomap.evaluation.places import SPLITS, evaluate, format_summary


@click.command()
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="dev: documents tuning may look at; heldout: the fixed fifth kept aside (sha1(id) % 5 == 0).")
def eval_command(corpus: Path, as_json: bool, split: str) -> None:
    """Score geoparsing on an annotated JSONL CORPUS: recognition, end-to-end and gold-span accuracy, errors.

    docs/evaluation.md describes the corpus format and what each figure means.
    """
    summary = evaluate(corpus, split)
    click.echo(json.dumps(summary) if as_json else format_summary(summary))


@click.command()
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--misses", is_flag=True, help="List the missed gold events and the spurious predictions.")
def eval_events_command(corpus: Path, as_json: bool, misses: bool) -> None:
    """Score event extraction on an event-annotated JSONL CORPUS: precision and recall of matched events.

    docs/evaluation.md describes the corpus format, when a predicted event matches a gold one, and what each
    figure means; tests/data/events/README.md the annotated files kept here.
    """
    summary = evaluate_events(corpus)
    click.echo(json.dumps(summary) if as_json else format_event_summary(summary, misses))
