"""The map in a real browser: Debian's Chromium with every network request refused.

The self-contained map of the original article must draw its layers, open popups with the right text,
filter by date, and log no script errors; a hostile document must run no script. A screenshot of the
seed map is saved to output/seed_map.png for people to look at.
"""

import json
from datetime import date
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


def page_config_of(out) -> dict:
    """The configuration the page hands its script."""
    from geomap.outputs.map import page_config

    return page_config((out / "map.html").read_text(encoding="utf-8"))


def page_events(out) -> list[dict]:
    """The properties of every event marker and movement arrow in the page's data block."""
    from geomap.outputs.map_data import page_data

    data = page_data((out / "map.html").read_text(encoding="utf-8"))
    features = [f for layer in data["layers"] for f in layer["data"]["features"]]
    return [f["properties"] for f in features if "quote" in f["properties"]]


def day_number(day: str) -> int:
    """Days since 1970, as the page's date filter counts them."""
    return (date.fromisoformat(day) - date(1970, 1, 1)).days


def drawn_events(page) -> list[dict]:
    return page.evaluate("() => geomap.internal.drawnEvents()")


def drawn_arrows(page) -> int:
    return page.evaluate("() => geomap.internal.drawnArrows()")


def choose_days(page, first: int, last: int) -> None:
    """Move the date filter's sliders as a user does: `from` first, then `to`."""
    page.evaluate("""([first, last]) => {
        for (const [id, day] of [["geomap-from", first], ["geomap-to", last]]) {
            const input = document.getElementById(id);
            input.value = day;
            input.dispatchEvent(new Event("input"));
        }}""", [first, last])


def shown_on(events: list[dict], first: int, last: int, config: dict) -> list[dict]:
    """What the filter should show: the events whose days overlap the chosen ones, and undated events only
    while every day is chosen."""
    every_day = first <= config["first"] and last >= config["last"]
    return [p for p in events if (every_day if not p["d0"] else
                                  day_number(p["d0"]) <= last and day_number(p["d1"] or p["d0"]) >= first)]


def list_items(page):
    """The event list's entries (one per event shown, up to 300)."""
    return page.locator(".geomap-list li[data-i]")


def open_popup_from_list(page, index: int) -> str:
    """Click an entry of the event list, as a user does, and return the popup it opens (as HTML)."""
    list_items(page).nth(index).click()
    return page.locator(".leaflet-popup-content").last.inner_html()


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
        assert sorted(page.evaluate("() => Object.keys(geomap)")) == [  # what the page calls, and no test hooks
            "bindEvent", "bindMovement", "bindPlace", "bindRegion", "init", "internal"]
        events = drawn_events(page)
        assert len(events) == list_items(page).count() > 0
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
        page.wait_for_function(f"() => !window['{page_config_of(out)['map']}']._animatingZoom")  # the framing zoom
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOT))
        page.screenshot(path=str(out / "map.png"))
        _only_tiles_failed(log)


def test_popup_quotes_the_sentence_with_the_place_marked(seed_map):
    out, _ = seed_map
    with open_page(out / "map.html", serve_assets=False) as (page, log):
        entries = list_items(page).all_inner_texts()
        kyiv = next(i for i, text in enumerate(entries) if text.endswith("air drone strike, Kyiv"))
        open_popup_from_list(page, kyiv)
        popup = page.locator(".leaflet-popup-content")
        text = popup.inner_text()
        assert "air drone strike" in text and "2024-10-25" in text and "Source:" in text
        assert popup.locator("blockquote mark").first.inner_text() == "Kyiv"
        _only_tiles_failed(log)


def test_date_filter_hides_events_outside_the_chosen_days(seed_map):
    out, _ = seed_map
    config, events = page_config_of(out), page_events(out)
    markers = [p for p in events if "from" not in p]
    arrows = [p for p in events if "from" in p]
    assert arrows, "the seed article has movements: the filter must hide their arrows with their events"
    with open_page(out / "map.html", serve_assets=False) as (page, log):
        total = len(drawn_events(page))
        assert total == len(markers) and drawn_arrows(page) == len(arrows)
        day = day_number("2024-10-25")
        windows = [(day, day), (config["first"], config["first"]), (config["last"], config["last"]),
                   (config["first"], day), (config["first"], config["last"])]
        for first, last in windows:
            choose_days(page, first, last)
            expected = shown_on(markers, first, last, config)
            shown = drawn_events(page)
            assert sorted((e["place"], e["start"], e["end"]) for e in shown) == \
                   sorted((p["pl"], p["d0"], p["d1"]) for p in expected), (first, last)
            assert drawn_arrows(page) == len(shown_on(arrows, first, last, config)), (first, last)  # with their events
            assert list_items(page).count() == len(shown)
            assert page.locator("#geomap-dates-label").inner_text().endswith(f"({len(shown)} of {total})")
        choose_days(page, day, day)
        assert 0 < len(drawn_events(page)) < total
        assert all(e["start"] <= "2024-10-25" <= e["end"] for e in drawn_events(page))
        _only_tiles_failed(log)


def test_hostile_document_text_shows_as_text_and_runs_nothing(tmp_path):
    _require_chromium()
    doc = tmp_path / "hostile.txt"
    doc.write_text(f"date 2024-10-27\nDrones struck Kyiv on Friday {HOSTILE} and more.\n", encoding="utf-8")
    geomap.build([doc], tmp_path / "out", self_contained=True, title=HOSTILE)
    with open_page(tmp_path / "out" / "map.html", serve_assets=False) as (page, log):
        texts = []
        for i in range(list_items(page).count()):
            open_popup_from_list(page, i)
            texts.append(page.locator(".leaflet-popup-content").inner_text())
        assert texts and page.evaluate("() => window.__pwned === undefined")
        assert any(HOSTILE in t for t in texts), texts
        assert HOSTILE in page.locator(".geomap-title").inner_text()
        _only_tiles_failed(log)


def test_the_default_build_opens_with_no_network(tmp_path, seed_article):
    """Offline is the default: `geomap build` without options writes a page that needs nothing from outside."""
    _require_chromium()
    geomap.build([seed_article], tmp_path / "out")
    with open_page(tmp_path / "out" / "map.html", serve_assets=False) as (page, log):
        assert len(drawn_events(page)) == list_items(page).count() > 0
        assert log.served == []
        _only_tiles_failed(log)


def test_map_with_web_assets_loads_its_scripts_from_the_web(tmp_path, seed_article):
    _require_chromium()
    geomap.build([seed_article], tmp_path / "out", self_contained=False)
    with open_page(tmp_path / "out" / "map.html") as (page, log):
        assert len(drawn_events(page)) == list_items(page).count() > 0
        assert log.served and log.errors == []
        assert all(is_tile(url) for url in log.blocked), log.blocked
