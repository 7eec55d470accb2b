"""Shared fixtures: the gazetteer (built once into the cache), our fixture documents under tests/data/, and
the development material in ../shared (or wherever GEOMAP_SHARED_DIR points, e.g. a folder that does not
exist, to run the suite as a clean checkout does).

Every test runs on our own fixtures. The shared material only adds parametrised cases, generated when it
is present (`with_shared`), so a checkout without ../shared runs the whole suite and skips nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import gazetteer

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GEOMAP_SHARED_DIR", REPO.parent / "shared"))
DATA = Path(__file__).parent / "data"

ARTICLE = DATA / "articles" / "week_of_kursk_and_tbilisi.txt"  # our seed-like article
NEWS_SLICE = DATA / "corpus" / "news_slice.jsonl"  # our reports in the eval format, with gold toponyms
ORIGINAL_ARTICLE = SHARED / "seeds" / "000_5b6f3de2cc2e325e.txt"  # the article the project was created from
SHARED_EVAL = SHARED / "eval"


def with_shared(*cases: object) -> list:
    """The cases when the shared material is present, else none: extra parametrised cases that simply do
    not exist on a clean checkout (a test's own cases on our fixtures always remain)."""
    return list(cases) if SHARED.is_dir() else []


SEED_ARTICLES = [pytest.param(ARTICLE, id="ours"), *with_shared(pytest.param(ORIGINAL_ARTICLE, id="original"))]


@pytest.fixture(scope="session")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.open()


@pytest.fixture(scope="session", params=SEED_ARTICLES)
def seed_article(request: pytest.FixtureRequest) -> Path:
    """A seed-like news article dated 2024-10-27 that reports a drone strike on Kyiv on the 25th, North
    Korean troops in the Kursk region and moved into eastern Russia: ours, and the original when present."""
    return request.param
