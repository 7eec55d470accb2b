"""`geomap` command line: one module per command, errors turned into `Error: ...` here only."""

from __future__ import annotations

import os

import click

from geomap.cli.build_command import build_command
from geomap.cli.eval_command import eval_command, eval_events_command
from geomap.cli.ingest_command import ingest_command
from geomap.cli.parse_command import parse_command
from geomap.cli.store_command import store_command
from geomap.errors import DEBUG_VARIABLE, USER_ERRORS, debugging


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            if debugging():  # --debug: the traceback too
                raise
            raise click.ClickException(str(exc)) from exc


def _set_debug(ctx: click.Context, _param: click.Parameter, debug: bool) -> bool:
    """--debug sets GEOMAP_DEBUG=1 for this command, where worker processes inherit it (`errors.debugging`),
    and puts the variable back as it was when the command ends."""
    if debug:
        before = os.environ.get(DEBUG_VARIABLE)
        os.environ[DEBUG_VARIABLE] = "1"
        ctx.call_on_close(lambda: _restore(before))
    return debug


def _restore(value: str | None) -> None:
    if value is None:
        os.environ.pop(DEBUG_VARIABLE, None)
    else:
        os.environ[DEBUG_VARIABLE] = value


@click.group(cls=_Group)
@click.version_option(package_name="geomap")
@click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
              help="Show errors with their traceback. A bug inside a pipeline stage then stops the command with "
                   "the stage's own exception, instead of becoming a failed document (geomap parse, and geomap "
                   "build or ingest with the local engine or a local Dask cluster). Sets GEOMAP_DEBUG=1.")
def main() -> None:
    """Turn news reports into a situation map and GIS exports, offline.

    \b
    Examples:
      geomap build                          # the documents in seeds/ -> output/map.html and exports
      geomap build reports/ --out today --strict
      geomap parse article.txt --published 2024-10-27
      geomap parse --jsonl feed.jsonl > results.jsonl
      geomap eval-events tests/data/events/events_dev.jsonl --misses

    Errors print as 'Error: ...' with what to fix (exit code 1; 2 for bad arguments); with --debug, with
    their traceback. `geomap COMMAND --help` tells more. Progress bars show on a terminal only.
    """


main.add_command(build_command, "build")
main.add_command(ingest_command, "ingest")
main.add_command(store_command, "store")
main.add_command(parse_command, "parse")
main.add_command(eval_command, "eval")
main.add_command(eval_events_command, "eval-events")
