"""The map page: text from documents reaches map.html escaped, never as markup or script."""

from __future__ import annotations

import json
import re

import pytest

import geomap
from geomap.render import escape_text

HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(1)> `tick` ${alert(1)} back\\slash </script> "
           "\"dq\" 'sq' &amp;")
HOSTILE_TITLE = "Title <script>alert(2)</script> `t` ${alert(2)}"
HOSTILE_ID = "<b>id</b>`${alert(3)}`"
POPUP = re.compile(r"\$\(`(.*?)`\)\[0\]", re.DOTALL)  # folium puts popup HTML in a JS template literal


@pytest.fixture(scope="module")
def map_html(tmp_path_factory, gaz) -> str:
    root = tmp_path_factory.mktemp("render")
    (root / "in").mkdir()
    (root / "in" / "kyiv.txt").write_text(
        f"date 2024-10-27\n{HOSTILE_TITLE}\n\nDrones struck Kyiv on Friday {HOSTILE}.\n", encoding="utf-8")
    (root / "in" / "wire.jsonl").write_text(
        json.dumps({"id": HOSTILE_ID, "title": "<script>alert(4)</script>",
                    "text": "Artillery shelled Kharkiv. <img src=y onerror=alert(5)>"}) + "\n", encoding="utf-8")
    result = geomap.build([root / "in"], root / "out")
    assert result.report.events == 2, "the hostile documents must each give an event, or nothing reaches a popup"
    return (root / "out" / "map.html").read_text(encoding="utf-8")


def popups(page: str) -> list[str]:
    found = [p for p in POPUP.findall(page) if "geomap-popup" in p]
    assert found, "no event popup found in map.html"
    return found


# --- map.html -------------------------------------------------------------------------------------


def test_script_tags_from_documents_are_escaped(map_html):
    assert "<script>alert" not in map_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in map_html
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in map_html


def test_closing_script_tag_from_a_document_does_not_end_a_script_block(map_html):
    assert map_html.count("</script>") == map_html.count("<script")


def test_event_handler_markup_from_documents_is_escaped(map_html):
    assert "<img src=x onerror=alert(1)>" not in map_html
    assert "<img src=y onerror=alert(5)>" not in map_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in map_html


def test_template_literal_substitution_from_documents_is_escaped(map_html):
    assert "${alert" not in map_html
    assert "&#36;{alert(1)}" in map_html


def test_popup_content_has_no_raw_backtick_dollar_brace_or_backslash(map_html):
    for popup in popups(map_html):
        assert "`" not in popup
        assert "${" not in popup
        assert "\\" not in popup
    assert "&#96;tick&#96;" in map_html
    assert "back&#92;slash" in map_html


def test_quotes_from_documents_are_escaped(map_html):
    assert "&quot;dq&quot; &#x27;sq&#x27;" in map_html


def test_document_text_is_escaped_once_so_entities_show_literally(map_html):
    assert "&amp;amp;" in map_html  # the document's own "&amp;" is shown as typed
    assert "&amp;lt;" not in map_html  # but markup is not escaped twice


def test_popup_names_the_source_title_and_hostile_id_escaped(map_html):
    assert "Source: Title &lt;script&gt;alert(2)&lt;/script&gt; &#96;t&#96; &#36;{alert(2)} (kyiv)" in map_html
    assert "(&lt;b&gt;id&lt;/b&gt;&#96;&#36;{alert(3)}&#96;)" in map_html


# --- escape_text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("Tom & Jerry", "Tom &amp; Jerry"),
    ("&lt;", "&amp;lt;"),
    ("say \"hi\" and 'bye'", "say &quot;hi&quot; and &#x27;bye&#x27;"),
    ("`x`", "&#96;x&#96;"),
    ("${alert(1)}", "&#36;{alert(1)}"),
    ("a\\b", "a&#92;b"),
    ("Kyiv, Ukraine", "Kyiv, Ukraine"),
    ("Київ — Харків", "Київ — Харків"),
])
def test_escape_text(text, expected):
    assert escape_text(text) == expected


def test_escape_text_accepts_non_strings():
    assert escape_text(42) == "42"
    assert escape_text(None) == "None"
