"""`gazetteer` command line: a thin layer over `gazetteer.open()`."""

from __future__ import annotations

import json
import time

import click

from gazetteer.errors import GazetteerError
from gazetteer.index import cache_dir, index_paths, load_index
from gazetteer.lookup import Gazetteer, open_gazetteer
from gazetteer.sources import sources_description


class _Group(click.Group):
    """Turns library errors into `Error: ...` and exit status 1, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GazetteerError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(package_name="geomap")
def main() -> None:
    """Offline world gazetteer: look up place names, inspect and build the index."""


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--country", metavar="CC", help="Keep only places in this country (ISO alpha-2, e.g. UA).")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(min=1), help="Candidates per name.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per query, one per line.")
def lookup(names: tuple[str, ...], country: str | None, limit: int, as_json: bool) -> None:
    """Look up place NAMES; best candidate first."""
    gaz = open_gazetteer()
    for name in names:
        candidates = gaz.lookup(name, country=country, limit=limit)
        if as_json:
            click.echo(json.dumps({"query": name, "candidates": [_candidate_json(c) for c in candidates]},
                                  ensure_ascii=False))
            continue
        click.echo(f"{name}:")
        if not candidates:
            click.echo("  (no place with this name)")
        for c in candidates:
            p = c.place
            click.echo(f"  {c.score:6.3f}  {p.name} [{p.kind.value}, {p.country_code}] "
                       f"{p.lat:.4f},{p.lon:.4f}  {p.id}  ({c.reason})")


def _candidate_json(c) -> dict:
    p = c.place
    return {"id": p.id, "name": p.name, "kind": p.kind.value, "country_code": p.country_code,
            "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "population": p.population,
            "geonameid": p.geonameid, "score": c.score, "reason": c.reason}


@main.command()
def info() -> None:
    """Counts by kind, sources and versions, cache path and size."""
    gaz: Gazetteer = open_gazetteer()
    counts = gaz.counts_by_kind()
    click.echo(f"places: {len(gaz):,}")
    for kind, n in sorted(counts.items()):
        click.echo(f"  {kind}: {n:,}")
    click.echo("sources:")
    for line in sources_description():
        click.echo(f"  {line}")
    paths = index_paths(gaz.fingerprint)
    size = sum(p.stat().st_size for p in paths if p.exists())
    click.echo(f"cache: {cache_dir()} ({size / 1e6:.1f} MB)")


@main.command()
@click.option("--force", is_flag=True, help="Rebuild even when the cached index is current.")
def build(force: bool) -> None:
    """Build the index into the cache directory (done automatically on first use)."""
    started = time.perf_counter()
    data = load_index(force_rebuild=force)
    click.echo(f"index ready: {len(data.ids):,} places, {len(data.by_key):,} names "
               f"in {time.perf_counter() - started:.1f} s at {cache_dir()}")
