"""Shared fixtures: the gazetteer (built once into the cache) and the material in ../shared (or wherever
GEOMAP_SHARED_DIR points, e.g. a folder that does not exist, to run the suite as a clean checkout does)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import gazetteer

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GEOMAP_SHARED_DIR", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.open()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not present (the shared development material sits beside the repository)")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared_dir: Path) -> Path:
    return shared_dir / "seeds" / "000_5b6f3de2cc2e325e.txt"
