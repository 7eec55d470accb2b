"""Stores for the store's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.batch.store import ingest
from geomap.text.ingest import read_inputs
from tests.geomap.batch.store_helpers import KHARKIV, KYIV


@pytest.fixture
def inbox(tmp_path, monkeypatch) -> Path:
    """inbox/sub/kyiv.txt, with the test running in tmp_path so that relative paths mean something."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inbox" / "sub").mkdir(parents=True)
    (tmp_path / "inbox" / "sub" / "kyiv.txt").write_text(KYIV, encoding="utf-8")
    return tmp_path / "inbox"


@pytest.fixture
def stored(tmp_path, gaz) -> Path:
    """A store holding kyiv.txt and kharkiv.txt."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kyiv.txt").write_text(KYIV, encoding="utf-8")
    (tmp_path / "in" / "kharkiv.txt").write_text(KHARKIV, encoding="utf-8")
    store = tmp_path / "situation.db"
    ingest(read_inputs([tmp_path / "in"]), store, gaz)
    return store
