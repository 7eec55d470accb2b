"""How `geomap` reports errors: a user's problem (the gazetteer's included) is one `Error: ...` line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import gazetteer
from gazetteer.errors import SourceDataError
from geomap.cli import main as geomap_main

BROKEN = "regions.toml: region 'nowhere': unknown country codes ['XX']; `country_union` takes ISO codes"


def broken_data(*args, **kwargs):
    raise SourceDataError(BROKEN)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "in" / "kyiv.txt"
    path.parent.mkdir()
    path.write_text("date 2024-10-27\nDrones struck Kyiv on Friday.\n", encoding="utf-8")
    return path


def test_broken_gazetteer_data_is_one_error_line_for_geomap_parse(monkeypatch):
    monkeypatch.setattr(gazetteer, "open", broken_data)
    result = CliRunner().invoke(geomap_main, ["parse", "-"], input="Drones struck Kyiv.\n")
    assert (result.exit_code, result.stderr) == (1, f"Error: {BROKEN}\n")


def test_broken_gazetteer_data_met_inside_a_stage_stops_the_build_with_the_fix(monkeypatch, article, tmp_path, gaz):
    monkeypatch.setattr("geomap.pipeline.find_mentions", broken_data)
    result = CliRunner().invoke(geomap_main, ["build", str(article.parent), "--workers", "1", "--out",
                                              str(tmp_path / "out")])
    assert (result.exit_code, result.stderr) == (1, f"Error: {BROKEN}\n")
