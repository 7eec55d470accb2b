"""Fixtures shared by the geomap tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import gazetteer

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_ARTICLE = SHARED / "seeds" / "000_5b6f3de2cc2e325e.txt"


@pytest.fixture(scope="session")
def gaz() -> gazetteer.Gazetteer:
    """The process-wide gazetteer (built into $GEOMAP_CACHE_DIR on first use)."""
    return gazetteer.open()


@pytest.fixture(scope="session")
def seed_article() -> Path:
    """The original news article the project was made from; read by path, never copied."""
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"{SEED_ARTICLE} is absent: these tests need the shared/ folder next to the repository")
    return SEED_ARTICLE
