"""The whole path on the original article: document in, map and GeoJSON out."""

import json

import geopandas

import geomap


def test_build_from_the_original_article(seed_article, tmp_path):
    result = geomap.build([seed_article], tmp_path)
    assert [d.doc_id for d in result.report.documents] == ["000_5b6f3de2cc2e325e"]
    assert result.report.failures == ()
    for name in ("map.html", "events.geojson", "places.geojson", "failures.jsonl", "report.json"):
        assert (tmp_path / name).is_file(), name

    places = geopandas.read_file(tmp_path / "places.geojson")
    by_name = set(places["name"])
    assert {"Kyiv", "Ukraine", "Russia"} <= by_name
    assert any("Kursk" in name for name in by_name)
    assert 703448 in set(places["geonameid"])

    events = json.loads((tmp_path / "events.geojson").read_text())["features"]
    kyiv_strikes = [f for f in events if f["properties"]["type"] == "explosions_remote_violence"
                    and f["properties"]["place_name"] == "Kyiv"]
    assert kyiv_strikes, "the drone strike on Kyiv in the caption is an event"
    assert kyiv_strikes[0]["properties"]["date_start"] == "2024-10-25"
    assert "drone strike" in kyiv_strikes[0]["properties"]["quote"]
    assert kyiv_strikes[0]["geometry"]["coordinates"] == [30.5238, 50.45466]
    kursk = [f for f in events if "Kursk" in f["properties"]["place_name"]]
    assert kursk and all(f["properties"]["country_code"] == "RU" for f in kursk)


def test_parse_reports_the_article_date_and_key_places(seed_article):
    from geomap.text.ingest import read_text_file

    result = geomap.parse_document(read_text_file(seed_article, "article"))
    assert result.document.published.isoformat() == "2024-10-27"
    resolved = {r.place.name for r in result.resolutions if r.place}
    assert {"Kyiv", "Ukraine", "Russia", "North Korea", "South Korea", "Japan"} <= resolved
    texts = {r.mention.text for r in result.resolutions}
    assert "New York" not in texts  # inside "The New York Times"
    assert not texts & {"Friday", "Thursday", "Wednesday", "Sunday", "Monday", "Volodymyr", "Kim"}
