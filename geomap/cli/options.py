"""Options shared by commands."""

from __future__ import annotations

import click

from geomap.engine import ENGINES


def engine_options(command):
    """--engine, --workers, --scheduler: where documents are parsed (geomap.engine)."""
    command = click.option("--scheduler", metavar="ADDRESS",
                           help="With --engine dask: an existing Dask scheduler (tcp://host:8786) instead of a "
                                "local cluster.")(command)
    command = click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                           help="Processes: a local pool, or the local Dask cluster's workers.")(command)
    command = click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                           help="local: this machine's processes; dask: a Dask cluster (pip install "
                                "'geomap[dask]').")(command)
    return command
