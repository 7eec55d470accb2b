"""How `geomap` reports errors: a user's problem (the gazetteer's included) is one `Error: ...` line."""

from __future__ import annotations

import json
import os
import traceback

import pytest
from click.testing import CliRunner

import gazetteer
from gazetteer.errors import SourceDataError
from geomap.cli import main as geomap_main
from geomap.errors import DEBUG_VARIABLE

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


# --- geomap --debug -----------------------------------------------------------------------------


def bug_in_a_stage(*args, **kwargs):
    raise ZeroDivisionError("a bug in the resolver")


@pytest.fixture
def buggy_resolver(monkeypatch, gaz):
    monkeypatch.setattr("geomap.pipeline.resolve_mentions", bug_in_a_stage)


def raised_in(result, function) -> bool:
    """Whether the command ended with `function`'s own exception, with the frames down to it."""
    frames = traceback.extract_tb(result.exc_info[2])
    return isinstance(result.exception, ZeroDivisionError) and frames[-1].name == function.__name__


def test_without_debug_a_bug_in_a_stage_of_geomap_parse_is_one_error_line(buggy_resolver):
    result = CliRunner().invoke(geomap_main, ["parse", "-"], input="Drones struck Kyiv.\n")
    assert (result.exit_code, result.stderr) == (1, "Error: stage 'resolve' failed on document 'stdin': "
                                                    "ZeroDivisionError: a bug in the resolver\n")


def test_debug_raises_the_stage_s_own_exception_from_geomap_parse(buggy_resolver):
    result = CliRunner().invoke(geomap_main, ["--debug", "parse", "-"], input="Drones struck Kyiv.\n")
    assert raised_in(result, bug_in_a_stage)
    assert DEBUG_VARIABLE not in os.environ  # set for the command only


def test_debug_raises_the_stage_s_own_exception_from_geomap_parse_jsonl(buggy_resolver):
    line = json.dumps({"id": "a", "text": "Drones struck Kyiv."}) + "\n"
    assert CliRunner().invoke(geomap_main, ["parse", "--jsonl", "-"], input=line).exit_code == 1
    assert raised_in(CliRunner().invoke(geomap_main, ["--debug", "parse", "--jsonl", "-"], input=line),
                     bug_in_a_stage)


def test_without_debug_a_bug_in_a_stage_of_geomap_build_is_a_failed_document(buggy_resolver, article, tmp_path):
    result = CliRunner().invoke(geomap_main, ["build", str(article.parent), "--workers", "1", "--out",
                                              str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "stage 'resolve' failed on document 'kyiv': ZeroDivisionError: a bug in the resolver" in result.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_debug_raises_the_stage_s_own_exception_from_geomap_build(buggy_resolver, article, tmp_path, workers):
    result = CliRunner().invoke(geomap_main, ["--debug", "build", str(article.parent), "--workers", workers,
                                              "--out", str(tmp_path / "out")])
    if workers == "1":
        assert raised_in(result, bug_in_a_stage)
    else:  # raised again in this process; the worker's traceback is its cause
        assert isinstance(result.exception, ZeroDivisionError)
        assert "in bug_in_a_stage" in str(result.exception.__cause__)
    assert not (tmp_path / "out" / "map.html").exists()


def test_debug_is_documented_in_the_help():
    result = CliRunner().invoke(geomap_main, ["--help"])
    assert "--debug" in result.output and "traceback" in result.output
