"""Options shared by commands."""

from __future__ import annotations

import click

from geomap.batch.engine import ENGINES, available_workers


def engine_options(command):
    """--engine, --workers, --scheduler: where documents are parsed (geomap.batch.engine)."""
    command = click.option("--scheduler", metavar="ADDRESS",
                           help="With --engine dask: an existing Dask scheduler (tcp://host:8786) instead of a "
                                "local cluster.")(command)
    command = click.option("--workers", type=click.IntRange(min=1), default=available_workers,
                           show_default="all available cores",
                           help="Processes: a local pool (1: parse in this process), or the local Dask "
                                "cluster's workers.")(command)
    command = click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                           help="local: this machine's processes; dask: a Dask cluster (pip install "
                                "'geomap[dask]').")(command)
    return command
