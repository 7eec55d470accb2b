"""The map's data block: everything that came from documents (the features of every layer, the table of
document titles and links), as one `<script type="application/json">` element of the page.

The page is rendered by folium with `DATA_MARKER` where the block goes (see geomap.outputs.map: no document
text passes through a template engine); the block replaces it afterwards. It is JSON with `<`, `>` and `&`
written as Unicode escapes, so the HTML parser cannot end it early; the page's script parses it with
`JSON.parse`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

_JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
DATA_MARKER = "<!--geomap-data-->"  # replaced by the data block after rendering; no escaped text contains it
DATA_ELEMENT_ID = "geomap-data"


def data_block_chunks(data: object) -> Iterator[str]:
    """`data` as a JSON script element that no string inside it can end or turn into markup, in pieces: a
    large build's data is never one string in memory.

    The outer containers (the layers, each layer's collection, its list of features) are written here and
    every value below them by `json.dumps`, with the same separators and key order as one `json.dumps`."""
    yield f'<script type="application/json" id="{DATA_ELEMENT_ID}">'
    for piece in _json_pieces(data, _STREAMED_LEVELS):
        yield piece.translate(_JSON_IN_HTML)
    yield "</script>"


_STREAMED_LEVELS = 4  # data -> layers -> layer -> collection -> features: each feature is one json.dumps


def _json_pieces(value: object, levels: int) -> Iterator[str]:
    if levels and isinstance(value, dict) and value:
        for i, key in enumerate(sorted(value)):
            yield ("{" if i == 0 else ",") + _dumps(key) + ":"
            yield from _json_pieces(value[key], levels - 1)
        yield "}"
    elif levels and isinstance(value, list | tuple) and value:
        for i, item in enumerate(value):
            yield "[" if i == 0 else ","
            yield from _json_pieces(item, levels - 1)
        yield "]"
    else:
        yield _dumps(value)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def page_data(page: str) -> dict:
    """The data block of a written page: {"layers": [{"layer", "data", ...}], "documents": {...}} (for tests)."""
    start = page.index(f'<script type="application/json" id="{DATA_ELEMENT_ID}">')
    start = page.index(">", start) + 1
    return json.loads(page[start:page.index("</script>", start)])
