""".json files (one document object, or a list of them) and the nesting bound on every JSON text.

`json.loads` recurses once per level and raises RecursionError near a thousand, so a text nested deeper
than max_json_depth is refused before it is parsed (`json_too_deep`, for .jsonl lines too).
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterator
from itertools import accumulate

from geomap.errors import InputError
from geomap.limits import current, over_limit
from geomap.records import Document, Failure
from geomap.text.decoding import decode

# A JSON string, or an unterminated one up to the end: matched from its first quote only, so the scan is
# linear even for a run of escaped quotes.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_JSON_BRACKETS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes
_NOT_JSON_BRACKETS = bytes(b for b in range(256) if b not in b"[{]}")


def json_depth(data: bytes | str) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), found without recursion: `json.loads`
    recurses once per level and raises RecursionError near a thousand."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    steps = array("b", _JSON_STRING.sub(b"", raw).translate(_JSON_BRACKETS, _NOT_JSON_BRACKETS))
    return max(accumulate(steps), default=0)


def json_too_deep(data: bytes | str, limit: int) -> str | None:
    """The reason a JSON text nests deeper than `limit` (max_json_depth), or None when it does not."""
    depth = json_depth(data)
    if depth <= limit:
        return None
    return over_limit("max_json_depth", f"JSON nested {depth:,} levels deep", "give flat objects")


def json_documents(data: bytes, name: str, document_from_json) -> Iterator[Document | Failure]:
    """A .json file: one document object, or a list of them (each like a JSONL line)."""
    try:
        text = decode(data, name)
    except InputError as exc:
        yield Failure(exc.file, exc.line, exc.reason)
        return
    too_deep = json_too_deep(text, current().max_json_depth)
    if too_deep:
        yield Failure(name, None, too_deep)
        return
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(name, exc.lineno, f"invalid JSON ({exc.msg} at column {exc.colno})")
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records, start=1):
        try:
            yield document_from_json(record, name, None, item=index if isinstance(parsed, list) else None)
        except InputError as exc:
            yield Failure(exc.file, exc.line, exc.reason)
