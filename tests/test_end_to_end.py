"""The whole path on a seed-like article: document in, map and GeoJSON out; and the geoparser scored on a
corpus with hand-written gold. Our fixtures always; the original article as an extra case when ../shared is
present."""

import json

import geopandas
import pytest

import geomap
from geomap.evaluation.places import evaluate
from geomap.text.ingest import read_text_file
from tests.conftest import ARTICLE, NEWS_SLICE, ORIGINAL_ARTICLE, with_shared


def test_build_from_a_seed_article(seed_article, tmp_path):
    result = geomap.build([seed_article], tmp_path)
    assert [d.doc_id for d in result.report.documents] == [seed_article.stem]
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
    assert kyiv_strikes, "the drone strike on Kyiv is an event"
    assert kyiv_strikes[0]["properties"]["date_start"] == "2024-10-25"
    assert "drone strike" in kyiv_strikes[0]["properties"]["quote"]
    assert kyiv_strikes[0]["geometry"]["coordinates"] == [30.5238, 50.45466]
    kursk = [f for f in events if "Kursk" in f["properties"]["place_name"]]
    assert kursk and all(f["properties"]["country_code"] == "RU" for f in kursk)


@pytest.mark.parametrize(("article", "places", "traps"), [
    pytest.param(ARTICLE, {"Kyiv", "Ukraine", "Russia", "North Korea", "South Korea", "Georgia", "Tbilisi",
                           "Kharkiv", "Kursk", "Bryansk", "Tsukuryne"},
                 {"Friday", "Thursday", "Wednesday", "Saturday", "Volodymyr", "Zelensky", "Kim", "Salome"},
                 id="ours"),
    *with_shared(pytest.param(ORIGINAL_ARTICLE, {"Kyiv", "Ukraine", "Russia", "North Korea", "South Korea", "Japan"},
                              {"Friday", "Thursday", "Wednesday", "Sunday", "Monday", "Volodymyr", "Kim"},
                              id="original")),
])
def test_parse_reports_the_article_date_and_key_places(article, places, traps):
    result = geomap.parse_document(read_text_file(article, "article"))
    assert result.document.published.isoformat() == "2024-10-27"
    resolved = {r.place.name for r in result.resolutions if r.place}
    assert places <= resolved, places - resolved
    texts = {r.mention.text for r in result.resolutions}
    assert "New York" not in texts  # inside "The New York Times"
    assert not texts & traps


def test_our_news_slice_is_well_formed():
    docs = [json.loads(line) for line in NEWS_SLICE.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 30 and len({d["id"] for d in docs}) == 30
    for doc in docs:
        assert doc["toponyms"], doc["id"]
        for gold in doc["toponyms"]:
            assert doc["text"][gold["start"]:gold["end"]] == gold["phrase"], doc["id"]
            assert -90 <= gold["lat"] <= 90 and -180 <= gold["lon"] <= 180


def test_eval_on_our_news_slice_finds_and_places_nearly_every_toponym():
    """`geomap eval` end to end on 30 reports with 92 gold toponyms we wrote: a drop here is a regression a
    reader of the map would see (places missed, or put in the wrong country)."""
    summary = evaluate(NEWS_SLICE)
    assert summary["documents"] == 30 and summary["gold_toponyms"] == 92
    assert summary["end_to_end_accuracy"] >= 0.9
    assert summary["recognition_overlap"]["f1"] >= 0.9
    assert summary["acc161_matched"] >= 0.95
