"""`geomap` command line: one module per command, errors turned into `Error: ...` here only."""

from __future__ import annotations

import click

from geomap.cli.build_command import build_command
from geomap.cli.eval_command import eval_command, eval_events_command
from geomap.cli.ingest_command import ingest_command
from geomap.cli.parse_command import parse_command
from geomap.cli.store_command import store_command
from geomap.errors import USER_ERRORS


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(package_name="geomap")
def main() -> None:
    """Turn news reports into a situation map and GIS exports, offline.

    \b
    Examples:
      geomap build                          # the documents in seeds/ -> output/map.html and exports
      geomap build reports/ --out today --self-contained --strict
      geomap parse article.txt --published 2024-10-27
      geomap parse --jsonl feed.jsonl > results.jsonl
      geomap eval-events tests/data/events/events_dev.jsonl --misses

    Errors print as 'Error: ...' with what to fix (exit code 1; 2 for bad arguments); `geomap COMMAND
    --help` tells more. Progress bars show on a terminal only.
    """


main.add_command(build_command, "build")
main.add_command(ingest_command, "ingest")
main.add_command(store_command, "store")
main.add_command(parse_command, "parse")
main.add_command(eval_command, "eval")
main.add_command(eval_events_command, "eval-events")
