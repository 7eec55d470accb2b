"""The map in a real browser: Debian's Chromium with every network request refused.

The self-contained map of the original article must draw its layers, open popups with the right text,
filter by date, and log no script errors; a hostile document must run no script. A screenshot of the
seed map is saved to output/seed_map.png for people to look at.
"""

import json
from pathlib import Path

import pytest

import geomap
from geomap.records import EventType
from tests.browser import CHROMIUM, is_tile, open_page

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>`${window.__pwned=3}`\\"
SCREENSHOT = Path(__file__).resolve().parents[1] / "output" / "seed_map.png"


def _require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (or: apt-get install chromium)")


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory, seed_article):
    _require_chromium()
    out = tmp_path_factory.mktemp("map")
    result = geomap.build([seed_article], out, self_contained=True, title="North Korean troops in Russia")
    return out, result


def page_config_name(out) -> str:
    """The page's Leaflet map variable, from the configuration the page hands its script."""
    from geomap.outputs.map import page_config

    return page_config((out / "map.html").read_text(encoding="utf-8"))["map"]


def _only_tiles_failed(log) -> None:
    assert log.errors == []
    assert all(is_tile(url) for url in log.blocked), [u for u in log.blocked if not is_tile(u)]
    assert log.served == []  # self-contained: nothing was fetched, not even from the local package
    assert all("Failed to load resource" in line for line in log.console), log.console


def test_self_contained_seed_map_draws_every_layer_offline(seed_map):
    out, result = seed_map
    with open_page(out / "map.html", serve_assets=False) as (page, log):
        overlays = [o.strip() for o in page.locator(".leaflet-control-layers-overlays label").all_inner_texts()]
        for name in ("country outlines", "places mentioned", "Explosions/Remote violence", "Strategic developments",
                     "Battles"):
            assert name in overlays, overlays
        assert any(o.startswith("regions") for o in overlays) and any(o.startswith("movements") for o in overlays)
        events = page.evaluate("() => geomap.events()")
        assert len(events) == page.evaluate("() => geomap.count()") > 0
        exported = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
        assert len(exported) == result.event_features
        assert len(events) == sum(f["properties"]["location_role"] != "origin" for f in exported)
        drawn_types = {e["type"] for e in events}
        assert {EventType.EXPLOSIONS.value, EventType.STRATEGIC.value} <= drawn_types
        # regions and arrows are drawn: Kursk (an oblast) solid, eastern Russia dashed, arrows from North Korea
        regions = page.evaluate("""() => { const out = []; Object.values(window).forEach(v => {
            if (v instanceof L.GeoJSON) v.eachLayer(l => { const p = l.feature && l.feature.properties;
              if (p && p.kind && p.p) out.push([p.name, p.p]); }); }); return out; }""")
        assert any(name == "Kursk" and p == 4 for name, p in regions), regions
        assert any(name == "eastern Russia" and p == 5 for name, p in regions), regions
        arrows = page.evaluate("""() => { const out = []; Object.values(window).forEach(v => {
            if (v instanceof L.GeoJSON) v.eachLayer(l => { const p = l.feature && l.feature.properties;
              if (p && p.from) out.push(p.from + ' > ' + p.pl); }); }); return out; }""")
        assert "North Korea > eastern Russia" in arrows, arrows
        assert page.locator(".geomap-legend").inner_text().count("\n") >= 5
        assert "2024" in page.locator("#geomap-dates-label").inner_text()
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.wait_for_function(f"() => !window['{page_config_name(out)}']._animatingZoom")  # the framing zoom
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOT))
        page.screenshot(path=str(out / "map.png"))
        _only_tiles_failed(log)


def test_popup_quotes_the_sentence_with_the_place_marked(seed_map):
    out, _ = seed_map
    with open_page(out / "map.html", serve_assets=False) as (page, log):
        events = page.evaluate("() => geomap.events()")
        kyiv = next(e for e in events if e["place"] == "Kyiv" and e["type"] == EventType.EXPLOSIONS.value)
        page.evaluate(f"() => geomap.open({kyiv['i']})")
        popup = page.locator(".leaflet-popup-content")
        text = popup.inner_text()
        assert "air drone strike" in text and "2024-10-25" in text and "Source:" in text
        assert popup.locator("blockquote mark").first.inner_text() == "Kyiv"
        _only_tiles_failed(log)


def test_date_filter_hides_events_outside_the_chosen_days(seed_map):
    out, _ = seed_map
    with open_page(out / "map.html", serve_assets=False) as (page, log):
        total = page.evaluate("() => geomap.count()")
        day = page.evaluate("() => geomap.dayNumber('2024-10-25')")
        shown = page.evaluate(f"() => geomap.filter({day}, {day})")
        assert 0 < shown < total
        assert page.evaluate("() => geomap.count()") == shown
        assert all(e["start"] <= "2024-10-25" <= e["end"] for e in page.evaluate("() => geomap.events()")
                   if e["shown"])
        assert page.locator(".geomap-list li").count() == shown
        before = page.evaluate("() => geomap.dayNumber('2024-07-01')")  # before every event of the article
        assert page.evaluate(f"() => geomap.filter({before}, {before} + 5)") == 0
        assert page.evaluate("() => geomap.arrowsShown()") == 0  # arrows go with their events
        page.evaluate(f"() => geomap.filter({before}, {day} + 5)")
        assert page.evaluate("() => geomap.arrowsShown()") > 0
        _only_tiles_failed(log)


def test_hostile_document_text_shows_as_text_and_runs_nothing(tmp_path):
    _require_chromium()
    doc = tmp_path / "hostile.txt"
    doc.write_text(f"date 2024-10-27\nDrones struck Kyiv on Friday {HOSTILE} and more.\n", encoding="utf-8")
    geomap.build([doc], tmp_path / "out", self_contained=True, title=HOSTILE)
    with open_page(tmp_path / "out" / "map.html", serve_assets=False) as (page, log):
        texts = []
        for event in page.evaluate("() => geomap.events()"):
            page.evaluate(f"() => geomap.open({event['i']})")
            texts.append(page.locator(".leaflet-popup-content").inner_text())
        page.locator(".geomap-list li").first.click()
        assert page.evaluate("() => window.__pwned === undefined")
        assert any(HOSTILE in t for t in texts), texts
        assert HOSTILE in page.locator(".geomap-title").inner_text()
        _only_tiles_failed(log)


def test_map_without_the_flag_loads_its_scripts_from_the_web(tmp_path, seed_article):
    _require_chromium()
    geomap.build([seed_article], tmp_path / "out")
    with open_page(tmp_path / "out" / "map.html") as (page, log):
        assert page.evaluate("() => geomap.count()") > 0
        assert log.served and log.errors == []
        assert all(is_tile(url) for url in log.blocked), log.blocked
