"""The map in a real browser: Debian's Chromium, network closed, Leaflet served from an installed package."""

import pytest

import geomap
from tests.browser import CHROMIUM, open_page

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>`${window.__pwned=3}`\\"


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory, seed_article):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (or: apt-get install chromium)")
    out = tmp_path_factory.mktemp("map")
    result = geomap.build([seed_article], out)
    return out, result


def _markers(page):
    return page.evaluate("""() => Object.keys(window).filter(k => k.startsWith('circle_marker_'))
        .map(k => ({name: k, html: window[k].getPopup() ? window[k].getPopup().getContent().innerHTML : ''}))""")


def test_map_shows_layers_markers_and_popups(seed_map):
    out, result = seed_map
    with open_page(out / "map.html") as (page, log):
        overlays = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        overlays = [o.strip() for o in overlays]
        assert "places mentioned" in overlays and "country outlines" in overlays
        assert "Explosions/Remote violence" in overlays and "Strategic developments" in overlays

        markers = _markers(page)
        assert len(markers) == result.event_features + result.places
        drawn = page.locator("path.leaflet-interactive").count()
        assert drawn >= len(markers)

        kyiv = next(m for m in markers if "Kyiv" in m["html"] and "Explosions" in m["html"])
        page.evaluate(f"() => window['{kyiv['name']}'].openPopup()")
        popup = page.locator(".leaflet-popup-content").inner_text()
        assert "drone strike" in popup and "2024-10-25" in popup and "Kyiv" in popup
        page.screenshot(path=str(out / "map.png"))
        assert log.errors == []


def test_hostile_document_text_shows_as_text_and_runs_nothing(tmp_path):
    doc = tmp_path / "hostile.txt"
    doc.write_text(f"date 2024-10-27\nDrones struck Kyiv on Friday {HOSTILE} and more.\n", encoding="utf-8")
    geomap.build([doc], tmp_path / "out")
    with open_page(tmp_path / "out" / "map.html") as (page, log):
        texts = []
        for marker in _markers(page):
            page.evaluate(f"() => window['{marker['name']}'].openPopup()")
            texts.append(page.locator(".leaflet-popup-content").inner_text())
        assert page.evaluate("() => window.__pwned === undefined")
        assert any(HOSTILE in t for t in texts), texts
        assert log.errors == []
