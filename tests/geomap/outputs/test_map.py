"""The map page as written: document text travels only as data (escaped for a script element), the
self-contained page loads nothing from outside, the layers carry what the popups need, and identical input
gives identical HTML. The browser tests (tests/test_map_browser.py) check what the page does with it."""

from __future__ import annotations

import json
import re

import pytest

import geomap
from geomap.outputs.map import escape_text, page_config
from geomap.outputs.map_assets import external_urls
from geomap.outputs.map_data import page_data

HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(1)> `tick` ${alert(1)} back\\slash </script> "
           "\"dq\" 'sq' &amp;")
HOSTILE_TITLE = "Title <script>alert(2)</script> `t` ${alert(2)}"
HOSTILE_ID = "<b>id</b>`${alert(3)}`"
DATA = re.compile(r'<script type="application/json" id="geomap-data">.*?</script>', re.DOTALL)


@pytest.fixture(scope="module")
def built(tmp_path_factory, gaz):
    root = tmp_path_factory.mktemp("render")
    (root / "in").mkdir()
    (root / "in" / "kyiv.txt").write_text(
        f"date 2024-10-27\n{HOSTILE_TITLE}\n\nDrones struck Kyiv on Friday {HOSTILE}.\n", encoding="utf-8")
    (root / "in" / "wire.jsonl").write_text(
        json.dumps({"id": HOSTILE_ID, "title": "<script>alert(4)</script>",
                    "text": "Artillery shelled Kharkiv. <img src=y onerror=alert(5)>"}) + "\n", encoding="utf-8")
    result = geomap.build([root / "in"], root / "out", title=HOSTILE_TITLE)
    assert result.report.events == 2, "the hostile documents must each give an event, or nothing reaches a popup"
    page = (root / "out" / "map.html").read_text(encoding="utf-8")
    geomap.build([root / "in"], root / "again", title=HOSTILE_TITLE)
    geomap.build([root / "in"], root / "web", title=HOSTILE_TITLE, self_contained=False)
    return root, page


def layer_features(page: str) -> list[dict]:
    return [f for layer in page_data(page)["layers"] for f in layer["data"]["features"]]


def event_properties(page: str) -> list[dict]:
    found = [f["properties"] for f in layer_features(page) if "quote" in f["properties"]]
    assert found, "no event feature in map.html"
    return found


def test_no_markup_from_documents_reaches_the_page_as_markup(built):
    _, page = built
    for raw in ("<script>alert", "<img src=x", "<img src=y", "<b>id</b>"):
        assert raw not in page
    outside_data = re.sub(r"geomap\.init\(\{.*?\}\);", "", DATA.sub("", page), flags=re.DOTALL)
    assert "${alert" not in outside_data and "`tick`" not in outside_data  # only inside JSON strings
    assert page.count("</script>") == page.count("<script")  # no document closed a script element


def test_document_text_travels_as_data_unchanged(built):
    _, page = built
    quotes = [p["quote"] for p in event_properties(page)]
    assert any(HOSTILE in q for q in quotes), quotes  # the page's script escapes it when showing it
    ids = {d for p in event_properties(page) for d in p["docs"]}
    titles = {title for title, _ in page_data(page)["documents"].values()}
    assert HOSTILE_ID in ids and "<script>alert(4)</script>" in titles
    assert "\\u003cscript\\u003ealert(1)" in page  # embedded with < written as an escape


def test_title_is_escaped_where_python_writes_it(built):
    _, page = built
    assert "Title &lt;script&gt;alert(2)&lt;/script&gt; &#96;t&#96; &#36;&#123;alert(2)&#125;" in page


def test_event_features_carry_what_popups_show(built):
    _, page = built
    kyiv = next(p for p in event_properties(page) if p["pl"] == "Kyiv")
    assert kyiv["t"] == "explosions_remote_violence" and kyiv["st"] == "air drone strike"
    assert kyiv["d0"] == "2024-10-25" and kyiv["p"] == 1 and kyiv["hl"] == ["Kyiv"]
    config = page_config(page)
    assert config["first"] <= config["last"] and len(config["layers"]) == 1  # one event type used


def test_identical_input_gives_identical_html(built):
    root, page = built
    assert (root / "again" / "map.html").read_text(encoding="utf-8") == page


def test_the_default_page_loads_nothing_from_outside(built):
    root, page = built  # a build with no options: self-contained
    assert external_urls(page) == []
    assert "L.version" in page or "Leaflet" in page
    web = (root / "web" / "map.html").read_text(encoding="utf-8")  # --web-assets
    urls = external_urls(web)
    assert urls and all("bootstrap" not in u and "awesome" not in u for u in urls)  # unused assets are dropped


def test_seed_article_map_has_regions_and_movement_arrows(tmp_path, seed_article):
    geomap.build([seed_article], tmp_path)
    features = layer_features((tmp_path / "map.html").read_text(encoding="utf-8"))
    regions = {(f["properties"]["name"], f["properties"]["p"]) for f in features
               if f["geometry"]["type"] in ("Polygon", "MultiPolygon") and "p" in f["properties"]
               and "iso2" not in f["properties"]}
    assert ("Kursk", 4) in regions and ("eastern Russia", 5) in regions
    arrows = [f for f in features if f["geometry"]["type"] == "MultiLineString"]
    assert any(f["properties"]["from"] == "North Korea" and f["properties"]["pl"] == "eastern Russia"
               for f in arrows)


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("Tom & Jerry", "Tom &amp; Jerry"),
    ("&lt;", "&amp;lt;"),
    ("say \"hi\" and 'bye'", "say &quot;hi&quot; and &#x27;bye&#x27;"),
    ("`x`", "&#96;x&#96;"),
    ("${alert(1)}", "&#36;&#123;alert(1)&#125;"),
    ("{{ 6*7 }} {% if %} {# c #}", "&#123;&#123; 6*7 &#125;&#125; &#123;% if %&#125; &#123;# c #&#125;"),
    ("a\\b", "a&#92;b"),
    ("Київ — Харків", "Київ — Харків"),
])
def test_escape_text(text, expected):
    assert escape_text(text) == expected


def test_popups_name_each_precision_on_ucdps_scale(built):
    from geomap.records import WherePrecision

    _, page = built
    assert page_config(page)["precision"] == {str(int(p)): p.label for p in WherePrecision}
    assert page_config(page)["precision"]["4"] == "a province or oblast"
