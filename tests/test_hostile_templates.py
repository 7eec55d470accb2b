"""Document text is never evaluated as a template: Jinja2 syntax and script payloads in titles, quotes,
sources, ids and URLs stay literal in map.html, in every export and in the popups, through `build`,
`build --store` and the Python API; no payload creates a file or runs a script in the browser.

folium and branca render each element's output a second time as a Jinja2 template; before the fix a title
`Marker {{ 6*7 }}` came out as "Marker 42" and `{% endif` made the build fail (see geomap/outputs/map.py).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import geomap
from geomap.cli import main
from geomap.outputs.map_data import page_data

SENTINEL = "geomap_template_payload_ran"
PAYLOADS = (
    "{{ 6*7 }}",
    "{% endif",
    "{% endif %}",
    "{# open comment",
    "{%- raw %}",
    "{{ cycler.__init__.__globals__.os.popen('touch " + SENTINEL + "').read() }}",
    "{{ '<script>window.__pwned=1</script>'|safe }}",
    "</script><script>window.__pwned=2</script>",
    "<img src=x onerror=\"window.__pwned=3\">",
)
TITLE = "Marker " + " ".join(PAYLOADS)
URL = "https://example.org/{{ 7*7 }}/{% endif"


def _documents(folder: Path) -> Path:
    """Two documents whose every field carries the payloads, each still giving an event."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i, payload in enumerate(PAYLOADS):
        lines.append(json.dumps({
            "id": f"wire-{i} {payload}", "title": f"{TITLE} {i}", "url": URL, "source": f"{payload} agency",
            "published": "2024-10-27",
            "text": f"Russian drones struck Kyiv on Friday, officials said. \"{payload}\" the {payload} agency "
                    f"reported from Kharkiv, where artillery shelled the city.",
        }))
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "note.md").write_text(
        f"---\ndate: 2024-10-26\ntitle: '{TITLE.replace(chr(39), chr(39) * 2)}'\nurl: {URL}\n---\n"
        "Shelling hit Kharkiv on Thursday {{ 6*7 }} {% endif\n", encoding="utf-8")
    return folder


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _assert_literal_everywhere(out: Path) -> None:
    page = (out / "map.html").read_text(encoding="utf-8")
    assert "Marker 42" not in page and "/49/" not in page
    data = page_data(page)
    strings = _strings(data)
    for payload in PAYLOADS:
        assert any(payload in s for s in strings), f"{payload!r} did not reach the map's data unchanged"
    titles = [title for title, _ in data["documents"].values()]
    assert any(t.startswith(TITLE) for t in titles), titles
    # outside the data block, the page holds no document text at all
    start = page.index('<script type="application/json"')
    outside = page[:start] + page[page.index("</script>", start):]
    assert "6*7" not in outside and "window.__pwned" not in outside
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert any("{{ 6*7 }}" in f["properties"]["quote"] for f in events)
    assert any(f["properties"]["doc_title"].startswith(TITLE) for f in events)
    with (out / "events.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert any("{{ 6*7 }}" in cell for cell in cells) and not any("Marker 42" in c for c in cells)
    kml = (out / "events.kml").read_text(encoding="utf-8")
    assert "{{ 6*7 }}" in kml and "Marker 42" not in kml


@pytest.fixture()
def inside(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a payload that ran would create SENTINEL here
    return tmp_path


def test_python_api_keeps_template_syntax_literal(inside):
    result = geomap.build([_documents(inside / "in")], inside / "out")
    assert result.report.events >= len(PAYLOADS) and not result.report.failures
    _assert_literal_everywhere(inside / "out")
    assert not (inside / SENTINEL).exists()


def test_cli_build_and_store_build_keep_template_syntax_literal(inside):
    source = _documents(inside / "in")
    runner = CliRunner()
    direct = runner.invoke(main, ["build", str(source), "--out", str(inside / "direct"), "--workers", "1"])
    assert direct.exit_code == 0, direct.output
    _assert_literal_everywhere(inside / "direct")
    store = inside / "situation.db"
    ingested = runner.invoke(main, ["ingest", str(source), "--store", str(store), "--workers", "1"])
    assert ingested.exit_code == 0, ingested.output
    for _ in range(2):  # a stored payload must not break later builds either
        built = runner.invoke(main, ["build", "--store", str(store), "--out", str(inside / "stored")])
        assert built.exit_code == 0, built.output
        _assert_literal_everywhere(inside / "stored")
    assert not (inside / SENTINEL).exists()


def test_map_title_option_is_not_a_template(inside):
    geomap.build([_documents(inside / "in")], inside / "out", title="{{ 6*7 }} {% endif")
    page = (inside / "out" / "map.html").read_text(encoding="utf-8")
    assert "&#123;&#123; 6*7 &#125;&#125; &#123;% endif" in page and ">42<" not in page


@pytest.mark.browser
def test_payloads_run_no_script_and_popups_show_them_literally(inside):
    from tests.browser import CHROMIUM, open_page

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    geomap.build([_documents(inside / "in")], inside / "out", self_contained=True, title=TITLE)
    with open_page(inside / "out" / "map.html", serve_assets=False) as (page, log):
        assert log.errors == []
        entries = page.locator(".geomap-list li[data-i]")  # the event list: one entry per event drawn
        count = entries.count()  # reports of one event are merged
        assert count >= 2
        popups = []
        for i in range(count):
            entries.nth(i).click()  # opens the event's popup, as a user does
            popups.append(page.locator(".leaflet-popup-content").last.inner_html())
        shown = page.evaluate("() => document.body.innerText")
        assert page.evaluate("() => window.__pwned") is None
    assert any("{{ 6*7 }}" in p for p in popups) and not any("Marker 42" in p for p in popups)
    assert any("&lt;script&gt;window.__pwned=1&lt;/script&gt;" in p for p in popups)  # shown, escaped
    assert "Marker {{ 6*7 }}" in shown  # the page's title, as text
