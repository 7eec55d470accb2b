"""What the store's tests share: one-line documents (each parses in milliseconds), the CLI, and the counts
of an IngestReport in one order."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from geomap.cli import main as geomap_main

KYIV = "date 2024-10-27\nDrones struck Kyiv on Friday, officials said.\n"
KHARKIV = "date 2024-10-26\nShelling hit Kharkiv on Friday, the governor said.\n"
NEW = "store {store} was written by a newer geomap (schema 7, this one reads 1); upgrade geomap"
NOT_A_STORE = "give the file that `geomap ingest --store` wrote, or a new file name to start a store"


def geomap(*args: str) -> Result:
    return CliRunner().invoke(geomap_main, ["--help"] if not args else list(args))


def counts(report) -> tuple[int, int, int, int, int]:
    """added, updated, unchanged, duplicates, failures."""
    return report.added, report.updated, report.unchanged, report.duplicates, report.failures


def events(store: Path, out: Path) -> list[dict]:
    result = geomap("build", "--store", str(store), "--out", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    return [f["properties"] for f in json.loads((out / "events.geojson").read_text("utf-8"))["features"]]
