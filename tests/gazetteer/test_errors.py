"""The gazetteer's own errors: each is a GazetteerError and the matching built-in, says how to fix the
problem, and reaches a `gazetteer` user as one `Error: ...` line, never a traceback."""

from __future__ import annotations

import pytest
import shapely
from click.testing import CliRunner

from gazetteer import GazetteerError, Place, PlaceKind
from gazetteer.cli import main
from gazetteer.errors import InvalidPlaceError, SourceDataError
from gazetteer.sources import data_file, read_demonyms, region_shape

SQUARE = shapely.box(30.0, 45.0, 40.0, 52.0)


@pytest.mark.parametrize(("entry", "problem"), [
    ({"id": "nowhere", "country_union": ["XX"]},
     "region 'nowhere': unknown country codes ['XX']; `country_union` takes ISO 3166-1 alpha-2 codes"),
    ({"id": "nowhere", "admin1": ["UA-99"]},
     "region 'nowhere': unknown admin-1 codes ['UA-99']; `admin1` takes ISO 3166-2 codes"),
    ({"country": "UA", "direction": "north"},
     "directional UA north: no outline; give `admin1` codes, a `country_union`, an `ne_unit` or a `polygon`"),
    ({"id": "sea", "polygon": [[0, 0], [1, 0], [1, 1], [0, 1]], "clip_to": ["UA"]},
     "region 'sea': the polygon is empty after clipping to ['UA']; its points are [lon, lat] pairs"),
])
def test_an_impossible_region_names_the_file_the_entry_and_the_fix(entry, problem):
    with pytest.raises(SourceDataError) as info:
        region_shape(entry, {"UA-14": SQUARE}, {"UA": SQUARE})
    assert str(info.value).startswith(f"{data_file('regions.toml')}: {problem}")
    assert isinstance(info.value, GazetteerError) and isinstance(info.value, ValueError)


def test_a_demonym_file_with_another_header_says_what_the_header_must_be(tmp_path, monkeypatch):
    (tmp_path / "demonyms.tsv").write_text("# comment\ndemonym\tcode\nUkrainian\tUA\n", encoding="utf-8")
    monkeypatch.setattr("gazetteer.sources.data_file", lambda name: tmp_path / name)
    with pytest.raises(SourceDataError, match=r"demonyms\.tsv: the header \['demonym', 'code'\] is not "
                                              r"\['code', 'demonym'\]; make the first line that is no comment"):
        read_demonyms()


def test_an_impossible_place_is_an_invalid_place_error():
    with pytest.raises(InvalidPlaceError, match=r"longitude 200\.0 is outside -180\.\.180"):
        Place("x", "X", PlaceKind.POPULATED_PLACE, "UA", "", lat=10.0, lon=200.0, population=0, geonameid=None)


def test_broken_gazetteer_data_is_one_error_line_in_the_gazetteer_command(monkeypatch):
    def build_with_a_bad_region(force_rebuild=False):
        return region_shape({"id": "nowhere", "country_union": ["XX"]}, {}, {})

    monkeypatch.setattr("gazetteer.cli.load_index", build_with_a_bad_region)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {data_file('regions.toml')}: region 'nowhere': unknown country codes")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
