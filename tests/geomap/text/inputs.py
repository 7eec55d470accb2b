"""Helpers the text tests share: writing input files and reading them as `geomap build` does."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.records import Document, Failure
from geomap.text.ingest import read_inputs

HOSTILE = Path(__file__).parents[2] / "data" / "hostile"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read_all(*inputs: Path) -> list[Document | Failure]:
    return list(read_inputs(list(inputs)))


def jsonl(*records: object) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r) for r in records]
